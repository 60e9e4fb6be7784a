"""Where record bytes come from: a folder on disk (a git revision comes later).

The folder source walks the store without following links: a symlink, a device or a
file larger than the limit becomes a finding, never a read.  Nothing outside the
store's root is ever opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from itsmctl.cache import ContentCache, FileSignature, digest_of
from itsmctl.errors import RecordParseError, StoreError
from itsmctl.findings import Finding
from itsmctl.fs import LINK_REASON, RefusedFile, first_link, read_regular
from itsmctl.store.paths import copy_inside, nested_store_message
from itsmctl.yamlio import MAX_FILE_BYTES

RECORD_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = frozenset({"templates", "reports"})
"""Folders of a store that hold no records (report templates, rendered reports)."""


@dataclass(frozen=True)
class RecordBytes:
    """One candidate record file: its store-relative path and its bytes."""

    path: str
    display: str
    data: bytes

    @cached_property
    def digest(self) -> str:
        return digest_of(self.data)


@dataclass(frozen=True)
class UnreadFile:
    """A record file the content cache's stat index says is unchanged: its hash is known,
    its bytes are read only if something needs them (a cache miss, a finding's position)."""

    path: str
    display: str
    digest: str
    absolute: str
    root: Path

    def read(self) -> bytes:
        """The bytes, through the one reader; RecordParseError if they are no longer the indexed ones."""
        try:
            data = read_regular(Path(self.absolute), root=self.root, limit=MAX_FILE_BYTES)
        except RefusedFile as exc:
            raise RecordParseError(f"the file changed while it was being checked: {exc.reason}") from None
        if digest_of(data) != self.digest:
            raise RecordParseError("the file changed while it was being checked; run the command again")
        return data


StoreItem = RecordBytes | UnreadFile | Finding
"""What walking a source yields: a file to load, or a finding about one that cannot be."""


class FolderSource:
    """Record files under a folder on disk."""

    def __init__(self, root: Path, display_root: str | None = None, *, cache: ContentCache | None = None) -> None:
        if not root.exists():
            raise StoreError(f"records folder {root} does not exist (set --records or ITSMCTL_RECORDS)")
        if not root.is_dir():
            raise StoreError(f"records path {root} is not a folder")
        self.root = root.resolve()
        self.display_root = display_root if display_root is not None else str(root)
        self.cache = cache
        """With a cache, files its stat index knows are yielded unread (``UnreadFile``)."""

    def display(self, rel: str) -> str:
        return rel if self.display_root in ("", ".") else f"{self.display_root.rstrip('/')}/{rel}"

    def relative(self, path: Path) -> str:
        """The store-relative path of ``path``; StoreError if it lies outside the store."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            raise StoreError(f"{path} is outside the records folder {self.root}") from None

    def walk(self, only: list[str] | None = None) -> Iterator[StoreItem]:
        """Yield every record file's bytes, or a finding for what cannot be read.

        ``only`` limits the walk to these store-relative files or folders.
        """
        starts = only if only else [""]
        for start in sorted(set(starts)):
            yield from self._walk_from(start)

    def _walk_from(self, start: str) -> Iterator[StoreItem]:
        target = self.root / start if start else self.root
        if start and first_link(self.root, target) is not None:  # a linked folder on the way down
            yield Finding(self.display(start), 1, 1, "", "symlink", LINK_REASON)
            return
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            yield Finding(self.display(start), 1, 1, "", "io", "no such file or folder")
            return
        except OSError as exc:
            yield Finding(self.display(start), 1, 1, "", "io", f"cannot read: {exc.strerror}")
            return
        if stat.S_ISDIR(info.st_mode) and not stat.S_ISLNK(info.st_mode):
            yield from self._walk_dir(target, start)
        else:
            yield from self._read(target, start, info, explicit=True)

    def _walk_dir(self, folder: Path, rel: str) -> Iterator[StoreItem]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Finding(self.display(rel or "."), 1, 1, "", "io", f"cannot list folder: {exc.strerror}")
            return
        copy_of = copy_inside(rel, (e.name for e in entries)) if rel else None
        copied = _count_records(folder) if copy_of else 0
        if copied:  # a folder of notes named like a record folder holds no records: nothing to say
            shown = self.display(rel)
            yield Finding(shown, 1, 1, "", "nested-store", nested_store_message(shown, copy_of or "", copied))
            return
        for entry in entries:
            child = f"{rel}/{entry.name}" if rel else entry.name
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield Finding(self.display(child), 1, 1, "", "io", f"cannot read: {exc.strerror}")
                continue
            if stat.S_ISLNK(info.st_mode):
                if entry.name.endswith(RECORD_SUFFIXES) or self._is_dir_link(entry):
                    yield Finding(self.display(child), 1, 1, "", "symlink", LINK_REASON)
                continue
            if stat.S_ISDIR(info.st_mode):
                if not rel and entry.name in SKIPPED_DIRS:
                    continue
                yield from self._walk_dir(Path(entry.path), child)
            elif entry.name.endswith(RECORD_SUFFIXES):
                yield from self._read(entry.path, child, info, explicit=False)

    @staticmethod
    def _is_dir_link(entry: os.DirEntry[str]) -> bool:
        try:
            return entry.is_dir(follow_symlinks=True)
        except OSError:
            return False

    def _read(self, path: Path | str, rel: str, info: os.stat_result, explicit: bool) -> Iterator[StoreItem]:
        shown = self.display(rel)
        if stat.S_ISLNK(info.st_mode):
            yield Finding(shown, 1, 1, "", "symlink", LINK_REASON)
            return
        if not stat.S_ISREG(info.st_mode):
            yield Finding(shown, 1, 1, "", "io", "not a regular file")
            return
        if not rel.endswith(RECORD_SUFFIXES):
            if explicit:
                yield Finding(shown, 1, 1, "", "io", "not a record file (records end in .yaml)")
            return
        signature = FileSignature.of(info) if self.cache is not None else None
        if self.cache is not None and signature is not None and info.st_size <= MAX_FILE_BYTES:
            digest = self.cache.known_digest(rel, signature)
            if digest is not None:
                yield UnreadFile(rel, shown, digest, str(path), self.root)
                return
        try:
            data = read_regular(Path(path), limit=MAX_FILE_BYTES)  # checked again on the open file: no race, no block
        except RefusedFile as exc:
            yield Finding(shown, 1, 1, "", "io" if exc.code == "missing" else exc.code, exc.reason)
            return
        item = RecordBytes(rel, shown, data)
        if self.cache is not None and signature is not None and len(data) == signature.size:
            self.cache.remember(rel, signature, item.digest)
        yield item


def _count_records(folder: Path) -> int:
    """Record files under ``folder``, links not followed: to say how many a finding stands for."""
    count = 0
    for _, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for f in files if f.endswith(RECORD_SUFFIXES) and not f.startswith("."))
    return count
