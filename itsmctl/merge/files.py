"""git's merge driver on files: ``%O %A %B`` in, the merge written over ``%A``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itsmctl.errors import StoreError
from itsmctl.fs import atomic_write
from itsmctl.merge.records import NotMergeable, merge_record
from itsmctl.vcs import merge_file
from itsmctl.yamlio import MAX_FILE_BYTES


@dataclass(frozen=True)
class MergeOutcome:
    conflicts: list[str]
    by_lines: bool
    """True when the files were not records this merge understands and git's line merge did it."""
    reason: str = ""


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise StoreError(f"{path} is over {MAX_FILE_BYTES} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None


def merge_files(base: Path, ours: Path, theirs: Path) -> MergeOutcome:
    """Merge ``theirs`` into ``ours`` (both descended from ``base``), writing ``ours``."""
    try:
        result = merge_record(_read(base), _read(ours), _read(theirs))
    except NotMergeable as exc:
        count = merge_file(ours, base, theirs)
        return MergeOutcome([f"{count} line conflict(s)"] if count else [], True, str(exc))
    atomic_write(ours, result.data)
    return MergeOutcome(result.conflicts, False)
