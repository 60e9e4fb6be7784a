"""One store's content cache: a stat index, parsed data by content hash, results by store key.

* The **stat index** maps a file's path and stat signature (size, mtime, ctime, inode) to the
  hash of the bytes it held when it was read, so an unchanged file need not be read again.
  A file changed within ``RACY_SECONDS`` of being indexed is not indexed (its signature could
  repeat for other bytes): it is read and hashed on the next run.
* **Parsed data** (the plain data a file's YAML gave) is kept by the hash of its bytes in
  an append-only pack with an index of offsets (``itsmctl.cache.pack``), so a command that
  needs a few records reads only theirs; a switch to another branch and back finds the other
  branch's entries still there.
* **Per-file tables** keep what was worked out from one file's bytes in a context (the
  store's ``facts``, the rule book's ``verdicts``): an entry counts only while both its
  file's hash and the context it was made in are the ones asked for.
* **Results** (what ``validate`` found for a whole store) are kept by a key over every
  file's hash and the code fingerprint.

Nothing here knows what a record is; the store decides what to keep.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itsmctl.cache.fingerprint import code_fingerprint
from itsmctl.cache.framed import read_framed, write_framed
from itsmctl.cache.pack import MISSING, ParsedPack

RACY_SECONDS = 2
KEEP_RESULTS = 4
"""Results kept per name: the current branch and a few others."""


def digest_of(data: bytes) -> str:
    """The content hash a cache entry is keyed by."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@dataclass(frozen=True)
class FileSignature:
    """What ``stat`` says about a file: when any part changes, the file is read again."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileSignature:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


PER_FILE_TABLES = {"facts": True, "verdicts": False, "clocks": False}
"""The per-file tables, and whether ``forget_missing`` reads one that no command asked for yet
(facts are read by every full load anyway; verdicts only by ``validate``, a ticket's settled
SLA clocks only by the reports)."""


class PerFileTable:
    """One value per file path, valid while the file's hash and the context stay the same."""

    def __init__(self, path: Path, kind: str, fingerprint: str, *, prune_unread: bool) -> None:
        self.path = path
        self.kind = kind
        self.fingerprint = fingerprint
        self.prune_unread = prune_unread
        self._entries: dict[str, tuple[Any, ...]] | None = None
        self._changed = False

    def _load(self) -> dict[str, tuple[Any, ...]]:
        if self._entries is None:
            found = read_framed(self.path, self.kind, self.fingerprint)
            self._entries = found if isinstance(found, dict) else {}
        return self._entries

    def get(self, rel: str, digest: str, context: str) -> Any:
        entry = self._load().get(rel)
        if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == digest and entry[1] == context:
            return entry[2]
        return MISSING

    def keep(self, rel: str, digest: str, context: str, value: Any) -> None:
        entries = self._load()
        entry = (digest, context, value)
        if entries.get(rel) != entry:
            entries[rel] = entry
            self._changed = True

    def forget_missing(self, present: set[str]) -> None:
        """Drop entries of files not in ``present``; an unread table only if ``prune_unread``
        (a stale entry is never served, as it is keyed by hash: it only takes room)."""
        if self._entries is None and not self.prune_unread:
            return
        entries = self._load()
        stale = [rel for rel in entries if rel not in present]
        for rel in stale:
            del entries[rel]
        self._changed = self._changed or bool(stale)

    def save(self) -> None:
        if self._changed and self._entries is not None:
            write_framed(self.path, self.kind, self.fingerprint, self._entries)
            self._changed = False


