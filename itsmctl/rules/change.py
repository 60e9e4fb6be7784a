"""Changes (变更): plan before approval, reviews before implementing, the customer's formal
approval from the right person, implementing in the window, a trial run that ran its course.

Segregation of duties: the customer's approval comes from a person holding the approving
role (``customer_approver``), and neither approvals nor the internal review come from the
change's requester or the people who implement it (the assignee, the plan's people, whoever
recorded the implementation).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from itsmctl.models import Change, Policy
from itsmctl.models.eventlog import steps
from itsmctl.models.events import Scheduled, TrialStarted
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.people import APPROVER_ROLE, BOARD_ROLE, customer_only, holds, roles_of

if TYPE_CHECKING:
    from itsmctl.calendar.business import BusinessCalendar

PASSING = ("pass", "pass_with_conditions")


def entered(change: Change) -> dict[str, int]:
    """For each status the change reached, the index of the event that first moved it there."""
    first: dict[str, int] = {}
    for i, _, before, after in steps(change):
        if after is not None and after != before:
            first.setdefault(after, i)
    return first


def implementers(change: Change, first: dict[str, int]) -> set[str]:
    """Who carries the change out: the assignee, the plan's people, whoever recorded implementing."""
    people = set(change.plan.people)
    if change.assignee:
        people.add(change.assignee)
    if "implementing" in first:
        people.add(change.events[first["implementing"]].by)
    return people


def _sod(change: Change, doers: set[str], who: str, what: str) -> str | None:
    """Why ``who`` may not give ``what`` on this change (requester or implementer), or None."""
    if who == change.requester:
        return f"{who} requested this change and cannot also give its {what} (segregation of duties)"
    if who in doers:
        return f"{who} implements this change and cannot also give its {what} (segregation of duties)"
    return None


