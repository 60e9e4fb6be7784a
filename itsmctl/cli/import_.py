"""``itsmctl import servicenow|csv``: bring the history of another tool into the store.

The core (``itsmctl.importers``) writes the records; this turns options into its
arguments, draws a bar on a terminal, commits the files written in one commit (or stages
them with ``--no-commit``) and prints the summary.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, FORMAT_HELP, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, report_commit
from itsmctl.cli.records import LoadingBar
from itsmctl.commits import commit_files, store_write
from itsmctl.escape import commit_line
from itsmctl.importers.mapping import load_mapping
from itsmctl.importers.run import ImportSummary, Progress, import_csv, import_service, import_servicenow, import_zone
from itsmctl.reporters.imports import IMPORT_REPORTERS
from itsmctl.tickets.edit import load_policy, policy_zone

if TYPE_CHECKING:
    ImportFormat: TypeAlias = str
else:
    ImportFormat = choice("ImportFormat", IMPORT_REPORTERS)

app = typer.Typer(help="导入 Import tickets and their history from another tool.", no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(help="导出文件 The export: a CSV file, or a zip holding one.")]
TzOption = Annotated[
    str | None,
    typer.Option("--tz", help="时区 Zone of the export's times (IANA name); default: the policy's default_timezone."),
]
ServiceOption = Annotated[
    str | None,
    typer.Option("--service", help="服务 Service the imported tickets belong to; default: the store's only one."),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="试导入 Import only the first N tickets (a trial).")
]
ImportFormatOption = Annotated[ImportFormat, typer.Option("--format", help=FORMAT_HELP + " of the summary.")]


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A bar of tickets drafted on stderr, on a terminal only (the total is not known ahead: rows stream)."""
    isatty = getattr(sys.stderr, "isatty", None)
    if not (isatty and isatty()):
        yield None
        return
    bar = LoadingBar(sys.stderr, threshold=0, label="导入 importing")
    try:
        yield lambda done: bar(done, done + 1)
    finally:
        bar.close()


def _finish(records: Path, summary: ImportSummary, commit: bool | None, wanted_default: bool, fmt: str) -> int:
    wanted = wanted_default if commit is None else commit
    if summary.paths:
        w = summary.written
        message = commit_line(
            f"import {summary.system} {Path(summary.file).name}: {w.created} new, {w.updated} updated"
        )
        report_commit(commit_files(records, summary.paths, message, author=None, commit=wanted))
    emit(IMPORT_REPORTERS[fmt](summary))
    return 0


@app.command("servicenow")
def servicenow(
    file: FileArg,
    records: RecordsOption = DEFAULT_RECORDS,
    tz: TzOption = None,
    service: ServiceOption = None,
    limit: LimitOption = None,
    commit: CommitOption = None,
    format: ImportFormatOption = "text",
) -> int:
    """ServiceNow 事件日志 A ServiceNow incident event log (one row per update) into incidents with their history."""
    with store_write(records):
        policy = load_policy(records)
        zone, chosen = import_zone(tz, policy_zone(policy)), import_service(records, service)
        with _progress() as progress:  # closed before the summary is printed
            summary = import_servicenow(
                records, policy, file, zone=zone, service=chosen, progress=progress, limit=limit
            )
        return _finish(records, summary, commit, policy.commit, format)


@app.command("csv")
def csv_(
    file: FileArg,
    mapping: Annotated[Path, typer.Option("--mapping", help="映射 The mapping file (YAML): columns, values, dates.")],
    records: RecordsOption = DEFAULT_RECORDS,
    tz: TzOption = None,
    service: ServiceOption = None,
    limit: LimitOption = None,
    commit: CommitOption = None,
    format: ImportFormatOption = "text",
) -> int:
    """CSV 导入 Any tool's CSV export (OTRS/Znuny, GLPI, iTop…) through a mapping file."""
    with store_write(records):
        policy = load_policy(records)
        spec = load_mapping(mapping)
        zone = import_zone(tz or spec.timezone, policy_zone(policy))
        chosen = import_service(records, service or spec.service)
        with _progress() as progress:  # closed before the summary is printed
            summary = import_csv(records, policy, file, spec, zone=zone, service=chosen, progress=progress, limit=limit)
        return _finish(records, summary, commit, policy.commit, format)
