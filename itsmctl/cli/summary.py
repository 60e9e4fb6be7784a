"""``itsmctl summary``."""

from __future__ import annotations

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption, SummaryFormatOption
from itsmctl.cli.output import emit, finish
from itsmctl.cli.records import open_records
from itsmctl.exits import CommandResult
from itsmctl.reporters.summary import SUMMARY_REPORTERS
from itsmctl.summary import summarise


def summary(
    records: RecordsOption = DEFAULT_RECORDS,
    format: SummaryFormatOption = "text",
) -> int:
    """概况 What the store holds: records by kind, tickets by status, open tickets by priority."""
    store = open_records(records)
    emit(SUMMARY_REPORTERS[format](summarise(store.snapshot())))
    return finish(CommandResult(left_out=store.left_out()))
