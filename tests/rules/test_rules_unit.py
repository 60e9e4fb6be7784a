"""The rule book's predicates on records built in memory: edge cases no sample file shows."""

from __future__ import annotations

from typing import Any

from itsmctl.models import Change, Incident, Policy
from itsmctl.models.base import Span
from itsmctl.rules import RuleContext, added_violations, violations

POLICY = Policy.model_validate(
    {
        "kind": "policy",
        "id": "policy",
        "name": "p",
        "organisation": "o",
        "people": [
            {"id": "wang.qiang", "name": "王强", "org": "p", "roles": ["engineer"]},
            {"id": "zhou.min", "name": "周敏", "org": "p", "roles": ["project_manager", "cab"]},
            {"id": "li.na", "name": "李娜", "org": "c", "roles": ["customer", "customer_approver"]},
            {"id": "zhang.wei", "name": "张伟", "org": "c", "roles": ["customer"]},
            {"id": "bot", "name": "bot", "org": "p", "roles": []},
            {"id": "zhao.li", "name": "赵丽", "org": "p", "roles": ["service_desk"]},
            {"id": "itsmctl", "name": "自动升级", "org": "p", "roles": ["service_desk"]},
        ],
        "groups": [
            {"id": "service_desk", "name": "服务台", "members": ["zhao.li"]},
            {"id": "onsite", "name": "驻场组", "members": ["wang.qiang"]},
        ],
        "priority": {
            "dimensions": [
                {"id": "urgency", "name": "紧急", "levels": [{"id": "low", "name": "低"}, {"id": "high", "name": "高"}]}
            ],
            "levels": [{"id": "P1", "name": "高"}, {"id": "P2", "name": "低"}],
            "matrix": {"low": "P2", "high": "P1"},
        },
    }
)  # fmt: skip
CTX = RuleContext(POLICY)
N = 0


def ev(at: str, type_: str, by: str = "wang.qiang", **fields: Any) -> dict[str, Any]:
    global N
    N += 1
    return {"id": f"E{N:05d}", "at": f"2026-11-{at}:00+08:00", "by": by, "type": type_, **fields}


def incident(status: str, *events: dict[str, Any]) -> Incident:
    return Incident.model_validate(
        {"kind": "incident", "id": "INC-2611-AAAAA", "title": "t", "service": "S", "requester": "li.na",
         "dimensions": {"urgency": "low"}, "priority": "P2", "status": status,
         "events": [ev("02T09:00", "opened"), *events]}
    )  # fmt: skip


def codes(record: Any, ctx: RuleContext = CTX) -> list[str]:
    return [v.code for v in violations(record, ctx)]


RESOLVE = ev("02T10:00", "resolved", resolution="重启")
CONFIRM = ev("02T10:10", "confirmed", contact="li.na", method="phone")
CLOSE = ev("02T10:20", "closed")


def test_a_clean_incident_life_breaks_no_rule() -> None:
    assert codes(incident("closed", RESOLVE, CONFIRM, CLOSE)) == []


def test_each_closing_needs_its_own_confirmation_after_a_reopen() -> None:
    again = [
        ev("03T09:00", "reopened", reason="复发"),
        ev("03T10:00", "resolved", resolution="换盘"),
        ev("03T10:30", "closed"),
    ]
    found = violations(incident("closed", RESOLVE, CONFIRM, CLOSE, *again), CTX)
    assert [(v.code, v.path) for v in found] == [("confirmation", ("events", 6))]


def test_reopen_twice_each_within_the_window_is_fine_and_a_late_one_is_not() -> None:
    log = [RESOLVE, CONFIRM, CLOSE, ev("05T09:00", "reopened", reason="a"), ev("05T10:00", "resolved", resolution="b"),
           ev("05T10:05", "confirmed", contact="li.na", method="phone"), ev("05T10:10", "closed")]  # fmt: skip
    assert codes(incident("closed", *log)) == []
    late = incident("in_progress", *log, ev("13T10:11", "reopened", reason="c"))
    assert codes(late) == ["reopen-window"]
    week = RuleContext(POLICY.model_copy(update={"reopen_window": Span(seconds=9 * 86400)}))
    assert codes(late, week) == []


def test_the_confirmation_contact_must_be_the_customers_and_a_roleless_person_is_not() -> None:
    for who, expected in (("li.na", []), ("zhang.wei", []), ("wang.qiang", ["confirmation-contact"]),
                          ("bot", ["confirmation-contact"]), ("nobody", ["confirmation-contact"])):  # fmt: skip
        confirm = ev("02T10:10", "confirmed", contact=who, method="phone")
        assert codes(incident("closed", RESOLVE, confirm, CLOSE)) == expected, who


