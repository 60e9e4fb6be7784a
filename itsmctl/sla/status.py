"""The result of one stopwatch: what ``sla status`` shows and other commands build on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

ClockState = Literal["ok", "warning", "breached", "met", "missed", "paused"]
STATES: tuple[ClockState, ...] = ("ok", "warning", "breached", "met", "missed", "paused")


@dataclass(frozen=True)
class ClockStatus:
    """One ticket's clock for one target, as of ``now``.

    Running clocks project their ``deadline`` from ``now``; stopped clocks (met/missed)
    carry ``stopped_at``; a paused clock has no deadline (it depends on when work resumes).
    All durations are whole seconds on the target's ``basis``.
    """

    ticket_id: str
    kind: str
    target: str
    state: ClockState
    priority: str
    sla_id: str
    started_at: datetime
    deadline: datetime | None
    stopped_at: datetime | None
    goal_seconds: int
    elapsed_seconds: int
    remaining_seconds: int
    percent: float
    basis: str
    warning_percent: float = 75.0
    breached_at: datetime | None = None
    """The first moment elapsed time passed the goal in force then (docs/sla-rules.md §5.14);
    a later downgrade never takes it back.  None while the clock never breached."""
    breach_goal_seconds: int | None = None
    """The goal that was in force at ``breached_at`` (what the overrun is counted against)."""
    breach_priority: str | None = None
    """The priority whose goal was breached at ``breached_at``: a breach is counted against the
    goal it breached (§5.14 rule 4), even after a later downgrade changed ``priority``."""
    breach_elapsed_seconds: int | None = None
    """Elapsed time at ``breached_at``: the goal itself, or more for a breach at a raise
    (elapsed was already past the new goal when it was set; §5.14 rule 3)."""
    handling_priority: str | None = None
    """The priority the ticket is handled at, when an escalation raise made it differ from
    ``priority`` (the measured one); None when they agree."""

    @property
    def judged_priority(self) -> str:
        """The priority a report counts this clock under: the one it breached, else the measured one."""
        return self.breach_priority if self.breached_at is not None and self.breach_priority else self.priority

    @property
    def overrun_seconds(self) -> int:
        """How far elapsed time went past the goal it breached, counted from the breach moment
        (a breach at a raise counts from the raise, never from before the goal existed);
        0 when it never breached."""
        if self.breached_at is None:
            return 0
        goal = self.breach_goal_seconds if self.breach_goal_seconds is not None else self.goal_seconds
        at_breach = max(goal, self.breach_elapsed_seconds or 0)
        return max(self.elapsed_seconds - at_breach, 0)

    estimated_years: tuple[int, ...] = ()
    """Years the clock runs through whose holidays are only estimated (neither frozen in
    the calendar nor official in the package): its deadline may still move."""
    coverage: str | None = None
    """``out_of_hours`` when measured on the SLA's out-of-hours coverage (``itsmctl.sla.coverage``)."""

    @property
    def running(self) -> bool:
        return self.state in ("ok", "warning", "breached", "paused")

    def as_row(self) -> dict[str, Any]:
        """The JSON row of ``sla status --format json`` (``id`` = the ticket id); ``coverage`` only when set."""
        row = {
            "id": self.ticket_id,
            "kind": self.kind,
            "target": self.target,
            "state": self.state,
            "priority": self.priority,
            "sla": self.sla_id,
            "started_at": self.started_at.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "stopped_at": self.stopped_at.isoformat() if self.stopped_at else None,
            "goal_seconds": self.goal_seconds,
            "elapsed_seconds": self.elapsed_seconds,
            "remaining_seconds": self.remaining_seconds,
            "percent": self.percent,
            "basis": self.basis,
            "warning_percent": self.warning_percent,
            "breached_at": self.breached_at.isoformat() if self.breached_at else None,
            "breach_priority": self.breach_priority if self.breached_at else None,
            "handling_priority": self.handling_priority,
            "estimated": bool(self.estimated_years),
            "estimated_years": list(self.estimated_years),
        }
        if self.coverage is not None:
            row["coverage"] = self.coverage
        return row
