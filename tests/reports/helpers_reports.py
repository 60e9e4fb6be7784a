"""Shared constants for the report tests: the fixed store, the pinned moment, the cases."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT_STORE = HERE.parent / "examples" / "report_store"
GOLDEN = HERE / "golden"
AT = "2026-11-05T09:00:00+08:00"

CASES: dict[str, list[str]] = {
    "monthly": ["monthly", "--month", "2026-10"],
    "monthly-internal": ["monthly", "--month", "2026-10", "--audience", "internal"],
    "quality": ["quality", "--month", "2026-10"],
    "cmdb": ["cmdb", "--month", "2026-10"],
    "audit": ["audit", "AUD-2026-H2"],
    "repairs": ["repairs", "--month", "2026-10"],
    "review": ["review", "2026"],
    "major": ["major", "INC-2610-A0002"],
    "quarterly": ["quarterly", "2026-Q4"],
    "yearly": ["yearly", "2026"],
}
"""Golden file stem -> ``itsmctl report`` arguments."""
LEFT_OUT_EXIT = 1
"""The report store holds one broken ticket on purpose, so every command that reads it names
the file and exits 1 (``itsmctl.exits``), after writing its output."""
