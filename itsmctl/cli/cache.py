"""``itsmctl cache``: where the content cache is, how big, and clearing it."""

from __future__ import annotations

import os

import typer

from itsmctl.cache import cache_usage, clear_cache
from itsmctl.cli.output import emit, note

app = typer.Typer(
    help="缓存 The content cache: parsed records kept by the hash of their bytes (safe to delete at any time).",
    no_args_is_help=True,
)


@app.command("info")
def info() -> int:
    """缓存信息 Where the cache is and how much it holds."""
    root, files, size = cache_usage(os.environ)
    if root is None:
        emit("cache: off (ITSMCTL_CACHE=off, or no home folder)\n")
        return 0
    emit(f"cache: {root}\nfiles: {files}\nsize: {size / 1e6:.1f} MB\n")
    return 0


@app.command("clear")
def clear() -> int:
    """清除缓存 Delete the whole cache; the next run of each command reads every file again."""
    root, removed = clear_cache(os.environ)
    if root is None:
        note("cache: off; nothing to clear")
        return 0
    note(f"removed {removed} cache file(s) from {root}")
    return 0
