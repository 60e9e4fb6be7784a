"""Escalation directs attention, it does not move the goalposts (docs/sla-rules.md §5.14).

The acceptance test of "SLA measurement a customer would sign": running ``itsmctl
escalate`` on the sample store at its reference moment, then rendering that month's
report, changes no SLA figure of the month — achievement per target, breaches and their
deadlines, overruns and recorded reasons, tickets by measured priority, desk timings,
trends.  The one thing allowed to appear is the handling priority beside the measured one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from escalation_store import git, init_repo

from itsmctl.models import TicketBase
from itsmctl.store.snapshot import open_store
from tests.conftest import SAMPLE_RECORDS, Cli

REFERENCE = "2026-11-20T15:00:00+08:00"
"""The sample store's reference moment (tools/storegen/sample.py ``NOW``)."""

HANDLING = re.compile(r"（处理 P[0-9]）| \(handled as P[0-9]\)")
"""The handling priority a report shows beside the measured one once an escalation raised it."""


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_RECORDS, tmp_path / "records")
    init_repo(tmp_path)
    return tmp_path / "records"


def _report(cli: Cli, records: Path, lang: str) -> str:
    result = cli("report", "monthly", "--month", "2026-11", "--lang", lang, "--records", records, "--at", REFERENCE)
    assert result.code == 0, result
    return result.stdout


def _raised(records: Path) -> list[str]:
    _, snapshot = open_store(records)
    return sorted(
        t.id
        for t in snapshot.tickets
        if isinstance(t, TicketBase) and any(e.type == "priority" and e.by == "itsmctl" for e in t.events)
    )


def test_escalating_the_sample_store_changes_no_sla_figure_of_the_month(cli: Cli, sample_repo: Path) -> None:
    before = {lang: _report(cli, sample_repo, lang) for lang in ("zh", "en")}
    run = cli("escalate", "--records", sample_repo, "--at", REFERENCE)
    assert run.code == 0, run
    # the run did escalate, and raised priorities: otherwise this test would prove nothing
    assert "priority P2 -> P1" in run.stdout and "priority P3 -> P2" in run.stdout
    assert _raised(sample_repo), "no ticket was raised"
    assert git(sample_repo.parent, "log", "-1", "--format=%s").startswith("escalate: ")
    for lang, text in before.items():
        after = _report(cli, sample_repo, lang)
        assert HANDLING.sub("", after) == text, lang
        assert HANDLING.search(after), "the raised tickets show their handling priority"
