"""``itsmctl history ID``: who changed a ticket or CI, when, and which events or fields each commit changed."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, HistoryFormatOption, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.cli.records import open_records
from itsmctl.cmdb.edit import ci_path
from itsmctl.errors import NotFoundError
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.reporters.tickets import HISTORY_REPORTERS
from itsmctl.tickets.edit import ticket_path
from itsmctl.vcs import history as git_history


def history(
    ticket_id: Annotated[str, typer.Argument(help="工单号或配置项 Ticket or CI id.")],
    format: HistoryFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """变更历史 A ticket's or CI's history from git (one batched git call): commit, author, date, events or fields."""
    store = open_records(records)
    is_ticket = re.fullmatch(MONTHLY_ID_PATTERN, ticket_id) is not None
    rel = ticket_path(ticket_id) if is_ticket else ci_path(store.root, ticket_id).relative_to(store.root)
    what = "ticket" if is_ticket else "CI"
    revisions = git_history(store.root, str(rel))
    if not revisions:
        if not (store.root / rel).exists():
            raise NotFoundError(f"no {what} {ticket_id} in {records} and none in git history")
        note(f"{ticket_id} has no commits yet (the file is not committed)")
    emit(HISTORY_REPORTERS[format](revisions))
    return 0
