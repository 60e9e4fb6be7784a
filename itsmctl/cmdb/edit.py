"""The CI verbs: ``ci new``, ``ci set`` and ``ci retire``, each authorised by an approved change.

A verb builds the CI as it would be after the action (the file edited in memory, keeping
its formatting and comments, ``itsmctl.roundtrip``), appends an entry to its append-only
``changes:`` log (date, change, by, fields changed), runs the rule book on the result and
refuses what it would break (``ci-change``: the change must exist and have been approved by
the entry's date), then writes the file atomically.  Committing is the caller's
(``itsmctl.commits``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from itsmctl import roundtrip
from itsmctl.clock import local_day
from itsmctl.editing.record import append, load_file, model_order, refuse_findings
from itsmctl.errors import FieldError, NotFoundError, UsageError
from itsmctl.fs import RefusedFile, atomic_write, ensure_inside, locked, read_regular
from itsmctl.models import ConfigurationItem, Policy
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.rules import RuleContext, added_violations
from itsmctl.rules.base import Violation
from itsmctl.store.lookup import record_reader
from itsmctl.store.paths import path_for
from itsmctl.tickets.edit import is_plain_id, policy_zone, refuse_violations

Verb = Literal["new", "set", "retire"]
GONE = ("retired", "disposed")
ORDER = model_order("ci")
"""Where a new key goes: the model's field order (``class`` by its YAML name), the log last."""
MERGED = ("labels", "redundancy")
"""Mapping fields a request updates key by key, merged with the CI's own under its lock."""
FIXED = ("kind", "id", "changes")
"""Keys no verb sets: the record's identity, and the log, which only grows."""


@dataclass(frozen=True)
class CIRequest:
    """What a CI verb is asked to do; fields by their YAML names (``class``), None removes one.

    ``labels`` and ``redundancy`` are updates of the mapping the CI has (``MERGED``): a key with
    None or "" removes that key, the others are set; the rest of the mapping stays."""

    verb: Verb
    ci_id: str
    change: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    add_relations: Sequence[tuple[str, str]] = ()
    remove_relations: Sequence[tuple[str, str]] = ()
    note: str | None = None


@dataclass(frozen=True)
class CIWritten:
    """A CI file after a verb: where, which fields changed, the log entry, the bytes found before."""

    ci_id: str
    path: Path
    fields: tuple[str, ...]
    entry: dict[str, Any]
    found: bytes | None


def ci_path(root: Path, ci_id: str) -> Path:
    """A CI's file (``cmdb/<id>.yaml``); UsageError for an id that could walk out of its folder."""
    rel = path_for("ci", ci_id)
    if rel is None or not is_plain_id(ci_id):
        raise UsageError(f"{ci_id!r} is not a CI id like CI-DB-CORE (letters, digits, '.', '_', '-')")
    path = root / rel
    ensure_inside(root, path)
    return path


def read_ci(root: Path, ci_id: str, *, policy: Policy | None = None) -> tuple[Path, bytes, ConfigurationItem]:
    """A CI's file, bytes and record; refuses a file with any finding (it is never rewritten)."""
    path = ci_path(root, ci_id)
    try:
        data = read_regular(path, root=root)
    except RefusedFile as exc:
        if exc.code == "missing":
            raise NotFoundError(f"no CI {ci_id} (looked for {path})") from None
        raise
    loaded = load_file(root, path, data, policy)
    refuse_findings(loaded, "fix the file first; it was not changed")
    if not isinstance(loaded.record, ConfigurationItem):
        raise UsageError(f"{path} holds a {loaded.kind}, not a CI")
    return path, data, loaded.record


def perform_ci(root: Path, request: CIRequest, *, actor: str, now: datetime, policy: Policy) -> CIWritten:
    """Do ``request`` on the store at ``root`` as ``actor`` at ``now``; nothing is written when refused."""
    if not re.fullmatch(MONTHLY_ID_PATTERN, request.change):
        raise FieldError("change", f"{request.change!r} is not a change id like CHG-2611-7KQ3P")
    bad = [key for key in request.fields if key in FIXED or key not in ORDER]
    if bad:
        raise FieldError(bad[0], f"{bad[0]!r} is not a field a CI command sets")
    path = ci_path(root, request.ci_id)
    if request.verb == "new":
        if os.path.lexists(path):
            raise UsageError(f"CI {request.ci_id} already exists ({path}); change it with 'itsmctl ci set'")
        return _write(root, path, None, None, _merged_into(request, None), actor, now, policy)
    if not os.path.lexists(path):
        raise NotFoundError(f"no CI {request.ci_id} (looked for {path})")
    with locked(path):
        _, data, before = read_ci(root, request.ci_id, policy=policy)
        if request.verb == "retire" and before.status in GONE:
            raise UsageError(f"CI {request.ci_id} is already {before.status}")
        return _write(root, path, data, before, _merged_into(request, before), actor, now, policy)


