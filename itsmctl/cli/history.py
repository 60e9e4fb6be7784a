"""``itsmctl history ID``: who changed a ticket, when, and which events each commit added."""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, HistoryFormatOption, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.cli.records import open_records
from itsmctl.errors import NotFoundError
from itsmctl.reporters.tickets import HISTORY_REPORTERS
from itsmctl.tickets.edit import ticket_path
from itsmctl.vcs import history as git_history


def history(
    ticket_id: Annotated[str, typer.Argument(help="工单号 Ticket id.")],
    format: HistoryFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """变更历史 The ticket's history from git (one batched git call): commit, author, date, events added."""
    store = open_records(records)
    rel = ticket_path(ticket_id)
    revisions = git_history(store.root, str(rel))
    if not revisions:
        if not (store.root / rel).exists():
            raise NotFoundError(f"no ticket {ticket_id} in {records} and none in git history")
        note(f"{ticket_id} has no commits yet (the file is not committed)")
    emit(HISTORY_REPORTERS[format](revisions))
    return 0
