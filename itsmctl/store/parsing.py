"""Parsing many files at once: from the content cache where it can, else across processes.

Parsing YAML is the costly part of loading a store (about nine tenths of it for tickets),
and it is a pure function of each file's bytes, so it is done once per content (the cache)
and, for a large number of misses, in worker processes (one per core, files in chunks: no
process per file).  Results come back in the order the files were given, so findings are
the same whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from itsmctl.cache import ContentCache
from itsmctl.cache.content import MISSING
from itsmctl.store.loader import Parsed, parse_bytes

PARALLEL_MIN = 400
"""Fewer misses than this are parsed in this process: starting workers costs more than it saves."""
CHUNK = 200


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _parse_chunk(chunk: list[bytes]) -> list[Parsed]:
    return [parse_bytes(data) for data in chunk]


def parse_all(datas: Sequence[bytes], workers: int = 1) -> list[Parsed]:
    """``parse_bytes`` of every item, in order; in ``workers`` processes when there are many."""
    if workers <= 1 or len(datas) < PARALLEL_MIN:
        return [parse_bytes(data) for data in datas]
    chunks = [list(datas[i : i + CHUNK]) for i in range(0, len(datas), CHUNK)]
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
            results = list(pool.map(_parse_chunk, chunks))
    except (OSError, RuntimeError):  # no processes here (a sandbox, a limit): parse in this one
        return [parse_bytes(data) for data in datas]
    return [parsed for chunk in results for parsed in chunk]


def cached_parse(cache: ContentCache | None, digest: str) -> Parsed | None:
    """What the cache holds for this content, if anything."""
    if cache is None:
        return None
    found = cache.parsed(digest)
    if found is MISSING:
        return None
    return Parsed(data=found)


def keep(cache: ContentCache | None, digest: str, parsed: Parsed) -> None:
    """Keep a successful parse (failures are rare and cheap to redo, and carry no data)."""
    if cache is not None and parsed.error is None:
        cache.keep_parsed(digest, parsed.data)
