"""Completeness of the quality system, judged at a moment ("now"): warnings with the rule's source.

What no single record can tell, and what depends on the clock: a period is missing its
record only once it is over.  Only in a store that keeps quality records (an audit, review or
supplier evaluation; the overdue follow-ups always).  Judged from the start of service (the earliest SLA's
``effective_from``, else the earliest quality record) up to ``now``:

- a low-score follow-up complaint still open past ``quality_goals.follow_up_days`` (seed 000 §4.4.1);
- ``quality_goals.audits_per_year`` internal audits a year, the k-th due by the end of the
  k-th part of the year (default 2: mid-year and year-end, seed 003 §5.3.1);
- a management review each year that is over, with all seven inputs (seed 003 §5.3.2);
  a review held with inputs missing is warned of at once;
- a supplier evaluation per supplier (each one ever evaluated) per quarter (seed 004 §6.3.6);
- the asset register verified twice a year: some CI's ``last_verified`` within the CMDB
  policy's ``verify_days`` (domain §3; ``ci verify`` lists the CIs one by one).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args

from itsmctl.clock import local_day
from itsmctl.findings import Finding
from itsmctl.models import Audit, Complaint, ConfigurationItem, ManagementReview, SupplierEvaluation, Survey
from itsmctl.models.quality import ReviewInput
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot

REVIEW_INPUTS: tuple[str, ...] = tuple(
    t for t in get_args(ReviewInput.model_fields["topic"].annotation) if t != "other"
)
"""The seven inputs of the management review (seed 003 §5.3.2)."""

FOLLOW_UP_DONE = ("resolved", "closed")
QUARTER_OF = {"Q1": (1,), "Q2": (2,), "Q3": (3,), "Q4": (4,), "H1": (1, 2), "H2": (3, 4), "Y": (1, 2, 3, 4)}


def missing_inputs(review: ManagementReview) -> list[str]:
    """The seven inputs (``REVIEW_INPUTS``) the review does not consider yet."""
    given = {i.topic for i in review.inputs}
    return [t for t in REVIEW_INPUTS if t not in given]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def service_start(snapshot: Snapshot) -> date | None:
    """The first day the quality system is judged from: the earliest SLA's term, else the
    earliest audit, review or supplier evaluation."""
    starts = [s.effective_from for s in snapshot.slas]
    if not starts:
        starts = [a.plan.start for a in snapshot.of_kind(Audit, "audit")]
        starts += [r.held_on for r in snapshot.of_kind(ManagementReview, "review")]
        starts += [e.evaluated_on for e in snapshot.of_kind(SupplierEvaluation, "supplier_evaluation")]
    return min(starts, default=None)


def keeps_quality_records(snapshot: Snapshot) -> bool:
    """Whether the store keeps its quality system at all (an audit, review or supplier evaluation):
    a store of tickets alone, whose audits live elsewhere, is not told each period is missing."""
    return any(snapshot.by_kind.get(kind) for kind in ("audit", "review", "supplier_evaluation"))


def check_quality(snapshot: Snapshot, now: datetime) -> Iterator[Finding]:
    policy_file = next(iter(snapshot.by_kind.get("policy", [])), None)
    policy = snapshot.policy
    if policy is None or policy_file is None:
        return
    today = local_day(now, policy.zone)
    yield from _follow_ups(snapshot, now, policy.quality_goals.follow_up_days)
    yield from _overdue_actions(snapshot, today)
    start = service_start(snapshot)
    if start is None or not keeps_quality_records(snapshot):
        return
    yield from _audits(snapshot, policy_file, start, today, policy.quality_goals.audits_per_year)
    yield from _reviews(snapshot, policy_file, start, today)
    yield from _suppliers(snapshot, policy_file, today)
    yield from _assets(snapshot, policy_file, today, policy.cmdb.verify_days)


def _follow_ups(snapshot: Snapshot, now: datetime, days: int) -> Iterator[Finding]:
    for loaded in snapshot.by_kind.get("survey", []):
        survey = loaded.record
        if not isinstance(survey, Survey) or survey.follow_up is None:
            continue
        held = snapshot.file_of(survey.follow_up)
        complaint = held.record if held is not None else None
        due = survey.at + timedelta(days=days)
        if isinstance(complaint, Complaint) and complaint.status not in FOLLOW_UP_DONE and now > due:
            yield loaded.finding(
                ("follow_up",),
                "follow-up-overdue",
                f"the low-score follow-up {survey.follow_up} is {complaint.status}, due {due.date().isoformat()} "
                f"({days} days after the callback, quality_goals.follow_up_days): a low score is followed up "
                "to closure (seed 000 §4.4.1)",
                "warning",
            )


def _overdue_actions(snapshot: Snapshot, today: date) -> Iterator[Finding]:
    """Corrective actions of audits and actions of management reviews past their due day, not done."""
    for loaded in snapshot.by_kind.get("audit", []):
        audit = loaded.record
        if not isinstance(audit, Audit) or audit.closed_on is not None:
            continue
        for i, nc in enumerate(audit.nonconformities):
            for j, action in enumerate(nc.corrective_actions):
                if action.status in ("open", "in_progress") and action.due < today:
                    yield loaded.finding(
                        ("nonconformities", i, "corrective_actions", j, "due"),
                        "corrective-action-overdue",
                        f"{nc.id}'s corrective action {j + 1} ({action.owner}) was due {action.due.isoformat()} "
                        f"and is {action.status}, {(today - action.due).days} day(s) late: a nonconformity is "
                        f"corrected by its due day (seed 003 §5.3.1; itsmctl audit done {audit.id} {nc.id} {j + 1})",
                        "warning",
                    )
    for loaded in snapshot.by_kind.get("review", []):
        review = loaded.record
        if not isinstance(review, ManagementReview):
            continue
        for i, act in enumerate(review.actions):
            if act.status != "done" and act.due < today:
                yield loaded.finding(
                    ("actions", i, "due"),
                    "review-action-overdue",
                    f"the review's action {act.id} ({act.owner}) was due {act.due.isoformat()} and is {act.status}, "
                    f"{(today - act.due).days} day(s) late (seed 003 §5.3.2: the review's actions are followed up)",
                    "warning",
                )


def _audits(snapshot: Snapshot, policy_file: LoadedFile, start: date, today: date, per_year: int) -> Iterator[Finding]:
    if per_year <= 0:
        return
    held = sorted(a.plan.start for a in snapshot.of_kind(Audit, "audit") if a.audit_type == "internal")
    for year in range(start.year, today.year + 1):
        for k in range(1, per_year + 1):
            due = _month_end(year, max(1, min(12, round(12 * k / per_year))))
            if due >= today or due < start:
                continue  # not over yet, or before the service began
            count = sum(1 for d in held if date(year, 1, 1) <= d <= due)
            if count < k:
                yield policy_file.finding(
                    ("quality_goals", "audits_per_year"),
                    "audit-missing",
                    f"{count} internal audit(s) in {year} by {due.isoformat()}, {k} due: the policy holds "
                    f"{per_year} a year (quality_goals.audits_per_year; seed 003 §5.3.1: mid-year and year-end)",
                    "warning",
                )


def _reviews(snapshot: Snapshot, policy_file: LoadedFile, start: date, today: date) -> Iterator[Finding]:
    years: set[int] = set()
    for loaded in snapshot.by_kind.get("review", []):
        review = loaded.record
        if not isinstance(review, ManagementReview):
            continue
        years.add(review.held_on.year)
        missing = missing_inputs(review)
        if missing:
            yield loaded.finding(
                ("inputs",),
                "review-inputs",
                f"the management review lacks input(s) {', '.join(missing)}: it considers all seven "
                f"({', '.join(REVIEW_INPUTS)}; seed 003 §5.3.2)",
                "warning",
            )
    for year in range(start.year, today.year):  # a year is missing its review once it is over
        if year not in years:
            yield policy_file.finding(
                (),
                "review-missing",
                f"no management review held in {year}: one is held each year (seed 003 §5.3.2)",
                "warning",
            )


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


@dataclass(frozen=True)
class SupplierCoverage:
    """One supplier's evaluations (the latest per period, in period order) and the quarters over without one."""

    supplier: str
    evaluations: tuple[SupplierEvaluation, ...]
    missing: tuple[str, ...]
    """Quarters (``2026-Q2``) from its first evaluated one that are over and have no evaluation."""


