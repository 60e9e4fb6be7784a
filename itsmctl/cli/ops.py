"""``itsmctl ops …``: routine operations (例行操作, docs/operations.md).

``due`` lists each plan's occurrences due in a month (or from/to two days) with their
state at ``--at``; ``record`` writes one performed operation, committed as the ticket
verbs commit (``--commit/--no-commit``, ``--by``).  The core is ``itsmctl.ops``.
"""

from __future__ import annotations

import calendar as monthdays
from datetime import date
from typing import Annotated

import typer

from itsmctl import clock
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, emit_listing, report_commit
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import DimOption, acting, parse_dims
from itsmctl.clock import command_now, local_day, parse_at
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.errors import FieldError, UsageError
from itsmctl.ops.record import ItemInput, parse_result, prepare_operation, reference_snapshot
from itsmctl.ops.schedule import store_schedule
from itsmctl.reporters.ops import OPS_DUE_REPORTERS
from itsmctl.tickets.edit import policy_zone
from itsmctl.tickets.inspection import IncidentSpec, record_with_incidents
from itsmctl.vcs import commit_message

app = typer.Typer(
    help="例行操作 Routine operations: 到期 due (due, done, late, overdue), 记录 record (one performed).",
    no_args_is_help=True,
)

OpsDueFormat = choice("OpsDueFormat", OPS_DUE_REPORTERS)


def _month(text: str | None, today: date) -> tuple[date, date]:
    if text is None:
        year, month = today.year, today.month
    else:
        try:
            year, month = (int(part) for part in text.split("-"))
            date(year, month, 1)
        except ValueError:
            raise FieldError("month", f"--month {text!r} is not a month like 2026-10") from None
    return date(year, month, 1), date(year, month, monthdays.monthrange(year, month)[1])


@app.command("due")
def due(
    month: Annotated[str | None, typer.Option("--month", help="月份 The month, YYYY-MM (default: now's).")] = None,
    plan: Annotated[list[str] | None, typer.Option("--plan", help="计划 Only this plan id (repeat).")] = None,
    format: Annotated[OpsDueFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """到期例行操作 Each plan's occurrences due in the month: on time, late, overdue or not yet due."""
    now = parse_at(at)
    store = open_records(records)
    snapshot = store.without_tickets()  # plans, operations, calendars
    first, last = _month(month, local_day(now, store.zone))
    rows = store_schedule(snapshot, first, last, now, plan or ())
    return emit_listing(OPS_DUE_REPORTERS, format, rows, first.isoformat(), last.isoformat(), now, store=store)


def _per_item(items: list[str] | None, option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in items or []:
        item, sep, value = text.partition("=")
        if not sep or not item.strip() or not value.strip():
            raise FieldError(option.lstrip("-"), f"{option} {text!r}: write ITEM=TEXT")
        out[item.strip()] = value.strip()
    return out


@app.command("record")
def record(
    plan_id: Annotated[str, typer.Argument(help="计划 The operation plan id, e.g. OP-INSPECT-MONTHLY.")],
    result: Annotated[
        list[str] | None,
        typer.Option("--result", help="结果 ITEM=pass|fail[:VALUE] (正常/异常 too); one per checklist item."),
    ] = None,
    note: Annotated[list[str] | None, typer.Option("--note", help="说明 ITEM=TEXT: how a result was handled.")] = None,
    incident: Annotated[
        list[str] | None, typer.Option("--incident", help="事件 ITEM=INC-…: the incident a failed item opened.")
    ] = None,
    finding: Annotated[list[str] | None, typer.Option("--finding", help="发现 A finding (repeat).")] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="周期 2026-10, 2026-Q4, 2026-W41… (default: the one holding --at).")
    ] = None,
    open_incident: Annotated[
        list[str] | None,
        typer.Option("--open-incident", help="转事件 ITEM: open an incident for this failed item, linked (repeat)."),
    ] = None,
    dim: DimOption = None,
    priority: Annotated[
        str | None, typer.Option("--priority", help="优先级 The incidents' priority by hand (needs --reason).")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="理由 Why --priority differs from the matrix.")] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="服务 The incidents' service (default: the plan's).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """记录例行操作 Write one performed operation: the checklist's results, findings, who and when."""
    store = open_records(records)
    policy = store.policy
    actor = acting(records, policy, by)
    now = command_now(at, policy_zone(policy), real=clock.real_now())
    notes, incidents = _per_item(note, "--note"), _per_item(incident, "--incident")
    given = [parse_result(text) for text in result or []]
    named = {g.item for g in given}
    stray = sorted((set(notes) | set(incidents)) - named)
    if stray:
        raise FieldError("note", f"{', '.join(stray)}: a --note or --incident for an item without a --result")
    items = [ItemInput(g.item, g.result, g.value, notes.get(g.item), incidents.get(g.item)) for g in given]
    wanting = IncidentSpec(tuple(open_incident or ()), parse_dims(dim), priority, reason, service)
    if not wanting.items and (dim or priority or reason or service):
        raise UsageError("--dim, --priority, --reason and --service grade the incidents of --open-incident ITEM")
    with store_write(records):
        prepared = prepare_operation(
            records, reference_snapshot(records), plan_id, items, actor=actor, now=now, period=period, findings=finding
        )
        if wanting.items:
            done = record_with_incidents(records, prepared, items, wanting, actor=actor, now=now)
            written, paths = done.recorded, done.paths
        else:
            written = prepared.write()
            paths = [written.path]
        failed = f", failed: {', '.join(written.failed)}" if written.failed else ""
        emit(f"{written.operation_id}: {plan_id} {written.period}{failed}\n")
        for item, ticket_id in done.incidents.items() if wanting.items else ():
            emit(f"{ticket_id}: incident opened for {item}\n")
        message = commit_message(written.operation_id, "ops record", actor, f"{plan_id} {written.period}", {})
        wanted = policy.commit if commit is None else commit
        committed = commit_files(records, paths, message, author=author_of(policy, actor), commit=wanted)
        report_commit(committed)
    return 0
