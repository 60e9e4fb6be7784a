"""Hostile policy, calendar, SLA and CMDB records: empty, cyclic, self-referring, ambiguous."""

from __future__ import annotations

from tests.hostile.corpus import Case, Expect, both, edit, put

POLICY = "policy.yaml"
CAL = "calendars/CAL-CN.yaml"
SLA = "slas/SLA-MAIN.yaml"
CI = "cmdb/CI-SRV-01.yaml"
CI_B = (
    "kind: ci\nid: CI-SRV-02\nname: 应用服务器02\nclass: server\nstatus: in_use\n"
    "relations: [{type: runs_on, target: CI-SRV-01}]\n"
)
WEEK = '  mon: ["09:00-12:00", "13:30-18:00"]\n'

CASES = [
    Case(
        "ci-own-parent",
        "a CI that runs on itself",
        edit(CI, "owner: wang.qiang", "owner: wang.qiang\nrelations: [{type: runs_on, target: CI-SRV-01}]"),
        Expect(CI, "ref", line=7),
    ),
    Case(
        "ci-relation-cycle",
        "two CIs that each run on the other",
        both(
            edit(CI, "owner: wang.qiang", "owner: wang.qiang\nrelations: [{type: runs_on, target: CI-SRV-02}]"),
            put("cmdb/CI-SRV-02.yaml", CI_B),
        ),
        # one finding per circle, at the relation that closes it
        Expect("cmdb/CI-SRV-02.yaml", "ref", line=6, words="run in a circle: CI-SRV-01 -> CI-SRV-02 -> CI-SRV-01"),
    ),
    Case(
        "ci-change-by-stranger",
        "a CI change-log entry made by someone the policy does not know",
        edit(
            CI,
            "owner: wang.qiang",
            "owner: wang.qiang\nchanges: [{date: 2026-10-20, change: CHG-2610-NONE1, by: mr.x, fields: []}]",
        ),
        Expect(CI, "ref", field="changes[0].by", line=7, words="unknown person 'mr.x'"),
    ),
    Case(
        "ci-relation-to-service",
        "a CI relation whose target is a service, not a CI",
        edit(CI, "owner: wang.qiang", "owner: wang.qiang\nrelations: [{type: depends_on, target: SVC-ONSITE}]"),
        Expect(CI, "ref", line=7),
    ),
    Case(
        "group-member-is-a-group",
        "a group whose member is the group itself",
        edit(POLICY, "members: [wang.qiang]", "members: [wang.qiang, onsite]"),
        Expect(POLICY, "ref", field="groups[0].members[1]", line=11, words="unknown person"),
    ),
    Case(
        "policy-prefix-twice",
        "two ticket kinds with the same id prefix (INC for incidents and requests)",
        edit(POLICY, "request: REQ", "request: INC"),
        Expect(POLICY, "schema", field="id_prefixes", line=5),
    ),
    Case(
        "policy-person-twice",
        "the same person id listed twice in the policy",
        edit(POLICY, "groups:", "  - {id: wang.qiang, name: 另一个王强, org: 恒运信息, roles: [customer]}\ngroups:"),
        Expect(POLICY, "schema", field="people", line=None),
    ),
    Case(
        "sla-ends-before-it-starts",
        "an SLA effective_to before its effective_from",
        edit(SLA, "effective_from: 2026-01-01", "effective_from: 2026-01-01\neffective_to: 2025-12-31"),
        Expect(SLA, "schema", field="effective_to", line=8),
    ),
    Case(
        "sla-service-listed-twice",
        "an SLA naming the same service twice",
        edit(SLA, "services: [SVC-ONSITE]", "services: [SVC-ONSITE, SVC-ONSITE]"),
        Expect(SLA, "schema", field="services", line=5),
    ),
    Case(
        "sla-warning-over-100",
        "an SLA warning at 1000 percent, the bound of a percentage: valid",
        edit(SLA, "effective_from: 2026-01-01", "effective_from: 2026-01-01\nwarning_percent: 1000"),
        None,
    ),
    Case(
        "calendar-no-working-time",
        "a calendar whose week has no working hours at all",
        both(*(edit(CAL, WEEK.replace("mon", day), f"  {day}: []\n") for day in ("mon", "tue", "wed", "thu", "fri"))),
        Expect(CAL, "calendar", field="week", line=5, words="0 working minute(s) a week"),
    ),
    Case(
        "calendar-unknown-country",
        "a calendar taking holidays from a country no package knows (XX)",
        edit(CAL, "country: CN", "country: XX"),
        Expect(CAL, "calendar", field="holidays", line=11, words="Country XX not available"),
    ),
    Case(
        "calendar-unknown-subdivision",
        "a calendar with a holiday subdivision that does not exist",
        edit(CAL, "country: CN}", "country: CN, subdivision: ../../etc}"),
        Expect(CAL, "calendar", field="holidays", line=11, words="does not have subdivision"),
    ),
    Case(
        "calendar-override-twice",
        "two overrides for the same day, a holiday and a workday",
        edit(
            CAL,
            "holidays: {country: CN}",
            "holidays: {country: CN}\noverrides:\n  - {date: 2026-10-12, type: holiday, name: 假}\n"
            "  - {date: 2026-10-12, type: workday, name: 班}",
        ),
        Expect(CAL, "calendar", field="overrides", line=12, words="overridden 2 times"),
    ),
]
