"""One store object per command: where the records are, read once, with their policy and zone.

A command builds a ``Store`` once (``Store.open(root, rev=None)``) and hands it to the
core.  Nothing is read until asked for: ``policy`` reads only ``policy.yaml`` unless the
whole ``snapshot()`` was already loaded, and ``snapshot()`` walks the folder (or the git
revision) exactly once.  A progress hook, passed in by the CLI, is told how far loading
has got; the store itself never prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import tzinfo
from functools import cached_property
from pathlib import Path

from itsmctl.cache import ContentCache
from itsmctl.cache.content import MISSING
from itsmctl.errors import StoreError, UsageError
from itsmctl.findings import Finding
from itsmctl.models import Policy
from itsmctl.store.facts import RecordFacts, facts_of
from itsmctl.store.paths import POLICY_PATH
from itsmctl.store.revision import GitRevisionSource
from itsmctl.store.snapshot import Progress, Snapshot, load_snapshot
from itsmctl.store.source import FolderSource, StoreItem

Source = FolderSource | GitRevisionSource


def context_digest(digests: dict[str, str], snapshot: Snapshot, kinds: tuple[str, ...]) -> str:
    """A hash over the policy and every file of ``kinds`` in ``snapshot``, by their bytes' hashes."""
    context = hashlib.blake2b(digest_size=20)
    paths = {str(POLICY_PATH)} | {f.path for kind in kinds for f in snapshot.by_kind.get(kind, [])}
    for path in sorted(paths):
        context.update(f"{path}\0{digests.get(path, '')}\n".encode("utf-8", "surrogateescape"))
    return context.hexdigest()


