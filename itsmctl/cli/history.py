"""``itsmctl history ID``: who changed a ticket, when, and which events each commit added."""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.reporters.tickets import HISTORY_REPORTERS
from itsmctl.tickets.edit import ticket_path
from itsmctl.vcs import history as git_history


def history(
    ticket_id: Annotated[str, typer.Argument(help="Ticket id.")],
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """变更历史 The ticket's history from git (one batched git call): commit, author, date, events added."""
    reporter = HISTORY_REPORTERS.get(format)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(HISTORY_REPORTERS)}")
    rel = ticket_path(ticket_id)
    revisions = git_history(records, str(rel))
    if not revisions:
        if not (records / rel).exists():
            raise NotFoundError(f"no ticket {ticket_id} in {records} and none in git history")
        note(f"{ticket_id} has no commits yet (the file is not committed)")
    emit(reporter(revisions))
    return 0
