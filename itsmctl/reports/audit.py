"""The internal audit report (内部审核报告): plan, checklist results by area,
nonconformities and the status of their corrective actions."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from itsmctl.errors import NotFoundError
from itsmctl.models import Audit
from itsmctl.reports.common import ReportInput, left_out

AREAS = ("people", "resources", "technology", "process")
RESULTS = ("conform", "nonconform", "observation", "not_applicable", "not_checked")
DONE = ("done", "verified")


def audits(inp: ReportInput) -> list[Audit]:
    return sorted(inp.snapshot.of_kind(Audit, "audit"), key=lambda a: (a.plan.start, a.id))


def open_actions(inp: ReportInput, until: datetime) -> list[dict[str, Any]]:
    """Corrective actions not yet done, of audits begun before ``until``; overdue flagged."""
    day = until.astimezone(inp.zone).date()
    rows = []
    for audit in audits(inp):
        if audit.plan.start >= day:
            continue
        for nc in audit.nonconformities:
            pending = [a for a in nc.corrective_actions if a.status not in DONE]
            if not nc.corrective_actions:
                rows.append(_action_row(inp, audit, nc, None, day))
            for action in pending:
                rows.append(_action_row(inp, audit, nc, action, day))
    return rows


def _action_row(inp: ReportInput, audit: Audit, nc: Any, action: Any, day: Any) -> dict[str, Any]:
    return {
        "audit": audit.id,
        "nonconformity": nc.id,
        "severity": inp.label("severity", nc.severity),
        "description": nc.description,
        "action": action.action if action else "",
        "owner": inp.person(action.owner) if action else "",
        "due": action.due.isoformat() if action else "",
        "status": inp.label("action_status", action.status) if action else "",
        "overdue": bool(action and action.due < day),
        "missing_action": action is None,
    }


def summary(inp: ReportInput, audit: Audit, day: Any) -> dict[str, Any]:
    results = Counter((item.area, item.result) for item in audit.checklist)
    actions = [a for nc in audit.nonconformities for a in nc.corrective_actions]
    return {
        "id": audit.id,
        "title": audit.title,
        "type": inp.label("audit_type", audit.audit_type),
        "start": audit.plan.start.isoformat(),
        "end": audit.plan.end.isoformat(),
        "checked": sum(1 for i in audit.checklist if i.result != "not_checked"),
        "item_count": len(audit.checklist),
        "nonconformities": len(audit.nonconformities),
        "major": sum(1 for nc in audit.nonconformities if nc.severity == "major"),
        "actions": len(actions),
        "actions_done": sum(1 for a in actions if a.status in DONE),
        "actions_overdue": sum(1 for a in actions if a.status not in DONE and a.due < day),
        "results": results,
    }


def build(inp: ReportInput, audit_id: str) -> dict[str, Any]:
    audit = inp.snapshot.get(audit_id)
    if not isinstance(audit, Audit):
        known = ", ".join(a.id for a in audits(inp)) or "none"
        raise NotFoundError(f"no valid audit {audit_id!r} in the store (audits: {known})")
    day = inp.now.astimezone(inp.zone).date()
    info = summary(inp, audit, day)
    results: Counter[tuple[str, str]] = info.pop("results")
    by_area = [
        {
            "area": inp.label("area", area),
            "counts": [results.get((area, r), 0) for r in RESULTS],
            "total": sum(results.get((area, r), 0) for r in RESULTS),
        }
        for area in AREAS
    ]
    nonconformities = []
    for nc in audit.nonconformities:
        nonconformities.append(
            {
                "id": nc.id,
                "severity": inp.label("severity", nc.severity),
                "item": nc.checklist_item or "",
                "description": nc.description,
                "cause": nc.cause or "",
                "actions": [
                    {
                        "action": a.action,
                        "owner": inp.person(a.owner),
                        "due": a.due.isoformat(),
                        "status": inp.label("action_status", a.status),
                        "done_on": a.done_on.isoformat() if a.done_on else "",
                        "verified": f"{inp.person(a.verified_by)} {a.verified_on or ''}".strip()
                        if a.verified_by
                        else "",
                        "overdue": a.status not in DONE and a.due < day,
                    }
                    for a in nc.corrective_actions
                ],
            }
        )
    return {
        "report": {
            "as_of": inp.local(inp.now),
            "today": day.isoformat(),
            "source": inp.source,
            "organisation": inp.snapshot.policy.organisation if inp.snapshot.policy else "",
            "project": inp.snapshot.policy.name if inp.snapshot.policy else "",
        },
        "left_out": left_out(inp.snapshot),
        "audit": info,
        "plan": {
            "lead": inp.person(audit.plan.lead),
            "auditors": inp.listing(inp.person(p) for p in audit.plan.auditors),
            "scope": audit.plan.scope,
            "criteria": list(audit.plan.criteria),
        },
        "results": [inp.label("result", r) for r in RESULTS],
        "by_area": by_area,
        "checklist": [
            {
                "id": i.id,
                "area": inp.label("area", i.area),
                "question": i.question,
                "result": inp.label("result", i.result),
                "evidence": i.evidence or "",
            }
            for i in audit.checklist
        ],
        "findings": list(audit.findings),
        "nonconformities": nonconformities,
        "conclusion": audit.conclusion or "",
        "reported_on": audit.reported_on.isoformat() if audit.reported_on else "",
    }
