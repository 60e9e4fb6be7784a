"""One import from start to end: the store's service and zone, the drafts, the writer, the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from itsmctl.errors import UsageError
from itsmctl.findings import Finding
from itsmctl.importers.csvmap import CsvTranslator, ticket_rows
from itsmctl.importers.draft import Directory, Notes, TicketDraft
from itsmctl.importers.mapping import CsvMapping
from itsmctl.importers.reading import Row
from itsmctl.importers.servicenow import Agreement, Translator, check_columns, incident_rows, require_itil_matrix
from itsmctl.importers.timeline import TacitCheck
from itsmctl.importers.writer import StoreWriter, Written
from itsmctl.models import Policy
from itsmctl.rules.tacit import tacit_refusal
from itsmctl.store.paths import KIND_DIRS, RECORD_SUFFIX, path_for
from itsmctl.tickets.edit import store_calendars

Progress = Callable[[int], None]
"""Called with the number of tickets drafted so far (the CLI draws a bar on a terminal)."""


@dataclass
class ImportSummary:
    """What an import read, wrote and could not map."""

    file: str
    system: str
    rows: int
    tickets: int
    written: Written
    unmapped: dict[str, int]
    findings: list[Finding]
    agreement: Agreement | None = None
    service: str = ""
    zone: str = ""
    paths: list[Path] = field(default_factory=list)


def import_zone(text: str | None, policy_zone: tzinfo | None) -> tzinfo:
    """``--tz``, else the policy's default_timezone, else UTC."""
    if text is None:
        return policy_zone or ZoneInfo("UTC")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {text!r}; give an IANA name such as Asia/Shanghai") from None


def import_service(root: Path, wanted: str | None) -> str:
    """The service imported tickets belong to: the one named, or the store's only one."""
    if wanted is not None:
        rel = path_for("service", wanted)
        if rel is None or not (root / rel).is_file():
            raise UsageError(f"{wanted!r} is not a service of the store (no {KIND_DIRS['service']}/{wanted}.yaml)")
        return wanted
    folder = root / KIND_DIRS["service"]
    found = sorted(p.name[: -len(RECORD_SUFFIX)] for p in folder.glob("*" + RECORD_SUFFIX)) if folder.is_dir() else []
    if len(found) != 1:
        raise UsageError(
            f"name the service the imported tickets belong to with --service (the store has {len(found)}: "
            f"{', '.join(found[:10]) or 'none'})"
        )
    return found[0]


class Drafting(Protocol):
    """What turns one ticket's rows into a draft (``servicenow.Translator``, ``csvmap.CsvTranslator``)."""

    notes: Notes

    def draft(self, rows: list[Row]) -> TicketDraft | None: ...


def drafted(
    groups: Iterable[list[Row]], translator: Drafting, progress: Progress | None, limit: int | None
) -> Iterator[TicketDraft]:
    """Each ticket's rows as a draft (rows that cannot be drafted are notes); the first ``limit``
    tickets only, when given (a trial import)."""
    used = 0
    for i, rows in enumerate(groups, 1):
        if limit is not None and i > limit:  # rows read past the last ticket taken are not counted
            translator.notes.rows = used + translator.notes.counts["missing-number"]
            return
        used += len(rows)
        draft = translator.draft(rows)
        if progress is not None:
            progress(i)
        if draft is not None:
            yield draft


def write_drafts(
    root: Path,
    policy: Policy,
    drafts: Iterable[TicketDraft],
    *,
    notes: Notes,
    directory: Directory,
    service: str,
    zone: tzinfo,
    system: str,
    agreement: Agreement | None = None,
) -> ImportSummary:
    """Write every draft, then the policy's new people and groups; the summary of it all."""
    writer = StoreWriter(root, policy, service, directory, notes, zone)
    tickets = 0
    for draft in drafts:
        tickets += 1
        writer.put(draft)
    paths = writer.finish()
    return ImportSummary(
        file=notes.file,
        system=system,
        rows=notes.rows,
        tickets=tickets,
        written=writer.written,
        unmapped=dict(sorted(notes.counts.items())),
        findings=sorted(notes.findings),
        agreement=agreement,
        service=service,
        zone=str(zone),
        paths=paths,
    )


def tacit_check(root: Path, policy: Policy) -> TacitCheck | None:
    """The rule book's tacit-confirmation predicate for drafts of this store (imported tickets pin no
    SLA: ``bd`` periods count on the store's only calendar); None when the policy does not opt in."""
    if policy.confirmation.tacit_after is None:
        return None
    calendars = store_calendars(root)
    return lambda events, at: tacit_refusal(events, at, policy, lambda: calendars(None))


def import_servicenow(
    root: Path,
    policy: Policy,
    source: Path,
    *,
    zone: tzinfo,
    service: str,
    progress: Progress | None = None,
    limit: int | None = None,
) -> ImportSummary:
    """Import a ServiceNow incident event log (a CSV, or a zip holding one) into the store at ``root``."""
    require_itil_matrix(policy)
    notes = Notes(str(source))
    directory = Directory.of(policy, "ServiceNow（导入 imported）")
    translator = Translator(policy, directory, notes, zone, tacit_check(root, policy))
    check_columns(source)
    drafts = drafted(incident_rows(source, notes), translator, progress, limit)
    return write_drafts(
        root,
        policy,
        drafts,
        notes=notes,
        directory=directory,
        service=service,
        zone=zone,
        system="servicenow",
        agreement=translator.agreement,
    )


def import_csv(
    root: Path,
    policy: Policy,
    source: Path,
    spec: CsvMapping,
    *,
    zone: tzinfo,
    service: str,
    progress: Progress | None = None,
    limit: int | None = None,
) -> ImportSummary:
    """Import a CSV export described by ``spec`` into the store at ``root``."""
    notes = Notes(str(source))
    directory = Directory.of(policy, f"{spec.system}（导入 imported）")
    translator = CsvTranslator(spec, policy, directory, notes, zone)
    drafts = drafted(ticket_rows(source, spec, notes, translator), translator, progress, limit)
    return write_drafts(
        root, policy, drafts, notes=notes, directory=directory, service=service, zone=zone, system=spec.system
    )