@rule("change-plan", ("change",))
def plan_before_approval(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A change is approved only with goal, content, steps, people, budget, schedule, risk and rollback plans."""
    if "approved" not in entered(change):
        return
    missing = change.plan.missing()
    if missing:
        yield Violation(("plan",), "change-plan", f"approved without a complete plan; missing: {', '.join(missing)}")


def _customer_approver(policy: Policy, who: str) -> bool:
    return holds(policy, who, APPROVER_ROLE) and customer_only(policy, who)


@rule("change-approval", ("change",), needs_policy=True)
def approval_from_customer_approver(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """The customer's formal approval is recorded, from a customer_approver who neither requested nor implements it."""
    policy = ctx.policy
    assert policy is not None
    first = entered(change)
    if "approved" not in first:
        return
    if change.approval is None:
        yield Violation(("approval",), "change-approval", "approved without the customer's formal approval recorded")
    else:
        who = change.approval.by
        if not _customer_approver(policy, who):
            yield Violation(
                ("approval", "by"),
                "change-approval",
                f"{who} (roles: {roles_of(policy, who)}) cannot approve for the customer: the approval comes from "
                f"a customer-side person with the {APPROVER_ROLE} role",
            )
        elif reason := _sod(change, implementers(change, first), who, "approval"):
            yield Violation(("approval", "by"), "change-approval", reason)
    for i, event in enumerate(change.events):
        if event.type == "approved" and change.approval is not None and event.approver != change.approval.by:
            yield Violation(
                ("events", i, "approver"),
                "change-approval",
                f"the approved event names {event.approver} but approval.by is {change.approval.by}",
            )


@rule("change-reviews", ("change",), needs_policy=True)
def reviewed_before_implementing(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """Before implementing, the plan's latest internal review (by the CAB) and external one (by the customer) passed."""
    policy = ctx.policy
    assert policy is not None
    first = entered(change)
    doers = implementers(change, first)
    internal = [(("events", i, "by"), e.by, "assessment") for i, e in enumerate(change.events) if e.type == "assessed"]
    internal += [
        (("reviews", i, "by"), r.by, "internal review") for i, r in enumerate(change.reviews) if r.stage == "internal"
    ]
    for path, who, what in internal:
        if not holds(policy, who, BOARD_ROLE):
            yield Violation(
                path,
                "change-reviews",
                f"{who} (roles: {roles_of(policy, who)}) is not on the change advisory board ({BOARD_ROLE}); "
                f"the {what} is the CAB's",
            )
        elif reason := _sod(change, doers, who, what):
            yield Violation(path, "change-reviews", reason)
    for i, review in enumerate(change.reviews):
        if review.stage == "external" and not customer_only(policy, review.by):
            yield Violation(
                ("reviews", i, "by"),
                "change-reviews",
                f"{review.by} (roles: {roles_of(policy, review.by)}) is not on the customer's side; "
                "the external review is the customer's",
            )
    if "approved" in first:
        moment = change.events[first["approved"]].at
        latest = max(
            (r for r in change.reviews if r.stage == "internal" and r.at <= moment), key=lambda r: r.at, default=None
        )
        if latest is not None and latest.verdict not in PASSING:
            yield Violation(
                ("reviews",),
                "change-reviews",
                f"approved {moment.isoformat()} after the latest internal review failed ({latest.by}, "
                f"{latest.at.isoformat()}); assess it again first",
            )
    if "implementing" not in first:
        return
    moment = change.events[first["implementing"]].at
    for stage in ("internal", "external"):
        before = [r for r in change.reviews if r.stage == stage and r.at <= moment]
        latest = max(before, key=lambda r: r.at, default=None)
        if latest is None or latest.verdict not in PASSING:
            why = (
                f"without a passed {stage} review of the plan before it"
                if latest is None
                else f"while the latest {stage} review ({latest.by}, {latest.at.isoformat()}) says {latest.verdict}"
            )
            yield Violation(("reviews",), "change-reviews", f"implementing started {moment.isoformat()} {why}")


@rule("change-window", ("change",))
def implemented_in_window(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A scheduled window ends after it starts, and implementing starts inside the last window scheduled before it."""
    window: Scheduled | None = None
    for i, event in enumerate(change.events):
        if isinstance(event, Scheduled):
            window = event
            if event.end <= event.start:
                yield Violation(("events", i, "end"), "change-window", "the scheduled window must end after it starts")
        elif window is not None and event.type == "status" and event.to == "implementing":
            yield from _in_window(i, event.at, window)


def _in_window(i: int, at: datetime, window: Scheduled) -> Iterator[Violation]:
    if not window.start <= at <= window.end:
        yield Violation(
            ("events", i, "at"),
            "change-window",
            f"implementing started {at.isoformat()}, {'before' if at < window.start else 'after'} the scheduled "
            f"window {window.start.isoformat()} – {window.end.isoformat()} ({window.id})",
        )


def trial_ends(started: TrialStarted, calendar: BusinessCalendar | None) -> datetime | None:
    """When a trial run ends: the trial event's time plus its period (``5bd``: at the end of the
    5th working day after it, on the ticket's calendar); None for ``bd`` without a calendar."""
    if started.period.business_days:
        return calendar.end_of_working_days(started.at, started.period.business_days) if calendar else None
    return started.at + timedelta(seconds=started.period.seconds)


@rule("change-trial", ("change",), needs_policy=True)
def trial_ran_its_course(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A change is reviewed as a success only after its trial run ended, and closes only evaluated and not failed."""
    policy = ctx.policy
    assert policy is not None
    trial = change.trial
    if trial is not None and trial.confirmed_by is not None and not customer_only(policy, trial.confirmed_by):
        yield Violation(
            ("trial", "confirmed_by"),
            "change-trial",
            f"{trial.confirmed_by} is not on the customer's side; the trial run is confirmed with the customer",
        )
    index = next((i for i in range(len(change.events) - 1, -1, -1) if change.events[i].type == "trial"), None)
    if index is not None:
        started = change.events[index]
        assert isinstance(started, TrialStarted)
        end = trial_ends(started, ctx.calendar_for(change))
        if end is None:
            yield Violation(
                ("events", index, "period"),
                "change-trial",
                f"the trial run is {started.period} (business days) but no business calendar with working days is "
                f"known for {change.id}: pin its SLA (sla:), keep exactly one calendar, or give the period in days",
            )
        else:
            if trial is not None and trial.end < end.date():
                yield Violation(
                    ("trial", "end"),
                    "change-trial",
                    f"trial.end {trial.end} is earlier than the trial run of {started.period} allows ({end.date()})",
                )
            for i, event in enumerate(change.events[index:], start=index):
                if event.type == "reviewed" and event.result != "failed" and event.at < end:
                    yield Violation(
                        ("events", i, "at"),
                        "change-trial",
                        f"reviewed as {event.result} at {event.at.isoformat()}, before the trial run ends "
                        f"({end.isoformat()}); wait for the end of the trial, or review it as failed and roll back",
                    )
    closed = entered(change).get("closed")
    if closed is None:
        return
    reviews = [e for e in change.events[:closed] if e.type == "reviewed"]
    if index is not None and (trial is None or trial.result is None):
        yield Violation(("trial",), "change-trial", "closed without the trial run's evaluation (trial.result)")
    if (trial is not None and trial.result == "fail") or (reviews and reviews[-1].result == "failed"):
        yield Violation(
            ("events", closed),
            "change-trial",
            "a change whose trial or review failed cannot close as done: roll it back (rolled_back)",
        )
