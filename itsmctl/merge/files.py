"""git's merge driver on files: ``%O %A %B`` in, the merge written over ``%A``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itsmctl.fs import atomic_write, read_regular
from itsmctl.merge.records import NotMergeable, merge_record
from itsmctl.vcs import merge_file


@dataclass(frozen=True)
class MergeOutcome:
    conflicts: list[str]
    by_lines: bool
    """True when the files were not records this merge understands and git's line merge did it."""
    reason: str = ""


def merge_files(base: Path, ours: Path, theirs: Path) -> MergeOutcome:
    """Merge ``theirs`` into ``ours`` (both descended from ``base``), writing ``ours``."""
    try:
        result = merge_record(read_regular(base), read_regular(ours), read_regular(theirs))
    except NotMergeable as exc:
        count = merge_file(ours, base, theirs)
        return MergeOutcome([f"{count} line conflict(s)"] if count else [], True, str(exc))
    atomic_write(ours, result.data)
    return MergeOutcome(result.conflicts, False)
