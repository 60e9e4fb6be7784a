"""A three-way merge of one record file that knows what an event log is.

Two engineers who add events to the same ticket on two branches have not conflicted:
the merged log is the union of both logs by event id, in time order, with nothing lost
or doubled.  Other top-level fields merge three-way (a side that left a field as the
base had it takes the other side's value); ``status`` follows from the merged log, so
it is re-derived, not compared.  Only a true conflict — both sides set a field to
different values, or gave one event id different contents — is left to a person, as
standard conflict markers around the field's lines.

The result is written through the ticket writer's round-trip editor, starting from
"ours", so the file keeps its layout.  Files that are not records, or do not parse, are
not merged here: the caller falls back to git's own line merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itsmctl.errors import RecordParseError
from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.models.eventlog import steps
from itsmctl.roundtrip import Document, append_item, edit, set_field, to_node
from itsmctl.store.loader import load_record
from itsmctl.yamlio import parse_document

DERIVED = ("status",)
"""Fields that follow from the event log, so the merged log decides them."""


@dataclass
class MergeResult:
    data: bytes
    conflicts: list[str] = field(default_factory=list)
    """What was left to a person: ``field 'priority'``, ``event EAB12CD``."""


class NotMergeable(Exception):
    """The files are not three versions of one record this merge understands."""


def _mapping(data: bytes) -> dict[str, Any]:
    try:
        value = parse_document(data).data if data.strip() else {}
    except RecordParseError as exc:
        raise NotMergeable(str(exc)) from None
    if not isinstance(value, dict):
        raise NotMergeable("not a mapping")
    return value


def _when(event: Any) -> datetime | None:
    if isinstance(event, dict) and isinstance(event.get("at"), str):
        try:
            return datetime.fromisoformat(event["at"])
        except ValueError:
            return None
    return None


def _events(data: dict[str, Any]) -> list[dict[str, Any]]:
    events = data.get("events")
    if events is None:
        return []
    if not isinstance(events, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in events):
        raise NotMergeable("events is not a list of events with ids")
    return events


def merge_record(base: bytes, ours: bytes, theirs: bytes) -> MergeResult:
    """Merge ``theirs`` into ``ours`` (both descended from ``base``); NotMergeable when this
    merge does not apply and git's line merge should be used."""
    o, a, b = _mapping(base), _mapping(ours), _mapping(theirs)
    if not a or not b:
        raise NotMergeable("one side deleted or emptied the file")
    if a.get("kind") != b.get("kind") or a.get("id") != b.get("id"):
        raise NotMergeable("the two sides are different records")
    conflicts: list[str] = []
    event_conflicts: list[str] = []
    a_events, b_events = _events(a), _events(b)
    a_ids = {e["id"]: e for e in a_events}
    added = [e for e in b_events if e["id"] not in a_ids]
    for event in b_events:
        if event["id"] in a_ids and a_ids[event["id"]] != event:
            event_conflicts.append(event["id"])
    if any(_when(e) is None for e in [*a_events, *added]):
        raise NotMergeable("an event has no readable time")
    field_changes: dict[str, Any] = {}
    for key in dict.fromkeys([*o, *a, *b]):
        if key == "events" or key in DERIVED:
            continue
        ov, av, bv = o.get(key), a.get(key), b.get(key)
        if av == bv or bv == ov:
            continue
        if av == ov:
            field_changes[key] = bv
        else:
            conflicts.append(key)

    def change(document: Document) -> None:
        seq = document.get("events")
        if added and seq is not None:
            for event in added:
                append_item(seq, event)
            order = sorted(range(len(seq)), key=lambda i: (_when(seq[i]), i))
            if order != list(range(len(seq))):
                items = [seq[i] for i in order]
                for i, item in enumerate(items):
                    seq[i] = item
        for key, value in field_changes.items():
            if value is None:
                document.pop(key, None)
            else:
                set_field(document, key, to_node(value))

    try:
        merged = edit(ours, change)
    except RecordParseError as exc:
        raise NotMergeable(str(exc)) from None
    merged = _derive_status(merged, a, b, conflicts)
    if conflicts or event_conflicts:
        merged = _mark(merged, theirs, conflicts, event_conflicts)
    return MergeResult(merged, [f"field {k}" for k in conflicts] + [f"event {e}" for e in event_conflicts])


def _derive_status(merged: bytes, a: dict[str, Any], b: dict[str, Any], conflicts: list[str]) -> bytes:
    """Set ``status`` to what the merged log says (tickets), else merge it like any field."""
    if a.get("kind") not in TICKET_KINDS:
        if a.get("status") != b.get("status"):
            conflicts.append("status")
        return merged
    loaded = load_record("merged.yaml", "merged.yaml", merged)
    ticket = loaded.record
    if not isinstance(ticket, TicketBase):
        if a.get("status") != b.get("status"):
            conflicts.append("status")
        return merged
    status = ticket.status
    for _, _, _, after in steps(ticket):
        status = after or status
    if status == a.get("status"):
        return merged
    return edit(merged, lambda document: set_field(document, "status", status))


def _block(lines: list[str], start: int) -> int:
    """The line after the top-level key starting at ``start`` and its indented continuation."""
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "\r", "\n", "") or lines[end].startswith("#")):
        end += 1
    return end


def _find_key(lines: list[str], key: str) -> int | None:
    return next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)


def _find_event(lines: list[str], event_id: str) -> int | None:
    marks = (f"{{id: {event_id},", f"{{id: '{event_id}',", f'{{id: "{event_id}",')
    return next((i for i, line in enumerate(lines) if any(m in line for m in marks)), None)


def _mark(merged: bytes, theirs: bytes, fields: list[str], events: list[str]) -> bytes:
    """Standard conflict markers around each conflicting field or event, ours above, theirs below."""
    lines = merged.decode("utf-8").splitlines(keepends=True)
    other = theirs.decode("utf-8").splitlines(keepends=True)
    spans: list[tuple[int, int, list[str]]] = []
    for key in fields:
        mine, their = _find_key(lines, key), _find_key(other, key)
        start, end = (mine, _block(lines, mine)) if mine is not None else (_anchor(lines), _anchor(lines))
        spans.append((start, end, other[their : _block(other, their)] if their is not None else []))
    for event_id in events:
        mine, their = _find_event(lines, event_id), _find_event(other, event_id)
        if mine is None or their is None:
            raise NotMergeable(f"event {event_id} is not one line on both sides")
        spans.append((mine, mine + 1, other[their : their + 1]))
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for start, end, replacement in sorted(spans, reverse=True):
        ours_part = [line if line.endswith("\n") else line + newline for line in lines[start:end]]
        theirs_part = [line if line.endswith("\n") else line + newline for line in replacement]
        lines[start:end] = [
            f"<<<<<<< ours{newline}",
            *ours_part,
            f"======={newline}",
            *theirs_part,
            f">>>>>>> theirs{newline}",
        ]
    return "".join(lines).encode("utf-8")


def _anchor(lines: list[str]) -> int:
    """Where a field only theirs has goes: before the event log, else at the end."""
    found = _find_key(lines, "events")
    return found if found is not None else len(lines)
