"""Creating and editing one record file of any kind that is not a ticket (audits, reviews, …).

The verbs of the quality records and releases do what the CI verbs do (``itsmctl.cmdb.edit``),
without a change log: the file edited in memory keeping its formatting and comments
(``itsmctl.roundtrip``), loaded back through ``load_record`` (a verb never writes a file
``validate`` would refuse), the rule book run on the record as it would be and the action
refused for any error it would add, then one atomic write under the file's lock.  A file
that does not load cleanly is never rewritten.  Committing is the caller's (``itsmctl.commits``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from itsmctl import roundtrip
from itsmctl.errors import FindingsError, NotFoundError, UsageError
from itsmctl.fs import RefusedFile, atomic_write, ensure_inside, locked, read_regular
from itsmctl.models import MODEL_BY_KIND, Policy
from itsmctl.rules import RuleContext, added_violations
from itsmctl.store.loader import LoadedFile, load_record
from itsmctl.store.lookup import record_reader
from itsmctl.store.paths import path_for
from itsmctl.tickets.edit import is_plain_id, policy_zone, refuse_violations

Change = Callable[[roundtrip.Document, Any], None]
"""Edits the parsed document in place; gets the record as it was (its model) to decide how."""


@dataclass(frozen=True)
class RecordWritten:
    """A record file after a verb: which record, where, the record as written, the bytes found before."""

    record_id: str
    path: Path
    record: Any
    found: bytes | None


def record_path(root: Path, kind: str, record_id: str) -> Path:
    """The file of ``kind`` ``record_id``; UsageError for an id that is no file name of its folder."""
    rel = path_for(kind, record_id)
    if rel is None or not is_plain_id(record_id):
        raise UsageError(f"{record_id!r} is not a {kind} id (letters, digits, '.', '_', '-')")
    path = root / rel
    ensure_inside(root, path)
    return path


def read_record(root: Path, kind: str, record_id: str, *, policy: Policy | None = None) -> tuple[Path, bytes, Any]:
    """A record's file, bytes and model; refuses a file with any finding (it is never rewritten)."""
    path = record_path(root, kind, record_id)
    try:
        data = read_regular(path, root=root)
    except RefusedFile as exc:
        if exc.code == "missing":
            raise NotFoundError(f"no {kind} {record_id} (looked for {path})") from None
        raise
    loaded = load_file(root, path, data, policy)
    refuse_findings(loaded, "fix the file first; it was not changed")
    if loaded.kind != kind or not isinstance(loaded.record, MODEL_BY_KIND[kind]):
        raise UsageError(f"{path} holds a {loaded.kind}, not a {kind}")
    return path, data, loaded.record


def create_record(
    root: Path,
    kind: str,
    record: Mapping[str, Any],
    *,
    policy: Policy,
    flow_keys: frozenset[str] = frozenset(),
) -> RecordWritten:
    """Write a new file holding ``record`` (``kind`` and ``id`` first); refused if it exists."""
    record_id = str(record["id"])
    path = record_path(root, kind, record_id)
    if os.path.lexists(path):
        raise UsageError(f"{kind} {record_id} already exists ({path})")
    data = roundtrip.render({"kind": kind, **{k: v for k, v in record.items() if k != "kind"}}, flow_keys=flow_keys)
    return _write(root, path, None, None, data, policy)  # under the caller's store lock (commits.store_write)


def edit_record(root: Path, kind: str, record_id: str, change: Change, *, policy: Policy) -> RecordWritten:
    """Apply ``change`` to the file of ``kind`` ``record_id``; nothing is written when refused."""
    path = record_path(root, kind, record_id)
    if not os.path.lexists(path):
        raise NotFoundError(f"no {kind} {record_id} (looked for {path})")
    with locked(path):
        _, data, before = read_record(root, kind, record_id, policy=policy)
        edited = roundtrip.edit(data, lambda document: change(document, before))
        if edited == data:
            raise UsageError(f"nothing to change on {record_id}: every value given is already there")
        return _write(root, path, data, before, edited, policy)


def _write(
    root: Path, path: Path, data: bytes | None, before: BaseModel | None, edited: bytes, policy: Policy
) -> RecordWritten:
    loaded = load_file(root, path, edited, policy)
    refuse_findings(loaded, "nothing was written")
    after = loaded.record
    assert after is not None
    context = RuleContext(policy, record_for=record_reader(root, policy_zone(policy)))
    refuse_violations(str(getattr(after, "id", path.stem)), added_violations(before, after, context))
    atomic_write(path, edited, root=root)
    return RecordWritten(str(getattr(after, "id", path.stem)), path, after, data)


def load_file(root: Path, path: Path, data: bytes, policy: Policy | None) -> LoadedFile:
    """``data`` loaded as the file at ``path`` of the store at ``root`` (the policy's zone for bare times)."""
    rel = path.relative_to(root)
    zone = policy_zone(policy) if policy is not None else None
    return load_record(rel.as_posix(), str(path), data, default_tz=zone)


def refuse_findings(loaded: LoadedFile, advice: str) -> None:
    """FindingsError naming the first findings and ``advice``: a verb never writes a file with one."""
    if loaded.findings:
        shown = "; ".join(f.described() for f in loaded.findings[:3])
        more = f" (and {len(loaded.findings) - 3} more)" if len(loaded.findings) > 3 else ""
        raise FindingsError(f"{shown}{more} — {advice}")


def append(
    document: roundtrip.Document, key: str, item: Any, order: Sequence[str] = (), *, flow_items: bool = False
) -> None:
    """Add ``item`` to the list at ``key`` like its last item; a new list is a block (of flow
    mappings with ``flow_items``, as a CI's one-line relations and log entries)."""
    if roundtrip.is_sequence(document.get(key)) and len(document[key]):
        roundtrip.append_to(document, key, [item])
        return
    seq = roundtrip.new_sequence()
    roundtrip.append_item(seq, roundtrip.to_node(item, flow=flow_items))
    roundtrip.set_field(document, key, seq, order)


def item_with_id(document: roundtrip.Document, key: str, item_id: str) -> Any:
    """The mapping of the list at ``key`` whose ``id`` is ``item_id``; NotFoundError naming the ids there."""
    seq = document.get(key)
    items = list(seq) if roundtrip.is_sequence(seq) else []
    for item in items:
        if roundtrip.is_mapping(item) and str(item.get("id")) == item_id:
            return item
    known = ", ".join(str(i.get("id")) for i in items if roundtrip.is_mapping(i)) or "none"
    raise NotFoundError(f"no {key} item {item_id!r} (there are: {known})")


def model_order(kind: str) -> tuple[str, ...]:
    """Where a new key goes: the model's field order (by YAML names)."""
    fields = MODEL_BY_KIND[kind].model_fields
    return tuple(info.alias or name for name, info in fields.items())
