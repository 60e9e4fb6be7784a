"""The outbox: one small JSON file per escalation notice, inside the store, in git.

``outbox/YYYY/MM/<ticket>.L<level>.<target>.json`` (sharded like tickets).  The files
are JSON, not YAML, so the record loader and ``validate`` never mistake them for
records.  A file is written before any send and rewritten only when a channel's state
changes, so a run that changes nothing leaves git untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from itsmctl.fs import atomic_write
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


def write_notice(path: Path, notice: Notice) -> None:
    """Atomically (re)write a notice file: a crash leaves the old file or the new one."""
    atomic_write(path, notice.to_json().encode("utf-8"))


def read_notice(path: Path) -> OutboxEntry:
    try:
        return OutboxEntry(path, Notice.from_json(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        return OutboxEntry(path, None, f"cannot read: {exc}")
    except ValueError as exc:
        return OutboxEntry(path, None, str(exc))


def entries(root: Path) -> Iterator[OutboxEntry]:
    """Every notice file of the store, in path order (symlinks are ignored)."""
    folder = root / OUTBOX_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.json")):
        if path.is_symlink() or not path.is_file():
            continue
        yield read_notice(path)


def open_entries(root: Path) -> Iterator[OutboxEntry]:
    """Notices with a channel still ``pending`` or ``failed``, and unreadable files."""
    for entry in entries(root):
        if entry.notice is None or entry.notice.open_channels():
            yield entry
