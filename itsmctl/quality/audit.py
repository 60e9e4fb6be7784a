"""An audit through its whole life (内部审核), one verb per step, each an edit of its one file.

plan (the checklist over people, resources, technology and process) → check (each item's
result and evidence) → nc (a nonconformity raised against an item) → action (a corrective
action with owner and due day) → done → verify (by an auditor, not the owner) → conclude
(findings, conclusion, reported) → close.  What a step may not break is in the rule book
(``corrective-action``, ``audit-closed``, ``audit-areas``), so ``validate`` holds hand
edits to the same rules; ``itsmctl.editing.record`` does the edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from itsmctl import roundtrip
from itsmctl.editing.record import RecordWritten, append, create_record, edit_record, item_with_id, model_order
from itsmctl.errors import FieldError, NotFoundError, UsageError
from itsmctl.models import Audit, Policy
from itsmctl.models.quality import ChecklistItem, CorrectiveAction, Nonconformity
from itsmctl.rules.quality import AREAS

KIND = "audit"
AREA_LETTER = {"people": "p", "resources": "r", "technology": "t", "process": "c"}
ORDER = model_order(KIND)
NC_ORDER = tuple(Nonconformity.model_fields)
ACTION_ORDER = tuple(CorrectiveAction.model_fields)
ITEM_ORDER = tuple(ChecklistItem.model_fields)


@dataclass(frozen=True)
class AuditPlanInput:
    audit_id: str
    title: str
    start: date
    end: date
    lead: str
    scope: str
    auditors: Sequence[str] = ()
    criteria: Sequence[str] = ()
    audit_type: str = "internal"
    items: Sequence[tuple[str, str]] = ()
    """(area, question) pairs; ids are given per area: p1, r1, t1, c1, …"""
    checklist_from: Audit | None = None
    """An earlier audit whose questions this one asks again (results cleared)."""


def plan_audit(root: Path, plan: AuditPlanInput, *, policy: Policy) -> RecordWritten:
    """Write a new audit with its plan and checklist; refused if it exists or the checklist misses an area."""
    if plan.end < plan.start:
        raise FieldError("end", f"the audit ends {plan.end} before it starts {plan.start}")
    checklist: list[dict[str, Any]] = []
    if plan.checklist_from is not None:
        checklist = [{"id": i.id, "area": i.area, "question": i.question} for i in plan.checklist_from.checklist]
    counts = {area: sum(1 for i in checklist if i["area"] == area) for area in AREAS}
    for area, question in plan.items:
        if area not in AREAS:
            raise FieldError("item", f"{area!r} is not an area: {', '.join(AREAS)} (人员、资源、技术、过程)")
        counts[area] += 1
        taken = {i["id"] for i in checklist}
        n = counts[area]
        while f"{AREA_LETTER[area]}{n}" in taken:
            n += 1
        checklist.append({"id": f"{AREA_LETTER[area]}{n}", "area": area, "question": question})
    record: dict[str, Any] = {
        "id": plan.audit_id,
        "title": plan.title,
        "audit_type": plan.audit_type,
        "plan": {
            "start": plan.start,
            "end": plan.end,
            "lead": plan.lead,
            "auditors": list(plan.auditors) or [plan.lead],
            "scope": plan.scope,
            **({"criteria": list(plan.criteria)} if plan.criteria else {}),
        },
        "checklist": checklist,
    }
    return create_record(root, KIND, record, policy=policy, flow_keys=frozenset())


def check_item(
    root: Path, audit_id: str, item_id: str, result: str, evidence: str | None, *, policy: Policy
) -> RecordWritten:
    """Record one checklist item's result (conform, nonconform, observation, not_applicable) and evidence."""

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        item = item_with_id(document, "checklist", item_id)
        roundtrip.set_field(item, "result", result, ITEM_ORDER)
        if evidence is not None:
            roundtrip.set_field(item, "evidence", evidence, ITEM_ORDER)

    return edit_record(root, KIND, audit_id, change, policy=policy)


