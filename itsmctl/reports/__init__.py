"""Markdown reports: a registry of report kinds, each a data builder plus templates.

``produce`` is the whole pipeline the CLI calls: read the records (folder or git
revision), decide the as-of moment, build the report's context, render its template
for the language.  Same records and same as-of give byte-identical output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from itsmctl.errors import UsageError
from itsmctl.fs import LINK_REASON
from itsmctl.reports import audit, cmdb, inspection, major, monthly, operations, quality, repairs, review
from itsmctl.reports.as_of import snapshot_as_of
from itsmctl.reports.cmdb_as_of import CIBasis, CIsAt, cis_at
from itsmctl.reports.common import Period, ReportInput, report_zone
from itsmctl.reports.render import (
    StoreTemplateLoader,
    TemplateRefused,
    folder_templates,
    render_report,
)
from itsmctl.sla.memo import ClockMemo
from itsmctl.store.revision import TEMPLATES_DIR, GitRevisionSource
from itsmctl.store.snapshot import Snapshot
from itsmctl.store.store import Store
from itsmctl.vcs import path_in_repository

LANGS = ("zh", "en")


AUDIENCES = ("customer", "internal")
CUSTOMER_AND_INTERNAL = AUDIENCES
INTERNAL_ONLY = ("internal",)


@dataclass(frozen=True)
class ReportKind:
    """One report: its name (template stem), the function building its context, and its editions
    (the first is the default: the customer's for what the contract delivers, else internal)."""

    name: str
    build: Callable[..., dict[str, Any]]
    audiences: tuple[str, ...] = CUSTOMER_AND_INTERNAL


REPORTS: dict[str, ReportKind] = {
    "monthly": ReportKind("monthly", monthly.build),
    "quality": ReportKind("quality", quality.build, INTERNAL_ONLY),
    "cmdb": ReportKind("cmdb", cmdb.build),
    "audit": ReportKind("audit", audit.build, INTERNAL_ONLY),
    "repairs": ReportKind("repairs", repairs.build),
    "review": ReportKind("review", review.build, INTERNAL_ONLY),
    "inspection": ReportKind("inspection", inspection.build),
    "major": ReportKind("major", major.build),
    "quarterly": ReportKind("operations", operations.quarterly),
    "yearly": ReportKind("operations", operations.yearly),
}


def edition(kind: str, audience: str | None) -> str:
    """The audience a report of ``kind`` is rendered for: ``audience``, else the report's default.

    UsageError for an audience the report has no edition for: the quality report, audits and the
    management review are the provider's internal quality records, never handed to the customer.
    """
    report = REPORTS[kind]
    if audience is None:
        return report.audiences[0]
    if audience not in AUDIENCES:
        raise UsageError(f"--audience {audience!r}: choose one of {', '.join(AUDIENCES)}")
    if audience not in report.audiences:
        shared = ", ".join(k for k, r in REPORTS.items() if "customer" in r.audiences)
        raise UsageError(
            f"report {kind} is an internal quality record with no {audience} edition "
            f"(reports with a customer edition: {shared})"
        )
    return audience


@dataclass
class LoadedStore:
    """A snapshot plus where it came from and the store's template overrides."""

    snapshot: Snapshot
    label: str
    templates: StoreTemplateLoader | None
    root: Path | None = None
    """The store's folder, for its git history (the CIs at the report's moment)."""
    rev: str | None = None
    """The revision the snapshot was read at (None: the work tree)."""
    clocks: ClockMemo | None = None
    """Settled SLA clocks from the store's content cache."""
    display_root: str = "records"
    """How findings name the store folder (for files read from its history)."""

    def cis_at(self, moment: datetime) -> CIsAt:
        if self.root is None:
            return CIsAt(None, CIBasis("now"))
        return cis_at(self.root, self.rev, moment, self.display_root)


def folder_label(root: Path) -> str:
    """How a report names a records folder: its path inside its git repository, else its name;
    never the path of the machine it ran on (``/home/…/records``)."""
    return path_in_repository(root) or root.resolve().name or "."


def load_store(store: Store) -> LoadedStore:
    """The records as they are in the folder, or as they were at the store's revision,
    with the store's own templates from the same place."""
    snapshot = store.snapshot()
    clocks = ClockMemo(store.cache, store.digests, snapshot) if store.cache is not None else None
    source = store.source
    if not isinstance(source, GitRevisionSource):
        folder = store.root / TEMPLATES_DIR
        loader = None
        if folder.is_symlink():  # never read templates from wherever a committed link points
            raise TemplateRefused(f"templates folder {folder}: {LINK_REASON}; replace the link with a real folder")
        if folder.is_dir():
            loader = StoreTemplateLoader(folder_templates(folder), str(folder))
        label = folder_label(store.root)
        return LoadedStore(snapshot, label, loader, store.root, clocks=clocks, display_root=label)
    revision = source
    entries = revision.templates()

    def lookup(name: str) -> str | None:
        entry = entries.get(name)
        if entry is None:
            return None
        if entry.kind != "file" or len(entry.data) != entry.size:
            raise TemplateRefused(f"template {revision.display(TEMPLATES_DIR + '/' + name)}: not a regular file")
        try:
            return entry.data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateRefused(f"template {revision.display(TEMPLATES_DIR + '/' + name)}: not UTF-8") from None

    loader = StoreTemplateLoader(lookup, revision.display(TEMPLATES_DIR)) if entries else None
    return LoadedStore(snapshot, store.label, loader, store.root, revision.sha, clocks, revision.display_root)


def produce(
    kind: str,
    store: LoadedStore,
    *,
    lang: str,
    now: datetime,
    args: tuple[Any, ...],
    template_file: Path | None = None,
    detail_limit: int | None = None,
    audience: str | None = None,
) -> str:
    """Render report ``kind`` for ``args`` (a period, an audit id…) as of ``now``; each detail
    table shows at most ``detail_limit`` rows (None: all) and says how many more there are."""
    if lang not in LANGS:
        raise UsageError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
    report = REPORTS[kind]
    store.snapshot.require_policy()  # organisation, people, priorities: no report without them
    # a report is "as of" its moment: records and events after it must not leak in
    chosen = edition(kind, audience)
    zone = report_zone(store.snapshot)
    cis = store.cis_at(now)
    view = snapshot_as_of(store.snapshot, now, zone, cis.files)
    inp = ReportInput(view, now, zone, lang, store.label, chosen, clocks=store.clocks, ci_basis=cis.basis)
    context = report.build(inp, *args)
    if store.clocks is not None:
        store.clocks.save()
    context["lang"] = lang
    context["audience"] = chosen
    return render_report(
        f"{report.name}.{lang}.md.j2",
        context,
        store_templates=store.templates,
        template_file=template_file,
        detail_limit=detail_limit,
    )


__all__ = ["AUDIENCES", "LANGS", "REPORTS", "LoadedStore", "Period", "ReportKind", "edition", "load_store", "produce"]
