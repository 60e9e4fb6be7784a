"""``itsmctl import csv`` with the documented OTRS/Znuny, GLPI and iTop mappings on their example files."""

from __future__ import annotations

from pathlib import Path

import pytest

from itsmctl.errors import UsageError
from itsmctl.importers.mapping import load_mapping
from itsmctl.importers.run import import_csv, import_zone
from itsmctl.models import Incident
from itsmctl.store.loader import load_record
from itsmctl.tickets.edit import load_policy

MAPPINGS = Path(__file__).resolve().parents[2] / "docs" / "import-mappings"


def _run(records: Path, name: str, export: str):  # type: ignore[no-untyped-def]
    spec = load_mapping(MAPPINGS / f"{name}.yaml")
    policy = load_policy(records)
    return import_csv(
        records, policy, MAPPINGS / export, spec, zone=import_zone(spec.timezone, None), service="SVC-SUPPORT"
    )


def _by_number(records: Path) -> dict[str, Incident]:
    out = {}
    for path in (records / "tickets").rglob("*.yaml"):
        rel = str(path.relative_to(records))
        loaded = load_record(rel, rel, path.read_bytes())
        assert isinstance(loaded.record, Incident), loaded.findings
        assert loaded.record.source is not None
        out[loaded.record.source.number] = loaded.record
    return out


def test_otrs_tickets_utf8_with_bom(itil_records: Path) -> None:
    s = _run(itil_records, "otrs", "otrs-tickets.csv")
    assert (s.rows, s.tickets, s.written.created) == (5, 5, 5)
    assert s.unmapped == {"unknown-state": 1}
    assert [(f.line, f.message) for f in s.findings] == [(5, "state 'merged'")]
    t = _by_number(itil_records)
    mail = t["2024030510000011"]
    assert (mail.title, mail.status, mail.priority, mail.assignee) == ("邮件服务器无法发信", "closed", "P2", "li-wei")
    groups = {g.id: g.name for g in load_policy(itil_records).groups}
    assert groups[mail.group or ""] == "运维::邮件"
    assert mail.events[-1].at.isoformat() == "2024-03-05T11:40:02+08:00"
    assert t["2024030610000033"].status == "pending_customer"
    assert t["2024030710000055"].title == "otrs 2024030710000055"
    assert s.written.rule_findings == {"confirmation": 1}


def test_glpi_tickets_gb18030(itil_records: Path) -> None:
    s = _run(itil_records, "glpi", "glpi-tickets.csv")
    assert (s.rows, s.tickets) == (5, 5)
    assert s.unmapped == {"unknown-state": 1}
    t = _by_number(itil_records)
    finance = t["1021"]
    assert finance.title == "财务系统登录缓慢"
    assert [e.type for e in finance.events] == ["opened", "assigned", "resolved", "closed"]
    assert finance.events[2].at.isoformat() == "2024-04-01T16:40:00+08:00"
    assert t["1022"].status == "assigned"
    backup = t["1023"]
    assert (backup.priority, backup.dimensions, backup.status) == (
        "P1",
        {"impact": "high", "urgency": "high"},
        "resolved",
    )
    projector = t["1022"]  # GLPI says 中 (P3); the itil matrix on low x medium gives P4
    assert projector.priority_override is not None and projector.priority == "P3"
    policy = load_policy(itil_records)
    names = {p.name for p in policy.people}
    assert {"刘洋", "孙磊"} <= names and "陈静" not in names  # requesters stay in details
    assert t["1021"].source.details == {"requester": "陈静"}  # type: ignore[union-attr]


def test_itop_history_one_row_per_event(itil_records: Path) -> None:
    s = _run(itil_records, "itop", "itop-history.csv")
    assert (s.rows, s.tickets) == (8, 2)
    assert s.unmapped == {"out-of-order": 1, "unknown-value": 1}
    t = _by_number(itil_records)
    oa = t["I-000101"]
    assert [e.type for e in oa.events] == ["opened", "assigned", "priority", "status", "resolved", "closed"]
    assert oa.description == "用户反馈：\n打开 OA 首页报 502"
    assert oa.events[4].resolution == "重启应用服务器后恢复"  # type: ignore[union-attr]
    assert (oa.priority, oa.assignee, oa.channel) == ("P2", "ma-jun", "web")
    printer = t["I-000102"]
    assert printer.status == "pending_customer"
    assert all(a.at <= b.at for a, b in zip(printer.events, printer.events[1:], strict=False))


def test_a_mapping_mistake_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("system: otrs\ncolumns:\n  number: Ticket#\n  opened_at: Created\n  colour: red\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.yaml:5: columns.colour"):
        load_mapping(bad)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("system: x\nkind: incident\nsystem: y\n", r"bad.yaml:3:1: duplicate key 'system'"),
        ("system: x\ncolumns: {number: [a\n", r"bad.yaml:2:\d+: the [\[{] "),
        ("system: x\n\tkind: incident\n", r"bad.yaml:2:1: a tab character"),
    ],
)
def test_a_mapping_that_does_not_parse_names_line_and_column(tmp_path: Path, text: str, where: str) -> None:
    # the syntax error came as "bad.yaml: YAML syntax error: …" with no line at all
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=where):
        load_mapping(bad)
