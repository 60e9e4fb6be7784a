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
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: edits are not serialised
    fcntl = None  # type: ignore[assignment]

from itsmctl.errors import StoreError

TEMP_MARKER = ".tmp-"


def ensure_inside(root: Path, path: Path) -> None:
    """Refuse ``path`` unless it lies under ``root`` with no symbolic link on the way.

    The store reader refuses links, so a writer must too: a committed
    ``tickets/2026/12 -> /elsewhere`` would otherwise make a command write outside the
    store.  Every component between ``root`` and the file (the file included) must be a
    real folder or file, and the resolved path must stay under the resolved root.  The
    root itself may be reached through a link.
    """
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path))
    try:
        rel = target.relative_to(base)
    except ValueError:
        raise StoreError(f"refusing to write {path}: it is outside the store {root}") from None
    current = base
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            raise StoreError(
                f"refusing to write {path}: {current} is a symbolic link, and the store never writes through "
                "links (the reader does not follow them either); replace the link with a real folder"
            )
    try:
        target.resolve().relative_to(base.resolve())
    except ValueError:
        raise StoreError(f"refusing to write {path}: it resolves outside the store {root}") from None


def atomic_write(
    path: Path, data: bytes, *, before_replace: Callable[[Path], None] | None = None, root: Path | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically (temp file, fsync, rename, fsync folder).

    ``before_replace`` is called with the temporary file's path once it is complete on
    disk and before the rename: tests use it to kill a writer at the worst moment.
    The new file keeps the old file's permission bits (0644 for a new file).  With
    ``root`` (the store), ``ensure_inside`` is checked before any folder is made.
    """
    if root is not None:
        ensure_inside(root, path)
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


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for a read-modify-write (two commands, one ticket).

    The lock is taken on the file itself, so no lock file is left behind.  Because
    ``atomic_write`` replaces the file (a new inode), a waiter that wakes up holding the
    lock of a replaced file lets go and locks the current one.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise StoreError(f"cannot open {path}: {exc.strerror}") from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = -1
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)


_HELD: dict[str, int] = {}
"""Lock files this process holds (by real path), and how deeply: ``lock_file`` is re-entrant."""


@contextlib.contextmanager
def lock_file(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the lock file ``path`` (created if missing, never removed).

    For a lock that outlives any one record: ``itsmctl.vcs`` holds one file in the
    repository's git folder around each command's read, edit and commit, so parallel
    commands never interleave their edits and commits, nor race for git's ``index.lock``.
    The lock is an ``flock``: the kernel lets go of it when its process dies, so a left-over
    lock file never blocks anyone.  Re-entrant within one process (a command holding the
    store lock commits under the same lock).
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    key = os.path.realpath(path)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
    finally:
        os.close(fd)
