"""Writing drafts into a store: one file per ticket, only when its bytes change, the policy once at the end.

A ticket's id is derived from its source system and number (``ids.derived_ticket_id``),
so a re-import reads the file at that id and writes nothing when the bytes are the same;
a later export rewrites the ticket, keeping the events people added here since.  A file
at the id that belongs to another ticket makes the writer draw the next candidate.

Every file is read back with the loader before it is written (a record that does not load
is a note, never a file) and run through the rule book, whose findings are counted by
rule for the summary: what ``validate`` will say about the import, said before it runs.
Files are written atomically without a flush each (25,000 fsyncs would dominate the
run); ``finish`` flushes the file system once.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl import roundtrip
from itsmctl.checks.sla import no_sla_covers
from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, atomic_write, read_regular
from itsmctl.ids import MAX_ATTEMPTS, derived_ticket_id
from itsmctl.importers.draft import Directory, Notes, TicketDraft
from itsmctl.importers.records import RECORD_FLOW_KEYS, build_record, imported_event_ids, merged_events
from itsmctl.models import Policy, ServiceLevelAgreement, TicketBase
from itsmctl.models.base import Span
from itsmctl.rules.base import violations
from itsmctl.store.loader import load_record
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import FolderSource
from itsmctl.tickets.edit import EVENT_HEAD, stamp, store_rule_context, ticket_path
from itsmctl.yamlio import emit as yamltext


@dataclass
class Written:
    """What the writer did, for the summary and the commit."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    events: int = 0
    kept_local_events: int = 0
    tacit_confirmations: int = 0
    """Closings the import confirmed tacitly (the source closed them after the policy's tacit_after in silence)."""
    people_added: int = 0
    groups_added: int = 0
    rule_findings: Counter[str] = field(default_factory=Counter)
    """Rule-book violations in the written tickets, by rule code: what ``validate`` will report."""
    warnings: Counter[str] = field(default_factory=Counter)
    """Warnings ``validate`` will give the written tickets, by code (``sla-coverage``: opened
    on a day no SLA of the store covers, so without clocks)."""
    paths: list[Path] = field(default_factory=list)


def _as_written(event: Any) -> dict[str, Any]:
    """An event of a loaded record as plain data in the house order, times as the verbs write them."""
    body = event.model_dump(exclude_none=True, exclude_defaults=True) | {"type": event.type}
    plain = {k: stamp(v) if isinstance(v, datetime) else str(v) if isinstance(v, Span) else v for k, v in body.items()}
    return {key: plain[key] for key in (*EVENT_HEAD, *plain) if key in plain}


