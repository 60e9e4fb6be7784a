"""How ``itsmctl summary`` is written: plain text or JSON."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import asdict

from itsmctl.escape import json_text, terminal_lines
from itsmctl.summary import StoreSummary


def text(s: StoreSummary) -> str:
    lines = [f"files: {s.files} ({s.valid} valid)", "records:"]
    lines += [f"  {kind:<20} {n:>6}" for kind, n in s.records_by_kind.items()]
    if s.first_opened:
        lines.append(f"tickets opened from {s.first_opened} to {s.last_opened}")
    for kind, statuses in s.tickets_by_status.items():
        lines += _wrapped(f"  {kind:<10} ", [f"{st} {n}" for st, n in statuses.items()])
    lines += _wrapped("open tickets by priority: ", [f"{p} {n}" for p, n in s.open_by_priority.items()] or ["none"])
    if s.cis_by_status:
        lines += _wrapped("CIs by status: ", [f"{st} {n}" for st, n in s.cis_by_status.items()])
    return terminal_lines("\n".join(lines)) + "\n"


LINE_WIDTH = 80
"""Plain text that reads in an 80-column terminal whatever its width: long lists wrap, indented."""


def _wrapped(head: str, items: list[str]) -> list[str]:
    """``head`` then ``items`` joined by commas, wrapped at ``LINE_WIDTH`` under the first item."""
    return textwrap.wrap(
        ", ".join(items),
        width=LINE_WIDTH,
        initial_indent=head,
        subsequent_indent=" " * min(len(head), 13),
        break_long_words=False,
        break_on_hyphens=False,
    )


def as_json(s: StoreSummary) -> str:
    return json_text(asdict(s), indent=2) + "\n"


SUMMARY_REPORTERS: dict[str, Callable[[StoreSummary], str]] = {"text": text, "json": as_json}
