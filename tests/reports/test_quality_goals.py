"""The quality report judges its rates against the policy's goals, not against constants.

Report store, October 2026: first-line resolution 1 of 3 (33.3 %), callbacks 2 of 3 on
time (66.7 %), 2 callback surveys, both reached.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers_reports import REPORT_STORE

AT = "2026-11-05T09:00:00+08:00"


def _store(tmp_path: Path, extra_policy: str = "", survey_edit: tuple[str, str] | None = None) -> Path:
    root = tmp_path / "records"
    shutil.copytree(REPORT_STORE, root)
    policy = root / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + extra_policy, encoding="utf-8")
    if survey_edit is not None:
        path = root / survey_edit[0]
        path.write_text(path.read_text(encoding="utf-8") + survey_edit[1], encoding="utf-8")
    return root


def _row(stdout: str, name: str) -> list[str]:
    line = next(line for line in stdout.splitlines() if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_goals_default_to_the_seed_procedures(cli, tmp_path: Path) -> None:
    r = cli("report", "quality", "--month", "2026-10", "--lang", "en", "--records", _store(tmp_path), "--at", AT)
    assert _row(r.stdout, "First-line resolution")[1:3] == ["33.3%", "30.0%"]
    assert _row(r.stdout, "Callbacks on time")[1:3] == ["66.7%", "100.0%"]


def test_the_policy_sets_the_goals(cli, tmp_path: Path) -> None:
    store = _store(tmp_path, "quality_goals: {first_line_percent: 40, callback_percent: 60}\n")
    r = cli("report", "quality", "--month", "2026-10", "--lang", "en", "--records", store, "--at", AT)
    assert _row(r.stdout, "First-line resolution")[1:] == ["33.3%", "40.0%", "1/3", "❌ missed"]
    assert _row(r.stdout, "Callbacks on time")[1:] == ["66.7%", "60.0%", "2/3", "✅ met"]
    r = cli("report", "monthly", "--month", "2026-10", "--lang", "zh", "--records", store, "--at", AT)
    assert "及时率 66.7%（目标 60.0%）" in r.stdout


def test_an_unreached_callback_is_not_on_time_and_the_reach_rate_is_reported(cli, tmp_path: Path) -> None:
    store = _store(tmp_path, survey_edit=("surveys/2026/10/SUR-2610-A0002.yaml", "reached: false\n"))
    r = cli("report", "quality", "--month", "2026-10", "--lang", "en", "--records", store, "--at", AT)
    assert _row(r.stdout, "Callbacks on time")[1:4] == ["33.3%", "100.0%", "1/3"]
    assert _row(r.stdout, "Callbacks reaching the customer")[1:4] == ["50.0%", "—", "1/2"]
    r = cli("report", "monthly", "--month", "2026-10", "--lang", "en", "--records", store, "--at", AT)
    assert "Callback reach rate: 2 callback(s) made this month, 1 reached the customer, 50.0%" in r.stdout
