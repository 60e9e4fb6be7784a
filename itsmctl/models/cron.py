"""Cron expressions as routine operations use them: which days an operation is due.

The five fields of crontab(5): minute, hour, day of month, month, day of week; each ``*``,
a number, a range ``a-b``, a step ``*/n`` or ``a-b/n``, or a list of these; months and
days of the week also by their English three-letter names (``jan``, ``mon``); day of week
0 or 7 is Sunday.  As in cron, when both day of month and day of week are restricted a day
matches either of them (``0 9 1 * mon``: the 1st and every Monday).

An operation plan is scheduled in days (``itsmctl.ops.schedule``): the minute and hour are
checked and kept for the people reading the plan, and the days the expression matches are
its occurrences.  ``@daily``, ``@weekly``, ``@monthly``, ``@yearly`` (``@annually``) are the
usual shorthands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_SHORTHANDS = {
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
_FIELDS = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
)


class CronError(ValueError):
    """An expression that is not a cron schedule; the message says which field and why."""


@dataclass(frozen=True)
class CronSchedule:
    """A parsed expression: the values each field allows, and whether the day fields were restricted."""

    text: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    """0 is Sunday (7 is folded into 0)."""
    any_day: bool
    any_weekday: bool

    def matches(self, day: date) -> bool:
        """Whether the expression fires on ``day`` (at some minute of it)."""
        if day.month not in self.months:
            return False
        in_month = day.day in self.days
        in_week = day.isoweekday() % 7 in self.weekdays
        if self.any_day or self.any_weekday:  # one of them starred (``*``, ``*/2``): both must match
            return in_month and in_week
        return in_month or in_week


def _value(text: str, low: int, high: int, names: tuple[str, ...], field: str) -> int:
    lowered = text.lower()
    if names and lowered in names:
        return names.index(lowered) + (1 if names is _MONTHS else 0)
    if not text.isdigit():
        raise CronError(f"{field}: {text!r} is not a number{' or a name like ' + names[1] if names else ''}")
    value = int(text)
    if not low <= value <= high:
        raise CronError(f"{field}: {value} is outside {low}-{high}")
    return value


def _field(text: str, low: int, high: int, names: tuple[str, ...], field: str) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        span, slash, step_text = part.partition("/")
        step = 1
        if slash:
            if not step_text.isdigit() or int(step_text) == 0:
                raise CronError(f"{field}: step {step_text!r} is not a positive number")
            step = int(step_text)
        if span == "*":
            first, last = low, high
        elif "-" in span:
            a, _, b = span.partition("-")
            first, last = _value(a, low, high, names, field), _value(b, low, high, names, field)
            if names is _DAYS and last == 0 < first:
                last = 7  # sat-sun: Sunday closes the week
            if first > last:
                raise CronError(f"{field}: range {span!r} runs backwards")
        else:
            first = _value(span, low, high, names, field)
            last = high if slash else first
        values.update(range(first, last + 1, step))
    return frozenset(values)


def parse_cron(text: str) -> CronSchedule:
    """The schedule of ``text``; ``CronError`` naming the field that is wrong."""
    expression = _SHORTHANDS.get(text.strip().lower(), text)
    parts = expression.split()
    if len(parts) != 5:
        raise CronError(
            f"{text!r} has {len(parts)} field(s); a cron expression has 5: minute hour day-of-month month "
            "day-of-week (e.g. '0 9 * * mon' for 09:00 every Monday)"
        )
    sets = [_field(part, low, high, names, name) for part, (name, low, high, names) in zip(parts, _FIELDS, strict=True)]
    weekdays = frozenset(v % 7 for v in sets[4])
    any_day, any_weekday = parts[2].startswith("*"), parts[4].startswith("*")
    return CronSchedule(text, sets[0], sets[1], sets[2], sets[3], weekdays, any_day, any_weekday)