def period_quarters(period: str) -> set[tuple[int, int]]:
    """The quarters a period (``2026-Q3``, ``2026-H1``, ``2026-Y``) covers, as (year, quarter)."""
    year_text, part = period.split("-")
    return {(int(year_text), q) for q in QUARTER_OF[part]}


def supplier_coverage(evaluations: Iterable[SupplierEvaluation], today: date) -> list[SupplierCoverage]:
    """Each supplier ever evaluated, by name: the one reading ``validate`` and ``supplier list`` share."""
    latest: dict[str, dict[str, SupplierEvaluation]] = {}
    for evaluation in evaluations:
        periods = latest.setdefault(evaluation.supplier, {})
        held = periods.get(evaluation.period)
        if held is None or (held.evaluated_on, held.id) < (evaluation.evaluated_on, evaluation.id):
            periods[evaluation.period] = evaluation
    coverage = []
    for supplier, periods in sorted(latest.items()):
        quarters = set().union(*(period_quarters(p) for p in periods))
        year, quarter = min(quarters)
        missing = []
        while _quarter_end(year, quarter) < today:
            if (year, quarter) not in quarters:
                missing.append(f"{year}-Q{quarter}")
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        ordered = tuple(periods[p] for p in sorted(periods, key=lambda p: (min(period_quarters(p)), p)))
        coverage.append(SupplierCoverage(supplier, ordered, tuple(missing)))
    return coverage


def _suppliers(snapshot: Snapshot, policy_file: LoadedFile, today: date) -> Iterator[Finding]:
    for covered in supplier_coverage(snapshot.of_kind(SupplierEvaluation, "supplier_evaluation"), today):
        for quarter in covered.missing:
            yield policy_file.finding(
                (),
                "supplier-evaluation-missing",
                f"supplier {covered.supplier} has no evaluation for {quarter}: each supplier is evaluated "
                "every quarter (seed 004 §6.3.6)",
                "warning",
            )


def _assets(snapshot: Snapshot, policy_file: LoadedFile, today: date, days: int) -> Iterator[Finding]:
    cis = [c for c in snapshot.of_kind(ConfigurationItem, "ci") if c.status != "retired"]
    if not cis:
        return
    latest = max((c.last_verified for c in cis if c.last_verified is not None), default=None)
    if latest is None or (today - latest).days > days:
        when = f"last on {latest.isoformat()}" if latest else "never"
        yield policy_file.finding(
            ("cmdb", "verify_days"),
            "asset-verification-missing",
            f"the asset register was verified {when}: it is verified twice a year, every {days} days at most "
            "(cmdb.verify_days; domain §3); itsmctl ci verify lists the CIs",
            "warning",
        )
