"""SLA figures for reports, read from the SLA engine's clocks and never recomputed here.

Every clock comes from ``itsmctl.sla.evaluate_store``, the same code path behind
``itsmctl sla status``.  A report only decides *which month a clock's outcome belongs
to*: a met clock to the month it stopped in, a missed or breached clock to the month
its deadline passed in (so a breach is counted once, in the month it happened, even if
the ticket is closed later).  Clocks still running within their target are not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from itsmctl.reports.common import Period, percent
from itsmctl.sla import ClockStatus as Clock
from itsmctl.sla import evaluate_store
from itsmctl.sla.memo import ClockMemo
from itsmctl.store.snapshot import Snapshot

MET = "met"
MISSED = ("missed", "breached")
SLA_TARGETS = ("response", "onsite", "spare_part", "recovery", "resolution")
"""The SLA's committed times per priority: what 'SLA achievement' is computed over."""
DESK_TARGETS = ("remote_guidance", "dispatch", "execution_confirmed", "redispatch", "escalate_to_manager")
"""The service desk's own timings (domain §3)."""
REPAIR_TARGETS = ("repair_progress", "repair_return")
"""Vendor warranty repairs: written progress and the device's return (the repairs report)."""
CALLBACK = "callback"
"""The satisfaction callback after resolution (domain §4)."""
COVERAGE_MARK = "(非工作时间 out of hours)"
"""Marks the achievement rows of clocks measured on an SLA's out-of-hours coverage."""
TARGET_ORDER = (*SLA_TARGETS, CALLBACK, *DESK_TARGETS, *REPAIR_TARGETS)


def evaluate(
    snapshot: Snapshot, now: datetime, until: datetime | None = None, memo: ClockMemo | None = None
) -> list[Clock]:
    """All clocks of the store at ``now``, from the SLA engine (settled tickets' from ``memo``).

    With ``until``, tickets opened at or after it are skipped: a clock starts no earlier
    than its ticket's opening, so none of theirs can settle before ``until``.
    """
    if until is None:
        return evaluate_store(snapshot, now, memo=memo)
    ids = [t.id for t in snapshot.tickets if t.opened_at < until]
    return evaluate_store(snapshot, now, ids=ids, memo=memo) if ids else []


def estimated_years(clocks: Iterable[Clock], period: Period) -> list[int]:
    """Years whose holidays are only estimated that the period's clocks run through.

    The clocks settled in the period and those still running: a report on them says so
    (``ClockStatus.estimated_years``), since their results may move with the official days.
    """
    years = {y for c in clocks if c.running or outcome_at(c) in period for y in c.estimated_years}
    return sorted(years)


def outcome_at(clock: Clock) -> datetime | None:
    """When a clock's outcome became known; None while it is still undecided."""
    if clock.state == MET:
        return clock.stopped_at
    if clock.state in MISSED:
        return clock.deadline
    return None


def settled_in(clocks: Iterable[Clock], period: Period, targets: tuple[str, ...] = SLA_TARGETS) -> list[Clock]:
    """Clocks of ``targets`` whose outcome became known in ``period``."""
    return [c for c in clocks if c.target in targets and outcome_at(c) in period]


@dataclass
class Tally:
    met: int = 0
    missed: int = 0

    def add(self, clock: Clock) -> None:
        if clock.state == MET:
            self.met += 1
        else:
            self.missed += 1

    @property
    def total(self) -> int:
        return self.met + self.missed

    @property
    def percent(self) -> float | None:
        return percent(self.met, self.total)


def _order(target: str) -> int:
    return TARGET_ORDER.index(target) if target in TARGET_ORDER else len(TARGET_ORDER)


def achievement(clocks: list[Clock], commitments: dict[str, float], priorities: list[str]) -> dict[str, Any]:
    """Met / missed / percent per SLA and target, and per SLA, priority and target."""
    by_target: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_priority: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    overall = Tally()
    for clock in clocks:
        # out-of-hours clocks (nights, weekends, holidays on the coverage calendar) are their own rows
        sla = clock.sla_id if clock.coverage is None else f"{clock.sla_id} {COVERAGE_MARK}"
        by_target[(sla, clock.target)].add(clock)
        # a breach counts against the goal it breached, under that priority (§5.14 rule 4)
        by_priority[(sla, clock.judged_priority, clock.target)].add(clock)
        overall.add(clock)

    def prio_rank(p: str) -> tuple[int, str]:
        return (priorities.index(p) if p in priorities else len(priorities), p)

    def committed(sla: str) -> float | None:
        return commitments.get(sla.removesuffix(f" {COVERAGE_MARK}"))

    targets = [
        _row(sla, tally, committed(sla), target=target)
        for (sla, target), tally in sorted(by_target.items(), key=lambda kv: (kv[0][0], _order(kv[0][1])))
    ]
    per_priority = [
        _row(sla, tally, committed(sla), target=target, priority=prio)
        for (sla, prio, target), tally in sorted(
            by_priority.items(), key=lambda kv: (kv[0][0], prio_rank(kv[0][1]), _order(kv[0][2]))
        )
    ]
    return {
        "targets": targets,
        "priorities": per_priority,
        "overall": {"met": overall.met, "missed": overall.missed, "total": overall.total, "percent": overall.percent},
    }


def _row(sla: str, tally: Tally, commitment: float | None, **keys: str) -> dict[str, Any]:
    achieved = tally.percent
    return {
        "sla": sla,
        **keys,
        "met": tally.met,
        "missed": tally.missed,
        "total": tally.total,
        "percent": achieved,
        "commitment": commitment,
        "ok": None if achieved is None or commitment is None else achieved >= commitment,
    }
