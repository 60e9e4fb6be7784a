"""Tacit confirmation (默认确认): the rule and the model on records built in memory."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from test_rules_unit import CLOSE, POLICY, RESOLVE, ev, incident

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models import Incident, Policy
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.rules import RuleContext, violations


def _policy(tacit_after: str | None) -> Policy:
    data = POLICY.model_dump(exclude_none=True, exclude_defaults=True) | {"kind": "policy"}
    if tacit_after is not None:
        data["confirmation"] = {"tacit_after": tacit_after}
    return Policy.model_validate(data)


def found(record: Incident, policy: Policy, calendar: BusinessCalendar | None = None) -> list[tuple[str, str]]:
    ctx = RuleContext(policy, lambda ticket: calendar)
    return [(v.code, v.message) for v in violations(record, ctx)]


def tacit(at: str, **fields: Any) -> dict[str, Any]:
    return ev(at, "confirmed", tacit=True, **fields)


def test_silence_for_the_period_confirms_and_closes_clean() -> None:
    record = incident("closed", RESOLVE, tacit("05T10:00"), ev("05T10:00", "closed"))
    assert found(record, _policy("3d")) == []  # resolved 11-02 10:00, three days to the minute


def test_refused_before_the_period_ran_or_without_the_opt_in() -> None:
    early = incident("closed", RESOLVE, tacit("05T09:59"), ev("05T10:00", "closed"))
    [(code, message)] = found(early, _policy("3d"))
    assert code == "tacit-confirmation"
    assert "runs until 2026-11-05T10:00:00+08:00" in message
    [(code, message)] = found(
        incident("closed", RESOLVE, tacit("09T10:00"), CLOSE | {"at": "2026-11-09T10:00:00+08:00"}), _policy(None)
    )
    assert code == "tacit-confirmation" and "does not opt into tacit confirmation" in message


def test_a_customer_word_after_the_resolution_or_a_reopen_resets_it() -> None:
    reply = ev("03T09:00", "note", by="zhang.wei", note="打印还是有横纹")
    record = incident("resolved", RESOLVE, reply, tacit("06T10:00"))
    [(code, message)] = found(record, _policy("3d"))
    assert code == "tacit-confirmation" and "the customer answered after the resolution (note by zhang.wei" in message
    provider_note = ev("03T09:00", "note", note="已电话回访，无人接听")  # the provider's own note is no reply
    assert found(incident("resolved", RESOLVE, provider_note, tacit("06T10:00")), _policy("3d")) == []
    reopened = [
        ev("03T09:00", "reopened", reason="复发", to="in_progress"),
        ev("04T09:00", "resolved", resolution="换盘"),
    ]
    [(code, message)] = found(incident("resolved", RESOLVE, *reopened, tacit("06T10:00")), _policy("3d"))
    assert "runs until 2026-11-07T09:00:00+08:00" in message  # counted from the second resolution


CALENDAR = CalendarRecord.model_validate(
    {"kind": "calendar", "id": "CAL", "name": "c", "timezone": "Asia/Shanghai",
     "week": {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}
)  # fmt: skip


def test_business_days_count_on_the_calendar_and_need_one() -> None:
    # resolved Mon 11-02: the 3rd working day after it is Thu 11-05, so 3bd ends at midnight after it
    record = incident("resolved", RESOLVE, tacit("05T23:59"))
    [(_, message)] = found(record, _policy("3bd"), BusinessCalendar(CALENDAR))
    assert "runs until 2026-11-06T00:00:00+08:00" in message
    assert found(incident("resolved", RESOLVE, tacit("06T00:00")), _policy("3bd"), BusinessCalendar(CALENDAR)) == []
    [(_, message)] = found(incident("resolved", RESOLVE, tacit("20T00:00")), _policy("3bd"), None)
    assert "no business calendar" in message


def test_a_tacit_confirmation_has_no_contact_and_an_explicit_one_needs_both() -> None:
    assert found(incident("resolved", RESOLVE, tacit("06T10:00")), _policy("3d")) == []  # confirmation-contact too
    with pytest.raises(ValidationError, match="names no contact: nobody confirmed"):
        incident("resolved", RESOLVE, tacit("06T10:00", contact="li.na"))
    with pytest.raises(ValidationError, match=r"needs id, at, by, type, contact, method .*unless it is tacit"):
        incident("resolved", RESOLVE, ev("02T11:00", "confirmed", contact="li.na"))
