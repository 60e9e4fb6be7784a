"""What time it is: read once at the CLI edge, passed in everywhere else.

``real_now`` is the one place that reads the computer's clock.  Times typed on the
command line are parsed here too (``parse_time``), so ``--at``, ``--start``, ``--end``
and ``ITSMCTL_NOW`` follow one rule.  Every "now" and every typed time is kept to the
second: event logs record seconds, never microseconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from itsmctl.errors import UsageError

EARLIEST_YEAR, LATEST_YEAR = 1970, 2199
"""Times outside these years are typos, and would make calendars search for centuries."""

FUTURE_TOLERANCE = timedelta(minutes=10)
"""How far ahead of the real clock a writing command's ``--at`` may be (clock skew, a
time rounded up); more is a typo that would block every later command on the ticket."""


def real_now() -> datetime:
    """The computer's clock, as an aware local time to the second.  Only the CLI edge calls this."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def parse_time(
    text: str, option: str, *, zone: tzinfo | None = None, example: str = "2026-10-09T09:00+08:00"
) -> datetime:
    """An ISO 8601 time typed for ``option``; a time without offset takes ``zone`` (refused without one)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not an ISO 8601 time like {example}") from None
    if value.tzinfo is None:
        if zone is None:
            raise UsageError(f"{option} {text!r} needs a UTC offset, like {example}")
        value = value.replace(tzinfo=zone)
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise UsageError(f"{option} {text!r}: the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value.replace(microsecond=0)


def parse_at(value: str | None, *, default_now: datetime | None = None) -> datetime:
    """``--at``/``ITSMCTL_NOW`` to an aware datetime; the real clock when not given."""
    if value is None or value == "":
        return (default_now or real_now()).replace(microsecond=0)
    return parse_time(value, "--at (or ITSMCTL_NOW)")


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The calendar day ``moment`` falls on in the store's ``zone`` (its own offset's day without one).

    Every "today" a command works with comes from here: 23:30+08:00 is 15:30 UTC, and the
    day that counts for a team in Asia/Shanghai is theirs, not UTC's.
    """
    return (moment.astimezone(zone) if zone is not None else moment).date()


def command_now(at: str | None, zone: tzinfo | None, *, real: datetime) -> datetime:
    """'Now' for a command that writes events: ``--at``, else ``real`` in the store's zone.

    Refuses an ``--at`` more than ``FUTURE_TOLERANCE`` ahead of ``real``: the event log is
    append-only, so one event in the future would make every later command "earlier than
    the ticket's last event".
    """
    if at is None or at == "":
        real = real.replace(microsecond=0)
        return real.astimezone(zone) if zone is not None else real
    value = parse_time(at, "--at")
    refuse_future(value, real)
    return value


def refuse_future(value: datetime, real: datetime, option: str = "--at") -> None:
    """UsageError when ``value`` is more than ``FUTURE_TOLERANCE`` after ``real``."""
    if value - real > FUTURE_TOLERANCE:
        minutes = int(FUTURE_TOLERANCE.total_seconds() // 60)
        raise UsageError(
            f"{option} {value.isoformat()} is in the future (this computer's clock says "
            f"{real.astimezone(value.tzinfo).isoformat(timespec='seconds')}); events are recorded when they "
            f"happen, so a time more than {minutes} minutes ahead is refused — check the date and year"
        )


def parse_month(text: str, option: str = "--month") -> tuple[int, int]:
    """``2026-10`` to (2026, 10); UsageError for anything else or a year outside the range."""
    try:
        year_text, month_text = text.split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        year, month = 0, 0
    if not (1 <= month <= 12 and EARLIEST_YEAR <= year <= LATEST_YEAR):
        raise UsageError(f"{option} {text!r} is not a month like 2026-10 (years {EARLIEST_YEAR}–{LATEST_YEAR})")
    return year, month
