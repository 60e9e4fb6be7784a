"""Which SLAs govern a ticket, and what each promises for a target at a priority."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo

from itsmctl.models.base import Span
from itsmctl.models.sla import PriorityTargets, ServiceLevelAgreement, TargetSpec
from itsmctl.models.tickets import TicketBase

DEFAULT_WARNING = 75.0


@dataclass(frozen=True)
class Goal:
    """A target's promise: an amount of time on a basis, and when to warn."""

    span: Span
    basis: str
    warning_percent: float


def applicable_slas(
    ticket: TicketBase, slas: list[ServiceLevelAgreement], zones: Mapping[str, tzinfo]
) -> list[ServiceLevelAgreement]:
    """The ticket's ``sla`` if named; else every SLA covering its service on the opening day.

    ``zones`` maps calendar ids to their time zones.  The opening day is the date of the
    first event in the zone of each SLA's calendar, so the same instant written as
    ``2026-12-31T23:30:00Z`` or ``2027-01-01T07:30:00+08:00`` falls under the same SLA.
    An SLA whose calendar is missing (a ``validate`` finding) falls back on the offset
    the record was written with.
    """
    if ticket.sla:
        return [s for s in slas if s.id == ticket.sla]
    opened_at = ticket.events[0].at
    out: list[ServiceLevelAgreement] = []
    for s in slas:
        if ticket.service not in s.services:
            continue
        zone = zones.get(s.calendar)
        opened = (opened_at.astimezone(zone) if zone is not None else opened_at).date()
        if s.effective_from <= opened and (s.effective_to is None or opened <= s.effective_to):
            out.append(s)
    return out


def goal_for(sla: ServiceLevelAgreement, target: str, priority: str) -> Goal | None:
    """The goal of ``target`` at ``priority`` under ``sla``; None when it promises nothing.

    Warning threshold: the target's own, else the priority's, else the SLA's (default 75 %).
    A target in business days (``3bd``) always counts on the calendar.
    """
    targets: PriorityTargets | None = sla.targets.get(priority)
    if target == "callback":
        raw = sla.callback
        default_basis = "clock"
    elif target in ("dispatch", "escalate_to_manager", "remote_guidance", "execution_confirmed", "redispatch"):
        raw = getattr(sla.service_desk, target, None) if sla.service_desk else None
        default_basis = sla.basis
    else:
        raw = getattr(targets, target, None) if targets else None
        default_basis = sla.basis
    if raw is None:
        return None
    warning = sla.warning_percent
    if targets is not None and targets.warning_percent is not None:
        warning = targets.warning_percent
    if isinstance(raw, TargetSpec):
        span = raw.within
        basis = raw.basis or default_basis
        if raw.warning_percent is not None:
            warning = raw.warning_percent
    else:
        span, basis = raw, default_basis
    if span.business_days:
        basis = "business"
    return Goal(span, basis, float(warning))
