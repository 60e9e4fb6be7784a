"""``validate``: load a store, run every check, keep the findings asked for.

What ``validate`` finds is a function of the store's files (their paths and bytes), the
outbox's notices and the code, except for events later than "now".  So with a content
cache, the findings of a whole store are kept under a key over all of those, and a run on
a store nothing changed in gives them back without loading a record: only when no event of
the store lies after "now" (the future-event warnings depend on the clock).  The other
clock-dependent checks (estimated holiday years, the quality system's completeness) run
afresh on every run with a "now", on a partial load.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from itsmctl.cache.content import MISSING, ContentCache
from itsmctl.checks import run_checks
from itsmctl.checks.operations import check_ops_overdue
from itsmctl.checks.outbox import outbox_digest
from itsmctl.checks.quality import check_quality
from itsmctl.checks.rulebook import check_future_events, latest_event
from itsmctl.checks.sla import check_estimated_years, may_touch_estimated
from itsmctl.errors import UsageError
from itsmctl.findings import Finding
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot
from itsmctl.store.source import FolderSource, StoreItem
from itsmctl.store.store import Store, context_digest
from itsmctl.vcs import PathChange

RESULT_NAME = "validate"


@dataclass
class ValidationResult:
    findings: list[Finding]
    files_checked: int
    from_cache: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def validate_store(
    store: Store,
    paths: list[Path] | None = None,
    *,
    now: datetime | None = None,
    changes: Sequence[PathChange] | None = None,
) -> ValidationResult:
    """Validate ``store`` (a folder); with ``paths``, report only findings in them.

    The whole store is always loaded, since references need every record.  With
    ``now``, events later than it are warnings (``check_future_events``), and so is a
    year some clock runs through on estimated holidays (``check_estimated_years``).
    With ``changes`` (``--changed-since``), only the findings in files added or changed,
    and those naming a record whose file was removed, are kept.
    """
    source = store.folder
    for path in paths or []:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")
    items = store.items()
    key = _store_key(store, source, items)
    findings, from_cache = _cached(store, key, now), True
    if findings is None:
        from_cache = False
        snapshot = store.snapshot()
        verdicts = _StoreVerdicts(store.cache, items, snapshot) if store.cache is not None else None
        findings = run_checks(snapshot, verdicts)
        if verdicts is not None:
            verdicts.save()
        future = sorted(check_future_events(snapshot, now)) if now is not None else []
        if key is not None and store.cache is not None and not future:
            latest = latest_event(snapshot)
            store.cache.keep_result(
                RESULT_NAME, key, [latest.isoformat() if latest else "", [_row(f) for f in findings]]
            )
        if future:
            findings = sorted({*findings, *future})
        if now is not None:
            findings = sorted(
                {
                    *findings,
                    *check_estimated_years(snapshot, now),
                    *check_quality(snapshot, now),
                    *check_ops_overdue(snapshot, now),
                }
            )
    elif now is not None:  # the clock-dependent checks: on the tickets whose clocks can reach such a year,
        # and the complaints (low-score follow-ups) for the quality system's completeness; operations
        # are not tickets, so a partial load holds them all
        partial = store.partial(_estimated_or_complaint(now))
        findings = sorted(
            {
                *findings,
                *check_estimated_years(partial, now),
                *check_quality(partial, now),
                *check_ops_overdue(partial, now),
            }
        )
    # files refused before loading (links, oversized, unreadable) count as checked too
    listed = [i.display for i in items if not isinstance(i, Finding)]
    unread = sorted({i.file for i in items if isinstance(i, Finding)})
    files = len(listed) + len(unread)
    if changes is not None:
        findings, files = _in_changes(findings, changes, source)
    if paths:
        wanted = [source.display(source.relative(p)) for p in paths]
        findings = [f for f in findings if any(_about(f, w) for w in wanted)]
        shown = listed + unread
        files = sum(1 for d in shown if any(d == w or d.startswith(w.rstrip("/") + "/") for w in wanted))
    return ValidationResult(findings, files, from_cache)


def _estimated_or_complaint(now: datetime) -> Any:
    """The tickets the clock-dependent checks need: those ``check_estimated_years`` looks at, and
    every complaint (``check_quality`` follows low-score follow-ups to closure)."""
    estimated = may_touch_estimated(now)

    def select(base: Snapshot) -> Any:
        touches = estimated(base)
        return lambda facts: facts.kind == "complaint" or touches(facts)

    return select


RULE_CONTEXT_KINDS = ("sla", "calendar")
"""Besides the policy, the records the rule context reads (a ticket's business calendar)."""


class _StoreVerdicts:
    """The rule book's findings per file, kept by the file's hash and a hash over the rule
    context: the policy and every SLA and calendar file (``itsmctl.rules.context``)."""

    def __init__(self, cache: ContentCache, items: list[StoreItem], snapshot: Snapshot) -> None:
        self.cache = cache
        self.digests = {i.path: i.digest for i in items if not isinstance(i, Finding)}
        self.context = context_digest(self.digests, snapshot, RULE_CONTEXT_KINDS)

    def get(self, loaded: LoadedFile) -> list[Finding] | None:
        digest = self.digests.get(loaded.path)
        found = self.cache.verdict(loaded.path, digest, self.context) if digest is not None else MISSING
        if found is MISSING or not isinstance(found, list):
            return None
        try:  # kept without the file's name, which depends on how the store was named
            return [_finding([loaded.display, *row]) for row in found]
        except (TypeError, ValueError):
            return None

    def keep(self, loaded: LoadedFile, findings: list[Finding]) -> None:
        digest = self.digests.get(loaded.path)
        if digest is not None:
            self.cache.keep_verdict(loaded.path, digest, self.context, [_row(f)[1:] for f in findings])

    def save(self) -> None:
        self.cache.save()
        self.cache.release()


def _store_key(store: Store, source: FolderSource, items: list[StoreItem]) -> str | None:
    """A key over everything ``validate``'s findings depend on, or None without a cache."""
    if store.cache is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{store.cache.fingerprint}\0{source.display_root}\0".encode("utf-8", "surrogateescape"))
    for item in items:
        if isinstance(item, Finding):
            line = "\0".join(str(part) for part in _row(item))
        else:
            line = f"{item.path}\0{item.digest}"
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    digest.update(b"outbox\0" + outbox_digest(source.root).encode())
    return digest.hexdigest()


def _cached(store: Store, key: str | None, now: datetime | None) -> list[Finding] | None:
    if key is None or store.cache is None:
        return None
    found = store.cache.result(RESULT_NAME, key)
    if found is MISSING or not (isinstance(found, list) and len(found) == 2):
        return None
    latest, rows = found
    if not isinstance(latest, str) or not isinstance(rows, list):
        return None
    if now is not None and latest and datetime.fromisoformat(latest) > now:
        return None  # an event after "now": the future-event check must see the records
    try:
        return [_finding(row) for row in rows]
    except (TypeError, ValueError):
        return None


def _row(finding: Finding) -> list[Any]:
    return [finding.file, finding.line, finding.column, finding.field, finding.code, finding.message, finding.severity]


def _finding(row: Any) -> Finding:
    file, line, column, field, code, message, severity = row
    if not (isinstance(line, int) and isinstance(column, int)) or severity not in ("error", "warning"):
        raise ValueError("not a finding")
    return Finding(str(file), line, column, str(field), str(code), str(message), severity)


def _in_changes(
    findings: list[Finding], changes: Sequence[PathChange], source: FolderSource
) -> tuple[list[Finding], int]:
    """The findings a change can have caused: in a file added or changed, or naming a record
    whose file was removed (a reference to it, now unknown, in a file nobody touched)."""
    touched = {source.display(c.path) for c in changes if c.status != "removed"}
    removed = {PurePosixPath(c.path).stem for c in changes if c.status == "removed"}
    kept = [
        f
        for f in findings
        if any(_about(f, t) for t in touched) or (removed and f.code == "ref" and _names(f.message, removed))
    ]
    return kept, len(touched)


def _names(message: str, ids: set[str]) -> bool:
    """Whether a reference finding's message names one of ``ids`` (quoted, as ``ref`` findings do)."""
    return any(repr(record_id) in message for record_id in ids)


def _about(finding: Finding, wanted: str) -> bool:
    """Whether ``finding`` is about the file or folder ``wanted``, or about a nested store holding it."""
    inside = finding.file == wanted or finding.file.startswith(wanted.rstrip("/") + "/")
    return inside or (finding.code == "nested-store" and wanted.startswith(finding.file.rstrip("/") + "/"))
