"""How ``calendar show`` is written: one line per day (80 columns), or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len

from itsmctl.calendar.days import DayInfo
from itsmctl.escape import json_text, terminal
from itsmctl.models.sla import BusinessCalendar as CalendarRecord

KIND_LABELS = {
    "workday": "工作日 workday",
    "weekend": "周末 weekend",
    "holiday": "节假日 holiday",
    "makeup": "调休上班 make-up workday",
}
WEEKDAY_ZH = "一二三四五六日"
LINE_WIDTH = 80
"""Lines stay within an 80-column terminal: a day's name that does not fit goes on its own line."""
LABEL_CELLS = max(cell_len(label) for label in KIND_LABELS.values()) + 1


@dataclass(frozen=True)
class CalendarMonth:
    """The resolved days of one month of one calendar."""

    record: CalendarRecord
    year: int
    month: int
    days: list[DayInfo]
    estimate: str | None = None
    """Why the month's year is only estimated (``estimate_reason``); None when frozen or official."""


def month_text(m: CalendarMonth) -> str:
    title = f"{m.record.name} ({m.record.id}, {m.record.timezone}) {m.year}-{m.month:02d}"
    lines = [terminal(title + (" ≈ 估算 estimated" if m.estimate is not None else ""))]
    lines += [_line(d) for d in m.days]
    working = [d for d in m.days if d.working]
    seconds = sum(d.seconds for d in working)
    lines.append(f"工作日 working days: {len(working)}; 工作时间 business hours: {seconds / 3600:g}h")
    if m.estimate is not None:
        lines.append(f"≈ 估算 estimated: the days of {m.year} may still move:")
        lines.append(f"  {terminal(m.estimate)};")
        lines.append(f"  freeze once the official arrangement is out: itsmctl calendar freeze {m.year}")
    return "\n".join(lines) + "\n"


def _line(d: DayInfo) -> str:
    hours = d.hours_text() or "-"
    label = KIND_LABELS[d.kind]
    head = f"{d.day.isoformat()} 周{WEEKDAY_ZH[d.day.weekday()]}  {label}{' ' * (LABEL_CELLS - cell_len(label))}{hours}"
    if not d.name or d.name in label:
        return head
    name = terminal(d.name)
    if cell_len(head) + 2 + cell_len(name) <= LINE_WIDTH:
        return f"{head}  {name}"
    return f"{head}\n{' ' * 17}{name}"


def month_json(m: CalendarMonth) -> str:
    days = [
        {
            "day": d.day.isoformat(),
            "kind": d.kind,
            "name": d.name,
            "working": d.working,
            "hours": [[f"{s // 60:02d}:{s % 60:02d}", f"{e // 60:02d}:{e % 60:02d}"] for s, e in d.periods],
            "seconds": d.seconds,
            "source": d.source,
            "estimated": d.estimated,
        }
        for d in m.days
    ]
    data = {
        "calendar": m.record.id,
        "name": m.record.name,
        "timezone": m.record.timezone,
        "month": f"{m.year}-{m.month:02d}",
        "working_days": sum(d.working for d in m.days),
        "business_seconds": sum(d.seconds for d in m.days),
        "estimated": m.estimate is not None,
        "estimated_reason": m.estimate,
        "days": days,
    }
    return json_text(data, indent=2) + "\n"


CALENDAR_REPORTERS: dict[str, Callable[[CalendarMonth], str]] = {"text": month_text, "json": month_json}
