"""One escalation run at a time per store.

Cron starts a run every few minutes; a run that waits on a slow mail server can still
be going when the next one starts, and two runs would plan the same rung twice.  The
lock is an advisory ``flock`` on the records folder itself, so no lock file appears in
the store or in ``git status``, and the kernel releases it when a run dies.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from itsmctl.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: runs are not serialised
    fcntl = None  # type: ignore[assignment]


class StoreBusy(StoreError):
    """Another ``itsmctl escalate`` is still running on this store."""


@contextmanager
def exclusive_run(root: Path) -> Iterator[None]:
    """Hold the store's escalation lock, or raise StoreBusy at once (never wait)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise StoreError(f"cannot open {root}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(f"another itsmctl escalate is running on {root}; this run did nothing") from None
        yield
    finally:
        os.close(fd)