class ContentCache:
    """The cache folder of one store (see the module docstring)."""

    def __init__(
        self,
        folder: Path,
        *,
        data_folder: Path | None = None,
        fingerprint: str | None = None,
        clock_ns: Callable[[], int] = time.time_ns,
    ) -> None:
        self.folder = folder
        self.data_folder = data_folder if data_folder is not None else folder / "data"
        """Parsed data is keyed by content alone, so stores (clones, worktrees) may share it."""
        self.fingerprint = fingerprint or code_fingerprint()
        self.clock_ns = clock_ns
        self._index: dict[str, tuple[Any, ...]] | None = None
        self._index_changed = False
        self._pack = ParsedPack(self.data_folder, self.fingerprint)
        self._tables = {
            name: PerFileTable(folder / name, name, self.fingerprint, prune_unread=eager)
            for name, eager in PER_FILE_TABLES.items()
        }

    # -- the stat index -------------------------------------------------------------------
    def _load_index(self) -> dict[str, tuple[Any, ...]]:
        if self._index is None:
            found = read_framed(self.folder / "index", "index", self.fingerprint)
            self._index = found if isinstance(found, dict) else {}
        return self._index

    def known_digest(self, rel: str, info: os.stat_result) -> str | None:
        """The content hash of ``rel`` if ``info`` (its ``stat``) matches the signature it was
        indexed with; compared field by field, as the walk asks it for every file."""
        entry = self._load_index().get(rel)
        if (
            isinstance(entry, tuple)
            and len(entry) == 5
            and entry[0] == info.st_size
            and entry[1] == info.st_mtime_ns
            and entry[2] == info.st_ctime_ns
            and entry[3] == info.st_ino
            and isinstance(entry[4], str)
        ):
            return entry[4]
        return None

    def remember(self, rel: str, signature: FileSignature, digest: str) -> None:
        """Index ``rel`` as holding ``digest`` while its signature stays ``signature``."""
        index = self._load_index()
        newest = max(signature.mtime_ns, signature.ctime_ns)
        if self.clock_ns() - newest < RACY_SECONDS * 1_000_000_000:
            if rel in index:  # racily clean: forget the old entry, read it next time
                del index[rel]
                self._index_changed = True
            return
        entry = (*signature.as_tuple(), digest)
        if index.get(rel) != entry:
            index[rel] = entry
            self._index_changed = True

    def forget_missing(self, present: set[str]) -> None:
        """Drop index entries and facts of files no longer in the store."""
        index = self._load_index()
        gone = [rel for rel in index if rel not in present]
        for rel in gone:
            del index[rel]
        self._index_changed = self._index_changed or bool(gone)
        for table in self._tables.values():
            table.forget_missing(present)

    # -- per-file tables: facts (to choose files before loading any), rule verdicts, clocks --
    def facts(self, rel: str, digest: str, context: str) -> Any:
        """The facts kept for ``rel`` when made from these bytes in this context, else ``MISSING``."""
        return self._tables["facts"].get(rel, digest, context)

    def keep_facts(self, rel: str, digest: str, context: str, facts: Any) -> None:
        self._tables["facts"].keep(rel, digest, context, facts)

    def verdict(self, rel: str, digest: str, context: str) -> Any:
        """What the rule book found in ``rel`` with these bytes in this context, else ``MISSING``."""
        return self._tables["verdicts"].get(rel, digest, context)

    def keep_verdict(self, rel: str, digest: str, context: str, verdict: Any) -> None:
        self._tables["verdicts"].keep(rel, digest, context, verdict)

    def clocks(self, rel: str, digest: str, context: str) -> Any:
        """The settled SLA clocks of the ticket in ``rel`` with these bytes in this context, else ``MISSING``."""
        return self._tables["clocks"].get(rel, digest, context)

    def keep_clocks(self, rel: str, digest: str, context: str, clocks: Any) -> None:
        self._tables["clocks"].keep(rel, digest, context, clocks)

    # -- parsed data ----------------------------------------------------------------------
    def parsed(self, digest: str) -> Any:
        """The data kept for ``digest``, or ``MISSING``."""
        return self._pack.get(digest)

    def keep_parsed(self, digest: str, data: Any) -> None:
        self._pack.put(digest, data)

    # -- results --------------------------------------------------------------------------
    def result(self, name: str, key: str) -> Any:
        """A result kept under ``name`` for ``key``, or ``MISSING``."""
        found = read_framed(self.folder / "results" / name, "results", self.fingerprint)
        if isinstance(found, dict) and key in found:
            entry = found[key]
            if isinstance(entry, list) and len(entry) == 2:
                return entry[1]
        return MISSING

    def keep_result(self, name: str, key: str, value: Any) -> None:
        path = self.folder / "results" / name
        found = read_framed(path, "results", self.fingerprint)
        kept = found if isinstance(found, dict) else {}
        stamp = self.clock_ns()
        kept[key] = [stamp, value]
        newest = sorted(kept.items(), key=lambda item: item[1][0] if isinstance(item[1], list) else 0)
        write_framed(path, "results", self.fingerprint, dict(newest[-KEEP_RESULTS:]))

    # -- writing back ---------------------------------------------------------------------
    def release(self) -> None:
        """Close the pack (after ``save``): the records hold what they need."""
        self._pack.release()

    def save(self, *, full_load: bool = False) -> None:
        """Write what changed: the index, the facts, and new parsed data (``full_load``: this run
        loaded every file of the store, so the pack may be compacted to what it used)."""
        if self._index_changed and self._index is not None:
            write_framed(self.folder / "index", "index", self.fingerprint, self._index)
            self._index_changed = False
        for table in self._tables.values():
            table.save()
        self._pack.save(full_load=full_load)
