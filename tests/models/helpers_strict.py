"""Two sides of one question, and the cases to ask: does a value fit a record's field?

One side is the loader ``validate`` uses (``load_record``), the other the committed
``schemas/<kind>.schema.json`` applied as check-jsonschema applies it by default
(ECMA-262 patterns through ``regress``, formats checked).  Each value goes into one field
of a minimal valid record of its kind, written as JSON (YAML 1.2 flow style).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import regress

from itsmctl.store.loader import LoadedFile, dotted, load_record
from itsmctl.store.paths import path_for
from tests.conftest import ROOT

SCHEMAS = ROOT / "schemas"
AT = "2026-11-16T12:45:00+08:00"

BASE: dict[str, dict[str, Any]] = {
    "incident": {
        "kind": "incident",
        "id": "INC-2611-7KQ3P",
        "title": "打印机卡纸",
        "service": "SVC-ONSITE",
        "channel": "phone",
        "priority": "P3",
        "status": "resolved",
        "major": False,
        "events": [
            {"id": "E1AAAA", "at": AT, "by": "li.na", "type": "opened"},
            {"id": "E2AAAA", "at": AT, "by": "li.na", "type": "escalated", "level": 1, "target": "response"},
            {"id": "E3AAAA", "at": AT, "by": "li.na", "type": "resolved", "resolution": "换纸", "first_line": True},
        ],
    },
    "change": {
        "kind": "change",
        "id": "CHG-2611-7KQ3P",
        "title": "升级",
        "service": "SVC-ONSITE",
        "priority": "P3",
        "status": "draft",
        "plan": {"start": AT},
        "approval": {"by": "li.na", "at": AT, "method": "mail"},
        "trial": {"start": "2026-11-16", "end": "2026-11-20"},
        "events": [{"id": "E1AAAA", "at": AT, "by": "li.na", "type": "opened"}],
    },
    "sla": {
        "kind": "sla",
        "id": "SLA-X",
        "name": "协议",
        "customer": "客户",
        "services": ["SVC-ONSITE"],
        "calendar": "CAL-X",
        "effective_from": "2026-01-01",
        "warning_percent": 75,
        "targets": {"P1": {"response": "15m"}},
        "escalation": [{"level": 1, "name": "预警", "at_percent": 75, "actions": ["notify_assignee"]}],
        "reporting": [{"report": "monthly", "due_day": 5}],
        "staffing": {"resident": 2},
    },
    "calendar": {
        "kind": "calendar",
        "id": "CAL-X",
        "name": "工作日",
        "timezone": "Asia/Shanghai",
        "week": {"mon": ["09:00-17:00"]},
        "holidays": {"country": "CN", "use_weekend_workdays": True},
        "overrides": [{"date": "2026-10-10", "type": "workday", "name": "调休"}],
        "frozen": [{"year": 2026}],
    },
    "policy": {
        "kind": "policy",
        "id": "POLICY",
        "name": "策略",
        "organisation": "公司",
        "commit": True,
        "people": [{"id": "li.na", "name": "李娜", "org": "公司", "active": True}],
        "priority": {
            "dimensions": [
                {
                    "id": "urgency",
                    "name": "紧急度",
                    "levels": [{"id": "low", "name": "低"}, {"id": "high", "name": "高"}],
                }
            ],
            "levels": [{"id": "P1", "name": "一级"}, {"id": "P2", "name": "二级"}],
            "matrix": {"low": "P2", "high": "P1"},
        },
        "notifications": [{"id": "mail", "type": "smtp", "port": 25, "timeout_seconds": 10}],
    },
    "survey": {
        "kind": "survey",
        "id": "SUR-2611-7KQ3P",
        "survey_type": "callback",
        "at": AT,
        "by": "li.na",
        "reached": True,
        "score": 5,
        "responses": 3,
        "period_start": "2026-10-01",
    },
    "audit": {
        "kind": "audit",
        "id": "AUD-2026-1",
        "title": "内审",
        "plan": {"start": "2026-11-16", "end": "2026-11-20", "lead": "li.na", "scope": "全部"},
    },
    "supplier_evaluation": {
        "kind": "supplier_evaluation",
        "id": "SE-2026-Q3",
        "supplier": "供方",
        "period": "2026-Q3",
        "evaluator": "li.na",
        "evaluated_on": "2026-10-08",
        "criteria": [{"name": "质量", "weight": 40, "score": 87.5}],
        "conclusion": "qualified",
    },
    "release": {
        "kind": "release",
        "id": "REL-2026-11-01",
        "title": "发布",
        "changes": ["CHG-2611-7KQ3P"],
        "plan": {"window_start": AT, "window_end": "2026-11-16T23:00:00+08:00", "owner": "li.na"},
        "verification": {"by": "li.na", "at": "2026-11-16T23:30:00+08:00", "result": "pass"},
        "acceptance": {"by": "李娜", "on": "2026-11-20"},
    },
    "ci": {
        "kind": "ci",
        "id": "CI-SRV-01",
        "name": "服务器",
        "class": "server",
        "status": "in_use",
        "version": "1.10",
        "warranty_until": "2027-01-31",
    },
}

Field = tuple[str, tuple[str | int, ...]]

FIELDS: dict[str, list[Field]] = {
    "bool": [
        ("incident", ("major",)),
        ("incident", ("events", 2, "first_line")),
        ("calendar", ("holidays", "use_weekend_workdays")),
        ("policy", ("commit",)),
        ("policy", ("people", 0, "active")),
        ("survey", ("reached",)),
    ],
    "int": [
        ("incident", ("events", 1, "level")),
        ("sla", ("escalation", 0, "level")),
        ("sla", ("reporting", 0, "due_day")),
        ("sla", ("staffing", "resident")),
        ("calendar", ("frozen", 0, "year")),
        ("policy", ("notifications", 0, "port")),
        ("survey", ("score",)),
        ("survey", ("responses",)),
    ],
    "float": [
        ("sla", ("warning_percent",)),
        ("sla", ("escalation", 0, "at_percent")),
        ("policy", ("notifications", 0, "timeout_seconds")),
        ("supplier_evaluation", ("criteria", 0, "weight")),
        ("supplier_evaluation", ("criteria", 0, "score")),
    ],
    "str": [
        ("incident", ("title",)),
        ("incident", ("events", 2, "resolution")),
        ("change", ("title",)),
        ("sla", ("customer",)),
        ("calendar", ("name",)),
        ("policy", ("organisation",)),
        ("audit", ("title",)),
        ("ci", ("version",)),
    ],
    "literal": [
        ("incident", ("channel",)),
        ("change", ("approval", "method")),
        ("supplier_evaluation", ("conclusion",)),
        ("release", ("verification", "result")),
    ],
    "timestamp": [
        ("incident", ("events", 0, "at")),
        ("incident", ("events", 2, "at")),
        ("change", ("plan", "start")),
        ("change", ("approval", "at")),
        ("survey", ("at",)),
        ("release", ("plan", "window_start")),
    ],
    "day": [
        ("change", ("trial", "start")),
        ("sla", ("effective_from",)),
        ("calendar", ("overrides", 0, "date")),
        ("survey", ("period_start",)),
        ("audit", ("plan", "start")),
        ("supplier_evaluation", ("evaluated_on",)),
        ("ci", ("warranty_until",)),
        ("release", ("acceptance", "on")),
    ],
}

OWN = "<the field's own value>"
GAP = "{}.0"
"""A whole number written as a float: JSON Schema counts it as an integer (the first gap)."""

VALUES: dict[str, tuple[list[Any], list[Any]]] = {
    "bool": (["yes", "on", "1", "true", 1, 0], [True, False]),
    "int": (["{}", GAP, True, "five"], [OWN]),
    "float": (["80", "87.5", True, None], [80, 87.5]),
    "str": ([5, 5.5, True], ["文字 text"]),
    "literal": ([1, True, "MAIL", None], [OWN]),
    "timestamp": (
        [
            "2026-11-20",
            "2026-11-16 12:45",
            "2026-11-16 12:45:00+08:00",
            "2026-11-16T12:45",
            "2026-11-16t12:45:00+08:00",
            "2026-11-16T12:45:00+0800",
            "2026-02-29T12:45:00+08:00",
            "2026-11-16T24:00:00Z",
            20261116,
            1790000000.0,
            True,
        ],
        ["2026-11-16T12:45:00+08:00", "2026-11-16T12:45Z", "2026-11-16T12:45:30.25-05:30", "2024-02-29T00:00Z"],
    ),
    "day": (
        [
            "2026-11-20T00:00:00+08:00",
            "2026/11/20",
            "20261120",
            "2026-02-30",
            "1900-02-29",
            "0000-01-01",
            "2026-11-20 ",
            20261120,
            True,
        ],
        ["2026-11-20", "2024-02-29", "2000-02-29"],
    ),
}
"""Per type: values both sides must refuse and values both must accept.  ``OWN`` is the
field's value in ``BASE``; ``"{}"`` is that value quoted as text, ``GAP`` written as a float."""


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def record_with(kind: str, path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE[kind])
    node = _get(data, path[:-1])
    node[path[-1]] = value
    return data


