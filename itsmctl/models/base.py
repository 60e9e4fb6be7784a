"""Types shared by every record model.

Every model forbids unknown fields, so a typo in a key is a finding, not silently
ignored data, and every model is strict: pydantic converts nothing (``"yes"`` is not a
boolean, ``"5"`` not a number), so a model accepts what its JSON Schema describes.
Timestamps are date, ``T``, time and a UTC offset; one without an offset is accepted only
when the validation context names a default zone (the policy's ``default_timezone``),
which keeps loading a pure function of (bytes, policy zone).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)

from itsmctl.clock import EARLIEST_YEAR, LATEST_YEAR
from itsmctl.models.wording import EXAMPLE_DAY, EXAMPLE_TIMESTAMP, found


class RecordModel(BaseModel):
    """Base of every model: unknown keys are errors, field order is kept, types are strict.

    Strict: a boolean is only ``true``/``false``, a number is never read from text, text is
    never read from a number (``Timestamp`` and ``Day`` parse their text themselves).
    """

    model_config = ConfigDict(extra="forbid", validate_default=False, populate_by_name=False, strict=True)


MIN_YEAR, MAX_YEAR = EARLIEST_YEAR, LATEST_YEAR
"""The years a record's dates may fall in, the same as ``--at`` takes: every clock, calendar and
report stays inside what ``datetime`` can shift by a time zone or a working week (year 1 or
9999 overflow).  The JSON Schema patterns below say the same."""

_YEAR_MONTH_DAY = (
    r"(?=(?:19[7-9]|2[01][0-9])[0-9]-)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
"""A day of the Gregorian calendar, leap years included, as a regular expression."""
_CLOCK = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

DAY_PATTERN = f"^{_YEAR_MONTH_DAY}$"
"""What the JSON Schema asks of a ``Day``; the model checks the same with ``date()``."""
TIMESTAMP_PATTERN = f"^{_YEAR_MONTH_DAY}{_CLOCK}{_OFFSET}$"
"""What the JSON Schema asks of a ``Timestamp`` (the offset is required there)."""

_TIMESTAMP = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})T(?P<h>[01][0-9]|2[0-3]):(?P<m>[0-5][0-9])"
    r"(?::(?P<s>[0-5][0-9])(?:\.(?P<f>[0-9]{1,6}))?)?"
    r"(?P<tz>Z|(?P<sign>[+-])(?P<tzh>[01][0-9]|2[0-3]):(?P<tzm>[0-5][0-9]))?"
)
_DAY = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})")
_SPACED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[0-9]{2}:[0-9]{2}.*")
_WRITE_TIMESTAMP = f"write a date and time like {EXAMPLE_TIMESTAMP}"


def _calendar_day(text: str) -> date:
    """``YYYY-MM-DD`` to a date; ValueError for text that is not a day of the calendar."""
    match = _DAY.fullmatch(text)
    if not match:
        raise ValueError(f"expected a date like {EXAMPLE_DAY}, found {found(text)}")
    if not MIN_YEAR <= int(match["y"]) <= MAX_YEAR:
        raise ValueError(f"{text!r} is outside the years {MIN_YEAR}–{MAX_YEAR} a record's dates fall in")
    try:
        return date(int(match["y"]), int(match["mo"]), int(match["d"]))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar; expected a date like {EXAMPLE_DAY}") from None


def _timestamp(value: Any) -> Any:
    """Text to a datetime, only in the form ``YYYY-MM-DDTHH:MM[:SS[.ffffff]][offset]``.

    Strict mode would refuse every text; lax mode would take a bare date (as midnight),
    a space instead of ``T`` or a number of seconds since 1970.  Datetimes built by the
    code pass through.  The offset is checked afterwards (``_aware``).
    """
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time written as text, found {found(value)}: {_WRITE_TIMESTAMP}")
    match = _TIMESTAMP.fullmatch(value)
    if not match:
        if _DAY.fullmatch(value):
            raise ValueError(f"found the date {value!r} without a time: {_WRITE_TIMESTAMP}")
        if _SPACED.fullmatch(value):
            raise ValueError(f"found {value!r}, with a space between date and time: {_WRITE_TIMESTAMP} (with T)")
        raise ValueError(f"found {found(value)}: {_WRITE_TIMESTAMP}")
    if not MIN_YEAR <= int(match["date"][:4]) <= MAX_YEAR:
        raise ValueError(f"{value!r} is outside the years {MIN_YEAR}–{MAX_YEAR} a record's times fall in")
    try:  # the form is checked above; what is left to check (a day of the calendar) C code does fast
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a day of the calendar: {_WRITE_TIMESTAMP}") from None


def _aware(value: datetime, info: ValidationInfo) -> datetime:
    if value.tzinfo is None:
        zone: tzinfo | None = (info.context or {}).get("default_tz")
        if zone is None:
            raise ValueError(
                "timestamp has no UTC offset: write it like 2026-10-09T09:12:00+08:00, "
                "or name default_timezone in the policy"
            )
        return value.replace(tzinfo=zone)
    return value


def _day(value: Any) -> Any:
    """Text ``YYYY-MM-DD`` to a date (strict mode would refuse the text; lax takes numbers)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date written as text like {EXAMPLE_DAY}, found {found(value)}")
    return _calendar_day(value)


Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp),
    AfterValidator(_aware),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIMESTAMP_PATTERN,
            "description": (
                f"A date and time with a UTC offset, like {EXAMPLE_TIMESTAMP} or 2026-11-16T04:45Z "
                "(seconds and up to 6 decimals optional). itsmctl also accepts a timestamp without "
                "an offset when the store's policy names default_timezone; this schema cannot see "
                "the policy, so it asks for the offset."
            ),
        }
    ),
]
"""A moment in time with a UTC offset (ISO 8601, ``2026-11-16T12:45:00+08:00``)."""

