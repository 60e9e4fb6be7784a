"""``itsmctl import servicenow`` on a small hand-written log: every mapping, every reason, idempotence."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from itil_store import GIT_ENV, git, itil_store

from itsmctl.importers.run import import_servicenow, import_zone
from itsmctl.models import Incident
from itsmctl.store.loader import load_record
from itsmctl.tickets.edit import load_policy

DATA = Path(__file__).parent / "data"
SMALL = DATA / "servicenow_small.csv"


def _import(records: Path, source: Path = SMALL, **kw: object):  # type: ignore[no-untyped-def]
    policy = load_policy(records)
    zone = import_zone(None, None)  # UTC
    return import_servicenow(records, policy, source, zone=zone, service="SVC-SUPPORT", **kw)  # type: ignore[arg-type]


def _tickets(records: Path) -> dict[str, Incident]:
    out = {}
    for path in sorted((records / "tickets").rglob("*.yaml")):
        rel = str(path.relative_to(records))
        record = load_record(rel, rel, path.read_bytes()).record
        assert isinstance(record, Incident), rel
        assert record.source is not None
        out[record.source.number] = record
    return out


def test_every_row_is_a_ticket_or_a_note(itil_records: Path) -> None:
    s = _import(itil_records)
    assert (s.rows, s.tickets, s.written.created, s.written.refused) == (20, 5, 5, 0)
    assert s.written.rule_findings == {"priority": 1}  # both closings came five days after: confirmed tacitly
    assert s.written.tacit_confirmations == 2
    assert s.written.warnings == {}  # the store's SLA is from 2016: every ticket has its clocks
    assert s.unmapped == {
        "impossible-timestamp": 1,
        "missing-number": 1,
        "out-of-order": 1,
        "unknown-state": 1,
        "unknown-value": 1,
    }
    where = {f.code: (Path(f.file).name, f.line, f.field) for f in s.findings}
    assert where["unknown-state"] == ("servicenow_small.csv", 16, "incident_state")
    assert where["out-of-order"] == ("servicenow_small.csv", 16, "sys_updated_at")
    assert where["impossible-timestamp"] == ("servicenow_small.csv", 19, "sys_updated_at")
    assert where["unknown-value"] == ("servicenow_small.csv", 20, "impact")
    assert where["missing-number"] == ("servicenow_small.csv", 21, "number")


def test_states_reassignments_and_references(itil_records: Path) -> None:
    _import(itil_records)
    t = _tickets(itil_records)
    one = t["INC0000001"]
    kinds = ["opened", "assigned", "assigned", "status", "status", "assigned", "status", "resolved", "confirmed"]
    assert [e.type for e in one.events] == [*kinds, "closed"]  # closed five days after: confirmed tacitly first
    confirmed = one.events[-2]
    assert confirmed.type == "confirmed" and confirmed.tacit and confirmed.contact is None
    assert confirmed.at == one.events[-1].at
    assert [(getattr(e, "to", None), getattr(e, "group", None)) for e in one.events if e.type == "assigned"] == [
        (None, "group-1"),
        ("resolver-1", "group-1"),
        ("resolver-2", "group-2"),
    ]
    assert [getattr(e, "to", None) for e in one.events if e.type == "status"] == [
        "in_progress",
        "pending_customer",
        "in_progress",
    ]
    assert (one.status, one.assignee, one.group, one.channel) == ("closed", "resolver-2", "group-2", "phone")
    assert one.events[0].by == "opened-by-3" and one.events[-1].by == "resolved-by-1"
    two = t["INC0000002"]
    assert [e.type for e in two.events if e.type == "priority"] == ["priority"]
    assert (two.priority, two.dimensions, two.status) == ("P2", {"impact": "high", "urgency": "medium"}, "resolved")
    assert two.source is not None
    assert {k: two.source.details[k] for k in ("problem", "change", "ci")} == {
        "problem": "Problem ID  4",
        "change": "CHG0000012",
        "ci": "cmdb_ci 5",
    }
    four = t["INC0000004"]
    assert [e.type for e in four.events][-5:] == ["resolved", "reopened", "resolved", "confirmed", "closed"]
    assert all(a.at <= b.at for a, b in zip(four.events, four.events[1:], strict=False))
    assert t["INC0000005"].status == "pending_change"


def test_priority_against_the_lookup(itil_records: Path) -> None:
    s = _import(itil_records)
    assert s.agreement is not None
    assert (s.agreement.incidents, s.agreement.agree, s.agreement.disagree, s.agreement.unreadable) == (5, 3, 1, 1)
    assert s.agreement.examples == ["INC0000003"]
    three = _tickets(itil_records)["INC0000003"]
    assert three.priority == "P1" and three.priority_override is not None
    assert "the matrix gives P4" in three.priority_override.reason


def test_reimport_changes_nothing_and_a_later_export_updates(itil_records: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = itil_records.parent
    first = cli("import", "servicenow", SMALL, "--records", itil_records, "--tz", "UTC")
    assert first.code == 0, first
    assert git(repo, "status", "--porcelain") == ""
    again = cli("import", "servicenow", SMALL, "--records", itil_records, "--tz", "UTC", "--format", "json")
    assert again.code == 0, again
    assert '"unchanged": 5' in again.stdout
    assert git(repo, "status", "--porcelain") == ""
    # a person adds a note here; the next, longer export resolves INC0000003
    three = next(p for p in (itil_records / "tickets").rglob("*.yaml") if b"INC0000003" in p.read_bytes())
    noted = cli(
        "ticket",
        "note",
        three.stem,
        "--records",
        itil_records,
        "已电话联系用户",
        "--by",
        "desk",
        "--at",
        "2016-03-05T09:00Z",
    )
    assert noted.code == 0, noted
    rows = list(csv.DictReader(io.StringIO(SMALL.read_text(encoding="utf-8"))))
    later = dict(rows[10], incident_state="Resolved", sys_mod_count="1", sys_updated_at="5/3/2016 12:00")
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows[:11], later, *rows[11:]])
    export = tmp_path / "later.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    s = _import(itil_records, export)
    assert (s.written.created, s.written.updated, s.written.unchanged, s.written.kept_local_events) == (0, 1, 4, 1)
    assert len(list((itil_records / "tickets").rglob("*.yaml"))) == 5
    record = _tickets(itil_records)["INC0000003"]
    assert record.status == "resolved"
    assert [e.type for e in record.events] == ["opened", "assigned", "note", "resolved"]


def test_a_policy_without_the_itil_matrix_is_refused(store: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", "servicenow", SMALL, "--records", store)
    assert result.code == 2, result
    assert "impact x urgency" in result.stderr


def _export(tmp_path: Path, change: dict[int, dict[str, str]]) -> Path:
    """The small log with some rows' values changed (by row index)."""
    rows = list(csv.DictReader(io.StringIO(SMALL.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([row | change.get(i, {}) for i, row in enumerate(rows)])
    export = tmp_path / "changed.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    return export


def test_a_closing_before_the_period_is_left_unconfirmed_and_noted(itil_records: Path, tmp_path: Path) -> None:
    early = _export(tmp_path, {5: {"sys_updated_at": "4/3/2016 11:00"}})  # INC0000001 closed two days after
    s = _import(itil_records, early)
    assert s.unmapped["closed-unconfirmed"] == 1
    assert s.written.rule_findings == {"confirmation": 1, "priority": 1}  # what validate will say, named by the summary
    one = _tickets(itil_records)["INC0000001"]
    assert [e.type for e in one.events][-2:] == ["resolved", "closed"]
    four = _tickets(itil_records)["INC0000004"]
    assert [e.type for e in four.events][-2:] == ["confirmed", "closed"]


def test_without_the_opt_in_no_confirmation_is_invented(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    records = itil_store(tmp_path / "repo", tacit_after=None)
    s = _import(records)
    assert "closed-unconfirmed" not in s.unmapped
    assert s.written.rule_findings == {"confirmation": 2, "priority": 1}
    assert all(e.type != "confirmed" for t in _tickets(records).values() for e in t.events)


def test_the_summary_names_the_warnings_validate_will_give(tmp_path: Path, monkeypatch, cli) -> None:  # type: ignore[no-untyped-def]
    # a store begun in 2026 has an SLA from 2026: the 2016 history it imports has no clocks
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    records = itil_store(tmp_path / "repo", year=2026)
    s = _import(records)
    assert s.written.warnings == {"sla-coverage": 5}
    r = cli("validate", "--records", records, "--format", "json")
    found = Counter(f["code"] for f in json.loads(r.stdout) if f["severity"] == "warning")
    assert found == s.written.warnings