def raise_nonconformity(
    root: Path,
    audit_id: str,
    item_id: str | None,
    severity: str,
    description: str,
    cause: str | None,
    *,
    policy: Policy,
) -> tuple[RecordWritten, str]:
    """Raise a nonconformity (against a checklist item, whose result becomes nonconform); its id."""
    raised: list[str] = []

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        if item_id is not None:
            item = item_with_id(document, "checklist", item_id)
            roundtrip.set_field(item, "result", "nonconform", ITEM_ORDER)
        taken = {nc.id for nc in audit.nonconformities}
        n = len(taken) + 1
        while f"nc{n}" in taken:
            n += 1
        nc: dict[str, Any] = {"id": f"nc{n}"}
        if item_id is not None:
            nc["checklist_item"] = item_id
        nc.update(severity=severity, description=description)
        if cause:
            nc["cause"] = cause
        append(document, "nonconformities", nc, ORDER)
        raised.append(f"nc{n}")

    written = edit_record(root, KIND, audit_id, change, policy=policy)
    return written, raised[0]


def add_action(
    root: Path, audit_id: str, nc_id: str, action: str, owner: str, due: date, *, policy: Policy
) -> tuple[RecordWritten, int]:
    """Add a corrective action to a nonconformity; its number (1, 2, … within the nonconformity)."""
    numbers: list[int] = []

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        nc = item_with_id(document, "nonconformities", nc_id)
        append(nc, "corrective_actions", {"action": action, "owner": owner, "due": due}, NC_ORDER)
        numbers.append(len(nc["corrective_actions"]))

    written = edit_record(root, KIND, audit_id, change, policy=policy)
    return written, numbers[0]


def finish_action(
    root: Path, audit_id: str, nc_id: str, number: int, on: date, *, started: bool = False, policy: Policy
) -> RecordWritten:
    """Mark corrective action ``number`` of ``nc_id`` done on ``on`` (or only in progress)."""

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        action = _action(document, nc_id, number)
        if action.get("status") == "verified":
            raise UsageError(f"{nc_id}'s action {number} is already verified")
        if started:
            roundtrip.set_field(action, "status", "in_progress", ACTION_ORDER)
            return
        roundtrip.set_field(action, "status", "done", ACTION_ORDER)
        roundtrip.set_field(action, "done_on", on, ACTION_ORDER)

    return edit_record(root, KIND, audit_id, change, policy=policy)


def verify_action(
    root: Path, audit_id: str, nc_id: str, number: int, by: str, on: date, *, policy: Policy
) -> RecordWritten:
    """Verify corrective action ``number`` of ``nc_id`` (done first; the rule book refuses its owner)."""

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        action = _action(document, nc_id, number)
        if action.get("status") != "done":
            raise UsageError(
                f"{nc_id}'s action {number} is {action.get('status', 'open')}: it is verified once done "
                f"(itsmctl audit done {audit_id} {nc_id} {number})"
            )
        roundtrip.set_field(action, "status", "verified", ACTION_ORDER)
        roundtrip.set_field(action, "verified_by", by, ACTION_ORDER)
        roundtrip.set_field(action, "verified_on", on, ACTION_ORDER)

    return edit_record(root, KIND, audit_id, change, policy=policy)


def conclude_audit(
    root: Path, audit_id: str, findings: Sequence[str], conclusion: str | None, on: date, *, policy: Policy
) -> RecordWritten:
    """Add findings and the conclusion, and mark the audit reported on ``on``."""

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        for finding in findings:
            append(document, "findings", finding, ORDER)
        if conclusion is not None:
            roundtrip.set_field(document, "conclusion", conclusion, ORDER)
        if audit.reported_on is None:
            roundtrip.set_field(document, "reported_on", on, ORDER)

    return edit_record(root, KIND, audit_id, change, policy=policy)


def close_audit(root: Path, audit_id: str, by: str, on: date, *, policy: Policy) -> RecordWritten:
    """Close the audit (the rule book refuses it while an item is unchecked or an action unverified)."""

    def change(document: roundtrip.Document, audit: Audit) -> None:
        _refuse_closed(audit)
        roundtrip.set_field(document, "closed_on", on, ORDER)
        roundtrip.set_field(document, "closed_by", by, ORDER)

    return edit_record(root, KIND, audit_id, change, policy=policy)


def _refuse_closed(audit: Audit) -> None:
    if audit.closed_on is not None:
        raise UsageError(f"audit {audit.id} was closed on {audit.closed_on}; a closed audit is not changed")


def _action(document: roundtrip.Document, nc_id: str, number: int) -> Any:
    nc = item_with_id(document, "nonconformities", nc_id)
    actions = nc.get("corrective_actions")
    count = len(actions) if roundtrip.is_sequence(actions) else 0
    if not 1 <= number <= count:
        raise NotFoundError(f"{nc_id} has {count} corrective action(s); there is no action {number}")
    return actions[number - 1]
