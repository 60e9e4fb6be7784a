"""The one core operation every ticket command ends in: append events, update fields.

``apply_event``/``apply_events`` take a ticket's file, append typed events to its log and
set its current fields, keeping the file's formatting (``itsmctl.roundtrip``), then
validate the new bytes and replace the file atomically (``itsmctl.fs``).  A file that
does not load cleanly before the edit is never rewritten; an edit that would make the
record invalid, or break a rule of the rule book (``itsmctl.rules``) it did not break
before, is never written (``RuleViolation``).  Whether an action is allowed from the
current status is the caller's question (``itsmctl.rules.lifecycle``), asked first for
the better message; callers that only record facts (escalation notices) call this directly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any

from itsmctl import roundtrip
from itsmctl.calendar.business import BusinessCalendar
from itsmctl.errors import FindingsError, NotFoundError, RuleViolation, StoreError, UsageError
from itsmctl.fs import RefusedFile, atomic_write, ensure_inside, locked, read_regular
from itsmctl.ids import new_event_id
from itsmctl.models import Policy, TicketBase
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.rules import RuleContext, Violation, added_violations
from itsmctl.rules.context import sla_calendar_resolver
from itsmctl.store.loader import LoadedFile, dotted, load_record
from itsmctl.store.lookup import record_reader
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH, path_for
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import FolderSource

EVENT_HEAD = ("id", "at", "by", "type")
"""Keys every event starts with, in this order, so logs read the same everywhere."""


def ticket_path(ticket_id: str) -> PurePosixPath:
    """Store-relative path of a ticket (every ticket kind shares the ``tickets`` tree)."""
    path = path_for("incident", ticket_id) if re.fullmatch(MONTHLY_ID_PATTERN, ticket_id) else None
    if path is None:
        raise UsageError(f"{ticket_id!r} is not a ticket id like INC-2611-7KQ3P (PREFIX-YYMM-five characters)")
    return path


_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def is_plain_id(record_id: str) -> bool:
    """An id that names one file in its kind's folder (no ``/``, no ``..``, no leading dot).

    Ids typed on the command line (services, CIs, SLAs) become paths through
    ``path_for``; this keeps them from walking out of their folder.
    """
    return bool(_PLAIN_ID.fullmatch(record_id)) and ".." not in record_id


def load_policy(root: Path) -> Policy:
    """The store's policy, strictly loaded; StoreError when it is missing or invalid."""
    path = root / POLICY_PATH
    try:
        data = read_regular(path, root=root)
    except RefusedFile as exc:
        if exc.code == "missing":
            raise StoreError(f"{path} does not exist: a store needs a policy (people, priority matrix)") from None
        raise
    loaded = load_record(str(POLICY_PATH), str(path), data)
    if loaded.findings or not isinstance(loaded.record, Policy):
        first = loaded.findings[0] if loaded.findings else None
        where = first.described() if first else f"{path}: not a policy"
        raise StoreError(f"the policy does not load, fix it first: {where}")
    return loaded.record


def policy_zone(policy: Policy) -> tzinfo | None:
    return policy.zone


def read_ticket(
    root: Path,
    ticket_id: str,
    *,
    default_tz: tzinfo | None = None,
    advice: str = "fix the file first; it was not changed",
) -> tuple[Path, bytes, TicketBase]:
    """A ticket's file, bytes and record; refuses a file with any finding.

    Reads exactly one file (the path follows from the id), so a command on one ticket
    costs the same in a store of ten tickets or ten thousand.
    """
    rel = ticket_path(ticket_id)
    path = root / rel
    try:
        data = read_regular(path, root=root)
    except RefusedFile as exc:
        if exc.code == "missing":
            raise NotFoundError(f"no ticket {ticket_id} (looked for {path})") from None
        raise
    loaded = load_record(str(rel), str(path), data, default_tz=default_tz)
    _refuse_findings(loaded, advice)
    if not isinstance(loaded.record, TicketBase):
        raise UsageError(f"{path} holds a {loaded.kind}, not a ticket")
    return path, data, loaded.record


def _refuse_findings(loaded: LoadedFile, advice: str) -> None:
    if loaded.findings:
        shown = "; ".join(f.described() for f in loaded.findings[:3])
        more = f" (and {len(loaded.findings) - 3} more)" if len(loaded.findings) > 3 else ""
        raise FindingsError(f"{shown}{more} — {advice}")


def field_order(model: type[TicketBase]) -> list[str]:
    """Where new keys go: the model's field order, with the growing event log last."""
    names = [name for name in model.model_fields if name not in ("kind", "events")]
    return ["kind", *names, "events"]


def stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds" if value.microsecond == 0 else "auto")


