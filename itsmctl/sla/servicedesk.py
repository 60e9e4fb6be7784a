"""The service desk's own timings (domain §3), read from the event log.

==================== ============================================ =============================================
target               starts                                       stops (first at or after the start)
==================== ============================================ =============================================
remote_guidance      opening (tickets with ``delivery: remote``   ``guided``; else the first resolution
                     or a ``guided`` event)
execution_confirmed  the first assignment (dispatch)              ``execution_confirmed``; else the resolution
redispatch           the on-site clock's deadline, when it        an assignment (re-dispatch), the arrival
                     breached (a late or missed arrival)          (``onsite``), or the resolution
escalate_to_manager  the first breach of a work target, or the    ``manager_informed``, an ``escalated`` with
                     engineer's ``exception`` report if earlier   notify_manager; else the resolution
==================== ============================================ =============================================

``dispatch`` (opening to the first assignment) stays with the other targets in ``evaluate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from itsmctl.models.events import Event
from itsmctl.models.tickets import TicketBase
from itsmctl.sla.status import ClockStatus

OWN_BOUNDS = ("remote_guidance", "execution_confirmed", "redispatch")
"""Desk targets whose start and stop this module decides."""
EARLY = ("remote_guidance", "execution_confirmed")
"""Evaluated with the work targets."""
LATE = ("redispatch",)
"""Started by another clock's outcome (the on-site breach): evaluated after the work targets."""
BREACH_EXCLUDED = (
    "callback",
    "remote_guidance",
    "execution_confirmed",
    "redispatch",
    "repair_progress",
    "repair_return",
)
"""A late callback, desk step or vendor report is not the work being late (the exception the
project manager must hear of); a late dispatch is, as before."""


def tells_manager(event: Event) -> bool:
    """Whether an event informs the project manager: a ``manager_informed`` or an escalation notifying them."""
    if event.type == "manager_informed":
        return True
    return event.type == "escalated" and "notify_manager" in event.actions


def _first(events: Iterable[Event], types: Sequence[str], after: datetime) -> datetime | None:
    return next((e.at for e in events if e.type in types and e.at >= after), None)


def bounds(
    ticket: TicketBase, events: Sequence[Event], target: str, done: datetime | None, late_start: datetime | None
) -> tuple[datetime, datetime | None] | None:
    """(start, stop) of a desk target, None when it does not apply; ``done`` is the first resolution."""
    if target == "remote_guidance":
        guided = _first(events, ("guided",), events[0].at)
        if guided is None and ticket.delivery != "remote":
            return None
        start = events[0].at
        stop_types: tuple[str, ...] = ("guided",)
    elif target == "execution_confirmed":
        dispatched = next((e.at for e in events if e.type == "assigned"), None)
        if dispatched is None:
            return None
        start, stop_types = dispatched, ("execution_confirmed",)
    elif target == "redispatch":
        if late_start is None:
            return None
        start, stop_types = late_start, ("assigned", "onsite")
    else:
        return None
    own = _first(events, stop_types, start)
    ended = done if done is not None and done >= start else None
    stops = [m for m in (own, ended) if m is not None]
    return start, min(stops) if stops else None


def late_start(target: str, clocks: Sequence[ClockStatus], events: Sequence[Event]) -> datetime | None:
    """When a late target starts: the moment of the outcome it answers.

    ``escalate_to_manager``: the earliest breach of a work target (a clock breached or
    missed, at the moment it breached: docs/sla-rules.md §5.14) or the engineer's first ``exception`` report, whichever
    came first.  ``redispatch``: the on-site clock's deadline, once it breached or was missed.
    """
    if target == "redispatch":
        late = [
            c.breached_at or c.deadline for c in clocks if c.target == "onsite" and c.state in ("breached", "missed")
        ]
        return late[0] if late and late[0] is not None else None
    moments = [
        moment
        for c in clocks
        if c.state in ("breached", "missed") and c.target not in BREACH_EXCLUDED
        for moment in (c.breached_at or c.deadline,)
        if moment is not None
    ]
    reported = next((e.at for e in events if e.type == "exception"), None)
    if reported is not None:
        moments.append(reported)
    return min(moments) if moments else None
