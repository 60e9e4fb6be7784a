"""``itsmctl calendar``: working days of a month, and freezing a year's holidays."""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.calendar import BusinessCalendar
from itsmctl.calendar.freeze import freeze as freeze_calendar
from itsmctl.cli.options import DEFAULT_RECORDS, CalendarFormatOption, RecordsOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import EARLIEST_YEAR, LATEST_YEAR, parse_month
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.exits import CommandResult
from itsmctl.fs import atomic_write, read_regular
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.reporters.calendar import CALENDAR_REPORTERS, CalendarMonth
from itsmctl.store.snapshot import Snapshot

app = typer.Typer(help="工作日历 Business calendars: 工作日、节假日、调休.", no_args_is_help=True)

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
    # a calendar only some SLA's out-of-hours coverage uses (7x24) is not the working calendar asked about
    working = {s.calendar for s in snapshot.slas if s.calendar in calendars}
    if len(working) == 1:
        return calendars[working.pop()]
    raise UsageError(f"several calendars; choose one with --calendar: {', '.join(sorted(calendars))}")


@app.command("show")
def show(
    month: Annotated[str, typer.Argument(help="月份 The month, YYYY-MM.")],
    records: RecordsOption = DEFAULT_RECORDS,
    calendar: CalendarOption = None,
    format: CalendarFormatOption = "text",
) -> int:
    """日历 The days of a month: working days and hours, holidays, make-up days (调休)."""
    year, number = parse_month(month, "month")
    store = open_records(records)
    snapshot = store.snapshot()
    store.require_policy()
    business = BusinessCalendar(pick_calendar(snapshot, calendar))
    days = business.month(year, number)
    emit(CALENDAR_REPORTERS[format](CalendarMonth(business.record, year, number, days, business.days.estimate(year))))
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
    data = read_regular(path, root=source.root)
    result = freeze_calendar(record, loaded.path, data, year, force=force, estimate=estimate)
    atomic_write(path, result.data, root=source.root)
    verb = "re-frozen" if result.replaced else "frozen"
    note(
        f"{loaded.display}: {year} {verb}: {len(result.frozen.holidays)} holidays, "
        f"{len(result.frozen.workdays)} make-up workdays"
    )
    return finish(CommandResult(left_out=store.left_out()))
