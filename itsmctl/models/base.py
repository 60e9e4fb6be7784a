"""Types shared by every record model.

Every model forbids unknown fields, so a typo in a key is a finding, not silently
ignored data.  Timestamps must carry a UTC offset; a naive one is accepted only when the
validation context names a default zone (the policy's ``default_timezone``), which keeps
loading a pure function of (bytes, policy zone).
"""

from __future__ import annotations

import re
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


class RecordModel(BaseModel):
    """Base of every model: unknown keys are errors, field order is kept."""

    model_config = ConfigDict(extra="forbid", validate_default=False, populate_by_name=False)


def _text_only(value: Any) -> Any:
    """Refuse numbers where a date or time is expected (pydantic would read them as epochs)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("expected an ISO 8601 date or time written as text, not a number")
    return value


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


Timestamp = Annotated[datetime, BeforeValidator(_text_only), AfterValidator(_aware)]
"""A moment in time with a UTC offset (ISO 8601)."""

Day = Annotated[date, BeforeValidator(_text_only)]
"""A calendar date (ISO 8601, ``2026-10-01``)."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Free text that may not be empty."""

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


_SPAN = re.compile(r"^(?:(?P<bd>[1-9][0-9]*)bd|(?:(?P<d>[0-9]+)d)?(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?)$")
SPAN_PATTERN = r"^(?:[1-9][0-9]*bd|(?=[0-9])(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?)$"
"""The same rule as ``_SPAN`` in ECMA-262 syntax, for the JSON Schema."""


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
            return cls(business_days=int(match["bd"]))
        d, h, m = (int(match[g] or 0) for g in ("d", "h", "m"))
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
