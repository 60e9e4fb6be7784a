"""How ``itsmctl summary`` is written: plain text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from itsmctl.summary import StoreSummary


def text(s: StoreSummary) -> str:
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


def as_json(s: StoreSummary) -> str:
    return json.dumps(asdict(s), ensure_ascii=False, indent=2) + "\n"


SUMMARY_REPORTERS: dict[str, Callable[[StoreSummary], str]] = {"text": text, "json": as_json}
