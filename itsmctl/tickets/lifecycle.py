"""One state machine per ticket kind, as declarative tables.

A row says: this *action* is allowed when the ticket is in one of these statuses, and
leaves it in that status (or where it was).  Guards are the rules a status alone cannot
express: closing an incident needs the customer's confirmation after the last resolve,
a closed ticket may be reopened only within the policy's window, a change is approved
only with a complete plan, and a complaint is never handled by a person it is about.

``docs/lifecycles.md`` shows these tables rendered by ``render_markdown``; a test keeps
the two equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from itsmctl.errors import TransitionError
from itsmctl.models import Change, Complaint, Policy, TicketBase
from itsmctl.tickets.reopen import reopen_deadline

if TYPE_CHECKING:
    from itsmctl.calendar.business import BusinessCalendar

ANY = "*"
"""Matches every status, final ones included (notes and links are always welcome)."""


@dataclass(frozen=True)
class GuardInput:
    """What a guard may look at: the ticket before the action, the action's options."""

    ticket: TicketBase
    now: datetime
    policy: Policy
    params: Mapping[str, Any] = field(default_factory=dict)
    actor: str | None = None
    calendar: BusinessCalendar | None = None
    """The ticket's business calendar, when a guard counts business days (``reopen_window: 5bd``)."""


