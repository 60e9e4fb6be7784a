"""A stopwatch per target, replaying a ticket's event log up to ``now``.

A clock counts time only inside *running segments*: after its start, before its stop,
and while the ticket's status (replayed from the log) is neither a pause state of the
SLA nor a done state (resolved, closed).  Elapsed time is the sum of the segments
measured on the target's basis (business seconds on the calendar, or clock seconds), so
a pause over a night, a weekend or a holiday credits exactly the business time it
covered — usually none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from itsmctl.calendar.business import TimeBasis
from itsmctl.models.events import Event
from itsmctl.models.tickets import TicketBase

DONE_STATUSES = frozenset({"resolved", "closed", "rolled_back"})

StatusTimeline = list[tuple[datetime, str]]
"""``(since, status)`` pairs in log order, the first at the opening."""


def status_timeline(ticket: TicketBase, events: Iterable[Event]) -> StatusTimeline:
    """Replay statuses with the ticket kind's own rule (:meth:`TicketBase.status_after`).

    The same rule as ``validate`` and the ticket commands: ``opened`` puts the initial
    status, the first assignment of a ``new`` ticket moves it to ``assigned``, other
    events say themselves.  Only changes are kept.
    """
    out: StatusTimeline = []
    status: str | None = None
    for event in events:
        status = ticket.status_after(status, event)
        if status is not None and (not out or out[-1][1] != status):
            out.append((event.at, status))
    return out


def status_at(timeline: StatusTimeline, moment: datetime) -> str | None:
    current: str | None = None
    for since, status in timeline:
        if since > moment:
            break
        current = status
    return current


@dataclass
class Stopwatch:
    """Running segments of one clock, and what they add up to on a basis."""

    start: datetime
    segments: list[tuple[datetime, datetime]]
    running_now: bool
    """The last segment is still open at ``now`` (the clock is ticking)."""
    basis: TimeBasis

    @classmethod
    def replay(
        cls,
        timeline: StatusTimeline,
        start: datetime,
        stop: datetime | None,
        now: datetime,
        pause_states: frozenset[str],
        basis: TimeBasis,
    ) -> Stopwatch:
        """Segments from ``start`` to ``stop`` (or ``now``) while the status lets the clock run."""
        end = min(stop, now) if stop is not None else now
        segments: list[tuple[datetime, datetime]] = []
        open_since: datetime | None = None
        # a status taking effect exactly at ``end`` decides whether the clock runs at ``end``
        # (a clock asked about at its own start is running, not paused); it adds no time
        bounds = [(max(since, start), status) for since, status in timeline if since <= end]
        # statuses before the start collapse onto the start; keep the last one there
        for i, (since, status) in enumerate(bounds):
            if i + 1 < len(bounds) and bounds[i + 1][0] <= start:
                continue
            runs = status not in pause_states and status not in DONE_STATUSES
            if runs and open_since is None:
                open_since = since
            elif not runs and open_since is not None:
                if since > open_since:
                    segments.append((open_since, since))
                open_since = None
        running_now = open_since is not None and (stop is None or stop > now)
        if open_since is not None and end > open_since:
            segments.append((open_since, end))
        return cls(start, segments, running_now, basis)

    def elapsed(self) -> int:
        return sum(self.basis.seconds_between(a, b) for a, b in self.segments)

    def elapsed_until(self, moment: datetime) -> int:
        """Elapsed time counted up to ``moment`` (the running stretches cut there)."""
        return sum(self.basis.seconds_between(a, min(b, moment)) for a, b in self.segments if a < moment)

    def crossing(self, goal: int, resume_from: datetime | None) -> datetime | None:
        """When elapsed time reaches ``goal``: inside a segment, or projected from ``resume_from``.

        ``resume_from`` is ``now`` for a running clock, the stop for a stopped one, None
        for a paused one (no projection: nobody knows when work resumes).
        """
        done = 0
        for a, b in self.segments:
            part = self.basis.seconds_between(a, b)
            if done + part >= goal:
                return self.basis.add(a, goal - done)
            done += part
        if resume_from is None:
            return None
        return self.basis.add(resume_from, goal - done)
