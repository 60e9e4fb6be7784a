"""Opening the records for a command: one ``Store`` per command, with a progress bar on
stderr while a large store loads (only when stderr is a terminal).

The store never prints: it calls the hook built here (``Store.open(..., progress=…)``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

from itsmctl.cache import ContentCache, shared_data_dir, store_cache_dir
from itsmctl.store.parsing import default_workers
from itsmctl.store.snapshot import Progress
from itsmctl.store.store import Store

PROGRESS_THRESHOLD = 2000
"""Stores with fewer files load in well under a second: no bar."""


class LoadingBar:
    """A ``(done, total)`` hook that draws a rich bar on ``stream`` for stores of ``threshold`` files or more."""

    def __init__(
        self, stream: IO[str], threshold: int = PROGRESS_THRESHOLD, label: str = "读取记录 loading records"
    ) -> None:
        self.stream = stream
        self.label = label
        self.threshold = threshold
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.threshold:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(file=self.stream, stderr=True)
            self._bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("load", total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def loading_progress(stream: IO[str] | None = None) -> Progress | None:
    """The hook for this terminal: a bar when ``stream`` (stderr) is a terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return LoadingBar(stream) if isatty is not None and isatty() else None


def open_records(records: Path, rev: str | None = None) -> Store:
    """The command's one store: ``records`` (at ``rev``), with the terminal's progress hook,
    the content cache (unless ``ITSMCTL_CACHE=off``) and one parsing worker per core
    (``ITSMCTL_WORKERS`` sets how many)."""
    return Store.open(records, rev, progress=loading_progress(), cache=content_cache(records), workers=workers())


def content_cache(records: Path) -> ContentCache | None:
    folder = store_cache_dir(records, os.environ) if records.is_dir() else None
    if folder is None:
        return None
    return ContentCache(folder, data_folder=shared_data_dir(os.environ))


def workers() -> int:
    value = os.environ.get("ITSMCTL_WORKERS", "").strip()
    if value.isdigit() and int(value) >= 1:
        return min(int(value), 64)
    return default_workers()
