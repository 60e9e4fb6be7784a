"""Record bytes from a git revision, so a report can be rendered from a commit without
touching the work tree (``itsmctl report … --rev REV``).

It applies the folder source's rules to the tree at that revision: hidden paths and
the ``templates/`` and ``reports/`` folders are skipped, links and oversized files are
findings, only ``.yaml``/``.yml`` files are records.  The store's ``templates/`` at the
same revision are kept apart, so a report from ``--rev`` uses that revision's templates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from itsmctl.findings import Finding
from itsmctl.store.paths import copy_inside, nested_store_message
from itsmctl.store.source import RECORD_SUFFIXES, SKIPPED_DIRS, RecordBytes
from itsmctl.vcs import TreeEntry, read_tree
from itsmctl.yamlio import MAX_FILE_BYTES

TEMPLATES_DIR = "templates"


class GitRevisionSource:
    """Record files under a store folder as they were at one commit."""

    def __init__(
        self,
        root: Path,
        rev: str,
        display_root: str | None = None,
        *,
        wanted: Callable[[str], bool] | None = None,
        plain_paths: bool = False,
        under: str | None = None,
    ) -> None:
        """``wanted``: read only the record files it accepts (``check --base`` reads what a pull
        request changed plus what the rules look at); every path is still listed.  ``plain_paths``:
        findings name ``records/tickets/…`` as in the pull request's diff, not ``records@sha:…``.
        ``under``: list and read only that folder of the store (``cmdb``: the CIs at a commit)."""
        self.root = root
        self.rev = rev
        self.wanted = wanted
        self.plain_paths = plain_paths
        self.under = under
        self.sha, self.entries = read_tree(root, rev, max_bytes=MAX_FILE_BYTES, wanted=wanted, under=under)
        self.display_root = display_root if display_root is not None else str(root)

    @property
    def label(self) -> str:
        """``records@1a2b3c4d`` for report headers."""
        return f"{self.display_root}@{self.sha[:12]}"

    def display(self, rel: str) -> str:
        if self.plain_paths:
            return rel if self.display_root in ("", ".") else f"{self.display_root.rstrip('/')}/{rel}"
        return f"{self.display_root.rstrip('/')}@{self.sha[:12]}:{rel}"

    def walk(self) -> Iterator[RecordBytes | Finding]:
        # a partial read (check --base) judges the files it reads; validate judges the whole tree
        nested = self._nested_stores() if self.wanted is None and self.under is None else {}
        for folder, (copy_of, files) in sorted(nested.items()):
            shown = self.display(folder)
            yield Finding(shown, 1, 1, "", "nested-store", nested_store_message(folder, copy_of, files))
        for entry in self.entries:
            parts = entry.path.split("/")
            if skipped(parts) or any(entry.path.startswith(folder + "/") for folder in nested):
                continue
            if not entry.path.endswith(RECORD_SUFFIXES):
                continue
            if entry.listed_only or (self.wanted is not None and not self.wanted(entry.path)):
                continue
            shown = self.display(entry.path)
            if entry.kind == "link":
                yield Finding(shown, 1, 1, "", "symlink", "symbolic links are refused in a store")
            elif entry.kind != "file":
                yield Finding(shown, 1, 1, "", "io", "not a regular file")
            elif entry.size > MAX_FILE_BYTES:
                yield Finding(
                    shown, 1, 1, "", "size", f"file is {entry.size} bytes, over the limit of {MAX_FILE_BYTES}"
                )
            else:
                yield RecordBytes(entry.path, shown, entry.data)

    def _nested_stores(self) -> dict[str, tuple[str, int]]:
        """Folders below the top that hold what only a store's top holds, with their record count."""
        children: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            parts = entry.path.split("/")
            if skipped(parts):
                continue
            for i in range(1, len(parts)):
                children["/".join(parts[:i])].add(parts[i])
        found: dict[str, tuple[str, int]] = {}
        for folder in sorted(children):
            copy_of = copy_inside(folder, children[folder])
            if copy_of and not any(folder.startswith(outer + "/") for outer in found):
                files = sum(
                    1
                    for e in self.entries
                    if e.path.startswith(folder + "/")
                    and e.path.endswith(RECORD_SUFFIXES)
                    and not skipped(e.path.split("/"))
                )
                if files:
                    found[folder] = (copy_of, files)
        return found

    def templates(self) -> dict[str, TreeEntry]:
        """The store's own report templates at this revision, by file name."""
        prefix = TEMPLATES_DIR + "/"
        return {
            e.path[len(prefix) :]: e
            for e in self.entries
            if e.path.startswith(prefix) and "/" not in e.path[len(prefix) :]
        }


def skipped(parts: list[str]) -> bool:
    """Hidden paths and the top-level folders that hold no records."""
    return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] in SKIPPED_DIRS)