def test_a_status_event_cannot_stand_in_for_the_action_that_records_it() -> None:
    # 'status: in_progress' from closed would be a reopen without a reason
    sneaky = incident("in_progress", RESOLVE, CONFIRM, CLOSE, ev("03T09:00", "status", to="in_progress"))
    assert codes(sneaky) == ["lifecycle"]
    # and 'status: closed' is not a 'closed' event
    assert "lifecycle" in codes(incident("closed", RESOLVE, CONFIRM, ev("02T10:20", "status", to="closed")))


def test_a_confirmation_before_resolving_is_out_of_order() -> None:
    assert codes(incident("new", ev("02T09:30", "confirmed", contact="li.na", method="phone"))) == ["lifecycle"]


def test_added_violations_only_names_what_an_edit_adds() -> None:
    before = incident("resolved", ev("02T10:00", "resolved", resolution="x"), ev("02T10:01", "note", note="n"))
    bad = incident("closed", ev("02T10:00", "resolved", resolution="x"), ev("02T10:01", "note", note="n"), CLOSE)
    assert [v.code for v in added_violations(before, bad, CTX)] == ["confirmation"]
    assert added_violations(bad, bad, CTX) == []


def change(status: str, *events: dict[str, Any], **fields: Any) -> Change:
    body = {
        "kind": "change", "id": "CHG-2611-AAAAA", "title": "t", "service": "S", "requester": "zhang.wei",
        "assignee": "wang.qiang", "priority": "P2", "status": status,
        "plan": {"goal": "g", "content": "c", "steps": ["s"], "people": ["wang.qiang"], "budget": "0",
                 "start": "2026-11-07T20:00:00+08:00", "end": "2026-11-07T23:00:00+08:00", "risk_plan": "r",
                 "rollback_plan": "b"},
        "reviews": [{"stage": "internal", "by": "zhou.min", "at": "2026-11-02T09:20:00+08:00", "verdict": "pass"},
                    {"stage": "external", "by": "li.na", "at": "2026-11-02T10:00:00+08:00", "verdict": "pass"}],
        "approval": {"by": "li.na", "at": "2026-11-02T10:00:00+08:00", "method": "mail"},
        "events": [ev("02T09:00", "opened"), ev("02T09:20", "assessed", by="zhou.min", risk="low"),
                   ev("02T10:00", "approved", approver="li.na", method="mail"), *events],
        **fields,
    }  # fmt: skip
    return Change.model_validate(body)


SCHEDULE = ev("02T10:05", "scheduled", start="2026-11-07T20:00:00+08:00", end="2026-11-07T23:00:00+08:00")
IMPLEMENT = ev("07T20:05", "status", to="implementing")
TRIAL = ev("07T23:00", "trial", period="7d")
TRIAL_FIELD = {"start": "2026-11-07", "end": "2026-11-14", "result": "pass", "confirmed_by": "li.na"}


def test_a_rolled_back_change_needs_no_trial_or_review() -> None:
    rolled = change("rolled_back", SCHEDULE, IMPLEMENT, ev("07T22:00", "rolled_back", reason="性能下降"))
    assert codes(rolled) == []


def test_a_shortened_trial_end_does_not_shorten_the_trial() -> None:
    early = {**TRIAL_FIELD, "end": "2026-11-08"}
    reviewed = ev("09T10:00", "reviewed", by="zhou.min", result="successful")
    found = violations(change("reviewed", SCHEDULE, IMPLEMENT, TRIAL, reviewed, trial=early), CTX)
    assert [(v.code, v.path) for v in found] == [
        ("change-trial", ("trial", "end")),
        ("change-trial", ("events", 6, "at")),
    ]
    assert "trial.end 2026-11-08 is earlier than the trial run of 7d allows (2026-11-14)" in found[0].message
    assert "before the trial run ends (2026-11-14T23:00:00+08:00)" in found[1].message


def test_the_trial_ends_at_its_moment_not_at_the_start_of_its_last_day() -> None:
    hours_early = ev("14T10:00", "reviewed", by="zhou.min", result="successful")
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, TRIAL, hours_early, trial=TRIAL_FIELD)) == ["change-trial"]
    on_time = ev("14T23:00", "reviewed", by="zhou.min", result="successful")
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, TRIAL, on_time, trial=TRIAL_FIELD)) == []


def test_a_failed_review_may_come_early_and_then_only_a_rollback_ends_it() -> None:
    failed = ev("08T10:00", "reviewed", by="zhou.min", result="failed")
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, TRIAL, failed, trial={**TRIAL_FIELD, "result": "fail"})) == []
    closed = change("closed", SCHEDULE, IMPLEMENT, TRIAL, failed, ev("08T11:00", "closed"),
                    trial={**TRIAL_FIELD, "result": "fail"})  # fmt: skip
    assert codes(closed) == ["change-trial"]
    rolled = change("rolled_back", SCHEDULE, IMPLEMENT, TRIAL, failed, ev("08T11:00", "rolled_back", reason="失败"),
                    trial={**TRIAL_FIELD, "result": "fail"})  # fmt: skip
    assert codes(rolled) == []


