"""The sample store records/ is valid, big enough, and tells the stories the demos need.

Also: tools/gen_sample.py is deterministic, and tools/synth_store.py writes a store
that validates clean.  The expectations here come from the issue's minimums and from
the contract the sample describes (5x8, National Day 2026, reference moment
2026-11-20T15:00+08:00), not from the generator's own output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import holidays
import pytest

from itsmctl.models import (
    Audit,
    BusinessCalendar,
    Change,
    ConfigurationItem,
    Incident,
    ManagementReview,
    Problem,
    Service,
    ServiceLevelAgreement,
    Survey,
    TicketBase,
)
from itsmctl.store.snapshot import Snapshot, open_store
from tests.conftest import ROOT, SAMPLE_RECORDS, Cli

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone(timedelta(hours=8)))
TOOLS = ROOT / "tools"


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return open_store(SAMPLE_RECORDS)[1]


def _tickets(snapshot: Snapshot, kind: str) -> list[TicketBase]:
    return [f.record for f in snapshot.by_kind.get(kind, []) if isinstance(f.record, TicketBase)]


def test_validate_is_clean(cli: Cli) -> None:
    result = cli("validate", "--records", SAMPLE_RECORDS)
    assert result.code == 0, result


def test_counts_meet_the_minimums(snapshot: Snapshot) -> None:
    kinds = Counter(f.kind for f in snapshot.files)
    tickets = sum(kinds[k] for k in ("incident", "request", "problem", "change", "complaint"))
    assert tickets >= 150
    assert all(kinds[k] >= 3 for k in ("request", "problem", "change", "complaint")), kinds
    assert kinds["incident"] > tickets / 2
    assert kinds["ci"] >= 40
    assert kinds["sla"] == 1 and kinds["calendar"] == 2 and kinds["policy"] == 1  # 5x8, and 7x24 out of hours
    assert kinds["audit"] == 2 and kinds["review"] >= 1 and kinds["supplier_evaluation"] >= 2
    assert kinds["release"] >= 1
    assert kinds["survey"] >= 50


def test_cmdb_has_relations_statuses_and_dates_to_report(snapshot: Snapshot) -> None:
    cis = snapshot.of_kind(ConfigurationItem, "ci")
    assert sum(1 for ci in cis if ci.relations) >= 40
    relation_types = {r.type for ci in cis for r in ci.relations}
    assert relation_types == {"depends_on", "runs_on", "part_of", "connected_to", "backed_by"}
    classes = {ci.ci_class for ci in cis}
    assert {"server", "database", "network_device", "application", "business_service"} <= classes
    statuses = Counter(ci.status for ci in cis)
    assert statuses["in_use"] > len(cis) / 2
    assert {"testing", "changed", "retired", "disposed", "ordered"} <= set(statuses)
    ends = [d for ci in cis for d in (ci.warranty_until, ci.licence_until) if d]
    assert sum(1 for d in ends if d < date(2026, 11, 20)) >= 2, "some warranty or licence already expired"
    assert sum(1 for d in ends if date(2026, 11, 20) <= d < date(2027, 2, 1)) >= 2, "some expire soon"
    assert sum(1 for ci in cis if ci.last_verified and ci.last_verified < date(2026, 5, 20)) >= 3, "overdue checks"


def test_services_cover_the_four_classes(snapshot: Snapshot) -> None:
    services = snapshot.of_kind(Service, "service")
    assert len(services) >= 20
    assert {s.service_class for s in services} == {"reporting", "management", "proactive", "reactive"}
    assert all(s.name_en for s in services)


def test_policy_matrix_follows_the_sum_rule(snapshot: Snapshot) -> None:
    policy = snapshot.policy
    assert policy is not None
    dims = policy.priority.dimensions
    assert [d.id for d in dims] == ["urgency", "impact", "importance"]
    assert [lv.id for lv in policy.priority.levels] == ["P1", "P2", "P3", "P4"]
    expected = {0: "P4", 1: "P4", 2: "P3", 3: "P3", 4: "P2", 5: "P1", 6: "P1"}
    for u, urgency in enumerate(dims[0].levels):
        for i, impact in enumerate(dims[1].levels):
            for m, importance in enumerate(dims[2].levels):
                cell = {"urgency": urgency.id, "impact": impact.id, "importance": importance.id}
                assert policy.priority.lookup(cell) == expected[u + i + m], cell
    assert policy.priority.lookup({"urgency": "urgent", "impact": "some", "importance": "important"}) == "P3"


def test_calendar_has_2026_frozen_from_the_official_arrangement(snapshot: Snapshot) -> None:
    calendar = next(c for c in snapshot.of_kind(BusinessCalendar, "calendar") if c.id == "CAL-CN-5X8")
    assert calendar.timezone == "Asia/Shanghai"
    (frozen,) = [f for f in calendar.frozen if f.year == 2026]
    workdays = {o.date for o in frozen.workdays}
    offdays = {o.date for o in frozen.holidays}
    assert workdays == {date(2026, m, d) for m, d in ((1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10))}
    assert {date(2026, 2, d) for d in (16, 17, 18, 19, 20, 23)} <= offdays
    assert {date(2026, 9, 25)} | {date(2026, 10, d) for d in (1, 2, 5, 6, 7)} <= offdays
    package = holidays.country_holidays("CN", years=2026)
    assert set(package) == offdays, "the frozen year is what the holidays package says"
    assert not any(f.year == 2027 for f in calendar.frozen), "2027 is not official yet"


def test_sla_is_the_contract(snapshot: Snapshot) -> None:
    (sla,) = snapshot.of_kind(ServiceLevelAgreement, "sla")
    assert sla.calendar == "CAL-CN-5X8" and sla.customer == "华信银行"
    assert str(sla.targets["P1"].response) == "30m" and str(sla.targets["P4"].resolution) == "5bd"
    assert [step.at_percent for step in sla.escalation] == [75, 100, 150]
    assert {d.report: d.due_day for d in sla.reporting} == {"monthly": 5, "repairs": 10}


def test_ids_look_as_itsmctl_mints_them(snapshot: Snapshot) -> None:
    ticket_id = re.compile(r"^(INC|REQ|PRB|CHG|CMP)-26(0[89]|1[01])-[0-9A-HJKMNP-TV-Z]{5}$")
    event_id = re.compile(r"^E[0-9A-HJKMNP-TV-Z]{6}$")
    for ticket in snapshot.tickets:
        assert ticket_id.match(ticket.id), ticket.id
        assert ticket.id[4:8] == ticket.opened_at.strftime("%y%m")
        assert all(event_id.match(e.id) for e in ticket.events), ticket.id


def test_history_ends_at_the_reference_moment(snapshot: Snapshot) -> None:
    first = min(t.opened_at for t in snapshot.tickets)
    assert date(2026, 8, 1) <= first.date() <= date(2026, 8, 7)
    assert all(e.at <= NOW for t in snapshot.tickets for e in t.events)
    surveys = snapshot.of_kind(Survey, "survey")
    assert all(s.at <= NOW for s in surveys)


def test_open_tickets_cover_the_situations_of_a_friday_afternoon(snapshot: Snapshot) -> None:
    incidents = _tickets(snapshot, "incident")
    open_states = Counter(t.status for t in incidents if t.status != "closed")
    assert {"assigned", "in_progress", "pending_customer", "pending_vendor", "resolved"} <= set(open_states)
    waiting = [t for t in incidents if t.status == "assigned" and not any(e.type == "responded" for e in t.events)]
    minutes = sorted(int((NOW - t.opened_at).total_seconds() // 60) for t in waiting)
    assert any(45 <= m < 60 for m in minutes), f"one ticket near its 1h response target: {minutes}"
    breached = [
        t
        for t in incidents
        if t.status == "in_progress" and t.priority == "P2" and any(e.type == "escalated" for e in t.events)
    ]
    assert breached, "an open P2 past its resolution target, already escalated"


def test_stories_include_breaches_reopenings_and_the_calendar(snapshot: Snapshot) -> None:
    tickets = snapshot.tickets
    events = Counter(e.type for t in tickets for e in t.events)
    assert events["reopened"] >= 2 and events["priority"] >= 2 and events["escalated"] >= 4
    assert events["part_arrived"] >= 3 and events["recovered"] >= 1
    assert sum(1 for t in tickets if t.priority_override) >= 1
    opened_days = Counter(t.opened_at.date() for t in tickets)
    assert opened_days[date(2026, 9, 20)] >= 2 and opened_days[date(2026, 10, 10)] >= 2
    assert sum(opened_days[date(2026, 10, d)] for d in range(1, 8)) >= 2
    assert sum(1 for t in tickets if t.opened_at.weekday() >= 5) >= 5
    assert sum(1 for t in tickets if t.opened_at.hour < 8 or t.opened_at.hour >= 19) >= 3
    major = [t for t in _tickets(snapshot, "incident") if isinstance(t, Incident) and t.major]
    assert major and all(t.priority == "P1" for t in major)


def test_problems_changes_and_complaints(snapshot: Snapshot) -> None:
    problems = [t for t in snapshot.tickets if isinstance(t, Problem)]
    assert sum(1 for p in problems if p.known_error and p.workaround and p.root_cause) >= 2
    assert all(p.incidents for p in problems)
    changes = [t for t in snapshot.tickets if isinstance(t, Change)]
    assert {"closed", "rolled_back"} <= {c.status for c in changes}
    assert any(c.change_type == "emergency" for c in changes)
    for c in changes:
        if c.approval:
            assert not c.plan.missing(), c.id
            assert {r.stage for r in c.reviews} == {"internal", "external"}
    assert any(c.trial and c.trial.result == "pass" for c in changes)
    complaints = _tickets(snapshot, "complaint")
    assert complaints and all(t.assignee not in getattr(t, "about", []) for t in complaints)


def test_quality_records(snapshot: Snapshot) -> None:
    audits = {a.id: a for a in snapshot.of_kind(Audit, "audit")}
    assert set(audits) == {"AUD-2026-H1", "AUD-2026-H2"}  # mid-year and year-end (seed 003 §5.3.1)
    audit = audits["AUD-2026-H2"]
    assert len(audit.checklist) >= 12
    assert {item.area for item in audit.checklist} == {"people", "resources", "technology", "process"}
    assert len(audit.nonconformities) >= 3 and all(nc.corrective_actions for nc in audit.nonconformities)
    actions = [a for nc in audit.nonconformities for a in nc.corrective_actions]
    assert any(a.status == "verified" for a in actions)
    assert any(a.status != "verified" and a.due < NOW.date() for a in actions), "an overdue open action"
    surveys = snapshot.of_kind(Survey, "survey")
    callbacks = [s for s in surveys if s.survey_type == "callback"]
    assert any(s.survey_type == "periodic" for s in surveys)
    assert any(not s.reached for s in callbacks) and any(s.score and s.score <= 2 for s in callbacks)
    followed = {s.follow_up for s in callbacks if s.score and s.score <= 2}
    assert None not in followed and followed <= {t.id for t in _tickets(snapshot, "complaint")}
    closed = {t.id for t in _tickets(snapshot, "incident") if t.status == "closed"}
    surveyed = {s.ticket for s in callbacks}
    assert 0.6 * len(closed) <= len(surveyed & closed) < len(closed), "most, not all, closed incidents get a callback"


def test_yaml_reads_as_hand_written() -> None:
    sample = next(iter(sorted((SAMPLE_RECORDS / "tickets").rglob("INC-*.yaml"))))
    text = sample.read_text(encoding="utf-8")
    assert text.startswith("kind: incident\nid: ") or text.startswith("# ")
    assert "\nevents:\n  - id: E" in text and "\n    at: 2026-" in text
    assert text.index("\ntitle: ") < text.index("\nstatus: ") < text.index("\nevents:")
    policy = (SAMPLE_RECORDS / "policy.yaml").read_text(encoding="utf-8")
    above_matrix = policy.split("\n  matrix:")[0].rsplit("\n", 2)[-2:]
    assert any(line.strip().startswith("# 规则") for line in above_matrix), above_matrix


def _run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False, timeout=120)


def test_gen_sample_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        done = _run_tool(str(TOOLS / "gen_sample.py"), "--out", str(out))
        assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # and it writes the store that is committed: a hand edit of records/ is made in the generator too
    committed = sorted(p.relative_to(SAMPLE_RECORDS) for p in SAMPLE_RECORDS.rglob("*.yaml"))
    assert files == committed
    drifted = [str(f) for f in files if (first / f).read_bytes() != (SAMPLE_RECORDS / f).read_bytes()]
    assert not drifted, f"records/ differs from tools/gen_sample.py's output: {drifted}"


def test_synthetic_store_validates_clean(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "synth"
    done = _run_tool(str(TOOLS / "synth_store.py"), "--tickets", "200", "--out", str(out), "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert len(list((out / "tickets").rglob("*.yaml"))) == 200
    result = cli("validate", "--records", out)
    assert result.code == 0, result


def test_synthetic_generator_refuses_the_sample_store() -> None:
    done = _run_tool(str(TOOLS / "synth_store.py"), "--tickets", "5", "--out", str(SAMPLE_RECORDS))
    assert done.returncode == 2 and "never committed" in done.stderr


def test_the_quality_report_follows_the_management_review(snapshot: Snapshot, cli: Cli) -> None:
    """MR-2026 action a3 set the callback goal to 95 %: the policy says so, and the report judges by it."""
    (review,) = snapshot.of_kind(ManagementReview, "review")
    (action,) = [a for a in review.actions if a.id == "a3"]
    assert "95%" in action.action and action.status == "done"
    assert snapshot.policy is not None and snapshot.policy.quality_goals.callback_percent == 95
    r = cli("report", "quality", "--month", "2026-10", "--lang", "en", "--records", SAMPLE_RECORDS)
    row = next(line for line in r.stdout.splitlines() if line.startswith("| Callbacks on time |"))
    assert row.split("|")[3].strip() == "95.0%"
    assert any(line.startswith("| Callbacks reaching the customer |") for line in r.stdout.splitlines())
