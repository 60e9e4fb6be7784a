"""Reports stay readable at any volume: each detail table shows at most the detail limit of
rows and says how many more there are; ``--full`` lists them all."""

from __future__ import annotations

import re
from pathlib import Path

from itsmctl.reports.render import DETAIL_LIMIT
from tests.conftest import SAMPLE_RECORDS

AT = "2026-11-20T15:00:00+08:00"
MORE = re.compile(r"^… and (\d+) more row\(s\) not listed \((\d+) in all; render with `--full`", re.M)


def _tables(text: str) -> list[int]:
    """Rows of each markdown table, in order (header and rule lines not counted)."""
    sizes, rows, inside = [], 0, False
    for line in text.splitlines():
        if line.startswith("|"):
            if not inside:
                inside, rows = True, -2
            rows += 1
        elif inside:
            sizes.append(rows)
            inside = False
    return sizes


def test_a_detail_table_is_cut_at_the_limit_and_says_how_many_more(cli, tmp_path: Path, monkeypatch) -> None:
    import itsmctl.cli.report as report_cli

    monkeypatch.setattr(report_cli, "DETAIL_LIMIT", 3)
    args = ("report", "monthly", "--month", "2026-10", "--lang", "en", "--records", str(SAMPLE_RECORDS), "--at", AT)
    cut = cli(*args)
    full = cli(*args, "--full")
    assert cut.code == full.code == 0, (cut, full)
    notes = [(int(a), int(b)) for a, b in MORE.findall(cut.stdout)]
    assert notes, "some table of the sample's October has more than 3 rows"
    assert not MORE.search(full.stdout)
    pairs = list(zip(_tables(cut.stdout), _tables(full.stdout), strict=True))
    cut_tables = [f for c, f in pairs if c != f]
    assert all(c == 3 for c, f in pairs if c != f)  # a detail table shows the first 3 rows
    assert [total for _, total in notes] == cut_tables  # and says how many it has in all
    assert all(hidden == total - 3 for hidden, total in notes)


def test_the_chinese_report_says_it_in_chinese(cli, monkeypatch) -> None:
    import itsmctl.cli.report as report_cli

    monkeypatch.setattr(report_cli, "DETAIL_LIMIT", 3)
    out = cli("report", "monthly", "--month", "2026-10", "--records", str(SAMPLE_RECORDS), "--at", AT).stdout
    assert re.search(r"^……另有 \d+ 行未列出（共 \d+ 行；完整清单请加 `--full` 重新生成）。$", out, re.M)


def test_the_default_limit_keeps_a_report_readable() -> None:
    assert 20 <= DETAIL_LIMIT <= 200
