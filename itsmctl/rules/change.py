"""Changes (变更): plan before approval, reviews before implementing, the customer's formal
approval from the right person, implementing in the window, a trial run that ran its course.

Segregation of duties: the customer's approval comes from a person holding the approving
role (``customer_approver``), and neither approvals nor the internal review come from the
change's requester or the people who implement it (the assignee, the plan's people, whoever
recorded the implementation).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from itsmctl.models import Change, Policy
from itsmctl.models.events import Scheduled
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.people import APPROVER_ROLE, BOARD_ROLE, holds, roles_of
from itsmctl.rules.support import customer_side

PASSING = ("pass", "pass_with_conditions")


def entered(change: Change, status: str) -> int | None:
    """Index of the first event that moved the change into ``status``, or None."""
    current: str | None = None
    for i, event in enumerate(change.events):
        after = change.status_after(current, event)
        if after == status and current != status:
            return i
        current = after
    return None


def implementers(change: Change) -> set[str]:
    """Who carries the change out: the assignee, the plan's people, whoever recorded implementing."""
    people = set(change.plan.people)
    if change.assignee:
        people.add(change.assignee)
    at = entered(change, "implementing")
    if at is not None:
        people.add(change.events[at].by)
    return people


@rule("change-plan", ("change",))
def plan_before_approval(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A change is approved only with goal, content, steps, people, budget, schedule, risk and rollback plans."""
    if entered(change, "approved") is None:
        return
    missing = change.plan.missing()
    if missing:
        yield Violation(("plan",), "change-plan", f"approved without a complete plan; missing: {', '.join(missing)}")


def _sod(policy: Policy, change: Change, who: str, what: str) -> str | None:
    """Why ``who`` may not give ``what`` on this change (requester or implementer), or None."""
    if who == change.requester:
        return f"{who} requested this change and cannot also give its {what} (segregation of duties)"
    if who in implementers(change):
        return f"{who} implements this change and cannot also give its {what} (segregation of duties)"
    return None


@rule("change-approval", ("change",), needs_policy=True)
def approval_from_customer_approver(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """The customer's formal approval is recorded, from a customer_approver who neither requested nor implements it."""
    policy = ctx.policy
    assert policy is not None
    approved_at = entered(change, "approved")
    if approved_at is None:
        return
    if change.approval is None:
        yield Violation(("approval",), "change-approval", "approved without the customer's formal approval recorded")
    else:
        who = change.approval.by
        if not holds(policy, who, APPROVER_ROLE) or not customer_side(policy, who):
            yield Violation(
                ("approval", "by"),
                "change-approval",
                f"{who} (roles: {roles_of(policy, who)}) cannot approve for the customer: the approval comes from "
                f"a customer-side person with the {APPROVER_ROLE} role",
            )
        elif reason := _sod(policy, change, who, "approval"):
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
    """Before implementing, the plan passed an internal review (by the CAB) and an external one (by the customer)."""
    policy = ctx.policy
    assert policy is not None
    for i, review in enumerate(change.reviews):
        if review.stage == "internal" and not holds(policy, review.by, BOARD_ROLE):
            yield Violation(
                ("reviews", i, "by"),
                "change-reviews",
                f"{review.by} (roles: {roles_of(policy, review.by)}) is not on the change advisory board "
                f"({BOARD_ROLE}); the internal review is the CAB's",
            )
        elif review.stage == "internal" and (reason := _sod(policy, change, review.by, "internal review")):
            yield Violation(("reviews", i, "by"), "change-reviews", reason)
        if review.stage == "external" and not customer_side(policy, review.by):
            yield Violation(
                ("reviews", i, "by"),
                "change-reviews",
                f"{review.by} (roles: {roles_of(policy, review.by)}) is not on the customer's side; "
                "the external review is the customer's",
            )
    at = entered(change, "implementing")
    if at is None:
        return
    moment = change.events[at].at
    for stage in ("internal", "external"):
        passed = [r for r in change.reviews if r.stage == stage and r.verdict in PASSING and r.at <= moment]
        if not passed:
            yield Violation(
                ("reviews",),
                "change-reviews",
                f"implementing started {moment.isoformat()} without a passed {stage} review of the plan before it",
            )


@rule("change-window", ("change",))
def implemented_in_window(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """Implementing starts no earlier than the start of the window of the last 'scheduled' event before it."""
    window: Scheduled | None = None
    for i, event in enumerate(change.events):
        if isinstance(event, Scheduled):
            window = event
        elif window is not None and event.type == "status" and event.to == "implementing" and event.at < window.start:
            yield Violation(
                ("events", i, "at"),
                "change-window",
                f"implementing started {event.at.isoformat()}, before the scheduled window "
                f"{window.start.isoformat()} – {window.end.isoformat()} ({window.id})",
            )


def trial_end(change: Change) -> date | None:
    """The last day of the trial run: ``trial.end``, but never earlier than the trial event's period allows.

    A hand edit of ``trial.end`` cannot shorten the trial: the period recorded on the
    ``trial`` event counts from that event's day (``5bd`` counts at least 5 calendar days).
    """
    started = next((e for e in reversed(change.events) if e.type == "trial"), None)
    recorded = change.trial.end if change.trial else None
    if started is None:
        return recorded
    days = started.period.business_days or -(-started.period.seconds // 86400)
    earliest = started.at.date() + timedelta(days=days)
    return earliest if recorded is None else max(recorded, earliest)


@rule("change-trial", ("change",), needs_policy=True)
def trial_ran_its_course(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A change is reviewed as a success only after its trial run ended, and closes only evaluated and not failed."""
    policy = ctx.policy
    assert policy is not None
    started = entered(change, "trial_run")
    end = trial_end(change)
    for i, event in enumerate(change.events):
        if event.type == "reviewed" and event.result != "failed" and end is not None and event.at.date() < end:
            yield Violation(
                ("events", i, "at"),
                "change-trial",
                f"reviewed as {event.result} on {event.at.date()}, before the trial run ends ({end}); "
                "wait for the end of the trial, or review it as failed and roll back",
            )
    closed = entered(change, "closed")
    if closed is None:
        return
    reviews = [e for e in change.events[:closed] if e.type == "reviewed"]
    trial = change.trial
    if started is not None and (trial is None or trial.result is None):
        yield Violation(("trial",), "change-trial", "closed without the trial run's evaluation (trial.result)")
    if (trial is not None and trial.result == "fail") or (reviews and reviews[-1].result == "failed"):
        yield Violation(
            ("events", closed),
            "change-trial",
            "a change whose trial or review failed cannot close as done: roll it back (rolled_back)",
        )
    if trial is not None and trial.confirmed_by is not None and not customer_side(policy, trial.confirmed_by):
        yield Violation(
            ("trial", "confirmed_by"),
            "change-trial",
            f"{trial.confirmed_by} is not on the customer's side; the trial run is confirmed with the customer",
        )
