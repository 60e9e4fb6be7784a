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
        return self._prefix + rel

    @property
    def _prefix(self) -> str:
        return "" if self.display_root in ("", ".") else self.display_root.rstrip("/") + "/"

    def relative(self, path: Path) -> str:
        """The store-relative path of ``path``; StoreError if it lies outside the store."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            raise StoreError(f"{path} is outside the records folder {self.root}") from None

    def walk(self, only: list[str] | None = None) -> Iterator[StoreItem]:
        """Every record file's bytes (or, with a cache, the hash of an unchanged one), or a
        finding for what cannot be read, in path order.

        ``only`` limits the walk to these store-relative files or folders.  The walk is one
        loop of plain calls appending to a list: at 100,000 files, generators nested per
        folder level cost more than the ``stat`` calls themselves.
        """
        out: list[StoreItem] = []
        prefix = self._prefix
        for start in sorted(set(only or [""])):
            self._walk_from(start, out, prefix)
        return iter(out)

    def _walk_from(self, start: str, out: list[StoreItem], prefix: str) -> None:
        target = self.root / start if start else self.root
        if start and first_link(self.root, target) is not None:  # a linked folder on the way down
            out.append(Finding(prefix + start, 1, 1, "", "symlink", LINK_REASON))
            return
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            out.append(Finding(prefix + start, 1, 1, "", "io", "no such file or folder"))
            return
        except OSError as exc:
            out.append(Finding(prefix + start, 1, 1, "", "io", f"cannot read: {exc.strerror}"))
            return
        if stat.S_ISDIR(info.st_mode) and not stat.S_ISLNK(info.st_mode):
            self._walk_dir(str(target), start, out, prefix)
        else:
            self._read(str(target), start, info, True, out, prefix)

    def _walk_dir(self, folder: str, rel: str, out: list[StoreItem], prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            out.append(Finding(prefix + (rel or "."), 1, 1, "", "io", f"cannot list folder: {exc.strerror}"))
            return
        copy_of = copy_inside(rel, (e.name for e in entries)) if rel else None
        copied = _count_records(Path(folder)) if copy_of else 0
        if copied:  # a folder of notes named like a record folder holds no records: nothing to say
            shown = prefix + rel
            out.append(Finding(shown, 1, 1, "", "nested-store", nested_store_message(shown, copy_of or "", copied)))
            return
        base = rel + "/" if rel else ""
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            child = base + name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                out.append(Finding(prefix + child, 1, 1, "", "io", f"cannot read: {exc.strerror}"))
                continue
            mode = info.st_mode
            if stat.S_ISLNK(mode):
                if name.endswith(RECORD_SUFFIXES) or self._is_dir_link(entry):
                    out.append(Finding(prefix + child, 1, 1, "", "symlink", LINK_REASON))
                continue
            if stat.S_ISDIR(mode):
                if not rel and name in SKIPPED_DIRS:
                    continue
                self._walk_dir(entry.path, child, out, prefix)
            elif name.endswith(RECORD_SUFFIXES):
                self._read(entry.path, child, info, False, out, prefix)

    @staticmethod
    def _is_dir_link(entry: os.DirEntry[str]) -> bool:
        try:
            return entry.is_dir(follow_symlinks=True)
        except OSError:
            return False

    def _read(
        self, path: str, rel: str, info: os.stat_result, explicit: bool, out: list[StoreItem], prefix: str
    ) -> None:
        shown = prefix + rel
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            out.append(Finding(shown, 1, 1, "", "symlink", LINK_REASON))
            return
        if not stat.S_ISREG(mode):
            out.append(Finding(shown, 1, 1, "", "io", "not a regular file"))
            return
        if not rel.endswith(RECORD_SUFFIXES):
            if explicit:
                out.append(Finding(shown, 1, 1, "", "io", "not a record file (records end in .yaml)"))
            return
        cache = self.cache
        if cache is not None and info.st_size <= MAX_FILE_BYTES:
            digest = cache.known_digest(rel, info)
            if digest is not None:
                out.append(UnreadFile(rel, shown, digest, path, self.root))
                return
        try:
            data = read_regular(Path(path), limit=MAX_FILE_BYTES)  # checked again on the open file: no race, no block
        except RefusedFile as exc:
            out.append(Finding(shown, 1, 1, "", "io" if exc.code == "missing" else exc.code, exc.reason))
            return
        item = RecordBytes(rel, shown, data)
        if cache is not None and len(data) == info.st_size:
            cache.remember(rel, FileSignature.of(info), item.digest)
        out.append(item)


def _count_records(folder: Path) -> int:
    """Record files under ``folder``, links not followed: to say how many a finding stands for."""
    count = 0
    for _, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for f in files if f.endswith(RECORD_SUFFIXES) and not f.startswith("."))
    return count
