"""One state machine per ticket kind, as declarative tables.

A row says: this *action* is allowed when the ticket is in one of these statuses, and
leaves it in that status (or where it was).  The rules a status alone cannot express
(closing needs the customer's confirmation, a change is approved only with a complete
plan, a complaint is never handled by a person it is about…) are rules of the rule book
(``itsmctl.rules``); a row names the ones its action is most likely to break, for the
docs.  The same tables are read twice, by one interpreter: a verb asks ``Lifecycle.check``
whether its action is allowed now, and ``validate`` asks ``Lifecycle.step_allowed``
whether each event of a log follows them (``itsmctl.rules.eventlog``).

``docs/lifecycles.md`` shows these tables rendered by ``render_markdown``; a test keeps
the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsmctl.errors import TransitionError

ANY = "*"
"""Matches every status, final ones included (notes and links are always welcome)."""

EVENT_OF_ACTION: dict[str, str] = {
    "assign": "assigned",
    "respond": "responded",
    "onsite": "onsite",
    "part-arrived": "part_arrived",
    "recovered": "recovered",
    "guide": "guided",
    "confirm-execution": "execution_confirmed",
    "report-exception": "exception",
    "inform-manager": "manager_informed",
    "repair-send": "repair_sent",
    "repair-progress": "repair_progress",
    "repair-return": "repair_returned",
    "loaner-issue": "loaner_issued",
    "loaner-return": "loaner_returned",
    "resolve": "resolved",
    "confirm": "confirmed",
    "close": "closed",
    "reopen": "reopened",
    "note": "note",
    "explain": "explained",
    "link": "linked",
    "assess": "assessed",
    "approve": "approved",
    "schedule": "scheduled",
    "trial": "trial",
    "review": "reviewed",
    "rollback": "rolled_back",
}
"""The event an action records; every other action (start, pend, resume, implement,
known-error, plan) records a ``status`` event or a note."""

ACTION_OF_EVENT: dict[str, str] = {event: action for action, event in EVENT_OF_ACTION.items()}

UNRESTRICTED_EVENTS = frozenset({"note", "linked", "priority", "escalated", "status"})
"""Events that are not one action's record: any status may carry them (a ``status`` event
is checked by the status change it makes)."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None = None
    """The status after the action; None keeps the current one."""
    rules: tuple[str, ...] = ()
    """Codes of the rule-book rules this action must not break (shown in the docs)."""
    variant: str | None = None
    """For actions with a choice of target (``pend --on vendor``)."""

    def applies(self, status: str) -> bool:
        return ANY in self.sources or status in self.sources

    @property
    def event(self) -> str:
        """The event type that records this action's status change."""
        return EVENT_OF_ACTION.get(self.action, "status")


@dataclass(frozen=True)
class Lifecycle:
    name: str
    kinds: tuple[str, ...]
    transitions: tuple[Transition, ...]
    always: tuple[str, ...] = ()
    """Codes of rules every action of this lifecycle is held to (complaint independence)."""

    def actions(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.transitions))

    def allowed_now(self, status: str) -> list[str]:
        """Action names allowed from ``status``."""
        return list(dict.fromkeys(t.action for t in self.transitions if t.applies(status)))

    def find(self, status: str, action: str, variant: str | None = None) -> Transition | None:
        for transition in self.transitions:
            if transition.action == action and transition.variant == variant and transition.applies(status):
                return transition
        return None

    def check(self, ticket_id: str, status: str, action: str, variant: str | None = None) -> Transition:
        """The transition for ``action`` from ``status``, or TransitionError saying what is allowed now."""
        allowed = ", ".join(self.allowed_now(status)) or "none (final status)"
        if action not in self.actions():
            raise TransitionError(
                f"'{action}' does not apply to a {self.name}; actions of a {self.name}: {', '.join(self.actions())}"
            )
        transition = self.find(status, action, variant)
        if transition is None:
            variants = [t.variant for t in self.transitions if t.action == action and t.variant]
            if variant is not None and variant not in variants:
                raise TransitionError(f"'{action} {variant}' is unknown; choose one of: {', '.join(variants)}")
            raise TransitionError(f"{ticket_id} is {status}: '{action}' is not allowed now. Allowed now: {allowed}")
        return transition

    def step_allowed(self, before: str, after: str, event_type: str) -> bool:
        """Whether one logged event, moving ``before`` to ``after``, follows the table.

        A status change needs a row from ``before`` to ``after`` whose action records this
        event type; an event that is one action's record (``confirmed``, ``responded``…)
        needs that action to be allowed from ``before``.
        """
        if before != after:
            return any(t.target == after and t.applies(before) and t.event == event_type for t in self.transitions)
        if event_type in UNRESTRICTED_EVENTS:
            return True
        action = ACTION_OF_EVENT.get(event_type)
        return action is not None and any(
            t.action == action and t.applies(before) and t.target in (None, before) for t in self.transitions
        )


# --- the tables ------------------------------------------------------------------------

_OPEN = ("new", "assigned", "in_progress", "pending_customer", "pending_vendor", "pending_change")
_WORKING = _OPEN[1:]
_PENDING = _OPEN[3:]

