"""Parsed data by content hash, in one append-only pack file and an index of where each entry is.

A command that needs a few records (one ticket, the open tickets) reads only their entries,
by offset; a full load reads them all.  New entries are appended in one write each run, then
the index is replaced atomically: a crash or a concurrent run loses at most the entries it
was adding, never an entry's integrity (each index entry carries the hash of its bytes, and
an entry whose bytes do not match is a miss).  When the pack holds much more than what the
last full load used, it is rewritten with what that load used plus the most recent others.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from pathlib import Path
from typing import Any

from itsmctl.cache.framed import MAGIC, MARSHAL_VERSION, read_framed, write_framed
from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, SliceReader, append_bytes

MISSING = object()
MAX_PACK = 1 << 34
"""Largest pack read (16 GiB): far beyond any store."""
SLACK = 2.0
"""A pack is compacted when it holds more than this many times what a full load used (+ 64 MiB)."""
SLACK_BYTES = 64 << 20


def _check(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=8).hexdigest()


class ParsedPack:
    """The shared store of parsed data (``data/pack-*`` and ``data/index``)."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self._index: dict[str, tuple[int, int, str, int]] | None = None
        self._pack_name = ""
        self._reader: SliceReader | None = None
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()

    def _load(self) -> dict[str, tuple[int, int, str, int]]:
        if self._index is None:
            found = read_framed(self.folder / "index", "pack-index", self.fingerprint)
            entries: dict[str, tuple[int, int, str, int]] = {}
            if (
                isinstance(found, dict)
                and isinstance(found.get("pack"), str)
                and isinstance(found.get("entries"), dict)
            ):
                self._pack_name = found["pack"]
                entries = found["entries"]
            self._index = entries
        return self._index

    def _read(self, offset: int, length: int) -> bytes | None:
        if self._reader is None:
            if not self._pack_name or "/" in self._pack_name or self._pack_name.startswith("."):
                return None
            try:
                self._reader = SliceReader(self.folder / self._pack_name, limit=MAX_PACK)
            except (RefusedFile, StoreError):
                self._pack_name = ""
                return None
        return self._reader.read(offset, length)

    def get(self, digest: str) -> Any:
        """The data kept for ``digest``, or ``MISSING``."""
        if digest in self._new:
            return marshal.loads(self._new[digest])
        entry = self._load().get(digest)
        if not (isinstance(entry, tuple) and len(entry) == 4):
            return MISSING
        offset, length, check, _ = entry
        blob = self._read(offset, length) if isinstance(offset, int) and isinstance(length, int) else None
        if blob is None or _check(blob) != check:
            return MISSING
        try:
            data = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):  # pragma: no cover - the check matched
            return MISSING
        self._used.add(digest)
        return data

    def put(self, digest: str, data: Any) -> None:
        try:
            self._new[digest] = marshal.dumps(data, MARSHAL_VERSION)
        except ValueError:  # a value marshal cannot hold: not kept
            return
        self._used.add(digest)

    def release(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def save(self, *, full_load: bool = False) -> None:
        """Append what is new and replace the index; after a full load, compact if worth it."""
        index = self._load()
        stamp = time.time_ns()
        if self._new:
            if not self._pack_name:
                self._sweep()
            name = self._pack_name or self._start_pack(stamp)
            if name is None:
                self._new.clear()
                return
            blob = b"".join(self._new.values())
            offset = append_bytes(self.folder / name, blob)
            if offset is None:
                self._new.clear()
                return
            for digest, data in self._new.items():
                index[digest] = (offset, len(data), _check(data), stamp)
                offset += len(data)
            self._pack_name = name
            self._new.clear()
        elif not full_load:
            return
        if full_load and self._worth_compacting(index):
            self._compact(index, stamp)
            return
        write_framed(self.folder / "index", "pack-index", self.fingerprint, {"pack": self._pack_name, "entries": index})

    def _start_pack(self, stamp: int) -> str | None:
        """A new pack file, beginning with the cache's header (so ``cache clear`` knows it)."""
        name = f"pack-{os.getpid()}-{stamp}"
        return name if append_bytes(self.folder / name, MAGIC + b"pack\n") is not None else None

    def _sweep(self) -> None:
        """Remove packs no index names any more (another release's, a compacted one) once they
        are ten minutes old: a run still reading one has long opened it."""
        try:
            names = [n for n in os.listdir(self.folder) if n.startswith("pack-")]
        except OSError:
            return
        for name in names:
            path = self.folder / name
            try:
                if time.time() - os.lstat(path).st_mtime > 600:
                    path.unlink()
            except OSError:
                continue

    def _worth_compacting(self, index: dict[str, tuple[int, int, str, int]]) -> bool:
        used = sum(index[d][1] for d in self._used if d in index)
        held = sum(entry[1] for entry in index.values())
        try:
            size = os.lstat(self.folder / self._pack_name).st_size if self._pack_name else 0
        except OSError:
            return False
        return size > SLACK * max(used, held // 4) + SLACK_BYTES or held > SLACK * used + SLACK_BYTES

    def _compact(self, index: dict[str, tuple[int, int, str, int]], stamp: int) -> None:
        """A new pack: what the last full load used, then the newest others, up to the slack."""
        used = sum(index[d][1] for d in self._used if d in index)
        budget = SLACK * used + SLACK_BYTES
        keep = [d for d in self._used if d in index]
        others = sorted((d for d in index if d not in self._used), key=lambda d: index[d][3], reverse=True)
        total = used
        for digest in others:
            if total + index[digest][1] > budget:
                break
            keep.append(digest)
            total += index[digest][1]
        blobs: dict[str, bytes] = {}
        for digest in keep:
            offset, length, check, _ = index[digest]
            blob = self._read(offset, length)
            if blob is not None and _check(blob) == check:
                blobs[digest] = blob
        old = self._pack_name
        name = self._start_pack(stamp)
        if name is None:
            return
        start = append_bytes(self.folder / name, b"".join(blobs.values()))
        if start is None:
            return
        offset = start
        fresh: dict[str, tuple[int, int, str, int]] = {}
        for digest, blob in blobs.items():
            fresh[digest] = (offset, len(blob), index[digest][2], index[digest][3])
            offset += len(blob)
        if write_framed(self.folder / "index", "pack-index", self.fingerprint, {"pack": name, "entries": fresh}):
            self.release()
            self._index, self._pack_name = fresh, name
            if old and old != name:
                with contextlib.suppress(OSError):
                    (self.folder / old).unlink()
