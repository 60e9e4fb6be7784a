"""Writing record files so that a crash never leaves a half-written record.

A record is written to a temporary file in the same folder, flushed to disk, then
renamed over the old file (an atomic step on POSIX file systems), and the folder is
flushed so the rename itself survives a power cut.  A reader sees either the old
bytes or the new bytes, never a mixture; a killed writer leaves at most a hidden
``.NAME.tmp-*`` file, which the store walker skips.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from itsmctl.errors import StoreError

TEMP_MARKER = ".tmp-"


def atomic_write(path: Path, data: bytes, *, before_replace: Callable[[Path], None] | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (temp file, fsync, rename, fsync folder).

    ``before_replace`` is called with the temporary file's path once it is complete on
    disk and before the rename: tests use it to kill a writer at the worst moment.
    The new file keeps the old file's permission bits (0644 for a new file).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARKER}", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, path)
        _fsync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename is durable (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)
