"""The outbox: one small JSON file per escalation notice, inside the store, in git.

``outbox/YYYY/MM/<ticket>.L<level>.<target>.json`` (sharded like tickets).  The files
are JSON, not YAML, so the record loader and ``validate`` never mistake them for
records.  A file is written before any send and rewritten only when a channel's state
changes, so a run that changes nothing leaves git untouched.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, atomic_write, first_link, read_regular
from itsmctl.notify.notice import Notice

OUTBOX_DIR = "outbox"
_MONTH = re.compile(r"^[A-Z]{2,6}-(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])-")


def notice_path(root: Path, notice: Notice) -> Path:
    """Where ``notice`` lives in the store at ``root``."""
    match = _MONTH.match(notice.ticket)
    folder = root / OUTBOX_DIR
    if match:
        folder = folder / f"20{match['yy']}" / match["mm"]
    return folder / f"{notice.key}.json"


@dataclass
class OutboxEntry:
    """A notice file as found on disk; ``notice`` is None when the file is unreadable."""

    path: Path
    notice: Notice | None
    error: str | None = None


def outbox_folder(root: Path) -> Path:
    """The store's outbox folder, checked before anything is read from or written to it.

    StoreError when ``outbox`` (or a folder on the way) is a symbolic link or not a folder:
    a committed ``outbox -> ../elsewhere`` must never make a run read or write there.
    """
    folder = root / OUTBOX_DIR
    link = first_link(root, folder)
    if link is not None:
        raise StoreError(
            f"refusing to use the outbox {folder}: {link} is a symbolic link, and the store never reads or "
            "writes through links; replace the link with a real folder (nothing was written)"
        )
    if os.path.lexists(folder) and not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise StoreError(f"refusing to use the outbox {folder}: it is not a folder")
    return folder


def write_notice(root: Path, path: Path, notice: Notice) -> None:
    """Atomically (re)write a notice file inside the store at ``root`` (never through a link):
    a crash leaves the old file or the new one."""
    atomic_write(path, notice.to_json().encode("utf-8"), root=root)


def read_notice(path: Path, root: Path | None = None) -> OutboxEntry:
    """A notice file, read the one safe way (``fs.read_regular``: no link, no pipe, size cap)."""
    try:
        text = read_regular(path, root=root).decode("utf-8")
    except RefusedFile as exc:
        return OutboxEntry(path, None, exc.reason)
    except UnicodeDecodeError as exc:
        return OutboxEntry(path, None, f"cannot read: {exc}")
    try:
        return OutboxEntry(path, Notice.from_json(text))
    except ValueError as exc:
        return OutboxEntry(path, None, str(exc))


def entries(root: Path) -> Iterator[OutboxEntry]:
    """Every notice file of the store, in path order.

    A linked or non-folder ``outbox`` yields nothing (the store walker reports the link;
    ``outbox_folder`` refuses it for a run).  Linked folders inside are not entered (the
    walker reports them too); a ``.json`` that is a link or a special file is an entry
    that does not read, so it is reported, never followed or waited on.
    """
    try:
        folder = outbox_folder(root)
    except StoreError:
        return
    if not folder.is_dir():
        return
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        found.extend(Path(current) / name for name in files if name.endswith(".json"))
    for path in sorted(found):
        yield read_notice(path, root)


def open_entries(root: Path) -> Iterator[OutboxEntry]:
    """Notices with a channel still ``pending`` or ``failed``, and unreadable files."""
    for entry in entries(root):
        if entry.notice is None or entry.notice.open_channels():
            yield entry
