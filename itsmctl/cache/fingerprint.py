"""What a cached result depends on besides a file's bytes: the code that computed it."""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from itsmctl.fs import read_regular

LIBRARIES = ("pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "holidays")
"""Libraries whose versions change what loading or checking a record gives."""

CACHE_FORMAT = 1
"""Bumped when the layout of cache files changes."""


@cache
def code_fingerprint() -> str:
    """A hash of itsmctl's own source, the Python version and the versions in ``LIBRARIES``.

    Any edit to the package (a rule, a model, the parser), or an upgrade of a library it
    relies on, gives a new fingerprint, and with it an empty cache.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {CACHE_FORMAT}\n{sys.version}\n".encode())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name} {version}\n".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(read_regular(source, limit=1 << 24))
    return digest.hexdigest()
