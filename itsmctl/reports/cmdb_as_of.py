"""The CMDB as it stood at a report's moment, from git history.

A CI's fields carry no dates (its change log says which fields a change set, not what they
were), so the only record of what the CMDB said on 31 October is the repository: the CIs of
the commit the branch stood at then (``vcs.commit_at``: the last commit on the first-parent
line at or before the moment, so a pull request counts from its merge).  When the branch has
moved on since, the report reads ``cmdb/`` at that commit; when it has not, the records read
are already the latest (the work tree, or the ``--rev`` revision).  A store outside git, whose
history starts after the moment, or that was not at its path then (no ``policy.yaml`` there at
that commit: moved or renamed since), is shown as it is now, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from itsmctl.errors import GitError
from itsmctl.models import ConfigurationItem
from itsmctl.store.loader import LoadedFile
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH
from itsmctl.store.revision import GitRevisionSource
from itsmctl.store.snapshot import load_snapshot
from itsmctl.vcs import commit_at, read_paths
from itsmctl.yamlio import MAX_FILE_BYTES

CMDB_DIR = KIND_DIRS["ci"]


@dataclass(frozen=True)
class CIBasis:
    """Where the report's CIs come from: ``records`` (the records read are the latest at the
    moment), ``commit`` (the commit the branch stood at), ``now`` (no history before the moment)."""

    source: Literal["records", "commit", "now"]
    commit: str | None = None
    committed: datetime | None = None
    unreadable: int = 0
    """CI files of that commit that did not load (left out of the report's CMDB)."""


@dataclass(frozen=True)
class CIsAt:
    """The CIs a report at a moment shows (None: those of the records read) and their basis."""

    files: list[LoadedFile] | None
    basis: CIBasis


def cis_at(root: Path, rev: str | None, moment: datetime, display_root: str) -> CIsAt:
    """The CI files of the store at ``root`` (followed from ``rev``, else ``HEAD``) at ``moment``."""
    found = commit_at(root, rev or "HEAD", moment)
    if found is None:
        return CIsAt(None, CIBasis("now"))
    if found.sha == found.tip:
        return CIsAt(None, CIBasis("records", found.sha, found.committed))
    try:
        if str(POLICY_PATH) not in read_paths(root, found.sha, [str(POLICY_PATH)], max_bytes=MAX_FILE_BYTES):
            return CIsAt(None, CIBasis("now"))  # the store was not here then (moved or renamed since)
        source = GitRevisionSource(root, found.sha, display_root, under=CMDB_DIR)
    except GitError:
        return CIsAt(None, CIBasis("now"))
    snapshot = load_snapshot(source.walk())
    kept = [f for f in snapshot.files if isinstance(f.record, ConfigurationItem)]
    unreadable = len(snapshot.files) + len(snapshot.findings) - len(kept)
    return CIsAt(kept, CIBasis("commit", found.sha, found.committed, unreadable))
