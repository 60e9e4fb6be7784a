"""工时: time spent recorded by command on ticket events, summed per service and (internally) per engineer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

AT = "2026-11-20T15:00:00+08:00"


@pytest.fixture
def store(sample_store: Path) -> Path:
    return sample_store


def _note(cli: Any, store: Path, ticket: str, spent: str, by: str, at: str) -> Any:
    return cli("ticket", "note", ticket, "现场处理", "--spent", spent, "--records", store, "--by", by,
               "--at", at, "--no-commit")  # fmt: skip


def _without_recorded_hours(store: Path) -> None:
    """The sample records hours on its tickets; these hand-checked figures start from none."""
    for path in (store / "tickets").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "spent:" in text:
            path.write_text(re.sub(r"(?m)^ +spent: .*\n", "", text), encoding="utf-8")


def test_time_spent_by_command_is_summed_per_service_and_engineer(cli: Any, store: Path) -> None:
    _without_recorded_hours(store)
    assert _note(cli, store, "INC-2610-T7W3T", "1h30m", "liu.yang", "2026-10-20T10:00:00+08:00").code == 0
    assert _note(cli, store, "INC-2610-T7W3T", "45m", "wang.qiang", "2026-10-21T10:00:00+08:00").code == 0
    assert _note(cli, store, "INC-2610-T7W3T", "2h", "liu.yang", "2026-11-02T10:00:00+08:00").code == 0  # November
    text = (store / "tickets/2026/10/INC-2610-T7W3T.yaml").read_text(encoding="utf-8")
    assert "    spent: 1h30m\n" in text and "    spent: 45m\n" in text
    internal = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", AT,
                   "--audience", "internal").stdout  # fmt: skip
    hours = internal.split("### 工时", 1)[1].split("\n## ", 1)[0]
    assert "本月记录工时 2.25 小时（2 条记录" in hours  # 1h30m + 45m = 2.25 h; November's 2 h is not October's
    assert "| 现场维护 (SVC-ONSITE) | 2.25 | 100.0% |" in hours
    # the rows add up to the total (to one decimal 1.5 + 0.8 would not make 2.2)
    assert "| 刘洋 | 1.5 | 66.7% |" in hours and "| 王强 | 0.75 | 33.3% |" in hours
    customer = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", AT).stdout
    assert "| 现场维护 (SVC-ONSITE) | 2.25 |" in customer and "| 刘洋 | 1.5 |" not in customer


def test_the_sample_s_recorded_hours_add_up(cli: Any, store: Path) -> None:
    """October's total is the sum of every ``spent:`` on an event dated in October (Shanghai), read
    here from the files with a regular expression, not with itsmctl's loader."""
    total = 0
    events = 0
    pattern = re.compile(r"(?m)^  - id: .*\n    at: (?P<at>\S+)\n(?:    (?!spent:).*\n)*?    spent: (?P<spent>\S+)$")
    for path in (store / "tickets").rglob("*.yaml"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            if not match.group("at").startswith("2026-10-"):
                continue
            spent = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", match.group("spent"))
            assert spent is not None, match.group("spent")
            total += int(spent.group(1) or 0) * 60 + int(spent.group(2) or 0)
            events += 1
    assert events > 20
    text = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", AT).stdout
    shown = f"{total / 60:.2f}".rstrip("0").rstrip(".")
    assert f"本月记录工时 {shown} 小时（{events} 条记录" in text


@pytest.mark.parametrize(
    ("spent", "said"), [("2bd", "clock time"), ("soon", "clock time"), ("1.5h", "like 45m, 1h30m")]
)
def test_time_spent_that_is_no_clock_time_is_refused_and_nothing_written(cli: Any, store: Path, spent: str,
                                                                           said: str) -> None:  # fmt: skip
    path = store / "tickets/2026/10/INC-2610-T7W3T.yaml"
    before = path.read_bytes()
    refused = _note(cli, store, "INC-2610-T7W3T", spent, "liu.yang", "2026-10-20T10:00:00+08:00")
    assert refused.code == 2 and said in refused.stderr, refused
    assert path.read_bytes() == before
