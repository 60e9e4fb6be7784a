"""How ``audit list`` writes: one line per audit (text) or one JSON document."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from itsmctl.escape import json_text, terminal
from itsmctl.models import Audit
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