def test_the_implementer_may_not_approve_nor_review_internally() -> None:
    by_implementer = change("approved", approval={"by": "li.na", "at": "2026-11-02T10:00:00+08:00", "method": "mail"},
                            plan={"goal": "g", "content": "c", "steps": ["s"], "people": ["wang.qiang", "li.na"],
                                  "budget": "0", "start": "2026-11-07T20:00:00+08:00",
                                  "end": "2026-11-07T23:00:00+08:00", "risk_plan": "r",
                                  "rollback_plan": "b"})  # fmt: skip
    found = violations(by_implementer, CTX)
    assert [(v.code, v.path) for v in found] == [("change-approval", ("approval", "by"))]
    assert "implements this change" in found[0].message


def test_a_customer_never_records_the_providers_handling() -> None:
    by_customer = ev("02T10:00", "resolved", by="zhang.wei", resolution="自己重启")
    found = violations(incident("resolved", by_customer), CTX)
    assert [(v.code, v.path) for v in found] == [("handler-role", ("events", 1, "by"))]
    # the customer's own part is fine: a note, and the confirmation recorded by the desk
    note = ev("02T09:10", "note", by="zhang.wei", note="补充截图")
    assert codes(incident("closed", note, RESOLVE, CONFIRM, CLOSE)) == []


def test_the_assessment_is_the_cabs_and_not_the_implementers() -> None:
    body = change("approved")
    by_engineer = body.model_copy(
        update={"events": [body.events[0], body.events[1].model_copy(update={"by": "wang.qiang"}), body.events[2]]}
    )
    found = violations(by_engineer, CTX)
    assert [(v.code, v.path) for v in found] == [("change-reviews", ("events", 1, "by"))]


def test_approval_after_a_failed_internal_review_and_a_reassessment() -> None:
    failed = [
        {"stage": "internal", "by": "zhou.min", "at": "2026-11-02T09:20:00+08:00", "verdict": "fail"},
        {"stage": "external", "by": "li.na", "at": "2026-11-02T10:00:00+08:00", "verdict": "pass"},
    ]
    assert codes(change("approved", reviews=failed)) == ["change-reviews"]
    again = [*failed, {"stage": "internal", "by": "zhou.min", "at": "2026-11-02T09:40:00+08:00", "verdict": "pass"}]
    assert codes(change("approved", reviews=again)) == []


def test_a_reopen_event_follows_the_table_and_finds_its_kinds_status() -> None:
    to_closed = ev("03T09:00", "reopened", reason="x", to="closed")
    assert "lifecycle" in codes(incident("closed", RESOLVE, CONFIRM, CLOSE, to_closed))
    plain = ev("03T09:00", "reopened", reason="x")
    assert codes(incident("in_progress", RESOLVE, CONFIRM, CLOSE, plain)) == []


def test_a_window_of_business_days_ends_on_the_calendar() -> None:
    from itsmctl.calendar.business import BusinessCalendar
    from itsmctl.models.sla import BusinessCalendar as CalendarRecord

    record = CalendarRecord.model_validate(
        {"kind": "calendar", "id": "CAL", "name": "c", "timezone": "Asia/Shanghai",
         "week": {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}
    )  # fmt: skip
    calendar = BusinessCalendar(record)
    ctx = RuleContext(POLICY, lambda ticket: calendar)
    friday = ev("13T23:00", "trial", period="5bd")  # five working days after Friday 13 Nov: Mon-Fri 16-20 Nov
    trial = {"start": "2026-11-13", "end": "2026-11-21", "result": "pass", "confirmed_by": "li.na"}
    early = ev("20T10:00", "reviewed", by="zhou.min", result="successful")
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, friday, early, trial=trial), ctx) == ["change-trial"]
    done = ev("21T00:00", "reviewed", by="zhou.min", result="successful")
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, friday, done, trial=trial), ctx) == []
    assert codes(change("reviewed", SCHEDULE, IMPLEMENT, friday, done, trial=trial), CTX) == [
        "change-trial"
    ]  # no calendar


def test_lifecycle_findings_read_as_english() -> None:
    found = violations(incident("new", ev("02T09:30", "confirmed", contact="li.na", method="phone")), CTX)
    assert found[0].message.startswith("an incident's 'confirmed' event in status new does not follow its lifecycle")


