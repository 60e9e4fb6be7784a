"""Where the content cache lives, and how it is turned off or cleared."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from itsmctl.cache.framed import MAGIC
from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, SliceReader

OFF_VALUES = frozenset({"0", "off", "no", "false"})


def cache_root(environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder holding every store's cache, or None when the cache is turned off.

    ``ITSMCTL_CACHE=off`` turns it off; ``ITSMCTL_CACHE_DIR`` names the folder; else the
    XDG cache folder (``$XDG_CACHE_HOME/itsmctl``, ``~/.cache/itsmctl``).
    """
    env = os.environ if environ is None else environ
    if env.get("ITSMCTL_CACHE", "").strip().lower() in OFF_VALUES:
        return None
    explicit = env.get("ITSMCTL_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "itsmctl"
    home = env.get("HOME", "").strip()
    return Path(home) / ".cache" / "itsmctl" if home else None


def store_cache_dir(store_root: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """This store's own folder in the cache (one per store folder, by its real path)."""
    root = cache_root(environ)
    if root is None:
        return None
    real = os.path.realpath(store_root)
    name = hashlib.blake2b(real.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return root / "stores" / name


def shared_data_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where parsed data lives: shared by every store, since it is keyed by content alone."""
    root = cache_root(environ)
    return root / "data" if root is not None else None


def clear_cache(environ: Mapping[str, str] | None = None) -> tuple[Path | None, int]:
    """Remove the cache's files; returns its folder and how many files were removed.

    Only files that are cache files (they start with the cache's header) are removed, and
    then the folders they leave empty: a cache folder set to a folder that holds anything
    else (``ITSMCTL_CACHE_DIR=~``) loses nothing but the cache.  Links are not followed.
    """
    root = cache_root(environ)
    if root is None or not root.is_dir() or root.is_symlink():
        return root, 0
    removed = 0
    for top in (root / "stores", root / "data"):
        if not top.is_dir() or top.is_symlink():
            continue
        for folder, dirs, files in os.walk(top, topdown=False, followlinks=False):
            for name in files:
                path = Path(folder) / name
                if _is_cache_file(path):
                    path.unlink()
                    removed += 1
            for name in dirs:
                with contextlib.suppress(OSError):  # not empty, or a link: left alone
                    (Path(folder) / name).rmdir()
        with contextlib.suppress(OSError):
            top.rmdir()
    return root, removed


def _is_cache_file(path: Path) -> bool:
    """Whether ``path`` starts with the cache's header (only the header is read)."""
    try:
        reader = SliceReader(path, limit=1 << 40)
    except (RefusedFile, StoreError):
        return False
    try:
        return reader.read(0, len(MAGIC)) == MAGIC
    finally:
        reader.close()


def cache_usage(environ: Mapping[str, str] | None = None) -> tuple[Path | None, int, int]:
    """The cache folder (None when off), how many files it holds and their bytes; links not followed."""
    root = cache_root(environ)
    files = size = 0
    if root is None or not root.is_dir() or root.is_symlink():
        return root, files, size
    for folder, _, names in os.walk(root, followlinks=False):
        for name in names:
            with contextlib.suppress(OSError):
                size += os.lstat(os.path.join(folder, name)).st_size
                files += 1
    return root, files, size
