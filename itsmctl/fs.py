"""Reading and writing the store's files safely: never through a link, never a special file.

``read_regular`` is the one way the tool reads a file of the store (records, the policy,
calendars, templates, outbox notices): a symbolic link anywhere below the store root, a
folder, a named pipe, a device or a socket is refused without ever blocking, and so is
a file over the size cap.  Every writer checks ``ensure_inside`` (``atomic_write`` with
the store's ``root``).

Writing record files so that a crash never leaves a half-written record.

A record is written to a temporary file in the same folder, flushed to disk, then
renamed over the old file (an atomic step on POSIX file systems), and the folder is
flushed so the rename itself survives a power cut.  A reader sees either the old
bytes or the new bytes, never a mixture; a killed writer leaves at most a hidden
``.NAME.tmp-*`` file, which the store walker skips.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: edits are not serialised
    fcntl = None  # type: ignore[assignment]

from itsmctl.errors import StoreError
from itsmctl.yamlio import MAX_FILE_BYTES

TEMP_MARKER = ".tmp-"

LINK_REASON = "symbolic links are refused in a store"
SPECIAL_REASON = "not a regular file"


class RefusedFile(StoreError):
    """A file the store will not read: ``code`` is ``missing``, ``symlink``, ``io`` or ``size``.

    ``reason`` is the plain words of a finding about the file (validate reports it as
    one, exit 1); a command shows the whole message (exit 2).
    """

    def __init__(self, path: Path, code: str, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}")
        self.path = path
        self.code = code
        self.reason = reason


def first_link(root: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` (not included) down to ``path``, if any.

    ``path`` outside ``root`` is returned itself (it is never inside the store).  The root
    itself may be reached through a link.
    """
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path))
    try:
        rel = target.relative_to(base)
    except ValueError:
        return target
    current = base
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def read_regular(path: Path, *, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; RefusedFile otherwise.

    With ``root`` (the store), no component between the root and the file may be a
    link.  The file is ``lstat``-ed first (a link, a folder, a pipe, a device or a socket
    is refused without being opened), then opened with ``O_NOFOLLOW | O_NONBLOCK`` and
    checked again on the open descriptor, so a file swapped for a link or a pipe between
    the two steps is refused too, and a read can neither follow a link nor block.
    """
    if root is not None:
        if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root)):
            raise RefusedFile(path, "io", f"it is outside the store {root}")
        link = first_link(root, path)
        if link is not None:
            raise RefusedFile(
                path,
                "symlink",
                LINK_REASON if link == Path(os.path.abspath(path)) else f"{LINK_REASON} ({link} is a link)",
            )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise RefusedFile(path, "missing", "no such file") from None
    except OSError as exc:
        raise RefusedFile(path, "io", f"cannot read: {exc.strerror}") from None
    _check_kind(path, info, limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise RefusedFile(path, "missing", "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedFile(path, "symlink", LINK_REASON) from None
        raise RefusedFile(path, "io", f"cannot read: {exc.strerror}") from None
    try:
        _check_kind(path, os.fstat(fd), limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise RefusedFile(path, "io", f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise RefusedFile(path, "size", f"file is over the limit of {limit} bytes")
    return b"".join(chunks)


class SliceReader:
    """Pieces of one regular file read by offset (a cache pack), opened the way ``read_regular``
    opens: no link, no pipe or device, never blocking.  Close it when done."""

    def __init__(self, path: Path, *, limit: int) -> None:
        try:
            _check_kind(path, os.lstat(path), limit)
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            self._fd = os.open(path, flags)
        except FileNotFoundError:
            raise RefusedFile(path, "missing", "no such file") from None
        except OSError as exc:
            raise RefusedFile(path, "io", f"cannot read: {exc.strerror}") from None
        try:
            info = os.fstat(self._fd)
            _check_kind(path, info, limit)
        except BaseException:
            os.close(self._fd)
            raise
        self.size = info.st_size
        self.path = path

    def read(self, offset: int, length: int) -> bytes | None:
        """``length`` bytes at ``offset``; None when the file is shorter (cut, or being replaced)."""
        if offset < 0 or length < 0 or offset + length > self.size:
            return None
        try:
            data = os.pread(self._fd, length, offset)
        except OSError:
            return None
        return data if len(data) == length else None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for streaming reads (an export of another tool, too large to read at once).

    The file may be reached through a link (it is the user's file, not the store's), but a
    folder, a named pipe, a device or a socket is refused without blocking, as ``read_regular``
    refuses them.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise RefusedFile(path, "missing", "no such file") from None
    except OSError as exc:
        raise RefusedFile(path, "io", f"cannot read: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedFile(path, "io", SPECIAL_REASON)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def append_bytes(path: Path, data: bytes) -> int | None:
    """Append ``data`` to ``path`` (created if missing, never through a link) in one write;
    the offset it landed at, or None when it could not be written.  For disposable files
    (cache packs): no fsync, and concurrent appenders never interleave within one write."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o644)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        written = os.write(fd, data)
        if written != len(data):
            return None
        return os.lseek(fd, 0, os.SEEK_CUR) - written
    except OSError:
        return None
    finally:
        os.close(fd)


def _check_kind(path: Path, info: os.stat_result, limit: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise RefusedFile(path, "symlink", LINK_REASON)
    if not stat.S_ISREG(info.st_mode):
        raise RefusedFile(path, "io", SPECIAL_REASON)
    if info.st_size > limit:
        raise RefusedFile(path, "size", f"file is {info.st_size} bytes, over the limit of {limit}")


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
        target.relative_to(base)
    except ValueError:
        raise StoreError(f"refusing to write {path}: it is outside the store {root}") from None
    link = first_link(base, target)
    if link is not None:
        raise StoreError(
            f"refusing to write {path}: {link} is a symbolic link, and the store never writes through "
            "links (the reader does not follow them either); replace the link with a real folder"
        )
    try:
        target.resolve().relative_to(base.resolve())
    except ValueError:
        raise StoreError(f"refusing to write {path}: it resolves outside the store {root}") from None


def atomic_write(
    path: Path,
    data: bytes,
    *,
    before_replace: Callable[[Path], None] | None = None,
    root: Path | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data`` atomically (temp file, fsync, rename, fsync folder).

    ``durable=False`` skips the fsyncs: for disposable files (the content cache), a crash
    may lose the new file but never leaves a half-written one in its place.

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
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, path)
        if durable:
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
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    while True:
        try:
            fd = os.open(path, flags)  # never blocks on a pipe, never follows a link
        except OSError as exc:
            reason = LINK_REASON if exc.errno == errno.ELOOP else exc.strerror
            raise StoreError(f"cannot open {path}: {reason}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise RefusedFile(path, "io", SPECIAL_REASON)
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