Guard = Callable[[GuardInput], "str | None"]
"""Returns why the action is refused, or None when it may go ahead."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None = None
    """The status after the action; None keeps the current one."""
    guards: tuple[Guard, ...] = ()
    variant: str | None = None
    """For actions with a choice of target (``pend --on vendor``)."""

    def applies(self, status: str) -> bool:
        return ANY in self.sources or status in self.sources


@dataclass(frozen=True)
class Lifecycle:
    name: str
    kinds: tuple[str, ...]
    transitions: tuple[Transition, ...]
    always: tuple[Guard, ...] = ()
    """Guards every action of this lifecycle passes, whatever the status (complaint independence)."""

    def actions(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.transitions))

    def allowed_now(self, status: str) -> list[str]:
        """Action names allowed from ``status`` (guards not evaluated)."""
        return list(dict.fromkeys(t.action for t in self.transitions if t.applies(status)))

    def find(self, status: str, action: str, variant: str | None = None) -> Transition | None:
        for transition in self.transitions:
            if transition.action == action and transition.variant == variant and transition.applies(status):
                return transition
        return None

    def check(self, inp: GuardInput, action: str, variant: str | None = None) -> Transition:
        """The transition for ``action`` now, or TransitionError saying what is allowed."""
        ticket = inp.ticket
        allowed = ", ".join(self.allowed_now(ticket.status)) or "none (final status)"
        if action not in self.actions():
            raise TransitionError(
                f"'{action}' does not apply to a {self.name}; actions of a {self.name}: {', '.join(self.actions())}"
            )
        transition = self.find(ticket.status, action, variant)
        if transition is None:
            variants = [t.variant for t in self.transitions if t.action == action and t.variant]
            if variant is not None and variant not in variants:
                raise TransitionError(f"'{action} {variant}' is unknown; choose one of: {', '.join(variants)}")
            raise TransitionError(
                f"{ticket.id} is {ticket.status}: '{action}' is not allowed now. Allowed now: {allowed}"
            )
        for guard in (*self.always, *transition.guards):
            reason = guard(inp)
            if reason:
                others = ", ".join(a for a in self.allowed_now(ticket.status) if a != action)
                raise TransitionError(f"cannot {action} {ticket.id}: {reason}. Allowed now: {others or 'nothing else'}")
        return transition


# --- guards ----------------------------------------------------------------------------


def customer_confirmed(inp: GuardInput) -> str | None:
    """An incident or request closes only after the customer agreed (客户同意结束)."""
    events = inp.ticket.events
    last_resolved = max((i for i, e in enumerate(events) if e.type == "resolved"), default=-1)
    if any(e.type == "confirmed" for e in events[last_resolved + 1 :]):
        return None
    return (
        "the customer's confirmation (客户同意结束) is not recorded after the last resolve; "
        f"record it first: itsmctl ticket confirm {inp.ticket.id} --contact PERSON --method phone"
    )


def within_reopen_window(inp: GuardInput) -> str | None:
    """A closed ticket may be reopened only within the policy's reopen_window (`bd`: on the ticket's calendar)."""
    closed = [e.at for e in inp.ticket.events if e.type == "closed"]
    if not closed:
        return None
    window = inp.policy.reopen_window
    limit = reopen_deadline(closed[-1], window, inp.calendar)
    if limit is None:
        return (
            f"the reopen window is {window} (business days) but no business calendar is known for "
            f"{inp.ticket.id}: pin its SLA (sla:), keep exactly one calendar in calendars/, "
            "or give reopen_window in days (e.g. 7d)"
        )
    within = inp.now < limit if window.business_days else inp.now <= limit  # bd: up to the end of the day
    if within:
        return None
    return f"it was closed at {closed[-1].isoformat()}, more than the reopen window ({window}) ago; open a new ticket"


def plan_complete(inp: GuardInput) -> str | None:
    """A change is approved only with goal, content, steps, people, budget, schedule, risk and rollback plans."""
    assert isinstance(inp.ticket, Change)
    missing = inp.ticket.plan.missing()
    if not missing:
        return None
    return (
        f"the change plan is incomplete, missing: {', '.join(missing)}; "
        f"fill it in with itsmctl ticket plan {inp.ticket.id} …"
    )


def within_change_window(inp: GuardInput) -> str | None:
    """Not before the start of the last scheduled window (emergency changes too: schedule a window starting now)."""
    window = next((e for e in reversed(inp.ticket.events) if e.type == "scheduled"), None)
    if window is None or inp.now >= window.start:
        return None
    start, end = window.start, window.end
    return (
        f"the approved window is {start.isoformat()} – {end.isoformat()} and it is now {inp.now.isoformat()}; "
        "implementing outside the approved window is not allowed. To implement earlier, reschedule first "
        f"(itsmctl ticket schedule {inp.ticket.id} --start … --end …)"
    )


def _named(inp: GuardInput, person: str | None) -> str | None:
    assert isinstance(inp.ticket, Complaint)
    return person if person and person in inp.ticket.about else None


def actor_not_complained_about(inp: GuardInput) -> str | None:
    """Nobody a complaint is about acts on it (投诉独立处理): every action needs another --by."""
    actor = _named(inp, inp.actor)
    if actor:
        about = ", ".join(inp.ticket.about)  # type: ignore[attr-defined]
        return (
            f"{actor} is named in the complaint (about: {about}); a complaint is handled independently, "
            "so someone it is not about must do this (--by)"
        )
    return None


def handler_not_complained_about(inp: GuardInput) -> str | None:
    """A complaint is assigned to and handled by someone other than the people it is about."""
    handler = _named(inp, inp.params.get("to")) or _named(inp, inp.ticket.assignee)
    if handler:
        about = ", ".join(inp.ticket.about)  # type: ignore[attr-defined]
        return f"{handler} is named in the complaint (about: {about}); choose another handler"
    return None


# --- the tables ------------------------------------------------------------------------

_OPEN = ("new", "assigned", "in_progress", "pending_customer", "pending_vendor", "pending_change")
_WORKING = _OPEN[1:]
_PENDING = _OPEN[3:]

SUPPORT = Lifecycle(
    "incident/request",
    ("incident", "request"),
    (
        Transition("assign", ("new",), "assigned"),
        Transition("assign", _WORKING),
        Transition("start", ("new", "assigned"), "in_progress"),
        Transition("respond", _OPEN),
        Transition("pend", ("assigned", "in_progress"), "pending_customer", variant="customer"),
        Transition("pend", ("assigned", "in_progress"), "pending_vendor", variant="vendor"),
        Transition("pend", ("assigned", "in_progress"), "pending_change", variant="change"),
        Transition("resume", _PENDING, "in_progress"),
        Transition("onsite", _OPEN),
        Transition("part-arrived", _OPEN),
        Transition("recovered", _OPEN),
        Transition("resolve", _OPEN, "resolved"),
        Transition("confirm", ("resolved",)),
        Transition("close", ("resolved",), "closed", (customer_confirmed,)),
        Transition("reopen", ("resolved",), "in_progress"),
        Transition("reopen", ("closed",), "in_progress", (within_reopen_window,)),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
)

PROBLEM = Lifecycle(
    "problem",
    ("problem",),
    (
        Transition("assign", ("new", "investigating", "known_error")),
        Transition("start", ("new",), "investigating"),
        Transition("known-error", ("investigating",), "known_error"),
        Transition("resolve", ("investigating", "known_error"), "resolved"),
        Transition("close", ("resolved",), "closed"),
        Transition("reopen", ("resolved",), "investigating"),
        Transition("reopen", ("closed",), "investigating", (within_reopen_window,)),
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
        Transition("assess", ("draft",), "assessed"),
        Transition("approve", ("assessed",), "approved", (plan_complete,)),
        Transition("schedule", ("approved", "scheduled"), "scheduled"),
        Transition("implement", ("scheduled",), "implementing", (within_change_window,)),
        Transition("trial", ("implementing",), "trial_run"),
        Transition("review", ("trial_run",), "reviewed"),
        Transition("close", ("reviewed",), "closed"),
        Transition("rollback", ("implementing", "trial_run", "reviewed"), "rolled_back"),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
)

COMPLAINT = Lifecycle(
    "complaint",
    ("complaint",),
    (
        Transition("assign", ("new", "investigating"), None, (handler_not_complained_about,)),
        Transition("start", ("new",), "investigating", (handler_not_complained_about,)),
        Transition("respond", ("new", "investigating")),
        Transition("resolve", ("investigating",), "resolved"),
        Transition("confirm", ("resolved",)),
        Transition("close", ("resolved",), "closed"),
        Transition("reopen", ("resolved",), "investigating"),
        Transition("reopen", ("closed",), "investigating", (within_reopen_window,)),
        Transition("note", (ANY,)),
        Transition("link", (ANY,)),
    ),
    always=(actor_not_complained_about,),
)

LIFECYCLES: tuple[Lifecycle, ...] = (SUPPORT, PROBLEM, CHANGE, COMPLAINT)
LIFECYCLE_BY_KIND: dict[str, Lifecycle] = {kind: lc for lc in LIFECYCLES for kind in lc.kinds}


def render_markdown(lifecycle: Lifecycle) -> str:
    """The table as docs/lifecycles.md shows it: action, from, to, rule."""
    lines = ["| action | from | to | rule |", "|---|---|---|---|"]
    for t in lifecycle.transitions:
        action = f"{t.action} {t.variant}" if t.variant else t.action
        sources = "any" if ANY in t.sources else ", ".join(t.sources)
        rule = "; ".join((g.__doc__ or g.__name__).strip() for g in t.guards)
        lines.append(f"| `{action}` | {sources} | {t.target or '(unchanged)'} | {rule} |")
    for guard in lifecycle.always:
        lines.append(f"\nEvery action: {(guard.__doc__ or guard.__name__).strip()}")
    return "\n".join(lines) + "\n"
