"""The content cache: what loading a record file gave, kept by the hash of its bytes.

Disposable and never trusted: every entry is keyed by the blake2b hash of a file's bytes
and by the fingerprint of the code that produced it (itsmctl's own source and the versions
of the libraries whose behaviour it depends on), so a changed file, a branch switch or a
new release can never be served a stale entry.  A cache file that is corrupt, foreign or of
another format is ignored and rebuilt.  It lives outside the tracked tree
(``$ITSMCTL_CACHE_DIR``, else ``$XDG_CACHE_HOME/itsmctl``, else ``~/.cache/itsmctl``);
``ITSMCTL_CACHE=off`` turns it off and ``itsmctl cache clear`` removes it.
"""

from __future__ import annotations

from itsmctl.cache.content import ContentCache, FileSignature, digest_of
from itsmctl.cache.location import cache_root, cache_usage, clear_cache, shared_data_dir, store_cache_dir

__all__ = [
    "ContentCache",
    "FileSignature",
    "cache_root",
    "cache_usage",
    "clear_cache",
    "digest_of",
    "shared_data_dir",
    "store_cache_dir",
]
