"""What one commit did to a record file: events added, removed, and edited in place.

An event log only grows: a commit may append events, never change one already
committed.  ``history`` (over ``itsmctl.vcs``) reads each commit's two versions of a
ticket's file and compares their logs by event id here; ``edited_events`` is the one
comparison of "an event rewritten under the same id" (tamper evidence), for ``history``
and for a check of a pull request against its base.  Pure functions on parsed data: no
git, no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from itsmctl.errors import RecordParseError
from itsmctl.yamlio import parse_document


@dataclass(frozen=True)
class EventEdit:
    """An event already recorded whose content changed under the same id."""

    event_id: str
    changes: dict[str, tuple[Any, Any]]
    """Field -> (value before, value after); a field absent on one side is ``None`` there."""

    @property
    def fields(self) -> list[str]:
        return list(self.changes)


def edited_events(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]) -> list[EventEdit]:
    """Events present in both logs (by id) whose content differs, in the new log's order.

    Events added or removed are not edits (``history`` lists them apart); a repeated id
    is compared at its first occurrence on each side.
    """
    before: dict[str, Mapping[str, Any]] = {}
    for event in old:
        before.setdefault(str(event.get("id")), event)
    seen: set[str] = set()
    edits: list[EventEdit] = []
    for event in new:
        event_id = str(event.get("id"))
        if event_id in seen or event_id not in before:
            continue
        seen.add(event_id)
        was = before[event_id]
        keys = dict.fromkeys([*was, *event])
        changes = {str(k): (was.get(k), event.get(k)) for k in keys if was.get(k) != event.get(k)}
        if changes:
            edits.append(EventEdit(event_id, changes))
    return edits


@dataclass
class Revision:
    """One commit that touched a ticket's file, and what it did to the record."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    added: list[dict[str, Any]] = field(default_factory=list)
    """Events (as written) this commit added to the log, by event id."""
    removed: list[str] = field(default_factory=list)
    """Ids of events this commit took out of the log (a rewrite a reviewer should see)."""
    edited: list[EventEdit] = field(default_factory=list)
    """Events already committed that this commit changed in place (same id): tampering."""
    fields: list[str] = field(default_factory=list)
    """Top-level fields this commit changed, other than the log."""
    note: str | None = None


def diff_versions(diff: str) -> tuple[str | None, str | None]:
    """The old and new file text from a full-context unified diff (None: absent)."""
    old: list[str] = []
    new: list[str] = []
    in_hunk = False
    created = deleted = False
    for line in diff.split("\n"):
        if not in_hunk:
            created = created or line.startswith("new file mode")
            deleted = deleted or line.startswith("deleted file mode")
            in_hunk = line.startswith("@@")
            continue
        if line.startswith(" "):
            old.append(line[1:])
            new.append(line[1:])
        elif line.startswith("-"):
            old.append(line[1:])
        elif line.startswith("+"):
            new.append(line[1:])
        elif line.startswith("@@"):
            continue
    if not in_hunk:
        return None, None
    return (None if created else "\n".join(old) + "\n"), (None if deleted else "\n".join(new) + "\n")


def _parse(text: str | None, cache: dict[str, dict[str, Any] | None]) -> dict[str, Any] | None:
    """One version's data; each version is parsed once (it is one commit's new, the next one's old)."""
    if text is None:
        return {}
    if text not in cache:
        try:
            data = parse_document(text.encode("utf-8")).data
        except RecordParseError:
            data = None
        cache[text] = data if isinstance(data, dict) else None
    return cache[text]


def compare_versions(
    revision: Revision, old_text: str | None, new_text: str | None, cache: dict[str, dict[str, Any] | None]
) -> None:
    """Fill in what ``revision`` added, removed, edited and changed between the two texts."""
    old, new = _parse(old_text, cache), _parse(new_text, cache)
    if old is None or new is None:
        revision.note = "a version of the file does not parse; events cannot be compared"
        return
    old_events = [e for e in old.get("events") or [] if isinstance(e, dict)]
    new_events = [e for e in new.get("events") or [] if isinstance(e, dict)]
    old_ids = {e.get("id") for e in old_events}
    new_ids = {e.get("id") for e in new_events}
    revision.added = [e for e in new_events if e.get("id") not in old_ids]
    revision.removed = [str(e.get("id")) for e in old_events if e.get("id") not in new_ids]
    revision.edited = edited_events(old_events, new_events)
    if old_text is None:
        revision.note = "created"
    elif new_text is None:
        revision.note = "file deleted"
    else:
        keys = [k for k in dict.fromkeys([*new, *old]) if k != "events"]
        revision.fields = [str(k) for k in keys if old.get(k) != new.get(k)]
