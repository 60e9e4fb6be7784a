"""The monthly report's headline figures, recomputed independently from the JSON that
``itsmctl sla status`` and ``itsmctl ticket list`` print (issue 5, item 7).

The rule being checked: a met clock counts in the month it stopped, a missed or
breached clock in the month its deadline passed; achievement = met / (met + missed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from helpers_reports import AT, LEFT_OUT_EXIT, REPORT_STORE

from itsmctl.models.labels import label
from itsmctl.reports.slafigures import COVERAGE_MARK

SAMPLE = Path(__file__).resolve().parents[2] / "records"
SAMPLE_AT = "2026-11-20T15:00:00+08:00"
SLA_TARGETS = ("response", "onsite", "spare_part", "recovery", "resolution")
MONTH_START = datetime.fromisoformat("2026-10-01T00:00:00+08:00")
MONTH_END = datetime.fromisoformat("2026-11-01T00:00:00+08:00")


def _in_month(text: str | None) -> bool:
    return text is not None and MONTH_START <= datetime.fromisoformat(text) < MONTH_END


def _settled(row: dict) -> bool:
    if row["state"] == "met":
        return _in_month(row["stopped_at"])
    return row["state"] in ("missed", "breached") and _in_month(row["deadline"])


def _pct(part: int, whole: int) -> str:
    return "—" if not whole else f"{100.0 * part / whole:.1f}%"


@pytest.mark.parametrize(("store", "at"), [(REPORT_STORE, AT), (SAMPLE, SAMPLE_AT)], ids=["report_store", "sample"])
def test_headline_figures_match_the_json_outputs(cli, store: Path, at: str) -> None:
    if not (store / "policy.yaml").exists():
        pytest.skip(f"{store} is not there")
    clocks = json.loads(cli("sla", "status", "--format", "json", "--records", store, "--at", at).stdout)
    tickets = json.loads(cli("ticket", "list", "--format", "json", "--records", store, "--at", at).stdout)
    report = cli("report", "monthly", "--month", "2026-10", "--lang", "en", "--records", store, "--at", at)
    assert report.code == (LEFT_OUT_EXIT if store == REPORT_STORE else 0), report
    text = report.stdout

    settled = [c for c in clocks if c["target"] in SLA_TARGETS and _settled(c)]
    met = sum(1 for c in settled if c["state"] == "met")
    pooled = "| All measured items pooled (targets combined, for reference) |"
    pooled += f" {_pct(met, len(settled))} ({met}/{len(settled)}) |"
    assert pooled in text
    assert f"| SLA items over their limit | {len(settled) - met} |" in text

    def row_of(c: dict) -> str:  # out-of-hours clocks have their own rows (docs/sla-rules.md §5.21)
        return c["sla"] + (f" {COVERAGE_MARK}" if c.get("coverage") else "")

    for (sla, target), n in Counter((row_of(c), c["target"]) for c in settled).items():
        ok = sum(1 for c in settled if (row_of(c), c["target"]) == (sla, target) and c["state"] == "met")
        shown = label("en", "target", target)
        assert f"| {sla} | {shown} | {ok} | {n - ok} | {_pct(ok, n)} |" in text
    breached_tickets = {c["id"] for c in settled if c["state"] != "met"}
    breach_section = text.split("### Items over their limit", 1)[1].split("## 3.", 1)[0]
    assert set(re.findall(r"^\| ([A-Z]+-\d{4}-[0-9A-Z]{5}) \|", breach_section, re.M)) == breached_tickets

    opened = [t for t in tickets if _in_month(t["opened"])]
    closed = [t for t in tickets if _in_month(t.get("closed"))]
    assert f"{len(opened)} tickets opened" in text
    assert f" and {len(closed)} closed this month" in text
    for priority, n in Counter(t["priority"] for t in opened).items():
        assert re.search(rf"^\| {priority} [^|]* \| {n} \| {_pct(n, len(opened))} \|$", text, re.M)

    callbacks = [c for c in clocks if c["target"] == "callback" and _settled(c)]
    if callbacks:
        on_time = sum(1 for c in callbacks if c["state"] == "met")
        surveys = json.loads(cli("survey", "list", "--format", "json", "--records", store).stdout)
        called_back = {s["ticket"] for s in surveys if s["type"] == "callback"}
        called = sum(1 for c in callbacks if c["stopped_at"] or c["id"] in called_back)
        due = len(callbacks)
        said = (
            f"Callbacks: {due} due this month, {called} made, coverage {_pct(called, due)}; "
            f"{on_time} on time, timeliness {_pct(on_time, due)}"
        )
        assert re.search(rf"^{re.escape(said)}(?: \(goal [0-9.]+%\))?\.$", text, re.M)
        assert f"| Callback coverage | {_pct(called, due)} ({called} called of {due} due) |" in text
        assert f"| Callback timeliness | {_pct(on_time, due)} ({on_time} on time of {due} due) |" in text