SUPPORT = Lifecycle(
    "incident/request",
    ("incident", "request"),
    (
        Transition("assign", ("new",), "assigned", ("assignee-role",)),
        Transition("assign", _WORKING, rules=("assignee-role",)),
        Transition("start", ("new", "assigned"), "in_progress"),
        Transition("respond", _OPEN),
        Transition("pend", ("assigned", "in_progress"), "pending_customer", variant="customer"),
        Transition("pend", ("assigned", "in_progress"), "pending_vendor", variant="vendor"),
        Transition("pend", ("assigned", "in_progress"), "pending_change", variant="change"),
        Transition("resume", _PENDING, "in_progress"),
        Transition("onsite", _OPEN),
        Transition("part-arrived", _OPEN),
        Transition("recovered", _OPEN),
        Transition("guide", _OPEN),
        Transition("confirm-execution", _OPEN),
        Transition("report-exception", _OPEN, rules=("exception-manager",)),
        Transition("inform-manager", (*_OPEN, "resolved"), rules=("exception-manager",)),
        Transition("repair-send", _OPEN, rules=("vendor-repair",)),
        Transition("repair-progress", _OPEN, rules=("vendor-repair",)),
        Transition("repair-return", _OPEN, rules=("vendor-repair",)),
        Transition("loaner-issue", _OPEN, rules=("vendor-repair",)),
        Transition("loaner-return", (*_OPEN, "resolved"), rules=("vendor-repair",)),
        Transition("resolve", _OPEN, "resolved"),
        Transition("confirm", ("resolved",), rules=("confirmation-contact", "tacit-confirmation")),
        Transition("close", ("resolved",), "closed", ("confirmation", "resolution")),
        Transition("reopen", ("resolved",), "in_progress"),
        Transition("reopen", ("closed",), "in_progress", ("reopen-window",)),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
        Transition("explain", (ANY,), rules=("explanation-author",)),
    ),
)

PROBLEM = Lifecycle(
    "problem",
    ("problem",),
    (
        Transition("assign", ("new", "investigating", "known_error")),
        Transition("start", ("new",), "investigating"),
        Transition("known-error", ("investigating",), "known_error", ("known-error",)),
        Transition("resolve", ("investigating", "known_error"), "resolved"),
        Transition("close", ("resolved",), "closed", ("resolution",)),
        Transition("reopen", ("resolved",), "investigating"),
        Transition("reopen", ("closed",), "investigating", ("reopen-window",)),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
)

CHANGE = Lifecycle(
    "change",
    ("change",),
    (
        Transition("plan", ("draft", "assessed")),
        Transition("assign", ("draft", "assessed", "approved", "scheduled", "implementing", "trial_run")),
        Transition("assess", ("draft", "assessed"), "assessed"),
        Transition("approve", ("assessed",), "approved", ("change-plan", "change-approval")),
        Transition("schedule", ("approved", "scheduled"), "scheduled"),
        Transition("implement", ("scheduled",), "implementing", ("change-window", "change-reviews")),
        Transition("trial", ("implementing",), "trial_run"),
        Transition("review", ("trial_run",), "reviewed", ("change-trial",)),
        Transition("close", ("reviewed",), "closed", ("change-trial",)),
        Transition("rollback", ("implementing", "trial_run", "reviewed"), "rolled_back"),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
)

COMPLAINT = Lifecycle(
    "complaint",
    ("complaint",),
    (
        Transition("assign", ("new", "investigating"), None, ("complaint",)),
        Transition("start", ("new",), "investigating", ("complaint",)),
        Transition("respond", ("new", "investigating")),
        Transition("resolve", ("investigating",), "resolved"),
        Transition("confirm", ("resolved",), rules=("confirmation-contact", "tacit-confirmation")),
        Transition("close", ("resolved",), "closed", ("resolution",)),
        Transition("reopen", ("resolved",), "investigating"),
        Transition("reopen", ("closed",), "investigating", ("reopen-window",)),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
    always=("complaint",),
)

LIFECYCLES: tuple[Lifecycle, ...] = (SUPPORT, PROBLEM, CHANGE, COMPLAINT)
LIFECYCLE_BY_KIND: dict[str, Lifecycle] = {kind: lc for lc in LIFECYCLES for kind in lc.kinds}


def render_markdown(lifecycle: Lifecycle, summaries: dict[str, str]) -> str:
    """The table as docs/lifecycles.md shows it: action, from, to, and the rules (by code) it is held to."""
    lines = ["| action | from | to | rule |", "|---|---|---|---|"]
    for t in lifecycle.transitions:
        action = f"{t.action} {t.variant}" if t.variant else t.action
        sources = "any" if ANY in t.sources else ", ".join(t.sources)
        rule = "; ".join(f"{summaries[code]} (`{code}`)" for code in t.rules)
        lines.append(f"| `{action}` | {sources} | {t.target or '(unchanged)'} | {rule} |")
    for code in lifecycle.always:
        lines.append(f"\nEvery action: {summaries[code]} (`{code}`)")
    return "\n".join(lines) + "\n"
