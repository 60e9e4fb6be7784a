"""A snapshot of the whole store: every file loaded once, indexed by id and kind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import BaseModel

from itsmctl.cache import ContentCache
from itsmctl.errors import FindingsError, NotFoundError, RecordParseError, StoreError
from itsmctl.findings import Finding
from itsmctl.models import (
    BusinessCalendar,
    ConfigurationItem,
    Policy,
    Service,
    ServiceLevelAgreement,
    TicketBase,
)
from itsmctl.store.loader import LoadedFile, Parsed, record_from, text_of
from itsmctl.store.parsing import cached_parse, keep, parse_all
from itsmctl.store.paths import POLICY_PATH
from itsmctl.store.source import FolderSource, RecordBytes, StoreItem, UnreadFile
from itsmctl.yamlio import decode

M = TypeVar("M", bound=BaseModel)

REFUSAL_CODES = frozenset({"symlink", "io", "size"})
"""Codes of the findings about a file the store refused to read."""

Progress = Callable[[int, int], None]
"""``(files loaded, files in all)``: how a caller (the CLI's progress bar) follows loading."""


@dataclass
class Snapshot:
    """Everything read from a store at one moment.

    ``files`` holds every file, valid or not; ``records`` only the valid ones by id (the
    first file of a duplicated id wins; the duplicate is a finding).
    """

    files: list[LoadedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    """Findings not tied to one loaded file (unreadable files, symlinks)."""
    records: dict[str, LoadedFile] = field(default_factory=dict)
    by_kind: dict[str, list[LoadedFile]] = field(default_factory=lambda: defaultdict(list))
    source: FolderSource | None = None
    """The folder it was read from, if any: checks of files that are not records (the outbox) read it."""

    @property
    def policy(self) -> Policy | None:
        items = self.of_kind(Policy, "policy")
        return items[0] if items else None

    def require_policy(self) -> Policy:
        """The policy, or StoreError saying why there is none (missing, or does not load)."""
        policy = self.policy
        if policy is not None:
            return policy
        broken = [f for f in self.files if f.path == str(POLICY_PATH)]
        refused = [  # policy.yaml refused unread (a link, a pipe, too large)
            f for f in self.findings if PurePosixPath(f.file).name == str(POLICY_PATH) and f.code in REFUSAL_CODES
        ]
        if refused or (broken and broken[0].findings):
            first = refused[0] if refused else broken[0].findings[0]
            raise StoreError(
                f"{first.described()} — policy.yaml does not load, and every figure depends "
                "on it (people, priority matrix, time zone); fix it first (itsmctl validate lists all findings)"
            )
        raise StoreError(
            "the store has no policy.yaml (people, groups, priority matrix); every figure depends on it — "
            "see docs/records.md"
        )

    def left_out(self) -> list[Finding]:
        """One finding per file that does not load and so is missing from every result."""
        first: dict[str, Finding] = {}
        for finding in self.findings:
            first.setdefault(finding.file, finding)
        for loaded in self.files:
            if loaded.record is None and loaded.findings:
                first.setdefault(loaded.display, loaded.findings[0])
        return sorted(first.values())

    def require_record(self, record_id: str, what: str = "record") -> BaseModel:
        """The record ``record_id``; else FindingsError naming its file when the file is there but
        does not load (exit 1), or NotFoundError when there is no such record (exit 2)."""
        record = self.get(record_id)
        if record is not None:
            return record
        for finding in self.left_out():
            if PurePosixPath(finding.file).stem == record_id:
                raise FindingsError(
                    f"{what} {record_id} does not load: {finding.described()} — "
                    "fix the file first (itsmctl validate lists every finding)"
                )
        raise NotFoundError(f"no {what} {record_id} in the store")

    def add(self, loaded: LoadedFile) -> None:
        self.files.append(loaded)
        if loaded.record is None or loaded.id is None:
            return
        if loaded.id not in self.records:
            self.records[loaded.id] = loaded
        self.by_kind[loaded.kind or ""].append(loaded)

    def of_kind(self, model: type[M], *kinds: str) -> list[M]:
        out: list[M] = []
        for kind in kinds:
            out.extend(f.record for f in self.by_kind.get(kind, []) if isinstance(f.record, model))
        return out

    def get(self, record_id: str) -> BaseModel | None:
        loaded = self.records.get(record_id)
        return loaded.record if loaded else None

    def file_of(self, record_id: str) -> LoadedFile | None:
        return self.records.get(record_id)

    @property
    def tickets(self) -> list[TicketBase]:
        from itsmctl.models import TICKET_KINDS

        return self.of_kind(TicketBase, *TICKET_KINDS)

    @property
    def cis(self) -> list[ConfigurationItem]:
        return self.of_kind(ConfigurationItem, "ci")

    @property
    def services(self) -> list[Service]:
        return self.of_kind(Service, "service")

    @property
    def slas(self) -> list[ServiceLevelAgreement]:
        return self.of_kind(ServiceLevelAgreement, "sla")

    @property
    def calendars(self) -> list[BusinessCalendar]:
        return self.of_kind(BusinessCalendar, "calendar")

    def load_findings(self) -> list[Finding]:
        out = list(self.findings)
        for loaded in self.files:
            out.extend(loaded.findings)
        return out


def load_snapshot(
    items: Iterable[StoreItem],
    *,
    progress: Progress | None = None,
    cache: ContentCache | None = None,
    workers: int = 1,
) -> Snapshot:
    """Load record files into a snapshot: the policy first, for its default zone.

    What a file's bytes parse to comes from ``cache`` when it holds that content, else from
    parsing (in ``workers`` processes when many files miss), and is kept in it (the caller
    saves the cache).  ``progress`` is called as files are loaded (every ``PROGRESS_STEP`` files and at
    the end).
    """
    snapshot = Snapshot()
    pending: list[RecordBytes | UnreadFile] = []
    for item in items:
        if isinstance(item, Finding):
            snapshot.findings.append(item)
        else:
            pending.append(item)
    parsed, texts, unreadable = _parse_pending(pending, cache, workers)
    zone = None
    for i, item in enumerate(pending):
        if item.path == str(POLICY_PATH) and i not in unreadable:
            policy = record_from(item.path, item.display, parsed[i], texts[i])
            snapshot.add(policy)
            if isinstance(policy.record, Policy):
                zone = policy.record.zone
    total = len(pending)
    for done, item in enumerate(pending, start=1):
        i = done - 1
        if i in unreadable:
            snapshot.findings.append(unreadable[i])
        elif item.path != str(POLICY_PATH):
            snapshot.add(record_from(item.path, item.display, parsed[i], texts[i], default_tz=zone))
        if progress is not None and (done % PROGRESS_STEP == 0 or done == total):
            progress(done, total)
    return snapshot


def _parse_pending(
    pending: list[RecordBytes | UnreadFile], cache: ContentCache | None, workers: int
) -> tuple[list[Parsed], list[Callable[[], str]], dict[int, Finding]]:
    """What each file parses to, the text each gives for positions, and files that vanished."""
    parsed: list[Parsed | None] = [None] * len(pending)
    texts: list[Callable[[], str]] = []
    unreadable: dict[int, Finding] = {}
    misses: list[int] = []
    miss_bytes: list[bytes] = []
    for i, item in enumerate(pending):
        texts.append(_text_of(item))
        hit = cached_parse(cache, item.digest) if cache is not None else None
        if hit is not None:
            parsed[i] = hit
            continue
        if isinstance(item, UnreadFile):
            try:
                data = item.read()
            except RecordParseError as exc:
                unreadable[i] = Finding(item.display, 1, 1, "", "io", exc.message)
                continue
        else:
            data = item.data
        misses.append(i)
        miss_bytes.append(data)
    for i, result in zip(misses, parse_all(miss_bytes, workers), strict=True):
        parsed[i] = result
        keep(cache, pending[i].digest, result)
    return [p if p is not None else Parsed(error=("not read", 1, 1)) for p in parsed], texts, unreadable


def _text_of(item: RecordBytes | UnreadFile) -> Callable[[], str]:
    if isinstance(item, RecordBytes):
        return text_of(item.data)
    return lambda: decode(item.read())


PROGRESS_STEP = 50


def open_store(
    root: Path, display_root: str | None = None, *, need_policy: bool = True
) -> tuple[FolderSource, Snapshot]:
    """Read a whole store folder; refuse one whose policy is missing or broken.

    Every figure itsmctl computes depends on the policy (people, priority matrix, time
    zone), so a command that went on without it would print plausible but wrong answers.
    """
    source = FolderSource(root, display_root)
    snapshot = load_snapshot(source.walk())
    snapshot.source = source
    if need_policy:
        snapshot.require_policy()
    return source, snapshot
