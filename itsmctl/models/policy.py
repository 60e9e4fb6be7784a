"""The store's policy: people, groups, roles, id prefixes and the priority matrix.

One policy per store (``policy.yaml`` at the store's root).
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import tzinfo
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from itsmctl.models.base import Code, Duration, Line, RecordId, RecordModel, Slug, Span, Text
from itsmctl.models.sla import Zone

Role = Literal[
    "engineer",
    "service_desk",
    "project_manager",
    "manager",
    "expert",
    "cab",
    "auditor",
    "quality",
    "customer",
    "customer_approver",
]


class Person(RecordModel):
    id: Slug
    name: Line
    name_en: Line | None = None
    org: Text
    roles: list[Role] = []
    email: Line | None = None
    phone: Line | None = None
    active: bool = True


class Group(RecordModel):
    id: Slug
    name: Line
    name_en: Line | None = None
    members: list[Slug] = []


class Level(RecordModel):
    """One level of a priority dimension, ordered lowest first in its dimension."""

    id: Slug
    name: Line
    name_en: Line | None = None


class Dimension(RecordModel):
    """An input to priority: urgency, impact scope, importance…"""

    id: Slug
    name: Line
    name_en: Line | None = None
    levels: Annotated[list[Level], Field(min_length=2)]


class PriorityLevel(RecordModel):
    id: Code
    name: Line
    name_en: Line | None = None


class PriorityMatrix(RecordModel):
    """Priority as a lookup over the dimensions, in the order they are listed.

    ``matrix`` nests one mapping level per dimension and ends in a priority id::

        matrix:
          very_urgent:
            all: {very_important: P1, important: P1, not_important: P2}
    """

    preset: str | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    levels: Annotated[list[PriorityLevel], Field(min_length=1)]
    """Priority levels, highest first (P1 before P2)."""
    matrix: dict[str, Any]

    @model_validator(mode="after")
    def _complete(self) -> PriorityMatrix:
        known = {level.id for level in self.levels}
        for combo in itertools.product(*[[lv.id for lv in d.levels] for d in self.dimensions]):
            cell: Any = self.matrix
            for part in combo:
                if not isinstance(cell, dict) or part not in cell:
                    raise ValueError(f"matrix has no cell for {' / '.join(combo)}")
                cell = cell[part]
            if cell not in known:
                raise ValueError(f"matrix cell {' / '.join(combo)} = {cell!r} is not a priority level")
        return self

    def lookup(self, values: dict[str, str]) -> str:
        """The priority id for one level per dimension (KeyError if a value is unknown)."""
        cell: Any = self.matrix
        for dimension in self.dimensions:
            cell = cell[values[dimension.id]]
        return str(cell)


def _webhook_url(url: str) -> str:
    """An http(s) address with a host and no credentials: a password in the URL would be
    copied into the outbox, commit messages and diagnostics."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"a webhook url is an http(s) address with a host, like https://hooks.example.com/itsm; got {url!r}"[:240]
        )
    if "@" in parts.netloc:
        raise ValueError(
            "a webhook url may not carry a user or password (user:pw@host); give the secret to the receiver another way"
        )
    return url


WebhookUrl = Annotated[
    str, StringConstraints(max_length=2048, pattern=r"^https?://[^\s@/]+(/[^\s]*)?$"), AfterValidator(_webhook_url)
]


class NotificationChannel(RecordModel):
    """Where escalation notices go: SMTP mail or a JSON webhook."""

    id: Slug
    type: Literal["smtp", "webhook"]
    host: Line | None = None
    port: Annotated[int, Field(ge=1, le=65535)] | None = None
    sender: Line | None = None
    starttls: bool = False
    url: WebhookUrl | None = None
    timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 10


Prefix = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}$")]


Share = Annotated[float, Field(ge=0, le=100)]
"""A rate goal in percent, 0–100."""


