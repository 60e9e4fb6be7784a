"""Vendor repairs and exceptions: the events that the service-desk and repair clocks read.

A vendor warranty repair (厂商保修维修) is a sequence on the ticket: ``repair_sent``, then
written ``repair_progress`` reports, then ``repair_returned``; a loaner unit (备用机) is
``loaner_issued`` and ``loaner_returned``.  Progress, a return and a loaner only make sense
while a device is away (a loaner belongs to the trip it stands in for), and a loaner is
taken back only once it was put in place (after the device is back, too): otherwise
the repair clocks would measure a repair that never left.  An exception reported by the
engineer is told to the project manager, a person holding that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.models import TicketBase
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.people import holds, roles_of

REPAIR_KINDS = ("incident", "request")
MANAGER_ROLES = ("project_manager", "manager")


@rule("vendor-repair", REPAIR_KINDS)
def repair_in_order(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """A vendor repair is sent before its progress and return, one at a time; a loaner is issued while one is away."""
    away = False
    loaner = False
    for i, event in enumerate(ticket.events):
        kind = event.type
        if kind == "repair_sent" and away:
            yield Violation(
                ("events", i, "type"),
                "vendor-repair",
                "a device is already away for repair on this ticket: record its return (repair_returned) first",
            )
        elif kind in ("repair_progress", "repair_returned") and not away:
            yield Violation(
                ("events", i, "type"),
                "vendor-repair",
                f"'{kind}' without a device away for repair: record the sending first (repair_sent)",
            )
        elif kind == "loaner_returned" and not loaner:
            yield Violation(
                ("events", i, "type"),
                "vendor-repair",
                "'loaner_returned' without a loaner unit issued (loaner_issued) before it",
            )
        elif kind == "loaner_issued" and loaner:
            yield Violation(
                ("events", i, "type"), "vendor-repair", "a loaner unit is already out: record its return first"
            )
        elif kind == "loaner_issued" and not away:
            yield Violation(
                ("events", i, "type"),
                "vendor-repair",
                "'loaner_issued' without a device away for repair: a loaner unit stands in for a device sent to "
                "the vendor; record the sending first (repair_sent)",
            )
        if kind == "repair_sent":
            away = True
        elif kind == "repair_returned":
            away = False
        elif kind == "loaner_issued":
            loaner = True
        elif kind == "loaner_returned":
            loaner = False


@rule("exception-manager", REPAIR_KINDS, needs_policy=True)
def manager_is_a_manager(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The project manager informed of an exception holds the role project_manager (or manager)."""
    assert ctx.policy is not None
    for i, event in enumerate(ticket.events):
        if event.type != "manager_informed":
            continue
        if not any(holds(ctx.policy, event.manager, role) for role in MANAGER_ROLES):
            yield Violation(
                ("events", i, "manager"),
                "exception-manager",
                f"{event.manager} (roles: {roles_of(ctx.policy, event.manager)}) is not a project manager; "
                "name the person holding the role project_manager",
            )