def prepare_events(ticket: TicketBase, events: Sequence[Mapping[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """Give each event an id and a time (``now`` unless it has one), in the canonical key order.

    An event earlier than the last one already logged breaks the rule book (``events``): the
    write is refused there.
    """
    taken = {e.id for e in ticket.events}
    out: list[dict[str, Any]] = []
    for event in events:
        body = dict(event)
        body.setdefault("id", new_event_id(taken))
        taken.add(body["id"])
        at = body.get("at", now)
        if isinstance(at, datetime):
            at = stamp(at)  # an event earlier than the last one is refused by the rule book (events)
        body["at"] = at
        ordered = {key: body[key] for key in EVENT_HEAD if key in body}
        ordered.update((key, value) for key, value in body.items() if key not in ordered)
        out.append(ordered)
    return out


def store_rule_context(root: Path, policy: Policy) -> RuleContext:
    """What the rule book may look at when a verb checks one ticket: the policy, the ticket's
    business calendar, resolved exactly as ``validate`` resolves it (``rules.context``) from the
    store's calendars and SLAs, read only when a rule asks for it, and another record by id
    (``store.lookup``: one file each, for the cross-record rules)."""
    by_sla = store_calendars(root)
    return RuleContext(policy, lambda ticket: by_sla(ticket.sla), record_reader(root, policy_zone(policy)))


def store_calendars(root: Path) -> Callable[[str | None], BusinessCalendar | None]:
    """The business calendar of a ticket pinned to an SLA (None: to none), from the store's calendars
    and SLAs, read on the first question only (``rules.context.sla_calendar_resolver``)."""
    resolved: list[Callable[[str | None], BusinessCalendar | None]] = []

    def calendar_for(pinned: str | None) -> BusinessCalendar | None:
        if not resolved:
            only = [KIND_DIRS["calendar"], KIND_DIRS["sla"]]
            resolved.append(sla_calendar_resolver(load_snapshot(FolderSource(root).walk(only=only))))
        return resolved[0](pinned)

    return calendar_for


def refuse_violations(record_id: str, found: list[Violation]) -> None:
    """Raise RuleViolation for what an edit would break; nothing has been written."""
    if found:
        raise RuleViolation(record_id, [(dotted(v.path), v.code, v.message) for v in found])


@dataclass(frozen=True)
class Written:
    """A ticket file after an edit, and the events as written (with ids and times)."""

    path: Path
    events: list[dict[str, Any]]
    changed: bool
    found: bytes
    """The file's bytes as read before the edit (an earlier uncommitted edit is told apart by them)."""


def apply_events(
    root: Path,
    ticket_id: str,
    events: Sequence[Mapping[str, Any]],
    updates: Mapping[str, Any],
    *,
    now: datetime,
) -> Path:
    """Append ``events`` to a ticket's log and set ``updates``; return the file written.

    See ``apply_event`` for the rules; this is the same for several events in one write.
    """
    return write_events(root, ticket_id, events, updates, now=now).path


def write_events(
    root: Path,
    ticket_id: str,
    events: Sequence[Mapping[str, Any]],
    updates: Mapping[str, Any],
    *,
    now: datetime,
) -> Written:
    """``apply_events`` that also returns the events as written."""
    path = root / ticket_path(ticket_id)
    ensure_inside(root, path)
    if not os.path.lexists(path):  # a pipe or a folder there is refused by `locked`, never waited on
        raise NotFoundError(f"no ticket {ticket_id} (looked for {path})")
    with locked(path):
        return write_events_held(root, ticket_id, events, updates, now=now)


def write_events_held(
    root: Path,
    ticket_id: str,
    events: Sequence[Mapping[str, Any]],
    updates: Mapping[str, Any],
    *,
    now: datetime,
    policy: Policy | None = None,
    context: RuleContext | None = None,
) -> Written:
    """``write_events`` for a caller that already holds ``locked`` on the ticket's file.

    ``policy`` / ``context``: the store's policy and rule context when the caller has them
    (read from the store otherwise).
    """
    if context is not None and context.policy is not None:
        policy = context.policy
    policy = policy if policy is not None else load_policy(root)
    context = context if context is not None else store_rule_context(root, policy)
    zone = policy_zone(policy)
    path, data, ticket = read_ticket(root, ticket_id, default_tz=zone)
    prepared = prepare_events(ticket, events, now)
    order = field_order(type(ticket))

    def change(document: roundtrip.Document) -> None:
        for key, value in updates.items():
            if key == "events":
                raise UsageError("events are appended, not set: pass them as events")
            roundtrip.set_field(document, key, value, order)
        roundtrip.append_to(document, "events", prepared)

    new_data = roundtrip.edit(data, change)
    rel = ticket_path(ticket_id)
    loaded = load_record(str(rel), str(path), new_data, default_tz=zone)
    _refuse_findings(loaded, "the change was not written")
    record = loaded.record
    assert isinstance(record, TicketBase)
    refuse_violations(ticket_id, added_violations(ticket, record, context))
    if new_data != data:
        atomic_write(path, new_data, root=root)
    return Written(path, prepared, new_data != data, data)


def apply_event(
    root: Path,
    ticket_id: str,
    event: Mapping[str, Any],
    updates: Mapping[str, Any],
    *,
    now: datetime,
) -> Path:
    """Append one typed event to ticket ``ticket_id`` and set its current fields.

    ``root``: the store folder (with ``policy.yaml``).
    ``event``: the event without ``id`` (a fresh ``E…`` id is drawn) and usually without
    ``at`` (``now`` is used), e.g. ``{"by": "zhou.min", "type": "escalated", "level": 1,
    "target": "response", "actions": ["notify_manager"], "notified": ["zhou.min"]}``.
    ``updates``: current fields to set, e.g. ``{"priority": "P1"}``; a list that extends
    the old one is appended to, a mapping is merged, ``None`` removes the key.
    ``now``: the event time when ``event`` has no ``at``; an event earlier than the
    ticket's last event is refused (UsageError).

    The file keeps its formatting; the new bytes are validated with ``load_record`` and
    written atomically.  Raises NotFoundError (no such ticket), FindingsError (the file,
    or the edited file, does not validate) or UsageError.  Does not commit: see
    ``itsmctl.vcs.commit_paths``.
    """
    return apply_events(root, ticket_id, [event], updates, now=now)
