"""Opening a ticket: a fresh id, the priority from the policy's matrix, the first events.

The new file is laid out like a hand-written record (block mapping, short lists in flow
style, the event log in block style, one field a line) like the sample store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl import roundtrip
from itsmctl.checks.sla import pinned_sla_out_of_effect
from itsmctl.errors import FieldError, UsageError
from itsmctl.fs import atomic_write
from itsmctl.ids import folded, new_event_id, new_ticket_id
from itsmctl.models import MODEL_BY_KIND, TICKET_KINDS, TicketBase
from itsmctl.models.labels import id_of
from itsmctl.priority import Decision, decide
from itsmctl.rules import added_violations
from itsmctl.store.loader import load_record
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH, path_for
from itsmctl.store.snapshot import Snapshot, load_snapshot
from itsmctl.store.source import FolderSource
from itsmctl.tickets.action_input import require_group, require_person
from itsmctl.tickets.edit import (
    _refuse_findings,
    field_order,
    is_plain_id,
    policy_zone,
    refuse_violations,
    stamp,
    store_rule_context,
    ticket_path,
)

FLOW_KEYS = frozenset({"cis", "dimensions", "about", "related", "incidents"})


@dataclass(frozen=True)
class Opened:
    """The result of ``open_ticket``: where it went and why it has its priority."""

    ticket_id: str
    path: Path
    priority: str
    decision: Decision | None
    """The matrix cell that decided the priority; None when it was given by hand."""
    status: str
    warnings: tuple[str, ...] = ()
    """What ``validate`` will warn of in the new file (the ``sla-effective`` warning), said at once."""


@dataclass(frozen=True)
class NewTicket:
    """What the person opening a ticket says about it."""

    kind: str
    title: str
    service: str
    dimensions: dict[str, str]
    sla: str | None = None
    description: str | None = None
    cis: tuple[str, ...] = ()
    requester: str | None = None
    assignee: str | None = None
    group: str | None = None
    channel: str | None = None
    delivery: str | None = None
    category: str | None = None
    priority: str | None = None
    reason: str | None = None
    """Why ``priority`` differs from the matrix (recorded as priority_override)."""
    about: tuple[str, ...] = ()
    change_type: str | None = None
    major: bool = False
    related: tuple[str, ...] = ()
    """Tickets this one is about (a low-score follow-up's called-back ticket)."""


def _names_in(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []


def reference_snapshot(root: Path, spec: NewTicket) -> Snapshot:
    """Only what opening a ticket refers to: the policy, the service catalogue, the CIs named, the SLAs.

    Paths follow from ids (``path_for``), so opening a ticket costs the same in a store of
    ten tickets or ten thousand; ``build_record`` still refuses unknown references, and
    the SLA engine (not this) decides on read which SLA applies.
    """
    only = [str(POLICY_PATH), KIND_DIRS["service"], KIND_DIRS["sla"]]
    if spec.sla:  # the calendars' zones date the opening for the pinned SLA's term
        only.append(KIND_DIRS["calendar"])
    only += [str(path_for("ci", ci)) for ci in spec.cis if is_plain_id(ci)]
    return load_snapshot(FolderSource(root).walk(only=only))


def build_record(
    spec: NewTicket, snapshot: Snapshot, *, actor: str, now: datetime, ticket_id: str
) -> tuple[dict[str, Any], Decision | None, str]:
    """The new record as plain data, with the decision behind its priority."""
    policy = snapshot.policy
    assert policy is not None
    if spec.kind not in TICKET_KINDS:
        raise UsageError(f"unknown ticket kind {spec.kind!r}; choose one of: {', '.join(TICKET_KINDS)}")
    model: type[TicketBase] = MODEL_BY_KIND[spec.kind]  # type: ignore[assignment]
    if snapshot.file_of(spec.service) is None or snapshot.file_of(spec.service).kind != "service":  # type: ignore[union-attr]
        services = ", ".join(s.id for s in snapshot.services)
        raise FieldError("service", f"{spec.service!r} is not a service in the store; known: {services or 'none'}")
    if spec.sla is not None:
        loaded = snapshot.file_of(spec.sla)
        if loaded is None or loaded.kind != "sla":
            slas = ", ".join(s.id for s in snapshot.slas)
            raise FieldError("sla", f"{spec.sla!r} is not an SLA in the store; known: {slas or 'none'}")
    for ci in spec.cis:
        loaded = snapshot.file_of(ci)
        if loaded is None or loaded.kind != "ci":
            raise FieldError("cis", f"{ci!r} is not a configuration item in the store")
    for who, what in ((spec.requester, "requester"), (spec.assignee, "assignee")):
        if who:
            require_person(policy, who, what)
    for who in spec.about:
        require_person(policy, who, "about")
    if spec.group:
        require_group(policy, spec.group)

    if any(c in spec.title for c in "\r\n") or not spec.title.strip():
        raise FieldError("title", "the title is one non-empty line (details go in the description)")
    needed = [d.id for d in policy.priority.dimensions]
    if spec.kind in ("incident", "request") and not spec.dimensions:
        raise FieldError(
            "dimensions",
            f"an {spec.kind} is graded on every dimension: give a level for {', '.join(needed)} "
            "(a priority with a reason then overrides the matrix's answer)",
        )
    decision: Decision | None = None
    if spec.dimensions:
        decision = decide(policy.priority, spec.dimensions)
    levels = [lv.id for lv in policy.priority.levels]
    priority = spec.priority or (decision.priority if decision else None)
    if priority is None:
        if spec.kind in ("incident", "request"):
            decision = decide(policy.priority, spec.dimensions)  # raises: names the missing dimension
        raise FieldError("dimensions", f"give the priority dimensions or a priority ({', '.join(levels)})")
    if priority not in levels:
        raise FieldError("priority", f"{priority!r} is not a level of the policy: {', '.join(levels)}")

    record: dict[str, Any] = {"kind": spec.kind, "id": ticket_id, "title": spec.title}
    optional = {
        "description": spec.description,
        "service": spec.service,
        "sla": spec.sla,  # pinned only when asked: otherwise the SLA engine picks the strictest in effect
        "cis": list(spec.cis),
        "requester": spec.requester,
        "assignee": spec.assignee,
        "group": spec.group,
        "channel": id_of("channel", spec.channel),
        "delivery": id_of("delivery", spec.delivery),
        "category": id_of("category", spec.category),
        "dimensions": decision.values if decision else {},
        "priority": priority,
        "major": spec.major,
        "about": list(spec.about),
        "related": list(spec.related),
        "change_type": id_of("change_type", spec.change_type),
    }
    if decision is not None and priority != decision.priority:
        if not spec.reason:
            raise FieldError(
                "reason",
                f"the policy's matrix gives {decision.priority} ({decision.cell}); "
                f"to record {priority} instead give the reason",
            )
        optional["priority_override"] = {"priority": priority, "reason": spec.reason, "by": actor, "at": stamp(now)}
    status = model.INITIAL_STATUS
    events: list[dict[str, Any]] = [
        {"id": new_event_id(), "at": stamp(now), "by": actor, "type": "opened", "priority": priority}
    ]
    if spec.assignee or spec.group:
        taken = {e["id"] for e in events}
        assigned = {"id": new_event_id(taken), "at": stamp(now), "by": actor, "type": "assigned"}
        assigned.update({k: v for k, v in (("to", spec.assignee), ("group", spec.group)) if v})
        events.append(assigned)
        if "assigned" in model.STATUSES:
            status = "assigned"  # the first 'assigned' event moves a new ticket by itself (TicketBase.status_after)
    optional["status"] = status
    for name in field_order(model):
        value = optional.get(name)
        if value not in (None, [], {}, False):
            record[name] = value
    record["events"] = events
    return record, decision, status


def render_new(record: dict[str, Any]) -> bytes:
    """A new record in the house layout: short lists and dimensions in flow style, events in block style.

    Events are block style, like the sample store: libyaml (the fast reader) refuses
    timestamps inside flow mappings, so flow-style events would be read 30x slower.
    """
    return roundtrip.render(record, flow_keys=FLOW_KEYS)


def open_ticket(root: Path, snapshot: Snapshot, spec: NewTicket, *, actor: str, now: datetime) -> Opened:
    """Write a new ticket file; the id is checked against the files already there."""
    policy = snapshot.policy
    if policy is None:
        raise UsageError("the store has no valid policy.yaml")
    require_person(policy, actor, "by")
    if spec.kind not in TICKET_KINDS:
        raise UsageError(f"unknown ticket kind {spec.kind!r}; choose one of: {', '.join(TICKET_KINDS)}")
    folders: dict[Path, set[str]] = {}

    def exists(candidate: str) -> bool:
        # taken: a file there, or one a macOS or Windows checkout would take for it (case, NFC/NFD)
        path = root / ticket_path(candidate)
        if path.parent not in folders:
            folders[path.parent] = {folded(name) for name in _names_in(path.parent)}
        return path.exists() or folded(path.name) in folders[path.parent]

    ticket_id = new_ticket_id(policy.prefix(spec.kind), now, exists=exists)
    record, decision, status = build_record(spec, snapshot, actor=actor, now=now, ticket_id=ticket_id)
    data = render_new(record)
    rel = ticket_path(ticket_id)
    loaded = load_record(str(rel), str(root / rel), data, default_tz=policy_zone(policy))
    _refuse_findings(loaded, "the ticket was not written")
    assert isinstance(loaded.record, TicketBase)
    refuse_violations(ticket_id, added_violations(None, loaded.record, store_rule_context(root, policy)))
    zones = {c.id: ZoneInfo(c.timezone) for c in snapshot.calendars}
    pinned = pinned_sla_out_of_effect(loaded.record, snapshot.slas, zones)
    path = root / rel
    atomic_write(path, data, root=root)
    return Opened(ticket_id, path, record["priority"], decision, status, (pinned,) if pinned else ())
