"""``itsmctl calendar``: working days of a month, and freezing a year's holidays."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.cells import cell_len

from itsmctl.calendar import BusinessCalendar
from itsmctl.calendar.days import DayInfo
from itsmctl.calendar.freeze import freeze as freeze_calendar
from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import EARLIEST_YEAR, LATEST_YEAR, parse_month
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.exits import CommandResult
from itsmctl.fs import atomic_write
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.store.snapshot import Snapshot

app = typer.Typer(help="工作日历 Business calendars: 工作日、节假日、调休.", no_args_is_help=True)

KIND_LABELS = {
    "workday": "工作日 workday",
    "weekend": "周末 weekend",
    "holiday": "节假日 holiday",
    "makeup": "调休上班 make-up workday",
}
WEEKDAY_ZH = "一二三四五六日"
CalendarOption = Annotated[
    str | None, typer.Option("--calendar", help="日历 Calendar id (needed when there are several).")
]


def pick_calendar(snapshot: Snapshot, calendar_id: str | None) -> CalendarRecord:
    calendars = {c.id: c for c in snapshot.calendars}
    if calendar_id is not None:
        if calendar_id not in calendars:
            raise NotFoundError(f"no calendar {calendar_id}; known: {', '.join(sorted(calendars)) or 'none'}")
        return calendars[calendar_id]
    if len(calendars) == 1:
        return next(iter(calendars.values()))
    if not calendars:
        raise NotFoundError("the store has no calendar")
    raise UsageError(f"several calendars; choose one with --calendar: {', '.join(sorted(calendars))}")


def month_text(calendar: BusinessCalendar, year: int, month: int) -> str:
    days = calendar.month(year, month)
    lines = [f"{calendar.record.name} ({calendar.id}, {calendar.record.timezone}) {year}-{month:02d}"]
    for d in days:
        lines.append(_line(d))
    working = [d for d in days if d.working]
    seconds = sum(d.seconds for d in working)
    lines.append(f"工作日 working days: {len(working)}; 工作时间 business hours: {seconds / 3600:g}h")
    return "\n".join(lines) + "\n"


LINE_WIDTH = 80
"""Lines stay within an 80-column terminal: a day's name that does not fit goes on its own line."""
LABEL_CELLS = max(cell_len(label) for label in KIND_LABELS.values()) + 1


def _line(d: DayInfo) -> str:
    hours = d.hours_text() or "-"
    label = KIND_LABELS[d.kind]
    head = f"{d.day.isoformat()} 周{WEEKDAY_ZH[d.day.weekday()]}  {label}{' ' * (LABEL_CELLS - cell_len(label))}{hours}"
    if not d.name or d.name in label:
        return head
    if cell_len(head) + 2 + cell_len(d.name) <= LINE_WIDTH:
        return f"{head}  {d.name}"
    return f"{head}\n{' ' * 17}{d.name}"


@app.command("show")
def show(
    month: Annotated[str, typer.Argument(help="月份 The month, YYYY-MM.")],
    records: RecordsOption = DEFAULT_RECORDS,
    calendar: CalendarOption = None,
) -> int:
    """日历 The days of a month: working days and hours, holidays, make-up days (调休)."""
    year, number = parse_month(month, "month")
    store = open_records(records)
    snapshot = store.snapshot()
    store.require_policy()
    emit(month_text(BusinessCalendar(pick_calendar(snapshot, calendar)), year, number))
    return finish(CommandResult(left_out=store.left_out()))


@app.command("freeze")
def freeze(
    year: Annotated[
        int, typer.Argument(help="年份 The year to freeze, e.g. 2027.", min=EARLIEST_YEAR, max=LATEST_YEAR)
    ],
    records: RecordsOption = DEFAULT_RECORDS,
    calendar: CalendarOption = None,
    force: Annotated[bool, typer.Option("--force", help="重新冻结 Re-resolve a year that is already frozen.")] = False,
    estimate: Annotated[
        bool, typer.Option("--estimate", help="估算 Freeze even though the holiday data for the year looks incomplete.")
    ] = False,
) -> int:
    """冻结节假日 Write a year's holidays and make-up days into the calendar file (results never drift)."""
    store = open_records(records)
    snapshot = store.snapshot()
    store.require_policy()
    record = pick_calendar(snapshot, calendar)
    loaded = snapshot.file_of(record.id)
    assert loaded is not None
    source = store.folder
    path = source.root / loaded.path
    result = freeze_calendar(record, loaded.path, path.read_bytes(), year, force=force, estimate=estimate)
    atomic_write(path, result.data, root=source.root)
    verb = "re-frozen" if result.replaced else "frozen"
    note(
        f"{loaded.display}: {year} {verb}: {len(result.frozen.holidays)} holidays, "
        f"{len(result.frozen.workdays)} make-up workdays"
    )
    return finish(CommandResult(left_out=store.left_out()))
