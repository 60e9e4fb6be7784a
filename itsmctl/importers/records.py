"""From a draft to a record: ids derived from the source number, the priority the matrix would give
checked against the source's, the event log as the house layout writes it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from itsmctl.ids import derived_event_id
from itsmctl.importers.draft import TicketDraft
from itsmctl.models import MODEL_BY_KIND, Policy, TicketBase
from itsmctl.tickets.create import FLOW_KEYS
from itsmctl.tickets.edit import EVENT_HEAD, field_order, stamp

RECORD_FLOW_KEYS = FLOW_KEYS | {"details"}


def event_key(draft: TicketDraft, index: int) -> str:
    """What an imported event's id is derived from: the ticket's source and the event's place in its log."""
    return f"{draft.system}:{draft.number}:{index}"


def imported_event_ids(system: str, number: str, count: int) -> set[str]:
    """The ids the first ``count`` imported events of a ticket get: any other id in its log was added here."""
    return {derived_event_id(f"{system}:{number}:{i}") for i in range(count)}


def matrix_priority(policy: Policy, dimensions: Mapping[str, str]) -> str | None:
    """The priority the policy's matrix gives these dimensions, or None when they do not name a cell."""
    try:
        return policy.priority.lookup(dict(dimensions))
    except (KeyError, TypeError):
        return None


def build_record(draft: TicketDraft, ticket_id: str, policy: Policy, service: str) -> dict[str, Any]:
    """The record for ``draft`` as plain data, keys in the model's order."""
    model: type[TicketBase] = MODEL_BY_KIND[draft.kind]  # type: ignore[assignment]
    events: list[dict[str, Any]] = []
    taken: set[str] = set()
    for i, event in enumerate(draft.events):
        event_id = derived_event_id(event_key(draft, i), taken)
        taken.add(event_id)
        body: dict[str, Any] = {"id": event_id, "at": stamp(event.at), "by": event.by, "type": event.type}
        body.update(event.fields)
        if event.note:
            body["note"] = event.note
        events.append({key: body[key] for key in (*EVENT_HEAD, *body) if key in body})
    fields: dict[str, Any] = {
        "title": draft.title,
        "description": draft.description,
        "service": service,
        "assignee": draft.assignee,
        "group": draft.group,
        "channel": draft.channel,
        "category": draft.category,
        "dimensions": draft.dimensions,
        "priority": draft.priority,
        "status": draft.status,
        "source": {"system": draft.system, "number": draft.number, "details": draft.details},
    }
    decided = matrix_priority(policy, draft.dimensions) if draft.dimensions else None
    if decided is not None and decided != draft.priority:
        last = next((e for e in reversed(events) if e["type"] == "priority"), events[0])
        fields["priority_override"] = {
            "priority": draft.priority,
            "reason": f"在 {draft.system} 中设定 set in {draft.system}; the matrix gives {decided}",
            "by": last["by"],
            "at": last["at"],
        }
    if not draft.details:
        del fields["source"]["details"]
    record: dict[str, Any] = {"kind": draft.kind, "id": ticket_id}
    for name in field_order(model):
        value = fields.get(name)
        if value not in (None, [], {}, False):
            record[name] = value
    record["events"] = events
    return record


def merged_events(imported: list[dict[str, Any]], local: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The imported log with events written here since (notes, explanations) put back by their time."""
    out = list(imported)
    for event in local:
        at = datetime.fromisoformat(str(event["at"]))
        place = len(out)
        while place > 0 and datetime.fromisoformat(str(out[place - 1]["at"])) > at:
            place -= 1
        out.insert(place, event)
    return out
