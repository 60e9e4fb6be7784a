"""The records store: files on disk, loaded strictly into validated records."""

from itsmctl.store.loader import LoadedFile, load_record
from itsmctl.store.paths import KIND_DIRS, path_for
from itsmctl.store.snapshot import Snapshot, load_snapshot, open_store
from itsmctl.store.source import FolderSource, RecordBytes

__all__ = [
    "KIND_DIRS",
    "FolderSource",
    "LoadedFile",
    "RecordBytes",
    "Snapshot",
    "load_record",
    "load_snapshot",
    "open_store",
    "path_for",
]
