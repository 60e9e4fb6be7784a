"""docs/sla-rules.md §8 names each field of ``sla status --format json`` once, as ``ClockStatus.as_row()``."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from itsmctl.sla import ClockStatus

DOC = Path(__file__).resolve().parents[2] / "docs" / "sla-rules.md"


def _json_sentence() -> str:
    commands = DOC.read_text(encoding="utf-8").split("## 8. ", 1)[1]
    start = commands.index("JSON rows")
    return commands[start : commands.index("--format github", start)]


def test_the_json_field_list_is_the_rows_keys_each_once() -> None:
    at = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    row = ClockStatus("INC-1", "incident", "response", "ok", "P3", "SLA-1", at, at, None, 60, 0, 60, 0.0,
                      "business", coverage="out_of_hours").as_row()  # fmt: skip
    named = re.findall(r"`([a-z_]+)(?:: [a-z_]+)?`", _json_sentence())
    assert sorted(set(named)) == sorted(row)
    assert len(named) == len(set(named)), "a field is named twice"