def _concrete(value: Any, own: Any) -> Any:
    if value == OWN:
        return own
    if value == GAP:
        return float(own)
    return value.format(own) if value == "{}" else value


def load(kind: str, data: dict[str, Any], zone: ZoneInfo | None = None) -> LoadedFile:
    """The loader's verdict on ``data`` written as a file (JSON is YAML 1.2 flow style)."""
    text = json.dumps(data, ensure_ascii=False).encode()
    return load_record(str(path_for(kind, data["id"])), "record.yaml", text, default_tz=zone)


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    """``pattern`` as check-jsonschema applies it by default: ECMA-262 through regress."""
    if validator.is_type(instance, "string") and not regress.Regex(pattern, flags="u").find(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator(kind: str) -> Any:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
    return cls(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_accepts(kind: str, data: dict[str, Any]) -> bool:
    return bool(validator(kind).is_valid(data))


def _cases() -> Iterator[tuple[str, str, tuple[str | int, ...], Any, bool, bool]]:
    """(type, kind, field path, value, model accepts, schema accepts)."""
    for type_name, fields in FIELDS.items():
        bad, good = VALUES[type_name]
        for kind, path in fields:
            own = _get(BASE[kind], path)
            for value in bad:
                yield type_name, kind, path, _concrete(value, own), False, value == GAP
            for value in good:
                yield type_name, kind, path, _concrete(value, own), True, True


CASES = list(_cases())
CASE_IDS = [f"{t}-{k}.{dotted(p)}={v!r}" for t, k, p, v, _, _ in CASES]
