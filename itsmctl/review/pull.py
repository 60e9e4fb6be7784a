"""A pull request as two partial snapshots: what it changed, read at its base and at its head.

Only the changed record files are read, plus what the rules look at besides a record (the
policy, calendars, SLAs, services and change tickets), so the cost follows the pull
request, not the store.  Every path of both trees is still listed (one ``git ls-tree``
each), which is what the id-collision rule needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.store.loader import LoadedFile
from itsmctl.store.paths import POLICY_PATH
from itsmctl.store.revision import GitRevisionSource, skipped
from itsmctl.store.snapshot import Snapshot, load_snapshot
from itsmctl.store.source import RECORD_SUFFIXES
from itsmctl.vcs import PathChange, RevisionRange, compare_revisions

CONTEXT_FOLDERS = ("calendars/", "slas/", "services/")
"""What the rule book reads besides the record itself."""


@dataclass
class RecordDelta:
    """One changed record file: its version at the base and at the head (None: absent there)."""

    change: PathChange
    old: LoadedFile | None
    new: LoadedFile | None

    @property
    def path(self) -> str:
        return self.change.path

    @property
    def shown(self) -> LoadedFile | None:
        """The version a finding points into: the head's, or the base's for a removed file."""
        return self.new or self.old

    @property
    def kind(self) -> str | None:
        for version in (self.new, self.old):
            if version is not None and version.kind:
                return version.kind
        return None

    @property
    def record_id(self) -> str | None:
        for version in (self.new, self.old):
            if version is not None and version.id:
                return version.id
        return PurePosixPath(self.path).stem or None


@dataclass
class PullRequest:
    """Everything ``check --base`` reasons about."""

    range: RevisionRange
    base: Snapshot
    head: Snapshot
    deltas: list[RecordDelta]
    base_paths: set[str] = field(default_factory=set)
    """Every path of the store at the base (listed, mostly not read)."""
    other: list[PathChange] = field(default_factory=list)
    """Changed paths that are not records (outbox notices, templates, reports)."""
    display_root: str = ""

    def head_display(self, rel: str) -> str:
        """How findings name a store path: as in the pull request's diff."""
        return rel if self.display_root in ("", ".") else f"{self.display_root.rstrip('/')}/{rel}"

    def tickets(self) -> list[tuple[RecordDelta, TicketBase | None, TicketBase | None]]:
        """Changed ticket files with their two versions as records (None: absent or invalid)."""
        out = []
        for delta in self.deltas:
            if delta.kind in TICKET_KINDS:
                old = delta.old.record if delta.old is not None else None
                new = delta.new.record if delta.new is not None else None
                out.append(
                    (
                        delta,
                        old if isinstance(old, TicketBase) else None,
                        new if isinstance(new, TicketBase) else None,
                    )
                )
        return out


def _wanted(changed: set[str], *, context: bool, changes: bool) -> Callable[[str], bool]:
    """What to read of a revision: the changed files and the policy; with ``context`` what the rule
    book looks at (calendars, SLAs, services); with ``changes`` the change tickets (only when a CI
    changed: the CI rule looks for the approved change naming it)."""

    def wanted(path: str) -> bool:
        if path in changed or path == str(POLICY_PATH):
            return True
        if context and path.startswith(CONTEXT_FOLDERS):
            return True
        return changes and path.startswith("tickets/") and PurePosixPath(path).name.upper().startswith("CHG-")

    return wanted


def _snapshot(source: GitRevisionSource) -> Snapshot:
    return load_snapshot(source.walk())


def read_pull_request(root: Path, base: str, head: str, *, display_root: str | None = None) -> PullRequest:
    """Read the pull request from ``base`` to ``head`` in the store folder ``root``."""
    revisions = compare_revisions(root, base, head)
    records = [c for c in revisions.changes if c.path.endswith(RECORD_SUFFIXES) and not skipped(c.path.split("/"))]
    other = [c for c in revisions.changes if c not in records]
    changed = {c.path for c in records}
    shown = display_root if display_root is not None else str(root)
    # findings name the file as a reviewer sees it in the pull request: the plain path
    cis_changed = any(path.startswith("cmdb/") for path in changed)
    base_wanted = _wanted(changed, context=False, changes=False)
    head_wanted = _wanted(changed, context=True, changes=cis_changed)
    base_source = GitRevisionSource(root, revisions.base, shown, wanted=base_wanted, plain_paths=True)
    head_source = GitRevisionSource(root, revisions.head, shown, wanted=head_wanted, plain_paths=True)
    base_snapshot, head_snapshot = _snapshot(base_source), _snapshot(head_source)
    base_files = {f.path: f for f in base_snapshot.files}
    head_files = {f.path: f for f in head_snapshot.files}
    deltas = [RecordDelta(c, base_files.get(c.path), head_files.get(c.path)) for c in records]
    base_paths = {e.path for e in base_source.entries}
    return PullRequest(revisions, base_snapshot, head_snapshot, deltas, base_paths, other, shown)
