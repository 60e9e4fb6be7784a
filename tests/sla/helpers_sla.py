"""Build small in-memory snapshots for hand-computed SLA cases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from itsmctl.models import MODEL_BY_KIND
from itsmctl.priority import PRESETS
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot

WEEK = {d: ["09:00-12:00", "13:30-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
CALENDAR: dict[str, Any] = {
    "kind": "calendar",
    "id": "CAL-CN-5X8",
    "name": "5x8",
    "timezone": "Asia/Shanghai",
    "week": WEEK,
    "holidays": {"country": "CN"},
}
SLA: dict[str, Any] = {
    "kind": "sla",
    "id": "SLA-T",
    "name": "测试 SLA",
    "customer": "华信银行",
    "services": ["SVC-T"],
    "calendar": "CAL-CN-5X8",
    "effective_from": "2026-01-01",
    "targets": {
        "P1": {"response": "30m", "onsite": "2h", "recovery": "3h", "resolution": "4h"},
        "P2": {"response": "1h", "resolution": "8h"},
        "P3": {"response": "2h", "resolution": "3bd"},
        "P4": {"response": "4h", "resolution": "5bd"},
    },
    "callback": "24h",
    "service_desk": {"dispatch": "10m", "escalate_to_manager": "20m"},
}


POLICY: dict[str, Any] = {
    "kind": "policy",
    "id": "policy",
    "name": "测试策略",
    "organisation": "恒运信息",
    "people": [{"id": "wang.qiang", "name": "王强", "org": "恒运信息"}],
    "priority": PRESETS["seed"].matrix().model_dump(exclude_none=True),
}
SEED_P3 = {"urgency": "urgent", "impact": "some", "importance": "important"}
"""Score 1 + 1 + 1 = 3 -> P3 under the seed matrix."""


def t(text: str) -> datetime:
    """A Beijing time written without its offset."""
    return datetime.fromisoformat(text + "+08:00")


def incident(priority: str, events: list[tuple[str, str, dict[str, Any]]], **fields: Any) -> dict[str, Any]:
    """An incident from ``(time, type, extra)`` events; status follows the log."""
    log = [
        {"id": f"E{i:05d}", "at": at + "+08:00", "by": "wang.qiang", "type": kind, **extra}
        for i, (at, kind, extra) in enumerate(events)
    ]
    data: dict[str, Any] = {
        "kind": "incident",
        "id": "INC-2611-00001",
        "title": "测试",
        "service": "SVC-T",
        "priority": priority,
        "status": "new",
        "events": log,
    }
    data.update(fields)
    return data


def snapshot(*records: dict[str, Any]) -> Snapshot:
    snap = Snapshot()
    for data in records:
        model: type[BaseModel] = MODEL_BY_KIND[data["kind"]]
        record = model.model_validate(data)
        snap.add(
            LoadedFile(
                path=f"{data['id']}.yaml", display=f"{data['id']}.yaml", record=record, kind=data["kind"], id=data["id"]
            )
        )
    return snap


def store_with(ticket: dict[str, Any], *more: dict[str, Any], sla: dict[str, Any] | None = None) -> Snapshot:
    return snapshot(POLICY, CALENDAR, sla or SLA, ticket, *more)