class QualityGoals(RecordModel):
    """The organisation's goals for the rates the quality report judges (质量目标).

    Set by the management review, not by the code: ``callback_percent: 95`` once the
    review's action made 95 % the callback goal.  Defaults: the seed procedures' values.
    """

    first_line_percent: Share = 30
    """Share of resolved incidents and requests the service desk solves itself (domain §3: 30–50 %)."""
    callback_percent: Share = 100
    """Share of resolved incidents called back within the SLA's callback time (domain §4: every one)."""
    low_score: Annotated[int, Field(ge=1, le=5)] = 2
    """A callback scored at or below this (of 5) is followed up by a complaint (seed 000 §4.4.1)."""
    follow_up_days: Annotated[int, Field(ge=1, le=366)] = 5
    """Calendar days a low-score follow-up may stay open after the callback before it is overdue."""
    audits_per_year: Annotated[int, Field(ge=0, le=12)] = 2
    """Internal audits a year (seed 003 §5.3.1: one to two; the seeds hold mid-year and year-end)."""


class CmdbPolicy(RecordModel):
    """How often CIs are verified and how far ahead expiries are flagged (``ci verify``).

    Defaults: the seeds' twice-yearly verification of the asset register (domain §3) and a
    quarter's notice of a warranty or licence running out.
    """

    verify_days: Annotated[int, Field(ge=1, le=3660)] = 183
    expiry_days: Annotated[int, Field(ge=0, le=3660)] = 90


class ConfirmationPolicy(RecordModel):
    """How the customer's agreement to close is given (客户同意结束).

    Off by default: every incident and request closes on the customer's explicit
    confirmation.  ``tacit_after: 3d`` opts into tacit confirmation (默认确认, as service
    contracts say: 用户在规定期限内未提出异议的，视为确认): once that long has passed since
    the resolution without the customer answering, ``ticket confirm --tacit`` records a
    confirmation without a contact.  ``3bd`` counts business days on the ticket's calendar,
    as ``reopen_window`` does.
    """

    tacit_after: Duration | None = None
    """How long after the resolution silence counts as confirmation; None: never."""


class Policy(RecordModel):
    """How this store works: who is who, how priority is decided, how ids look."""

    kind: Literal["policy"]
    id: RecordId
    name: Line
    organisation: Text
    default_timezone: Zone | None = None
    """Zone for timestamps written without an offset; without it such timestamps are findings."""
    id_prefixes: dict[Literal["incident", "request", "problem", "change", "complaint", "survey"], Prefix] = {}
    people: list[Person]
    groups: list[Group] = []
    priority: PriorityMatrix
    reopen_window: Duration = Span(seconds=7 * 86400)
    """How long after closing a ticket may still be reopened."""
    confirmation: ConfirmationPolicy = ConfirmationPolicy()
    """Whether silence after a resolution counts as the customer's confirmation (off by default)."""
    commit: bool = True
    """Whether ticket commands commit their change to git by default."""
    notifications: list[NotificationChannel] = []
    quality_goals: QualityGoals = QualityGoals()
    """Goals of the quality report's rates (first-line resolution, callbacks)."""
    automation_accounts: list[Slug] = ["itsmctl"]
    """The people ids that write as the escalation ladder (the cron job's ``escalate --by``; the
    first is its default): what they write never explains a breach, and they may not explain one."""
    cmdb: CmdbPolicy = CmdbPolicy()
    """The CMDB's verification interval and expiry notice (``itsmctl ci verify``)."""

    @field_validator("people")
    @classmethod
    def _people_once(cls, people: list[Person]) -> list[Person]:
        twice = sorted(i for i, n in Counter(person.id for person in people).items() if n > 1)
        if twice:
            raise ValueError(f"person id {', '.join(twice)} is listed more than once")
        return people

    @field_validator("id_prefixes")
    @classmethod
    def _prefixes_apart(cls, prefixes: dict[str, str]) -> dict[str, str]:
        shared = sorted(p for p, n in Counter(prefixes.values()).items() if n > 1)
        if shared:
            raise ValueError(f"prefix {', '.join(shared)} is given to more than one kind; each kind needs its own")
        return prefixes

    DEFAULT_PREFIXES: ClassVar[dict[str, str]] = {
        "incident": "INC",
        "request": "REQ",
        "problem": "PRB",
        "change": "CHG",
        "complaint": "CMP",
        "survey": "SUR",
    }

    @property
    def zone(self) -> tzinfo | None:
        """The default zone as a tzinfo (the store's "local" time): None when the policy names none."""
        return ZoneInfo(self.default_timezone) if self.default_timezone else None

    def prefix(self, kind: str) -> str:
        for known, prefix in self.id_prefixes.items():
            if known == kind:
                return prefix
        return self.DEFAULT_PREFIXES[kind]
