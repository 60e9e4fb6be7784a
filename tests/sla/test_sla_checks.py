"""validate's SLA and calendar checks."""

from __future__ import annotations

import copy

from helpers_sla import CALENDAR, POLICY, SLA, incident, snapshot

from itsmctl.checks.sla import check_sla


def codes(*records: dict) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.field, f.severity) for f in check_sla(snapshot(*records)))


def test_clean_records_have_no_findings() -> None:
    assert codes(POLICY, CALENDAR, SLA, incident("P1", [("2026-11-16T09:00", "opened", {})])) == []


def test_calendar_without_working_hours() -> None:
    empty = {**CALENDAR, "week": {"mon": []}, "holidays": None}
    assert ("calendar", "week", "error") in codes(empty)


def test_make_up_days_without_hours_are_no_working_time() -> None:
    makeup = {"date": "2026-10-10", "type": "workday", "name": "国庆调休"}
    empty = {**CALENDAR, "week": {}, "holidays": None, "overrides": [makeup]}
    assert ("calendar", "week", "error") in codes(empty)
    # make-up days alone, even with hours, do not make a working week: once they are past,
    # no deadline can be placed (the clock gives up after MAX_IDLE_DAYS)
    with_hours = {**empty, "overrides": [{**makeup, "hours": ["09:00-12:00"]}]}
    assert ("calendar", "week", "error") in codes(with_hours)
    a_week = {**with_hours, "week": {"mon": ["09:00-10:00"]}}
    assert ("calendar", "week", "error") not in codes(a_week)


def test_duplicated_overrides_and_frozen_years() -> None:
    cal = {
        **CALENDAR,
        "overrides": [
            {"date": "2026-11-20", "type": "holiday", "name": "a"},
            {"date": "2026-11-20", "type": "workday", "name": "b"},
        ],
        "frozen": [{"year": 2026}, {"year": 2026}],
    }
    assert codes(cal) == [("calendar", "frozen", "error"), ("calendar", "overrides", "error")]


def test_sla_rules() -> None:
    sla = copy.deepcopy(SLA)
    sla["pause_states"] = ["pending_customer", "waiting", "resolved"]
    sla["targets"]["P4"] = {"resolution": "2d"}
    sla["targets"]["P5"] = {}
    assert codes(CALENDAR, sla) == [
        ("sla", "pause_states[1]", "error"),
        ("sla", "pause_states[2]", "error"),
        ("sla-days", "targets.P4.resolution", "warning"),
        ("sla-target", "targets.P5", "error"),
    ]


def test_pause_targets_naming_an_undefined_target_warn() -> None:
    sla = copy.deepcopy(SLA)
    sla["pause_targets"] = ["resolution", "spare_part", "onsite"]  # no priority has spare_part; P1 has onsite
    assert codes(CALENDAR, sla) == [("sla-pause", "pause_targets[1]", "warning")]
    # the default names recovery, which an SLA may well not promise: no finding for a default
    plain = copy.deepcopy(SLA)
    del plain["targets"]["P1"]["recovery"]
    assert codes(CALENDAR, plain) == []


def test_ticket_no_sla_covers() -> None:
    ticket = incident("P1", [("2026-11-16T09:00", "opened", {})], service="SVC-OTHER")
    assert codes(CALENDAR, SLA, ticket) == [("sla-coverage", "service", "warning")]
