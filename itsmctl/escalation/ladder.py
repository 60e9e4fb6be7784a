"""Which rungs of an SLA's escalation ladder are due for a ticket, now.

A pure decision over the ticket's clock rows (from the SLA engine) and the
``escalated`` events already in its log: each (target, level) fires at most once, so
running the cron job twice changes nothing.  Only running clocks escalate: a paused
clock waits, a stopped one (met or missed) is history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from itsmctl.models.events import EventBase
from itsmctl.models.sla import EscalationStep, ServiceLevelAgreement

RUNNING_STATES = frozenset({"ok", "warning", "breached"})
"""Clock states that can escalate; ``paused``, ``met`` and ``missed`` never do."""


class ClockRow(Protocol):
    """The part of the SLA engine's ``ClockStatus`` the ladder reads."""

    @property
    def ticket_id(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def percent(self) -> float | None: ...
    @property
    def deadline(self) -> datetime | None: ...
    @property
    def sla_id(self) -> str | None: ...
    @property
    def estimated_years(self) -> tuple[int, ...]: ...


@dataclass(frozen=True)
class Rung:
    """One step of the ladder reached by one clock: what to record and do."""

    step: EscalationStep
    row: ClockRow

    @property
    def level(self) -> int:
        return self.step.level

    @property
    def target(self) -> str:
        return self.row.target

    @property
    def key(self) -> tuple[str, int]:
        return (self.row.target, self.step.level)


def recorded_rungs(events: Iterable[EventBase]) -> set[tuple[str, int]]:
    """(target, level) pairs the log already holds an ``escalated`` event for."""
    return {(e.target, e.level) for e in events if e.type == "escalated"}  # type: ignore[attr-defined]


class EscalationLadder:
    """The SLA's ``escalation`` steps, lowest level first (预警 → 报警 → 升级)."""

    def __init__(self, steps: Sequence[EscalationStep]) -> None:
        self.steps = sorted(steps, key=lambda s: (s.level, s.at_percent))

    @classmethod
    def of(cls, sla: ServiceLevelAgreement) -> EscalationLadder:
        return cls(sla.escalation)

    def __bool__(self) -> bool:
        return bool(self.steps)

    @staticmethod
    def watches(step: EscalationStep, target: str) -> bool:
        """A step with no ``targets`` watches every clock of the ticket."""
        return not step.targets or target in step.targets

    def reached(self, row: ClockRow) -> list[EscalationStep]:
        """Steps whose threshold this clock has reached, lowest first."""
        if row.state not in RUNNING_STATES or row.percent is None:
            return []
        return [s for s in self.steps if self.watches(s, row.target) and row.percent >= s.at_percent]

    def due(self, rows: Iterable[ClockRow], recorded: set[tuple[str, int]]) -> list[Rung]:
        """Rungs reached by ``rows`` and not yet in ``recorded``, by level then target.

        A clock that jumped past several thresholds since the last run fires every
        rung it passed, in order: the pre-warning is recorded even when it is late.
        """
        out: list[Rung] = []
        seen = set(recorded)
        for row in rows:
            for step in self.reached(row):
                rung = Rung(step, row)
                if rung.key not in seen:
                    seen.add(rung.key)
                    out.append(rung)
        return sorted(out, key=lambda r: (r.level, r.target))
