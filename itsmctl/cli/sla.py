"""``itsmctl sla``: SLA clocks computed from the event log."""

from __future__ import annotations

import shutil
import sys
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption, StatusFormatOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.exits import CommandResult
from itsmctl.reporters.sla import STATUS_REPORTERS
from itsmctl.reporters.table_fit import DEFAULT_WIDTH
from itsmctl.sla import evaluate_store
from itsmctl.store.facts import open_tickets

app = typer.Typer(help="SLA 时钟 SLA clocks: 响应/到场/备件/恢复/解决/回访.", no_args_is_help=True)


@app.command("status")
def status(
    ids: Annotated[list[str] | None, typer.Argument(help="工单号 Ticket ids (default: every ticket).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    open_only: Annotated[bool, typer.Option("--open-only", help="仅未关闭 Only tickets not yet closed.")] = False,
    format: StatusFormatOption = None,
) -> int:
    """时钟状态 Every clock's state: ok, warning, breached, met, missed or paused.

    Exit 0 whatever the states (they are data); 1 when a file does not load.
    """
    reporter = STATUS_REPORTERS[format or ("table" if sys.stdout.isatty() else "text")]
    now = parse_at(at)
    store = open_records(records)
    # --open-only: the cache's facts say which tickets are closed, and those are not loaded
    snapshot = store.partial(open_tickets(now, ids or [])) if open_only else store.snapshot()
    store.require_policy()
    for ticket_id in ids or []:
        snapshot.require_record(ticket_id, "ticket")
    rows = evaluate_store(snapshot, now, ids=ids or None, open_only=open_only)
    emit(reporter(rows, width=shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns))
    if not rows:
        note("no clocks: no ticket here is covered by an SLA target")
    return finish(CommandResult(left_out=store.left_out()))