class Store:
    """The records of one command: a folder on disk, or the same folder at a git revision."""

    def __init__(
        self,
        root: Path,
        source: Source,
        *,
        rev: str | None = None,
        progress: Progress | None = None,
        cache: ContentCache | None = None,
        workers: int = 1,
    ):
        self.root = root
        self.source = source
        self.rev = rev
        self.progress = progress
        self.cache = cache
        """The content cache (``itsmctl.cache``), or None to parse every file."""
        self.workers = workers
        """Processes that parse files the cache does not hold (1: this one only)."""
        self._snapshot: Snapshot | None = None
        self._items: list[StoreItem] | None = None
        self._partial: Snapshot | None = None

    @classmethod
    def open(
        cls,
        root: Path,
        rev: str | None = None,
        *,
        display_root: str | None = None,
        progress: Progress | None = None,
        cache: ContentCache | None = None,
        workers: int = 1,
    ) -> Store:
        """The store at ``root`` (``rev``: as it was at that git revision).  A missing folder is a
        usage error naming it; nothing else is read yet."""
        if not root.exists():
            raise StoreError(f"records folder {root} does not exist (set --records or ITSMCTL_RECORDS)")
        source: Source = (
            FolderSource(root, display_root, cache=cache) if rev is None else GitRevisionSource(root, rev, display_root)
        )
        return cls(root, source, rev=rev, progress=progress, cache=cache, workers=workers)

    @property
    def folder(self) -> FolderSource:
        """The folder source; StoreError for a store read from a git revision (nothing to write to)."""
        if not isinstance(self.source, FolderSource):
            raise StoreError(f"{self.label} is a git revision: it can be read, not written")
        return self.source

    @property
    def label(self) -> str:
        """How reports name where the records came from: ``records`` or ``records@1a2b3c4d5e6f``."""
        return self.source.label if isinstance(self.source, GitRevisionSource) else str(self.root)

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    def snapshot(self, *, require_records: bool = True) -> Snapshot:
        """Every record file, loaded once.  A store without a single record file is a usage
        error (the folder is probably not the records folder); ``require_records=False`` lets
        ``validate`` check an empty folder."""
        if self._snapshot is None:
            items = self.items()
            snapshot = load_snapshot(items, progress=self.progress, cache=self.cache, workers=self.workers)
            if isinstance(self.source, FolderSource):
                snapshot.source = self.source
            if self.cache is not None:
                if isinstance(self.source, FolderSource):
                    self.cache.forget_missing({i.path for i in items if not isinstance(i, Finding)})
                    self._keep_facts(snapshot)
                self.cache.save(full_load=isinstance(self.source, FolderSource))
                self.cache.release()
            self._snapshot = snapshot
        if require_records:
            self._require_records(self._snapshot)
        return self._snapshot

    def _require_records(self, snapshot: Snapshot) -> None:
        if not snapshot.files and not snapshot.findings:
            raise UsageError(
                f"{self.label} holds no record files (*.yaml): is it the records folder? "
                "(set --records or ITSMCTL_RECORDS)"
            )

    def items(self) -> list[StoreItem]:
        """Every record file of the store (unread where the cache knows its content) and the
        findings about files that cannot be read: one walk, kept for the command."""
        if self._items is None:
            self._items = list(self.source.walk())
        return self._items

    def without_tickets(self) -> Snapshot:
        """Every record but the tickets (with a cache; the whole store without one): for the
        commands on plans, audits, reviews and the like, whose cost must not grow with the tickets."""
        return self.partial(lambda _rest: lambda _ticket: False)

    def partial(self, select: Callable[[Snapshot], Callable[[RecordFacts], bool]]) -> Snapshot:
        """Only the records a command needs: every file except the tickets ``select`` turns down.

        ``select`` is given the snapshot of everything that is not a ticket the cache has facts
        for (the policy, calendars, SLAs, CIs, and any file that does not load) and returns a
        test of a ticket's facts (``RecordFacts``).  A ticket without facts (never loaded with
        these bytes and this policy) is always loaded.  Without a cache, or once the whole
        store is loaded, this is the whole snapshot.
        """
        if self._snapshot is not None or self.cache is None or not isinstance(self.source, FolderSource):
            return self.snapshot()
        items = [i for i in self.items() if not isinstance(i, Finding)]
        if not items:
            return self.snapshot()  # nothing to choose from: the whole (empty) store, refused as such
        context = self._facts_context()
        known: dict[int, RecordFacts] = {}
        for n, item in enumerate(items):
            found = self.cache.facts(item.path, item.digest, context)
            facts = RecordFacts.decode(found) if found is not MISSING else None
            if facts is not None and facts.is_ticket:
                known[n] = facts
        base = load_snapshot([i for n, i in enumerate(items) if n not in known], cache=self.cache)
        keep = select(base)
        policy = [i for i in items if i.path == str(POLICY_PATH)]  # the tickets' zone
        chosen = [items[n] for n, facts in known.items() if keep(facts)]
        tickets = load_snapshot([*policy, *chosen], progress=self.progress, cache=self.cache, workers=self.workers)
        order = {item.path: n for n, item in enumerate(items)}
        snapshot = _merged(base, tickets, [i for i in self.items() if isinstance(i, Finding)], order)
        snapshot.source = self.source
        self._keep_facts(snapshot)
        self.cache.save()
        self.cache.release()
        self._partial = snapshot
        return snapshot

    def _facts_context(self) -> str:
        """What ticket facts depend on besides a file's bytes: the policy (its default zone)."""
        for item in self.items():
            if not isinstance(item, Finding) and item.path == str(POLICY_PATH):
                return item.digest
        return ""

    @cached_property
    def digests(self) -> dict[str, str]:
        """The hash of every record file's bytes, by path (what cache entries are keyed by)."""
        return {i.path: i.digest for i in self.items() if not isinstance(i, Finding)}

    def context_digest(self, snapshot: Snapshot, kinds: tuple[str, ...]) -> str:
        """A hash over ``policy.yaml`` and every file of ``kinds``: the context a per-file cache
        entry depends on besides its own file (the rule book's: SLAs and calendars)."""
        return context_digest(self.digests, snapshot, kinds)

    def _keep_facts(self, snapshot: Snapshot) -> None:
        if self.cache is None:
            return
        context = self._facts_context()
        digests = self.digests
        for loaded in snapshot.files:
            facts = facts_of(loaded)
            if facts is not None and loaded.path in digests:
                self.cache.keep_facts(loaded.path, digests[loaded.path], context, facts.encode())

    @cached_property
    def _policy_only(self) -> Snapshot:
        """Only ``policy.yaml``, for commands on one ticket that need nothing else."""
        if isinstance(self.source, FolderSource):
            return load_snapshot(self.source.walk(only=[str(POLICY_PATH)]), cache=self.cache)
        return self.snapshot()

    @property
    def policy_or_none(self) -> Policy | None:
        """The policy if it loads, else None (``summary``, ``priority calc`` work without one)."""
        return (self._snapshot or self._policy_only).policy

    @property
    def policy(self) -> Policy:
        """The policy; StoreError (exit 2) saying why when it is missing or does not load."""
        snapshot = self._snapshot or self._policy_only
        return snapshot.require_policy()

    def require_policy(self) -> Policy:
        """``policy``, as a statement: a command that computes nothing without it refuses here."""
        return self.policy

    @property
    def zone(self) -> tzinfo | None:
        """The policy's default time zone, for times typed without an offset."""
        policy = self.policy_or_none
        return policy.zone if policy is not None else None

    def left_out(self) -> list[Finding]:
        """Files that failed to load, so are missing from any result built on the snapshot."""
        loaded = self._snapshot or self._partial
        return loaded.left_out() if loaded is not None else []


def _merged(base: Snapshot, tickets: Snapshot, walk_findings: list[Finding], order: dict[str, int]) -> Snapshot:
    """One snapshot of both loads, in the order a whole load adds files: the policy first, then
    the walk's order (the first file of a duplicated id wins, as in ``load_snapshot``)."""
    merged = Snapshot(findings=[*walk_findings, *base.findings, *tickets.findings])
    policy = str(POLICY_PATH)
    files = [f for f in base.files if f.path != policy] + [f for f in tickets.files if f.path != policy]
    for loaded in [f for f in base.files if f.path == policy] + sorted(files, key=lambda f: order[f.path]):
        merged.add(loaded)
    return merged
