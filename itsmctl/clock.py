"""What time it is: read once at the CLI edge, passed in everywhere else."""

from __future__ import annotations

from datetime import UTC, datetime

from itsmctl.errors import UsageError


def parse_at(value: str | None, *, default_now: datetime | None = None) -> datetime:
    """``--at``/``ITSMCTL_NOW`` to an aware datetime; the real clock when not given."""
    if value is None or value == "":
        return default_now or datetime.now(UTC).astimezone()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--at {value!r} is not an ISO 8601 time like 2026-10-09T09:00+08:00") from None
    if moment.tzinfo is None:
        raise UsageError(f"--at {value!r} needs a UTC offset, like 2026-10-09T09:00+08:00")
    return moment
