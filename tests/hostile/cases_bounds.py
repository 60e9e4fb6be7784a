"""Numbers, dates, times, offsets and durations at and past every bound.

Beyond ``tests/test_hostile_bounds.py`` (year 1, 5,000 digits, 99999999d, 9999bd,
inverted and empty working hours): the edges themselves, and the other ways past them.
"""

from __future__ import annotations

from tests.hostile.corpus import HOSTILE, Case, Expect, both, edit, put, ticket_text

SLA = "slas/SLA-MAIN.yaml"
CAL = "calendars/CAL-CN.yaml"
POLICY = "policy.yaml"


def _at(at: str) -> str:
    return ticket_text(opened_at=at)


def _bad_open(name: str, description: str, at: str, words: str = "") -> Case:
    return Case(
        name, description, put(HOSTILE, _at(at)), Expect(HOSTILE, "schema", field="events[0].at", line=14, words=words)
    )


def _target(name: str, description: str, value: str, words: str = "") -> Case:
    return Case(
        name,
        description,
        edit(SLA, "response: 15m", f"response: {value}"),
        Expect(SLA, "schema", field="targets.P1.response", line=9, words=words),
    )


CASES = [
    _bad_open(
        "date-year-1969",
        "an event in 1969, a year before the first a record holds",
        "1969-12-31T23:59:59+08:00",
        "outside the years",
    ),
    Case(
        "date-year-1970-first-day",
        "an event on 1970-01-01 00:00 UTC, the first moment a record holds: valid, but its pinned SLA was not "
        "in effect yet",
        put(HOSTILE, _at("1970-01-01T00:00:00Z")),
        Expect(HOSTILE, "sla-effective", field="sla", line=5, words="which takes effect on 2026-01-01"),
    ),
    Case(
        "date-year-2199-last-moment",
        "a ticket opened 2199-12-31T23:59:59+14:00, the last year a record holds: valid",
        put(
            HOSTILE, _at("2199-12-31T23:59:59+14:00").replace("2026-10-12T09:15:00+08:00", "2199-12-31T23:59:59+14:00")
        ),
        Expect(HOSTILE, "future", field="events[0].at", line=14, words="later than the check time"),
    ),
    _bad_open(
        "date-year-2200", "an event in 2200, past the last year", "2200-01-01T00:00:00+08:00", "outside the years"
    ),
    _bad_open(
        "date-feb-29-2026", "February 29 of a year that is not a leap year", "2026-02-29T09:00:00+08:00", "not a day"
    ),
    _bad_open(
        "date-feb-29-2100",
        "February 29 of 2100, a century that is not a leap year",
        "2100-02-29T09:00:00+08:00",
        "not a day",
    ),
    _bad_open("time-24-00", "the time 24:00", "2026-10-12T24:00:00+08:00"),
    _bad_open("time-leap-second", "a leap second 23:59:60", "2026-10-12T23:59:60+08:00"),
    _bad_open("offset-plus-25", "a UTC offset of +25:00", "2026-10-12T09:12:00+25:00"),
    _bad_open("offset-minute-60", "a UTC offset of +08:60", "2026-10-12T09:12:00+08:60"),
    _bad_open(
        "date-full-width-digits", "a date written in full-width digits (２０２６)", "２０２６-10-12T09:12:00+08:00"
    ),
    _bad_open("date-arabic-indic-digits", "a date in Arabic-Indic digits (٢٠٢٦)", "٢٠٢٦-10-12T09:12:00+08:00"),
    Case(
        "offset-plus-14-and-minus-12",
        "the widest real offsets, +14:00 and -12:00: valid",
        put(HOSTILE, _at("2026-10-12T15:12:00+14:00").replace("09:15:00+08:00", "13:15:00-12:00")),
        None,
    ),
    _target("duration-negative", "a negative SLA target (-15m)", "-15m"),
    _target("duration-zero", "an SLA target of zero minutes", "0m", "zero"),
    _target("duration-float", "a target as a YAML float (1e309, infinity)", "1e309"),
    _target("duration-inf", "a target of .inf", ".inf"),
    _target("duration-hex", "a target as a hexadecimal number (0x10)", "0x10"),
    _target("duration-41-digit-minutes", "a target of 41 digits of minutes", "9" * 41 + "m"),
    _target("duration-iso8601", "an ISO 8601 duration (PT15M) instead of 15m", "PT15M"),
    Case(
        "number-41-digits",
        "a 41-digit integer as a weight, one past the longest number a record holds",
        put(HOSTILE, ticket_text(extra="effort: " + "1" * 41 + "\n")),
        Expect(HOSTILE, "yaml", line=12, words="a number of 41 characters"),
    ),
    Case(
        "number-octal-as-level",
        "an escalation level written 0o7 (YAML 1.2 octal) beside a level 10",
        edit(POLICY, "organisation:", "escalation_rung: 0o7\norganisation:"),
        Expect(POLICY, "schema", field="escalation_rung", line=4),
    ),
    Case(
        "bool-yaml11-on",
        "'commit: on' in the policy: a string in YAML 1.2, not a boolean",
        edit(POLICY, "organisation:", "commit: on\norganisation:"),
        Expect(POLICY, "schema", field="commit", line=4),
    ),
    Case(
        "bool-yaml11-no-as-level",
        "'urgency: no' in a ticket's dimensions is the text 'no', an unknown level",
        put(HOSTILE, ticket_text().replace("urgency: high", "urgency: no")),
        Expect(HOSTILE, "priority", line=None),
    ),
    Case(
        "timezone-path",
        "a calendar time zone that is a path (../../../etc/passwd)",
        edit(CAL, "timezone: Asia/Shanghai", "timezone: ../../../etc/passwd"),
        Expect(CAL, "schema", field="timezone", line=4),
    ),
    Case(
        "timezone-absolute-path",
        "a calendar time zone that is an absolute path (/etc/localtime)",
        edit(CAL, "timezone: Asia/Shanghai", "timezone: /etc/localtime"),
        Expect(CAL, "schema", field="timezone", line=4),
    ),
    Case(
        "timezone-nul",
        "a calendar time zone with a NUL escape",
        edit(CAL, "timezone: Asia/Shanghai", 'timezone: "Asia/Shanghai\\0"'),
        Expect(CAL, "schema", field="timezone", line=4),
    ),
    Case(
        "sla-effective-1969",
        "an SLA effective from 1969-12-31",
        edit(SLA, "effective_from: 2026-01-01", "effective_from: 1969-12-31"),
        Expect(SLA, "schema", field="effective_from", line=7, words="outside the years"),
    ),
    Case(
        "sla-zero-targets",
        "an SLA whose targets are empty",
        both(
            edit(SLA, "  P1: {response: 15m, resolution: 4h}\n", ""),
            edit(SLA, "  P2: {response: 1h, resolution: 8h}\n", ""),
            edit(SLA, "  P3: {response: 1h, resolution: 3bd}\n", ""),
            edit(SLA, "targets:\n", "targets: {}\n"),
        ),
        Expect(SLA, "sla-target", field="targets", line=8, words="no targets for priority P1"),
    ),
]
