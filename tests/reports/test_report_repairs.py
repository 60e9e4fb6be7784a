"""The repairs report's vendor section: each trip measured by the SLA engine (docs/sla-rules.md §5.18-§5.19).

The report store plus one printer sent to the vendor on Monday 2026-10-12 10:00, written
progress on Wednesday 10-14 15:00, then silence until its return on Tuesday 10-27 10:00;
the SLA agrees a loaner unit and none was issued.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers_reports import AT, REPORT_STORE

TRIP = Path(__file__).parent / "data" / "INC-2610-A000C.yaml"


def _store(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(REPORT_STORE, root)
    shutil.copy(TRIP, root / "tickets" / "2026" / "10" / TRIP.name)
    return root


def test_a_repair_silent_for_thirteen_days_is_flagged_after_its_return(tmp_path: Path, cli) -> None:
    root = _store(tmp_path)
    r = cli("report", "repairs", "--month", "2026-10", "--lang", "zh", "--records", root, "--at", AT)
    vendor = r.stdout.split("## 三、厂商维修进展")[1]
    row = next(line for line in vendor.splitlines() if line.startswith("| INC-2610-A000C"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # sent, back, days, updates, last update, longest gap in business hours, next due, due back, loaner, alert
    assert cells[4:] == [
        "2026-10-12 10:00",
        "2026-10-27 10:00",
        "15.0",
        "1",
        "2026-10-14 15:00",
        # Wed 15:00-18:00 3h, Thu-Fri 15h, 19-23 Oct 37.5h, Mon 26 7.5h, Tue 27 1h = 64h
        "64.0",
        "—",
        # weekends 17-18 and 24-25 October: due back before Saturday 24 October
        "2026-10-24 00:00",
        "未提供",
        "⏰ 进展超期 1 次 ⏰ 返回超期 ⚠ 约定备用机未提供",
    ]
    assert "本月涉及送修 1 台次，进展超期 1 台次，返回超期 1 台次" in r.stdout


def test_a_short_repair_without_progress_shows_its_hours_and_no_progress(tmp_path: Path, cli) -> None:
    root = _store(tmp_path)
    path = root / "tickets" / "2026" / "10" / TRIP.name
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if "repair_progress" not in x]
    text = "\n".join(lines).replace("2026-10-27T10:00:00+08:00", "2026-10-13T08:00:00+08:00")
    path.write_text(text + "\n", encoding="utf-8")
    r = cli("report", "repairs", "--month", "2026-10", "--lang", "zh", "--records", root, "--at", AT)
    row = next(x for x in r.stdout.split("## 三、厂商维修进展")[1].splitlines() if x.startswith("| INC-2610-A000C"))
    # back 22 h after sending: 0.9 days, not 0; no progress written: none, not the send time
    assert [c.strip() for c in row.strip("|").split("|")][5:9] == ["2026-10-13 08:00", "0.9", "0", "无"]


def test_a_device_away_is_not_a_spare_part_wait(tmp_path: Path, cli) -> None:
    r = cli("report", "repairs", "--month", "2026-10", "--lang", "en", "--records", _store(tmp_path), "--at", AT)
    vendor, waits = r.stdout.split("## 3. Vendor repairs")[1].split("## 4. Waiting for a vendor's spare part")
    assert "INC-2610-A000C" in vendor and "INC-2610-A0004" not in vendor
    # pending on the vendor for a disk, nothing sent for repair: a wait, not a repair
    assert "INC-2610-A0004" in waits and "INC-2610-A000C" not in waits


def test_a_return_due_on_estimated_holidays_is_marked(tmp_path: Path, cli) -> None:
    # sent Monday 2026-12-28, not back: progress and return are due in January 2027,
    # whose holidays are only estimated (neither frozen nor official)
    root = _store(tmp_path)
    old = root / "tickets" / "2026" / "10" / TRIP.name
    text = (
        old.read_text(encoding="utf-8").replace("2026-10-12", "2026-12-28").replace("INC-2610-A000C", "INC-2612-A000C")
    )
    lines = [x for x in text.splitlines() if "repair_returned" not in x and "repair_progress" not in x]
    old.unlink()
    (root / "tickets" / "2026" / "12").mkdir(parents=True)
    (root / "tickets" / "2026" / "12" / "INC-2612-A000C.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, words in (("zh", "≈ 估算"), ("en", "≈ Estimated")):
        r = cli(
            "report",
            "repairs",
            "--month",
            "2026-12",
            "--lang",
            lang,
            "--records",
            root,
            "--at",
            "2027-01-04T10:00+08:00",
        )
        assert "INC-2612-A000C" in r.stdout and words in r.stdout and "calendar freeze 2027" in r.stdout, r
    r = cli("report", "repairs", "--month", "2026-10", "--lang", "zh", "--records", _store(tmp_path / "b"), "--at", AT)
    assert "≈" not in r.stdout