class StoreWriter:
    """Writes the drafts of one import into the store at ``root``."""

    def __init__(
        self, root: Path, policy: Policy, service: str, directory: Directory, notes: Notes, zone: tzinfo
    ) -> None:
        self.root = root
        self.policy = policy
        self.service = service
        self.directory = directory
        self.notes = notes
        self.zone = zone
        self.context = store_rule_context(root, policy)
        self.written = Written()
        self._claimed: set[str] = set()
        self._slas: tuple[list[ServiceLevelAgreement], dict[str, Any]] | None = None

    def put(self, draft: TicketDraft) -> None:
        key = f"{draft.system}:{draft.number}"
        prefix = self.policy.prefix(draft.kind)
        opened = draft.events[0].at.astimezone(self.zone)
        for attempt in range(MAX_ATTEMPTS):
            ticket_id = derived_ticket_id(prefix, opened, key, attempt)
            if ticket_id in self._claimed:
                self.notes.add(draft.line, "number", "id-collision", f"{ticket_id} is taken by another ticket")
                continue
            rel = ticket_path(ticket_id)
            path = self.root / rel
            try:
                found: bytes | None = read_regular(path, root=self.root)
            except RefusedFile as exc:
                if exc.code != "missing":
                    raise StoreError(str(exc)) from None
                found = None
            outcome = self._write(draft, ticket_id, str(rel), path, found)
            if outcome:
                self._claimed.add(ticket_id)
                return
            self.notes.add(draft.line, "number", "id-collision", f"{ticket_id} is taken by another ticket")
        raise StoreError(f"no free id for {key} after {MAX_ATTEMPTS} tries")  # pragma: no cover

    def _write(self, draft: TicketDraft, ticket_id: str, rel: str, path: Path, found: bytes | None) -> bool:
        """False when the file at the id is another ticket's; True once the draft is dealt with."""
        record = build_record(draft, ticket_id, self.policy, self.service)
        data = yamltext.render(record, flow_keys=RECORD_FLOW_KEYS)
        if found is not None and found != data:
            old = load_record(rel, str(path), found, default_tz=self.zone).record
            source = old.source if isinstance(old, TicketBase) else None
            if source is None or (source.system, source.number) != (draft.system, draft.number):
                return False  # another ticket's file
            assert isinstance(old, TicketBase)  # a ticket: it has a source
            data = self._keep_local(draft, record, old, rel, path) or data
        loaded = load_record(rel, str(path), data, default_tz=self.zone)
        if loaded.record is None:
            first = loaded.findings[0]
            self.notes.add(draft.line, first.field, "record-refused", f"{draft.number}: {first.message}")
            self.written.refused += 1
            return True
        if found == data:
            self.written.unchanged += 1
        else:
            atomic_write(path, data, root=self.root, durable=False)
            self.written.paths.append(path)
            if found is None:
                self.written.created += 1
            else:
                self.written.updated += 1
        self.written.events += len(record["events"])
        self.written.tacit_confirmations += sum(1 for e in record["events"] if e.get("tacit") is True)
        for violation in violations(loaded.record, self.context):
            if violation.severity == "error":
                self.written.rule_findings[violation.code] += 1
            else:
                self.written.warnings[violation.code] += 1
        slas, zones = self._agreements()
        if isinstance(loaded.record, TicketBase) and no_sla_covers(loaded.record, slas, zones):
            self.written.warnings["sla-coverage"] += 1
        return True

    def _agreements(self) -> tuple[list[ServiceLevelAgreement], dict[str, Any]]:
        """The store's SLAs and calendar zones, read once."""
        if self._slas is None:
            snap = load_snapshot(FolderSource(self.root).walk(only=[KIND_DIRS["sla"], KIND_DIRS["calendar"]]))
            self._slas = (snap.slas, {c.id: ZoneInfo(c.timezone) for c in snap.calendars})
        return self._slas

    def _keep_local(
        self, draft: TicketDraft, record: dict[str, Any], old: TicketBase, rel: str, path: Path
    ) -> bytes | None:
        """Put back into ``record`` the events written here since the last import (they are not
        the import's), with the status they lead to; its new bytes, or None when there are none."""
        ours = imported_event_ids(draft.system, draft.number, len(old.events) + len(record["events"]))
        local = [_as_written(e) for e in old.events if e.id not in ours]
        if not local:
            return None
        self.written.kept_local_events += len(local)
        record["events"] = merged_events(record["events"], local)
        merged = yamltext.render(record, flow_keys=RECORD_FLOW_KEYS)
        replayed = load_record(rel, str(path), merged, default_tz=self.zone).record
        status = replayed.replayed_status() if isinstance(replayed, TicketBase) else None
        if status is None or status == record["status"]:
            return merged
        record["status"] = status
        return yamltext.render(record, flow_keys=RECORD_FLOW_KEYS)

    def finish(self) -> list[Path]:
        """Add the people and groups the policy lacks, flush the file system; the paths written."""
        new_people, new_groups = self.directory.new_people, self.directory.new_groups
        if new_people or new_groups:
            path = self.root / POLICY_PATH
            data = read_regular(path, root=self.root)
            org = self.directory.org

            def change(document: Any) -> None:
                people = [{"id": i, "name": n, "org": org, "active": False} for i, n in sorted(new_people.items())]
                groups = [{"id": i, "name": n} for i, n in sorted(new_groups.items())]
                for key, items in (("people", people), ("groups", groups)):
                    if not items:
                        continue
                    if key in document:
                        roundtrip.append_to(document, key, items)
                    else:
                        roundtrip.set_field(document, key, items, order=list(Policy.model_fields))

            edited = roundtrip.edit(data, change)
            loaded = load_record(str(POLICY_PATH), str(path), edited)
            if loaded.record is None:
                raise StoreError(f"the policy with the imported people does not load: {loaded.findings[0].message}")
            atomic_write(path, edited, root=self.root)
            self.written.paths.append(path)
            self.written.people_added, self.written.groups_added = len(new_people), len(new_groups)
        if hasattr(os, "sync"):
            os.sync()
        return self.written.paths
