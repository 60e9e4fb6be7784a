"""A ticket's priority: a level of the policy, the matrix's answer unless overridden with a reason."""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.priority.lookup import recorded_decision
from itsmctl.rules.base import RuleContext, Violation, rule

GRADED_KINDS = ("incident", "request")
"""Kinds graded on every dimension of the matrix when opened."""


@rule("priority", TICKET_KINDS, needs_policy=True)
def priority_from_matrix(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The priority is a policy level: the matrix cell of the dimensions, the last priority event, or an override."""
    assert ctx.policy is not None
    scheme = ctx.policy.priority
    levels = {lv.id for lv in scheme.levels}
    if ticket.priority not in levels:
        yield Violation(("priority",), "priority", f"{ticket.priority!r} is not a priority level of the policy")
        return
    changes = [e for e in ticket.events if e.type == "priority"]
    opening = getattr(ticket.events[0], "priority", None)
    if opening is not None and opening not in levels:
        yield Violation(("events", 0, "priority"), "priority", f"{opening!r} is not a priority level")
    override = ticket.priority_override
    changed = bool(changes) or (override is not None and override.at > ticket.events[0].at)
    if changed and opening is None and not ticket.dimensions:
        yield Violation(
            ("events", 0),
            "priority",
            "the opening priority is unknown (changed later by a priority event or override; no dimensions): "
            "write it on the opened event as 'priority' so the SLA clocks before the change can be computed",
        )
    if override is not None:
        # the last word wins: a priority event after the override (an escalation raise, which
        # leaves a person's override as the measured priority: sla-rules §5.14) sets the field
        later = [e for e in changes if e.at >= override.at]
        if later and later[-1].to != ticket.priority:
            yield Violation(
                ("priority",),
                "priority",
                f"priority is {ticket.priority} but the last priority event (after the override) set {later[-1].to}",
            )
        elif not later and override.priority != ticket.priority:
            yield Violation(("priority",), "priority", "priority differs from priority_override.priority")
        return
    if changes:
        if changes[-1].to != ticket.priority:
            yield Violation(
                ("priority",),
                "priority",
                f"priority is {ticket.priority} but the last priority event set {changes[-1].to}",
            )
        return
    yield from _dimensions(ticket, ctx)


def _dimensions(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    assert ctx.policy is not None
    scheme = ctx.policy.priority
    needed = [d.id for d in scheme.dimensions]
    if not ticket.dimensions:
        if ticket.kind in GRADED_KINDS:  # type: ignore[attr-defined]
            yield Violation(("dimensions",), "priority", f"an {ticket.kind} needs dimensions: {', '.join(needed)}")  # type: ignore[attr-defined]
        return
    for dimension in scheme.dimensions:
        value = ticket.dimensions.get(dimension.id)
        allowed = [lv.id for lv in dimension.levels]
        if value is None:
            yield Violation(("dimensions",), "priority", f"dimension {dimension.id} is missing")
            return
        if value not in allowed:
            yield Violation(
                ("dimensions", dimension.id),
                "priority",
                f"{value!r} is not a level of {dimension.id}: {', '.join(allowed)}",
            )
            return
    for extra in sorted(set(ticket.dimensions) - set(needed)):
        yield Violation(("dimensions", extra), "priority", f"the policy has no dimension {extra!r}")
    decision = recorded_decision(scheme, dict(ticket.dimensions))
    if decision is not None and decision.priority != ticket.priority:
        yield Violation(
            ("priority",),
            "priority",
            f"the policy's matrix gives {decision.priority} for these dimensions; "
            f"record a priority_override with a reason to keep {ticket.priority}",
        )
