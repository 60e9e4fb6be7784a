"""Where the content cache lives, and how it is turned off or cleared."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

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
    """Remove the whole cache; returns its folder and how many files were removed."""
    root = cache_root(environ)
    if root is None or not root.is_dir() or root.is_symlink():
        return root, 0
    count = sum(len(files) for _, _, files in os.walk(root))
    shutil.rmtree(root)
    return root, count