Day = Annotated[
    date,
    BeforeValidator(_day),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": DAY_PATTERN, "description": f"A date like {EXAMPLE_DAY}."}
    ),
]
"""A calendar date (ISO 8601, ``2026-10-01``)."""

_UNSAFE = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069"
"""Characters no record text holds: C0 controls but tab and line breaks, DEL, C1 controls
(ESC and CSI start terminal escape sequences), and the bidi embeddings, overrides and
isolates that make text read differently from what it says."""
PROSE_PATTERN = f"^[^{_UNSAFE}]*$"
LINE_PATTERN = f"^[^{_UNSAFE}\\t\\n\\r\\u2028\\u2029]+$"


def _visible(text: str) -> str:
    """Refuse text that only looks like something: spaces, zero-width and other format characters."""
    if not any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs", "Zl", "Zp") for ch in text):
        raise ValueError("has no visible character (only spaces or zero-width characters)")
    return text


Prose = Annotated[str, StringConstraints(pattern=PROSE_PATTERN)]
"""Free text, possibly several lines, possibly empty, without control characters."""

Text = Annotated[str, StringConstraints(min_length=1, pattern=PROSE_PATTERN), AfterValidator(_visible)]
"""Free text that may not be empty, without control characters."""

Line = Annotated[str, StringConstraints(pattern=LINE_PATTERN), AfterValidator(_visible)]
"""One line of text, not empty: a title or a name (a line break would forge a row in a table)."""

SLUG_PATTERN = r"^[a-z][a-z0-9_.-]{0,63}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A short lower-case identifier: a person, group, level or dimension id."""

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,31}$")]
"""A short code that may be upper case: a priority level (``P1``)."""

RECORD_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"
RecordId = Annotated[str, StringConstraints(pattern=RECORD_ID_PATTERN)]
"""Id of a record that is not sharded by month (CI, service, SLA, calendar, audit…)."""

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford base32: no I, L, O, U, so ids survive being read aloud over the phone."""

MONTHLY_ID_PATTERN = r"^[A-Z]{2,6}-[0-9]{2}(0[1-9]|1[0-2])-[0-9A-HJKMNP-TV-Z]{5}$"
MonthlyId = Annotated[str, StringConstraints(pattern=MONTHLY_ID_PATTERN)]
"""Id of a record sharded by month: ``INC-2610-7KQ3P`` = prefix, YYMM, 5 random base32."""

EVENT_ID_PATTERN = r"^E[0-9A-HJKMNP-TV-Z]{5,12}$"
EventId = Annotated[str, StringConstraints(pattern=EVENT_ID_PATTERN)]
"""Stable identity of one event in a ticket's log (``E`` + random base32)."""

Percent = Annotated[float, Field(ge=0, le=1000)]


_SPAN = re.compile(
    r"^(?:(?P<bd>[1-9][0-9]{0,3})bd|(?:(?P<d>[0-9]{1,4})d)?(?:(?P<h>[0-9]{1,5})h)?(?:(?P<m>[0-9]{1,6})m)?)$"
)
SPAN_PATTERN = r"^(?:[1-9][0-9]{0,3}bd|(?=[0-9])(?:[0-9]{1,4}d)?(?:[0-9]{1,5}h)?(?:[0-9]{1,6}m)?)$"
"""The same rule as ``_SPAN`` in ECMA-262 syntax, for the JSON Schema (which cannot add the
parts up: the model also refuses a total over ``MAX_SPAN_DAYS``)."""

MAX_SPAN_DAYS = 3660
"""The longest duration a record may give (ten years): no SLA target, window or trial comes
near it, and clock arithmetic on a longer one would overflow or search for years."""


@dataclass(frozen=True)
class Span:
    """A duration from an SLA: exact seconds, or a number of business days (``3bd``)."""

    seconds: int = 0
    business_days: int = 0

    @classmethod
    def parse(cls, text: str) -> Span:
        match = _SPAN.match(text.strip()) if isinstance(text, str) else None
        if not match or not text.strip():
            raise ValueError(f"{text!r} is not a duration like 30m, 1h, 4h30m, 2d or 3bd (business days)")
        if match["bd"]:
            if int(match["bd"]) > MAX_SPAN_DAYS * 5 // 7:
                raise ValueError(f"{text!r} is longer than any duration a record gives (at most {MAX_SPAN_DAYS}d)")
            return cls(business_days=int(match["bd"]))
        d, h, m = (int(match[g] or 0) for g in ("d", "h", "m"))
        if (d * 24 + h) * 60 + m > MAX_SPAN_DAYS * 24 * 60:
            raise ValueError(f"{text!r} is longer than any duration a record gives (at most {MAX_SPAN_DAYS}d)")
        seconds = ((d * 24 + h) * 60 + m) * 60
        if seconds == 0:
            raise ValueError(f"{text!r} is a zero duration")
        return cls(seconds=seconds)

    def __str__(self) -> str:
        if self.business_days:
            return f"{self.business_days}bd"
        d, rest = divmod(self.seconds, 86400)
        h, rest = divmod(rest, 3600)
        m = rest // 60
        return "".join(f"{n}{u}" for n, u in ((d, "d"), (h, "h"), (m, "m")) if n) or "0m"


def _span(value: Any) -> Span:
    if isinstance(value, Span):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a duration written as text, like 30m, 1h, 2d or 3bd")
    return Span.parse(value)


Duration = Annotated[
    Span,
    BeforeValidator(_span),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": SPAN_PATTERN, "description": "30m, 1h, 4h30m, 2d, or 3bd"}),
]
"""A duration written ``30m``, ``1h``, ``4h30m``, ``2d`` (clock) or ``3bd`` (business days)."""
