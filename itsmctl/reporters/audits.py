"""How ``audit list`` and ``review list`` write: one line per record (text) or one JSON document."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from itsmctl.checks.quality import REVIEW_INPUTS, missing_inputs
from itsmctl.escape import json_text, terminal
from itsmctl.models import Audit, ManagementReview
from itsmctl.models.labels import label


def open_actions(audit: Audit) -> list[dict[str, Any]]:
    """The corrective actions not yet verified: which nonconformity, number, owner, due, status."""
    return [
        {"nc": nc.id, "number": j + 1, "owner": a.owner, "due": a.due.isoformat(), "status": a.status}
        for nc in audit.nonconformities
        for j, a in enumerate(nc.corrective_actions)
        if a.status != "verified"
    ]


def list_text(audits: Sequence[Audit]) -> str:
    if not audits:
        return "no audit in the store\n"
    lines = []
    for a in audits:
        stage = f"{label('zh', 'audit_stage', a.stage)} {a.stage}"
        pending = len(open_actions(a))
        lines.append(
            terminal(
                f"{a.id}  {a.plan.start}–{a.plan.end}  {stage}  "
                f"{len(a.nonconformities)} nc, {pending} action(s) not verified  {a.title}"
            )
        )
    return "\n".join(lines) + "\n"


def list_json(audits: Sequence[Audit]) -> str:
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "start": a.plan.start.isoformat(),
            "end": a.plan.end.isoformat(),
            "stage": a.stage,
            "nonconformities": len(a.nonconformities),
            "actions_not_verified": open_actions(a),
        }
        for a in audits
    ]
    return json_text({"audits": rows}, indent=2) + "\n"


AUDIT_LIST_REPORTERS: dict[str, Callable[[Sequence[Audit]], str]] = {"text": list_text, "json": list_json}


def _actions(review: ManagementReview, today: date) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "owner": a.owner, "due": a.due.isoformat(), "status": a.status, "overdue": a.due < today}
        for a in review.actions
        if a.status != "done"
    ]


def review_text(reviews: Sequence[ManagementReview], today: date) -> str:
    if not reviews:
        return "no management review in the store\n"
    lines = []
    for r in reviews:
        missing = missing_inputs(r)
        pending = _actions(r, today)
        late = sum(1 for a in pending if a["overdue"])
        lacking = f" (missing {', '.join(missing)})" if missing else ""
        lines.append(
            terminal(
                f"{r.id}  {r.held_on}  inputs {len(REVIEW_INPUTS) - len(missing)}/{len(REVIEW_INPUTS)}{lacking}"
                f"  {len(pending)} action(s) not done, {late} overdue  {r.title}"
            )
        )
    return "\n".join(lines) + "\n"


def review_json(reviews: Sequence[ManagementReview], today: date) -> str:
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "held_on": r.held_on.isoformat(),
            "missing_inputs": missing_inputs(r),
            "actions_not_done": _actions(r, today),
        }
        for r in reviews
    ]
    return json_text({"reviews": rows}, indent=2) + "\n"


REVIEW_LIST_REPORTERS: dict[str, Callable[[Sequence[ManagementReview], date], str]] = {
    "text": review_text,
    "json": review_json,
}
