"""From clock rows to the escalations to record now: ticket, rung, priority, recipients.

Pure: the same snapshot and rows give the same plan.  ``run`` writes it; ``--dry-run``
only prints it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from itsmctl.escalation.ladder import ClockRow, EscalationLadder, Rung, recorded_rungs
from itsmctl.escalation.recipients import Directory, resolve_recipients
from itsmctl.models.eventlog import is_open
from itsmctl.models.events import Escalated, EscalationAction, EventBase, PriorityChanged
from itsmctl.models.policy import Policy
from itsmctl.models.sla import ServiceLevelAgreement
from itsmctl.models.tickets import TicketBase
from itsmctl.notify.notice import Recipient

NOTIFY_ACTIONS = frozenset({"notify_assignee", "notify_group", "notify_manager", "notify_expert", "notify_customer"})


@dataclass(frozen=True)
class Escalation:
    """One rung to record on one ticket, with its consequences worked out."""

    ticket: TicketBase
    rung: Rung
    recipients: tuple[Recipient, ...]
    priority_before: str
    priority_after: str
    actions: tuple[EscalationAction, ...] = ()
    """What this rung does: the step's actions, less a raise its level already made."""

    @property
    def level(self) -> int:
        return self.rung.level

    @property
    def target(self) -> str:
        return self.rung.target

    @property
    def raises_priority(self) -> bool:
        return self.priority_after != self.priority_before


def raised(priority: str, policy: Policy | None) -> str:
    """One level up in the policy's order (highest first); the top level stays put.

    A priority the policy does not know is left as it is (``validate`` reports it).
    """
    if policy is None:
        return priority
    order = [lv.id for lv in policy.priority.levels]
    if priority not in order:
        return priority
    return order[max(order.index(priority) - 1, 0)]


def raised_levels(events: Iterable[EventBase]) -> set[int]:
    """Levels whose rung already raised this ticket's priority (on any target).

    The raise is the ticket's escalation, not a clock's: when two clocks reach level 3
    together, the priority goes up one level, not two.  Notifications stay per clock.
    """
    return {e.level for e in events if isinstance(e, Escalated) and "raise_priority" in e.actions}


Reevaluate = Callable[[TicketBase], Sequence[ClockRow]]
"""The SLA engine on a ticket as it would be after this run's events (``evaluate_ticket``)."""

MAX_ROUNDS = 10
"""Raises stop at the top priority, so a few rounds always settle; this only bounds a bug."""


def plan_escalations(
    tickets: Iterable[TicketBase],
    slas: Iterable[ServiceLevelAgreement],
    policy: Policy | None,
    rows: Iterable[ClockRow],
    *,
    now: datetime | None = None,
    reevaluate: Reevaluate | None = None,
) -> list[Escalation]:
    """Every rung due now on every open ticket, by ticket id, then in the order they fire.

    A raise gives the ticket stricter goals and sometimes new targets (a P1 recovery
    clock), which may be past their thresholds at once.  With ``reevaluate`` (and
    ``now``), the ticket is evaluated again as it will be after the rungs planned so far,
    until nothing more is due: the plan is the fixed point, so a second run at the same
    moment finds nothing to do.
    """
    ladders = {sla.id: EscalationLadder.of(sla) for sla in slas}
    rows_by_ticket: dict[str, list[ClockRow]] = defaultdict(list)
    for row in rows:
        rows_by_ticket[row.ticket_id].append(row)
    directory = Directory(policy)
    plan: list[Escalation] = []
    for ticket in sorted(tickets, key=lambda t: t.id):
        ticket_rows: Sequence[ClockRow] = rows_by_ticket.get(ticket.id, [])
        if not ticket_rows or not is_open(ticket, now):
            continue
        recorded = recorded_rungs(ticket.events)
        raised_at = raised_levels(ticket.events)
        planned: list[Escalation] = []
        priority = ticket.priority
        for _ in range(MAX_ROUNDS):
            rungs = _due(ladders, ticket_rows, recorded)
            before = priority
            for rung in rungs:
                actions = tuple(rung.step.actions)
                if "raise_priority" in actions and rung.level in raised_at:
                    actions = tuple(a for a in actions if a != "raise_priority")
                after = raised(priority, policy) if "raise_priority" in actions else priority
                raised_at |= {rung.level} if "raise_priority" in actions else set()
                recipients = tuple(resolve_recipients(rung.step, ticket, directory))
                planned.append(Escalation(ticket, rung, recipients, priority, after, actions))
                priority = after
            recorded |= {r.key for r in rungs}
            if not rungs or priority == before or reevaluate is None or now is None:
                break
            ticket_rows = reevaluate(ticket_after(ticket, planned, now))
        plan.extend(planned)
    return plan


def _due(ladders: dict[str, EscalationLadder], rows: Sequence[ClockRow], recorded: set[tuple[str, int]]) -> list[Rung]:
    rungs: list[Rung] = []
    seen = set(recorded)
    for sla_id in sorted({r.sla_id or "" for r in rows}):
        ladder = ladders.get(sla_id)
        if ladder:
            found = ladder.due([r for r in rows if (r.sla_id or "") == sla_id], seen)
            seen |= {r.key for r in found}
            rungs.extend(found)
    return sorted(rungs, key=lambda r: (r.level, r.target))


def ticket_after(ticket: TicketBase, planned: Sequence[Escalation], now: datetime) -> TicketBase:
    """The ticket as it will read once ``planned`` is written (in memory only)."""
    events: list[EventBase] = []
    for n, esc in enumerate(planned):
        events.append(
            Escalated(
                id=f"E{2 * n:06d}",
                at=now,
                by="itsmctl",
                type="escalated",
                level=esc.level,
                target=esc.target,
                actions=list(esc.actions),
                notified=[r.id for r in esc.recipients],
            )
        )
        if esc.raises_priority:
            events.append(
                PriorityChanged(
                    id=f"E{2 * n + 1:06d}",
                    at=now,
                    by="itsmctl",
                    type="priority",
                    to=esc.priority_after,
                    reason="escalation",
                    escalation=f"E{2 * n:06d}",
                )
            )
    return ticket.model_copy(update={"priority": planned[-1].priority_after, "events": [*ticket.events, *events]})
