"""Routine operations: references, unhandled failed checks, and overdue occurrences.

``check_operations`` is a store check (its findings depend only on the files);
``check_ops_overdue`` depends on "now" and runs from ``validate`` beside the other
clock-dependent check, on every plan from its effective date up to ``now``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from itsmctl.calendar import BusinessCalendar as Calendar
from itsmctl.checks.references import _Resolver
from itsmctl.findings import Finding
from itsmctl.models import TICKET_KINDS, Operation, OperationPlan
from itsmctl.ops.schedule import fits_plan, schedule
from itsmctl.store.snapshot import Snapshot


def check_operations(snapshot: Snapshot) -> Iterator[Finding]:
    """What plans and performed operations name exists; a failed item is handled."""
    r = _Resolver(snapshot)
    plans: dict[str, OperationPlan] = {}
    for loaded in snapshot.by_kind.get("operation_plan", []):
        plan = loaded.record
        assert isinstance(plan, OperationPlan)
        plans[plan.id] = plan
        yield from r.record(loaded, ("service",), plan.service, "service")
        for i, ci in enumerate(plan.cis):
            yield from r.record(loaded, ("cis", i), ci, "ci")
        yield from r.record(loaded, ("calendar",), plan.calendar, "calendar")
        yield from r.group(loaded, ("owner_group",), plan.owner_group)
        ids = [item.id for item in plan.checklist]
        for i, item in enumerate(plan.checklist):
            if item.id in ids[:i]:
                yield loaded.finding(
                    ("checklist", i, "id"), "duplicate-id", f"checklist item {item.id!r} is listed twice"
                )
    for loaded in snapshot.by_kind.get("operation", []):
        op = loaded.record
        assert isinstance(op, Operation)
        yield from r.record(loaded, ("plan",), op.plan, "operation_plan")
        yield from r.person(loaded, ("by",), op.by)
        plan = plans.get(op.plan)
        if plan is not None and not fits_plan(plan, op.period):
            yield loaded.finding(("period",), "ops-period", _not_a_period(plan, op.period))
        known = {item.id for item in plan.checklist} if plan is not None else None
        for i, result in enumerate(op.results):
            if known is not None and result.item not in known:
                yield loaded.finding(
                    ("results", i, "item"), "ref", f"{result.item!r} is not an item of {op.plan}'s checklist"
                )
            yield from r.record(loaded, ("results", i, "incident"), result.incident, *TICKET_KINDS)
            if result.result == "fail" and result.incident is None and not (result.note or "").strip():
                yield loaded.finding(
                    ("results", i),
                    "ops-unhandled",
                    f"check {result.item!r} failed with no incident linked and no note on how it was handled",
                    "warning",
                )


_EXAMPLES = {
    "daily": "2026-10-09",
    "weekly": "2026-W41",
    "monthly": "2026-10",
    "quarterly": "2026-Q4",
    "half_yearly": "2026-H2",
    "yearly": "2026",
}


def _not_a_period(plan: OperationPlan, key: str) -> str:
    if plan.cron is not None:
        return f"{key!r} is not a day {plan.id}'s cron {plan.cron!r} names (a cron period is such a day, 2026-10-12)"
    return f"{key!r} is not a {plan.frequency} period like {_EXAMPLES[plan.frequency]}"


def check_ops_overdue(snapshot: Snapshot, now: datetime) -> Iterator[Finding]:
    """Each occurrence of a plan due before ``now``'s day and not performed (``ops-overdue``)."""
    calendars = {c.id: c for c in snapshot.calendars}
    operations = snapshot.of_kind(Operation, "operation")
    for loaded in snapshot.by_kind.get("operation_plan", []):
        plan = loaded.record
        assert isinstance(plan, OperationPlan)
        record = calendars.get(plan.calendar)
        if record is None:
            continue  # check_operations reports the unknown calendar
        calendar = Calendar(record)
        today = now.astimezone(calendar.zone).date()
        last = min(today, plan.effective_until) if plan.effective_until else today
        for occurrence in schedule(plan, calendar, operations, plan.effective_from, last, now):
            if occurrence.status == "overdue":
                yield loaded.finding(
                    ("frequency",),
                    "ops-overdue",
                    f"{plan.id} for {occurrence.period} was due on {occurrence.due} and is not recorded "
                    f"({occurrence.days_late} day(s) overdue on {today.isoformat()}, {calendar.zone})",
                    "warning",
                )
