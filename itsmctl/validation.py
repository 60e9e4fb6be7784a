"""``validate``: load a store, run every check, keep the findings asked for."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from itsmctl.checks import run_checks
from itsmctl.checks.rulebook import check_future_events
from itsmctl.checks.sla import check_estimated_years
from itsmctl.errors import UsageError
from itsmctl.findings import Finding
from itsmctl.store.snapshot import Snapshot
from itsmctl.store.store import Store


@dataclass
class ValidationResult:
    snapshot: Snapshot
    findings: list[Finding]
    files_checked: int

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def validate_store(store: Store, paths: list[Path] | None = None, *, now: datetime | None = None) -> ValidationResult:
    """Validate ``store`` (a folder); with ``paths``, report only findings in them.

    The whole store is always loaded, since references need every record.  With
    ``now``, events later than it are warnings (``check_future_events``), and so is a
    year some clock runs through on estimated holidays (``check_estimated_years``).
    """
    source = store.folder
    for path in paths or []:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")
    snapshot = store.snapshot()
    findings = run_checks(snapshot)
    if now is not None:
        findings = sorted({*findings, *check_future_events(snapshot, now), *check_estimated_years(snapshot, now)})
    # files refused before loading (links, oversized, unreadable) count as checked too
    unread = {f.file for f in snapshot.findings}
    files = len(snapshot.files) + len(unread)
    if paths:
        wanted = [source.display(source.relative(p)) for p in paths]
        findings = [f for f in findings if any(_about(f, w) for w in wanted)]
        shown = [f.display for f in snapshot.files] + sorted(unread)
        files = sum(1 for d in shown if any(d == w or d.startswith(w.rstrip("/") + "/") for w in wanted))
    return ValidationResult(snapshot, findings, files)


def _about(finding: Finding, wanted: str) -> bool:
    """Whether ``finding`` is about the file or folder ``wanted``, or about a nested store holding it."""
    inside = finding.file == wanted or finding.file.startswith(wanted.rstrip("/") + "/")
    return inside or (finding.code == "nested-store" and wanted.startswith(finding.file.rstrip("/") + "/"))
