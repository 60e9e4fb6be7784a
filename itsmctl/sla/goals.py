"""The goal in force at each moment and the first breach of it (docs/sla-rules.md §5.14).

A priority change changes the goal from that moment on: the goal is piecewise over time,
one ``GoalInForce`` per stretch of one priority, and a clock breaches at the first moment
its elapsed time passed the goal in force then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from itsmctl.calendar.business import BusinessCalendar, TimeBasis
from itsmctl.models.sla import ServiceLevelAgreement
from itsmctl.sla.agreements import Goal, goal_for
from itsmctl.sla.stopwatch import Stopwatch

BasisOf = Callable[[ServiceLevelAgreement, str], tuple[TimeBasis, BusinessCalendar]]
"""``SlaContext.basis``: the time basis and calendar a goal of an SLA counts on."""


@dataclass(frozen=True)
class GoalInForce:
    """One priority's goal for one target, in seconds on its basis."""

    priority: str
    goal: Goal
    seconds: int
    basis: TimeBasis
    calendar: BusinessCalendar


def goal_in_force(
    sla: ServiceLevelAgreement, target: str, priority: str, basis_of: BasisOf, start: datetime
) -> GoalInForce | None:
    """The goal of ``target`` at ``priority``, in seconds on its basis; None when nothing is promised."""
    goal: Goal | None = goal_for(sla, target, priority)
    if goal is None:
        return None
    basis, calendar = basis_of(sla, goal.basis)
    if goal.span.business_days:
        seconds = goal.span.business_days * calendar.day_seconds(start.astimezone(calendar.zone).date())
    else:
        seconds = goal.span.seconds
    if seconds <= 0:
        return None
    return GoalInForce(priority, goal, seconds, basis, calendar)


def first_breach(
    watch: Stopwatch, pieces: list[tuple[datetime, datetime, GoalInForce | None]]
) -> tuple[datetime, GoalInForce] | None:
    """The first moment elapsed time passed the goal in force then, and that goal.

    Within each stretch of one priority: a breach when elapsed at its end is past its goal,
    at the moment elapsed reached the goal, or at the stretch's start (a raise that puts
    elapsed past the new goal breaches at the raise, never before it).
    """
    for since, until, goal in pieces:
        if goal is not None and watch.elapsed_until(until) > goal.seconds:
            reached = watch.crossing(goal.seconds, None)
            return (max(since, reached) if reached is not None else since), goal
    return None
