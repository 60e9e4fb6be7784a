"""Supplier evaluations by command (供方评价, seed 004 §6.3.6): each supplier, each quarter.

``evaluate`` writes one new evaluation file (``suppliers/<id>.yaml``) through
``itsmctl.editing.record.create_record``, so the rule book (``weights``: the criteria's weights
add up to 100) refuses what ``validate`` would report.  A supplier is named as its evaluations
name it (the ``supplier`` text, often Chinese) or by the suffix of their ids (``BOYUAN`` of
``SE-2026Q3-BOYUAN``).  The id is ``SE-<period>-<suffix>``: the suffix of the supplier's earlier
evaluations, else the supplier's name made a slug when it is plain ASCII, else given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, get_args

from itsmctl.checks.quality import SupplierCoverage, period_quarters, supplier_coverage
from itsmctl.editing.record import RecordWritten, create_record
from itsmctl.errors import FieldError, UsageError
from itsmctl.models import Policy, SupplierEvaluation

KIND = "supplier_evaluation"
PREFIX = "SE"
CONCLUSIONS: tuple[str, ...] = get_args(SupplierEvaluation.model_fields["conclusion"].annotation)
PERIOD = re.compile(r"^[0-9]{4}-(Q[1-4]|H[12]|Y)$")
ID = re.compile(r"^SE-[0-9]{4}(?:Q[1-4]|H[12]|Y)-(?P<suffix>[A-Za-z0-9][A-Za-z0-9_-]*)$")
CRITERION = re.compile(r"^(?P<name>.+?)\s*=\s*(?P<weight>[0-9.]+)\s*:\s*(?P<score>[0-9.]+)$")


@dataclass(frozen=True)
class Evaluation:
    """What ``evaluate`` is asked to write; the supplier as the command was given it."""

    supplier: str
    period: str
    evaluator: str
    evaluated_on: date
    criteria: Sequence[tuple[str, float, float]]
    conclusion: str
    notes: str | None = None
    record_id: str | None = None


def parse_criterion(text: str) -> tuple[str, float, float]:
    """``名称=WEIGHT:SCORE`` (``备件质量=30:95``) as name, weight, score."""
    found = CRITERION.match(text.strip())
    if found is None:
        raise FieldError("criterion", f"{text!r}: write NAME=WEIGHT:SCORE, e.g. 备件质量=30:95")
    try:
        return found["name"].strip(), _number(found["weight"]), _number(found["score"])
    except ValueError:
        raise FieldError("criterion", f"{text!r}: the weight and score are numbers, e.g. 备件质量=30:95") from None


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def suffix_of(record_id: str) -> str | None:
    """``BOYUAN`` of ``SE-2026Q3-BOYUAN``; None for an id of another shape."""
    found = ID.match(record_id)
    return found["suffix"] if found else None


def slug_of(supplier: str) -> str | None:
    """An id suffix from a plain ASCII name (``Dell China`` → ``DELL-CHINA``); None for any other."""
    if not supplier.isascii():
        return None
    slug = re.sub(r"[^A-Za-z0-9]+", "-", supplier).strip("-").upper()
    return slug or None


def resolve_supplier(given: str, existing: Sequence[SupplierEvaluation]) -> str:
    """The supplier's name as recorded: the text given, or the supplier of the evaluations whose id suffix it is."""
    if any(e.supplier == given for e in existing):
        return given
    named = {e.supplier for e in existing if (suffix_of(e.id) or "").upper() == given.strip().upper()}
    if len(named) > 1:
        raise FieldError("supplier", f"{given!r} is the id suffix of evaluations of {', '.join(sorted(named))}")
    return named.pop() if named else given.strip()


def evaluation_id(supplier: str, period: str, existing: Sequence[SupplierEvaluation]) -> str:
    """``SE-<period>-<suffix>``: the suffix of the supplier's latest evaluation, else its ASCII name's slug."""
    earlier = sorted((e for e in existing if e.supplier == supplier), key=lambda e: (e.evaluated_on, e.id))
    suffixes = [s for s in (suffix_of(e.id) for e in earlier) if s]
    suffix = suffixes[-1] if suffixes else slug_of(supplier)
    if suffix is None:
        raise FieldError(
            "id",
            f"{supplier!r} has no earlier evaluation to take an id from and is not plain ASCII: "
            f"give the id, e.g. SE-{period.replace('-', '')}-ACME",
        )
    return f"{PREFIX}-{period.replace('-', '')}-{suffix}"


def evaluate(
    root: Path, request: Evaluation, existing: Sequence[SupplierEvaluation], *, policy: Policy
) -> RecordWritten:
    """Write a new evaluation; refused for a period the supplier already has one for."""
    if not PERIOD.match(request.period):
        raise FieldError("period", f"{request.period!r} is not a period like 2026-Q4 (or 2026-H1, 2026-Y)")
    if request.conclusion not in CONCLUSIONS:
        raise FieldError("conclusion", f"{request.conclusion!r} is not one of {', '.join(CONCLUSIONS)}")
    if not request.criteria:
        raise FieldError("criterion", "an evaluation has at least one criterion (NAME=WEIGHT:SCORE)")
    supplier = resolve_supplier(request.supplier, existing)
    twice = [e.id for e in existing if e.supplier == supplier and e.period == request.period]
    if twice:
        raise UsageError(f"{supplier} is already evaluated for {request.period} ({', '.join(twice)})")
    record: dict[str, Any] = {
        "id": request.record_id or evaluation_id(supplier, request.period, existing),
        "supplier": supplier,
        "period": request.period,
        "evaluator": request.evaluator,
        "evaluated_on": request.evaluated_on,
        "criteria": [{"name": n, "weight": w, "score": s} for n, w, s in request.criteria],
        "conclusion": request.conclusion,
    }
    if request.notes:
        record["notes"] = request.notes
    return create_record(root, KIND, record, policy=policy)


def suppliers(
    evaluations: Sequence[SupplierEvaluation], today: date, period: str | None = None
) -> list[SupplierCoverage]:
    """Each supplier's latest evaluation per period and its quarters over without one (``supplier list``).

    With ``period``, only that period's evaluations and the missing quarters it covers.
    """
    coverage = supplier_coverage(evaluations, today)
    if period is None:
        return coverage
    if not PERIOD.match(period):
        raise FieldError("period", f"{period!r} is not a period like 2026-Q4 (or 2026-H1, 2026-Y)")
    within = {f"{y}-Q{q}" for y, q in period_quarters(period)}
    return [
        replace(
            c,
            evaluations=tuple(e for e in c.evaluations if e.period == period),
            missing=tuple(q for q in c.missing if q in within),
        )
        for c in coverage
    ]
