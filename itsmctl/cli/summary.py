"""``itsmctl summary``."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption
from itsmctl.cli.output import emit, note_left_out
from itsmctl.errors import UsageError
from itsmctl.store.snapshot import open_store
from itsmctl.summary import StoreSummary, summarise


def _text(s: StoreSummary) -> str:
    lines = [f"files: {s.files} ({s.valid} valid)", "records:"]
    lines += [f"  {kind:<20} {n:>6}" for kind, n in s.records_by_kind.items()]
    if s.first_opened:
        lines.append(f"tickets opened from {s.first_opened} to {s.last_opened}")
    for kind, statuses in s.tickets_by_status.items():
        lines.append(f"  {kind:<10} " + ", ".join(f"{st} {n}" for st, n in statuses.items()))
    lines.append(
        "open tickets by priority: " + (", ".join(f"{p} {n}" for p, n in s.open_by_priority.items()) or "none")
    )
    if s.cis_by_status:
        lines.append("CIs by status: " + ", ".join(f"{st} {n}" for st, n in s.cis_by_status.items()))
    return "\n".join(lines) + "\n"


def _json(s: StoreSummary) -> str:
    return json.dumps(asdict(s), ensure_ascii=False, indent=2) + "\n"


SUMMARY_REPORTERS = {"text": _text, "json": _json}


def summary(
    records: RecordsOption = DEFAULT_RECORDS,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> int:
    """What the store holds: records by kind, tickets by status, open tickets by priority."""
    reporter = SUMMARY_REPORTERS.get(format)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(SUMMARY_REPORTERS)}")
    _, snapshot = open_store(records, need_policy=False)
    emit(reporter(summarise(snapshot)))
    note_left_out(snapshot.left_out())
    return 0