def test_first_line_is_refused_on_a_ticket_delivered_on_site_or_visited() -> None:
    first = ev("02T10:00", "resolved", resolution="远程指导重启", first_line=True)
    assert codes(incident("resolved", first)) == []
    visited = incident("resolved", ev("02T09:30", "onsite"), first)
    found = [v for v in violations(visited, CTX) if v.code == "first-line"]
    assert [(v.path, v.severity) for v in found] == [(("events", 2, "first_line"), "error")]
    assert "an engineer went on site" in found[0].message
    dispatched = incident("resolved", first).model_copy(update={"delivery": "onsite"})
    assert "first-line" in codes(dispatched)
    # a visit after a first-line resolution (reopened, then on site) does not undo the earlier one
    later = incident("in_progress", first, ev("02T11:00", "reopened", reason="复发"), ev("02T11:30", "onsite"))
    assert "first-line" not in codes(later)


def test_first_line_is_refused_on_a_ticket_dispatched_past_the_service_desk() -> None:
    first = ev("02T10:00", "resolved", by="zhao.li", resolution="远程指导重启", first_line=True)
    taken = ev("02T09:02", "assigned", by="zhao.li", to="zhao.li", group="service_desk")
    assert "first-line" not in codes(incident("resolved", taken, first))  # the desk took it itself
    to_engineer = incident("resolved", taken, ev("02T09:10", "assigned", by="zhao.li", to="wang.qiang"), first)
    found = [v for v in violations(to_engineer, CTX) if v.code == "first-line"]
    assert [v.path for v in found] == [("events", 3, "first_line")]
    assert "it was dispatched to wang.qiang (roles: engineer), not the service desk" in found[0].message
    to_group = incident("resolved", ev("02T09:10", "assigned", by="zhao.li", group="onsite"), first)
    assert "dispatched to the group onsite" in violations(to_group, CTX)[0].message
    # without a policy nobody's role is known
    assert "first-line" not in codes(to_engineer, RuleContext())


def test_a_breach_is_explained_by_a_person_of_the_provider() -> None:
    rung = ev("02T12:00", "escalated", by="zhou.min", level=2, target="response", actions=["raise_priority"])
    lift = ev("02T12:00", "priority", by="zhou.min", to="P1", reason="escalation", escalation=rung["id"])

    def explained(by: str) -> dict[str, Any]:
        return ev("02T13:00", "explained", by=by, target="response", reason="客户机房停电")

    assert "explanation-author" not in codes(incident("new", explained("wang.qiang")))
    # the ladder's account, even one holding a provider role: the author of its raises, or the default itsmctl
    by_ladder = [v for v in violations(incident("new", rung, lift, explained("zhou.min")), CTX)
                 if v.code == "explanation-author"]  # fmt: skip
    assert [v.path for v in by_ladder] == [("events", 3, "by")]
    assert "zhou.min is the escalation ladder's account" in by_ladder[0].message
    assert "explanation-author" in codes(incident("new", explained("itsmctl")))
    # a person who recorded an escalation by hand (no raise) still explains as a person
    by_hand = ev("02T12:00", "escalated", by="wang.qiang", level=1, target="response", actions=["notify_manager"])
    assert "explanation-author" not in codes(incident("new", by_hand, explained("wang.qiang")))
    assert "explanation-author" in codes(incident("new", explained("bot")))  # no role of the provider
    assert "explanation-author" in codes(incident("new", explained("li.na")))  # the customer's side
    # the policy names its cron accounts: a provider person listed there is the ladder too
    bots = RuleContext(POLICY.model_copy(update={"automation_accounts": ["zhao.li"]}))
    assert "explanation-author" not in codes(incident("new", explained("zhao.li")))
    assert "explanation-author" in codes(incident("new", explained("zhao.li")), bots)
    assert "explanation-author" not in codes(incident("new", explained("itsmctl")), bots)  # no longer named


def test_a_priority_event_after_an_override_sets_the_field() -> None:
    """An escalation raise leaves a person's override (the measured priority) and writes the
    field and a priority event; the last word wins, and a field matching neither is refused."""
    override = {"priority": "P1", "reason": "客户要求", "by": "zhou.min", "at": "2026-11-02T09:01:00+08:00"}
    raise_to = ev("02T11:00", "priority", by="bot", to="P2", reason="升级 L2", escalation="E99999")

    def with_(priority: str, *events: dict[str, Any]) -> Incident:
        data = incident("new", *events).model_dump(mode="json", exclude_none=True)
        return Incident.model_validate({**data, "priority": priority, "priority_override": override})

    assert "priority" not in codes(with_("P1"))
    assert "priority" not in codes(with_("P2", raise_to))
    assert "priority" in codes(with_("P2"))  # no later event: the override sets the field
    assert "priority" in codes(with_("P1", raise_to))  # the later event set P2