def _merged_into(request: CIRequest, before: ConfigurationItem | None) -> CIRequest:
    """The request with its ``MERGED`` updates applied to the CI's mappings as read under the lock."""
    fields = dict(request.fields)
    for key in MERGED:
        update = fields.get(key)
        if not isinstance(update, Mapping):
            continue
        old = getattr(before, key, None) or {}
        out = {str(k): v for k, v in old.items()}
        for name, value in update.items():
            if value in (None, ""):
                out.pop(str(name), None)
            else:
                out[str(name)] = value
        fields[key] = out or None
    return replace(request, fields=fields)


def _write(
    root: Path,
    path: Path,
    data: bytes | None,
    before: ConfigurationItem | None,
    request: CIRequest,
    actor: str,
    now: datetime,
    policy: Policy,
) -> CIWritten:
    if data is None:
        record: dict[str, Any] = {"kind": "ci", "id": request.ci_id}
        record.update((k, request.fields[k]) for k in ORDER if request.fields.get(k) is not None)
        data = roundtrip.render(record, flow_keys=frozenset(("ip", "labels", "redundancy")))
    edited = roundtrip.edit(data, lambda document: _set_fields(document, request))
    middle = load_file(root, path, edited, policy)
    refuse_findings(middle, "the change was not written")
    assert isinstance(middle.record, ConfigurationItem)
    changed = _changed(before, middle.record)
    if before is not None and not changed and not request.note:
        raise UsageError(f"nothing to change on {request.ci_id}: every value given is already there")
    entry: dict[str, Any] = {
        "date": local_day(now, policy.zone).isoformat(),
        "change": request.change,
        "by": actor,
        "fields": list(changed),
    }
    if request.note:
        entry["note"] = request.note
    final = roundtrip.edit(edited, lambda document: _log(document, entry))
    loaded = load_file(root, path, final, policy)
    refuse_findings(loaded, "the change was not written")
    after = loaded.record
    assert isinstance(after, ConfigurationItem)
    context = RuleContext(policy, record_for=record_reader(root, policy_zone(policy)))
    found = added_violations(before, after, context)
    refuse_violations(request.ci_id, found + _new_relation_gaps(after, request, context))
    atomic_write(path, final, root=root)
    return CIWritten(request.ci_id, path, changed, entry, None if before is None else data)


def _new_relation_gaps(after: ConfigurationItem, request: CIRequest, context: RuleContext) -> list[Violation]:
    """The relations the verb adds that validate's reference check would report (to itself, to
    no CI of the store): a verb never writes a finding it can see."""
    added = set(request.add_relations)
    gaps: list[Violation] = []
    for i, relation in enumerate(after.relations):
        if (relation.type, relation.target) not in added:
            continue
        if relation.target == after.id:
            gaps.append(Violation(("relations", i, "target"), "ref", "a CI cannot relate to itself"))
        elif not isinstance(context.record_for(relation.target), ConfigurationItem):
            gaps.append(
                Violation(
                    ("relations", i, "target"),
                    "ref",
                    f"{relation.target} is no CI of the store (no file, or its file does not load): "
                    "add it first (itsmctl ci new)",
                )
            )
    return gaps


def _set_fields(document: roundtrip.Document, request: CIRequest) -> None:
    for key in ORDER:
        if key in request.fields and key != "id":
            roundtrip.set_field(document, key, request.fields[key], ORDER)
    drop = set(request.remove_relations)
    if drop:
        removed = roundtrip.remove_where(
            document,
            "relations",
            lambda item: roundtrip.is_mapping(item) and (item.get("type"), item.get("target")) in drop,
        )
        if removed < len(drop):
            shown = ", ".join(f"{t}={target}" for t, target in sorted(drop))
            raise FieldError("relations", f"the CI has no relation {shown} to remove")
    for kind, target in request.add_relations:
        append(document, "relations", {"type": kind, "target": target}, ORDER, flow_items=True)


def _log(document: roundtrip.Document, entry: dict[str, Any]) -> None:
    append(document, "changes", entry, ORDER, flow_items=True)


def _changed(before: ConfigurationItem | None, after: ConfigurationItem) -> tuple[str, ...]:
    """The YAML keys whose values differ, in the model's order (all set ones for a new CI)."""
    new = after.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    old = before.model_dump(mode="json", by_alias=True, exclude_defaults=True) if before is not None else {}
    return tuple(k for k in ORDER if k not in FIXED and old.get(k) != new.get(k))
