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
        }
        if self.coverage is not None:
            row["coverage"] = self.coverage
        return row
