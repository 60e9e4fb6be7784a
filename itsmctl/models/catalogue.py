"""The configuration items and the service catalogue."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from itsmctl.models.base import Day, Line, Prose, RecordId, RecordModel, Slug, Text

CIClass = Literal[
    "server",
    "virtual_machine",
    "database",
    "middleware",
    "network_device",
    "security_device",
    "storage",
    "application",
    "business_service",
    "workstation",
    "printer",
    "ups",
    "software_licence",
]

CIStatus = Literal["ordered", "received", "testing", "in_use", "changed", "retired", "disposed"]
"""Lifecycle of a CI as ISO/IEC 20000 §8.1 lists it."""

RelationType = Literal["depends_on", "runs_on", "part_of", "connected_to", "backed_by"]
"""Each read from the CI that lists it: ``A runs_on B``, ``A depends_on B`` (B provides A: B
failing reaches A), ``A backed_by B`` (B keeps A's backup: B failing leaves A unprotected),
``A part_of B`` (A makes up B: A failing reaches B), ``A connected_to B`` (a link, both ways).
docs/cmdb.md draws them; ``itsmctl.cmdb.impact`` follows them."""

ProvidedBy = Literal["depends_on", "runs_on", "part_of", "backed_by"]
"""The relation types a CI's providers come by (``connected_to`` is a link, not a provider)."""

FieldName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class CIChange(RecordModel):
    """One entry of a CI's append-only change log: which approved change authorised it (变更记录)."""

    date: Day
    change: RecordId
    """The change ticket that authorises it (``CHG-…``): approved on or before ``date``."""
    by: Slug
    fields: list[FieldName] = []
    """The CI's fields the change set (``status`` when it retired the CI)."""
    note: Prose | None = None


class Relation(RecordModel):
    """A typed, directed edge from this CI to another."""

    type: RelationType
    target: RecordId
    note: Prose | None = None


class ConfigurationItem(RecordModel):
    """A configuration item in the CMDB (配置项)."""

    kind: Literal["ci"]
    id: RecordId
    name: Line
    ci_class: CIClass = Field(alias="class")
    status: CIStatus
    owner: Slug | None = None
    location: Line | None = None
    version: Line | None = None
    vendor: Line | None = None
    model: Line | None = None
    serial: Line | None = None
    supplier: Line | None = None
    ip: list[Line] = []
    warranty_until: Day | None = None
    licence_until: Day | None = None
    last_verified: Day | None = None
    labels: dict[Slug, Line] = {}
    relations: list[Relation] = []
    redundancy: dict[ProvidedBy, Annotated[int, Field(ge=1, le=1000)]] = {}
    """How many providers of each relation type must remain for the CI to be up, e.g.
    ``{runs_on: 1}``: an application on two servers is degraded, not down, when one fails.
    Without an entry every provider of that type is needed (none of ``backed_by``)."""
    changes: list[CIChange] = []
    """The change log, oldest first; the CI commands append to it and never rewrite it."""


ServiceClass = Literal["reporting", "management", "proactive", "reactive"]
"""The four classes of the service catalogue (报告/管理/主动/响应)."""


class Service(RecordModel):
    """An entry of the service catalogue: what is delivered and at what level (服务目录)."""

    kind: Literal["service"]
    id: RecordId
    name: Line
    name_en: Line | None = None
    service_class: ServiceClass = Field(alias="class")
    deliverable: Text
    service_level: Text
    frequency: Literal["on_demand", "per_event", "daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"] = (
        "on_demand"
    )
    description: Prose | None = None
