"""How ``supplier list`` writes: each supplier, its evaluations and the quarters missing one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from itsmctl.checks.quality import SupplierCoverage
from itsmctl.escape import json_text, terminal
from itsmctl.models import SupplierEvaluation
from itsmctl.models.labels import label


def _score(evaluation: SupplierEvaluation) -> float:
    return round(evaluation.weighted_score, 2)


def list_text(coverage: Sequence[SupplierCoverage]) -> str:
    if not coverage:
        return "no supplier evaluation in the store\n"
    lines = []
    for c in coverage:
        lines.append(terminal(c.supplier))
        for e in c.evaluations:
            conclusion = f"{label('zh', 'conclusion', e.conclusion)} {e.conclusion}"
            lines.append(
                terminal(f"  {e.period}  {e.id}  {_score(e):g}  {conclusion}  ({e.evaluator}, {e.evaluated_on})")
            )
        if not c.evaluations:
            lines.append("  no evaluation for the period")
        lines.append(terminal(f"  missing: {', '.join(c.missing) or 'none'}"))
    return "\n".join(lines) + "\n"


def _row(e: SupplierEvaluation) -> dict[str, Any]:
    return {
        "id": e.id,
        "period": e.period,
        "evaluator": e.evaluator,
        "evaluated_on": e.evaluated_on.isoformat(),
        "score": _score(e),
        "conclusion": e.conclusion,
    }


def list_json(coverage: Sequence[SupplierCoverage]) -> str:
    rows = [
        {"supplier": c.supplier, "evaluations": [_row(e) for e in c.evaluations], "missing": list(c.missing)}
        for c in coverage
    ]
    return json_text({"suppliers": rows}, indent=2) + "\n"


SUPPLIER_LIST_REPORTERS: dict[str, Callable[[Sequence[SupplierCoverage]], str]] = {
    "text": list_text,
    "json": list_json,
}
