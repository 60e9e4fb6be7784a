"""From clock rows to the escalations to record now: ticket, rung, priority, recipients.

Pure: the same snapshot and rows give the same plan.  ``run`` writes it; ``--dry-run``
only prints it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from itsmctl.escalation.ladder import ClockRow, EscalationLadder, Rung, recorded_rungs
from itsmctl.escalation.recipients import Directory, resolve_recipients
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

    @property
    def level(self) -> int:
        return self.rung.level

    @property
    def target(self) -> str:
        return self.rung.target

    @property
    def actions(self) -> list[str]:
        return list(self.rung.step.actions)

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


def is_open(ticket: TicketBase) -> bool:
    return ticket.status not in ticket.FINAL_STATUSES


def plan_escalations(
    tickets: Iterable[TicketBase],
    slas: Iterable[ServiceLevelAgreement],
    policy: Policy | None,
    rows: Iterable[ClockRow],
) -> list[Escalation]:
    """Every rung due now on every open ticket, by ticket id, level and target."""
    ladders = {sla.id: EscalationLadder.of(sla) for sla in slas}
    rows_by_ticket: dict[str, list[ClockRow]] = defaultdict(list)
    for row in rows:
        rows_by_ticket[row.ticket_id].append(row)
    directory = Directory(policy)
    plan: list[Escalation] = []
    for ticket in sorted(tickets, key=lambda t: t.id):
        ticket_rows = rows_by_ticket.get(ticket.id)
        if not ticket_rows or not is_open(ticket):
            continue
        recorded = recorded_rungs(ticket.events)
        rungs: list[Rung] = []
        for sla_id in sorted({r.sla_id or "" for r in ticket_rows}):
            ladder = ladders.get(sla_id)
            if ladder:
                rungs.extend(ladder.due([r for r in ticket_rows if (r.sla_id or "") == sla_id], recorded))
                recorded |= {r.key for r in rungs}
        priority = ticket.priority
        for rung in sorted(rungs, key=lambda r: (r.level, r.target)):
            after = raised(priority, policy) if "raise_priority" in rung.step.actions else priority
            recipients = tuple(resolve_recipients(rung.step, ticket, directory))
            plan.append(Escalation(ticket, rung, recipients, priority, after))
            priority = after
    return plan
