"""The mapping file of ``itsmctl import csv``: which column holds what, what each value means, how dates look.

Examples for OTRS/Znuny, GLPI and iTop exports are in ``docs/import-mappings/``.  A mapping
is checked like a record (unknown keys are errors), and a mistake is a message naming
the file, line and key, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from itsmctl.errors import RecordParseError, UsageError
from itsmctl.fs import RefusedFile, read_regular
from itsmctl.models.base import Code, RecordId, RecordModel, Slug
from itsmctl.models.tickets import Channel
from itsmctl.store.messages import explain_yaml
from itsmctl.yamlio import parse_document

Column = Annotated[str, Field(min_length=1)]


class Columns(RecordModel):
    """Column names of the export (as its header row writes them) for each thing itsmctl records."""

    number: Column
    """The ticket's own number in the other tool: how a re-import finds the ticket again."""
    opened_at: Column
    title: Column | None = None
    description: Column | None = None
    state: Column | None = None
    priority: Column | None = None
    dimensions: dict[Slug, Column] = {}
    """Priority inputs by the policy's dimension id: ``{impact: Impact, urgency: Urgency}``."""
    group: Column | None = None
    assignee: Column | None = None
    opened_by: Column | None = None
    channel: Column | None = None
    category: Column | None = None
    resolution: Column | None = None
    resolved_at: Column | None = None
    closed_at: Column | None = None
    updated_at: Column | None = None
    """With ``layout: event``: when the row's update happened."""
    updated_by: Column | None = None
    """With ``layout: event``: who made the update."""


class Values(RecordModel):
    """What the export's values mean here: ``{"Closed successful": closed}``."""

    state: dict[str, Slug] = {}
    priority: dict[str, Code] = {}
    dimensions: dict[Slug, dict[str, Slug]] = {}
    channel: dict[str, Channel] = {}
    category: dict[str, Slug] = {}


class CsvMapping(RecordModel):
    """How one tool's CSV export becomes tickets."""

    system: Slug
    """The tool's name, kept on every ticket as ``source.system`` (``otrs``, ``glpi``, ``itop``)."""
    kind: Literal["incident", "request"] = "incident"
    layout: Literal["ticket", "event"] = "ticket"
    """``ticket``: one row per ticket (its current state); ``event``: one row per update."""
    encoding: Literal["auto", "utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "latin-1"] = "auto"
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] = ","
    timezone: str | None = None
    date_formats: list[str] = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"]
    """``strptime`` formats tried in order (``%d/%m/%Y %H:%M`` for day-first exports)."""
    missing: list[str] = ["", "?", "-", "NULL", "null", "N/A"]
    """Values that mean "nothing here"."""
    service: RecordId | None = None
    columns: Columns
    values: Values = Values()
    details: dict[Slug, Column] = {}
    """More columns kept on the ticket under ``source.details``: ``{caller: Customer}``."""


def load_mapping(path: Path) -> CsvMapping:
    """The mapping at ``path``; UsageError naming line and key for a mistake."""
    try:
        data = read_regular(path)
        document = parse_document(data)
    except RefusedFile as exc:
        raise UsageError(str(exc)) from None
    except RecordParseError as exc:
        message, line, column = exc.message, exc.line, exc.column
        if exc.parser is not None:  # the same plain-words reason validate gives a record
            text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
            message, line, column = explain_yaml(exc.parser, text, line, column)
        raise UsageError(f"{path}:{line}:{column}: {message}") from None
    try:
        return CsvMapping.model_validate(document.data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = tuple(error["loc"])
        line = document.position_of(where).line
        raise UsageError(f"{path}:{line}: {'.'.join(map(str, where)) or 'mapping'}: {error['msg']}") from None
