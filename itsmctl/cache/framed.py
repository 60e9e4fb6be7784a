"""Cache files: a header naming what the file holds and the code that wrote it, then a
marshal payload with its own hash.

A file whose header, fingerprint or payload hash does not match is treated as absent:
the cache is never trusted, only reused when it provably belongs to this code.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, atomic_write, read_regular

MAGIC = b"itsmctl-cache\n"
MAX_CACHE_FILE = 1 << 31
"""Largest cache file read back (2 GiB): far above what 100,000 records need."""
MARSHAL_VERSION = 4


def _payload_hash(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=16).hexdigest().encode()


def write_framed(path: Path, what: str, fingerprint: str, payload: Any) -> bool:
    """Write ``payload`` atomically; False (and nothing written) when it cannot be."""
    try:
        body = marshal.dumps(payload, MARSHAL_VERSION)
    except ValueError:  # a value marshal cannot hold: not cached
        return False
    header = b" ".join([what.encode(), fingerprint.encode(), _payload_hash(body)]) + b"\n"
    try:
        atomic_write(path, MAGIC + header + body, durable=False)
    except StoreError:  # a read-only or full cache folder: run without the cache
        return False
    return True


def read_framed(path: Path, what: str, fingerprint: str) -> Any | None:
    """The payload of a cache file written by this code for ``what``, else None."""
    try:
        data = read_regular(path, limit=MAX_CACHE_FILE)
    except (RefusedFile, StoreError, OSError):
        return None
    if not data.startswith(MAGIC):
        return None
    header, newline, body = data[len(MAGIC) :].partition(b"\n")
    if not newline:
        return None
    parts = header.split(b" ")
    if len(parts) != 3 or parts[0] != what.encode() or parts[1] != fingerprint.encode():
        return None
    if parts[2] != _payload_hash(body):
        return None
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError):  # pragma: no cover - the hash matched
        return None
