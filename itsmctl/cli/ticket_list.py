"""``itsmctl ticket list`` and ``itsmctl ticket show``."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from typing import Annotated

import typer

from itsmctl.cli.options import (
    DEFAULT_RECORDS,
    AtOption,
    ListFormatOption,
    RecordsOption,
    ShowFormatOption,
)
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.exits import CommandResult
from itsmctl.reporters.table_fit import DEFAULT_WIDTH
from itsmctl.reporters.tickets import LIST_REPORTERS, SHOW_REPORTERS
from itsmctl.tickets.edit import read_ticket
from itsmctl.tickets.listing import TicketFilter, select

Many = Annotated[list[str] | None, typer.Option()]


def _day(text: str | None, option: str) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not an ISO date or time like 2026-10-01") from None
    if value.tzinfo is None:
        value = value.astimezone()  # a bare date means the local day
    return value


def list_tickets(
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="类型 Kind: incident, request, problem, change, complaint (repeat)."),
    ] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="状态 Status (repeat for any of).")] = None,
    priority: Annotated[
        list[str] | None, typer.Option("--priority", help="优先级 Priority (repeat for any of).")
    ] = None,
    assignee: Annotated[
        list[str] | None, typer.Option("--assignee", help="处理人 Assignee (repeat for any of).")
    ] = None,
    group: Annotated[list[str] | None, typer.Option("--group", help="处理组 Group (repeat for any of).")] = None,
    service: Annotated[list[str] | None, typer.Option("--service", help="服务 Service id (repeat for any of).")] = None,
    ci: Annotated[list[str] | None, typer.Option("--ci", help="配置项 CI id (repeat for any of).")] = None,
    opened_from: Annotated[
        str | None, typer.Option("--opened-from", help="开单起 Opened at or after (ISO date/time).")
    ] = None,
    opened_to: Annotated[str | None, typer.Option("--opened-to", help="开单止 Opened before (ISO date/time).")] = None,
    closed_from: Annotated[
        str | None, typer.Option("--closed-from", help="关闭起 Closed at or after (ISO date/time).")
    ] = None,
    closed_to: Annotated[str | None, typer.Option("--closed-to", help="关闭止 Closed before (ISO date/time).")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="仅未关闭 Only tickets not in a final status.")] = False,
    breached: Annotated[
        bool, typer.Option("--breached", help="仅超时 Only tickets with an SLA target breached or missed.")
    ] = False,
    format: ListFormatOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """列表 List tickets matching every filter given (repeat an option for 'any of')."""
    reporter = LIST_REPORTERS[format or ("table" if sys.stdout.isatty() else "text")]
    wanted = TicketFilter(
        kinds=tuple(kind or ()),
        statuses=tuple(status or ()),
        priorities=tuple(priority or ()),
        assignees=tuple(assignee or ()),
        groups=tuple(group or ()),
        services=tuple(service or ()),
        cis=tuple(ci or ()),
        opened_from=_day(opened_from, "--opened-from"),
        opened_to=_day(opened_to, "--opened-to"),
        closed_from=_day(closed_from, "--closed-from"),
        closed_to=_day(closed_to, "--closed-to"),
        open_only=open_only,
        breached=breached,
    )
    store = open_records(records)
    snapshot = store.snapshot()
    store.require_policy()
    rows = select(snapshot, wanted, parse_at(at))
    emit(reporter(rows, width=shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns))
    note(f"{len(rows)} ticket(s)")
    return finish(CommandResult(left_out=store.left_out()))


def show(
    ticket_id: Annotated[str, typer.Argument(help="工单号 Ticket id.")],
    format: ShowFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """查看 A ticket's current fields and its event log."""
    store = open_records(records)
    store.require_policy()
    _, _, ticket = read_ticket(store.root, ticket_id, default_tz=store.zone, advice="it does not load")
    emit(SHOW_REPORTERS[format](ticket))
    return 0
