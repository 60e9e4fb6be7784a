"""Vendor warranty repairs on hand-computed cases (docs/sla-rules.md §5.19-§5.20).

Calendar: Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing time (27 000 business seconds a day),
November 2026 has no public holiday.  SLA: helpers_sla.SLA plus ``vendor_repair: {}``
(written progress every 3bd, back before the second weekend after sending).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from helpers_sla import CALENDAR, SLA, incident, store_with, t

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models import BusinessCalendar as CalendarRecord
from itsmctl.models import Incident
from itsmctl.sla import ClockStatus, evaluate_ticket
from itsmctl.sla.repairs import return_deadline

REPAIR_SLA: dict[str, Any] = copy.deepcopy(SLA)
REPAIR_SLA["vendor_repair"] = {}

# sent Monday 2 November 10:00; written progress Wednesday 15:00; then silence; back Monday 16 November 10:00
SILENT_REPAIR = [
    ("2026-11-02T09:00", "opened", {}),
    ("2026-11-02T09:05", "assigned", {"to": "wang.qiang"}),
    ("2026-11-02T10:00", "repair_sent", {"vendor": "联想服务", "device": "CI-SRV-01"}),
    ("2026-11-04T15:00", "repair_progress", {"progress": "厂商已检测，主板故障，等待更换"}),
    ("2026-11-16T10:00", "repair_returned", {}),
]


def clocks(
    events: list[tuple[str, str, dict[str, Any]]], now: str, sla: dict[str, Any] = REPAIR_SLA
) -> dict[str, ClockStatus]:
    ticket = incident("P3", events)
    snap = store_with(ticket, sla=sla)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def test_progress_every_three_working_days_while_away() -> None:  # §5.19
    # Fri 6 Nov 12:00: the gap since Wed 15:00 is 3h + 7.5h + 3h = 13.5h = 48 600 s of 81 000
    c = clocks(SILENT_REPAIR, "2026-11-06T12:00")["repair_progress"]
    assert (c.state, c.elapsed_seconds, c.goal_seconds, c.percent) == ("ok", 48600, 81000, 60.0)
    assert (c.started_at, c.deadline) == (t("2026-11-04T15:00"), t("2026-11-09T15:00"))
    # Tue 10 Nov 09:00: 3h + 7.5h + 7.5h + 7.5h = 25.5h, past the 22.5h: breached since Mon 15:00
    c = clocks(SILENT_REPAIR, "2026-11-10T09:00")["repair_progress"]
    assert (c.state, c.elapsed_seconds, c.deadline) == ("breached", 91800, t("2026-11-09T15:00"))


def test_a_repair_silent_for_twelve_days_is_missed_after_its_return() -> None:  # §5.19
    c = clocks(SILENT_REPAIR, "2026-11-20T15:00")
    progress = c["repair_progress"]
    # the longest gap: Wed 4 Nov 15:00 - Mon 16 Nov 10:00 = 3 + 7.5 + 7.5 + 5 x 7.5 + 1 = 56.5h
    assert (progress.state, progress.elapsed_seconds, progress.stopped_at) == ("missed", 203400, t("2026-11-16T10:00"))
    # the first gap, Mon 10:00 - Wed 15:00 = 6.5h + 7.5h + 4.5h = 18.5h, was within the 3 days
    early = clocks(SILENT_REPAIR[:4], "2026-11-04T16:00")["repair_progress"]
    assert (early.state, early.started_at, early.elapsed_seconds) == ("ok", t("2026-11-04T15:00"), 3600)


def test_back_before_the_second_weekend_after_sending() -> None:  # §5.20
    c = clocks(SILENT_REPAIR, "2026-11-20T15:00")["repair_return"]
    # sent Mon 2 Nov 10:00; weekends 7-8 and 14-15 Nov: due Sat 14 Nov 00:00 = 11 d 14 h later
    assert c.deadline == t("2026-11-14T00:00")
    assert (c.state, c.goal_seconds, c.elapsed_seconds, c.basis) == ("missed", 1000800, 1209600, "clock")
    away = clocks(SILENT_REPAIR[:4], "2026-11-06T12:00")["repair_return"]
    assert (away.state, away.elapsed_seconds, away.percent) == ("ok", 352800, 35.3)


def test_the_second_weekend_counts_from_the_day_after_sending() -> None:
    cal = BusinessCalendar(CalendarRecord.model_validate(CALENDAR))

    def due(sent: str) -> datetime:
        return return_deadline(t(sent), 2, cal)

    assert due("2026-11-20T17:00") == t("2026-11-28T00:00")  # a Friday: weekends 21-22 and 28-29 Nov
    assert due("2026-11-21T10:00") == t("2026-12-05T00:00")  # a Saturday: its own weekend does not count
    assert due("2026-11-22T10:00") == t("2026-12-05T00:00")  # a Sunday likewise
    # §5.20: across National Day, weekends are calendar weekends; due on the make-up Saturday 10 Oct
    assert due("2026-09-28T10:00") == t("2026-10-10T00:00")


def test_no_repair_terms_no_repair_clocks() -> None:
    got = clocks(SILENT_REPAIR, "2026-11-20T15:00", sla=SLA)
    assert "repair_progress" not in got and "repair_return" not in got


def test_repair_clocks_say_when_they_breached() -> None:  # §5.14: every breached or missed row gives breached_at
    # the second gap's 3 working days ran out Mon 9 Nov 15:00; the return deadline passed Sat 14 Nov 00:00
    running = clocks(SILENT_REPAIR[:4], "2026-11-10T09:00")["repair_progress"]
    assert (running.state, running.breached_at, running.overrun_seconds) == ("breached", t("2026-11-09T15:00"), 10800)
    c = clocks(SILENT_REPAIR, "2026-11-20T15:00")
    assert (c["repair_progress"].state, c["repair_progress"].breached_at) == ("missed", t("2026-11-09T15:00"))
    assert (c["repair_return"].state, c["repair_return"].breached_at) == ("missed", t("2026-11-14T00:00"))
    assert c["repair_return"].overrun_seconds == 1209600 - 1000800
    within = clocks(SILENT_REPAIR[:4], "2026-11-06T12:00")
    assert within["repair_progress"].breached_at is None and within["repair_return"].breached_at is None
