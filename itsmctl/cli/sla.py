"""``itsmctl sla``: SLA clocks computed from the event log."""

from __future__ import annotations

import shutil
import sys
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption
from itsmctl.cli.output import emit, note, note_left_out
from itsmctl.clock import parse_at
from itsmctl.errors import NotFoundError, StoreError, UsageError
from itsmctl.reporters.table_fit import DEFAULT_WIDTH
from itsmctl.sla import evaluate_store
from itsmctl.sla.reporters import STATUS_REPORTERS
from itsmctl.store.snapshot import open_store

app = typer.Typer(help="SLA clocks: 响应/到场/备件/恢复/解决/回访.", no_args_is_help=True)


@app.command("status")
def status(
    ids: Annotated[list[str] | None, typer.Argument(help="Ticket ids (default: every ticket).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    open_only: Annotated[bool, typer.Option("--open-only", help="Only tickets not yet closed.")] = False,
    format: Annotated[str | None, typer.Option("--format", help="table (terminal default), text or json.")] = None,
) -> int:
    """Every clock's state: ok, warning, breached, met, missed or paused. Exit 0 (states are data)."""
    chosen = format or ("table" if sys.stdout.isatty() else "text")
    reporter = STATUS_REPORTERS.get(chosen)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(STATUS_REPORTERS)}")
    now = parse_at(at)
    if not records.is_dir():
        raise StoreError(f"records folder {records} does not exist")
    _, snapshot = open_store(records)
    if ids:
        missing = [i for i in ids if snapshot.get(i) is None]
        if missing:
            raise NotFoundError(f"no ticket {', '.join(missing)} in {records}")
    rows = evaluate_store(snapshot, now, ids=ids or None, open_only=open_only)
    emit(reporter(rows, width=shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns))
    if not rows:
        note("no clocks: no ticket here is covered by an SLA target")
    left_out = snapshot.left_out()
    note_left_out(left_out)
    return 1 if left_out else 0
