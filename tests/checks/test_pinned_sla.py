"""``validate`` warns when a ticket's pinned SLA was not in effect on its opening day."""

from __future__ import annotations

import json
from pathlib import Path

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"
"""Opened 2026-10-09 09:12 (Beijing), ``sla: SLA-MAIN`` on line 6 (after its comment line)."""


def _findings(cli, store: Path) -> list[dict]:
    r = cli("validate", "--records", store, "--format", "json", "--at", "2026-11-20T10:00:00+08:00")
    assert r.code == 0, r  # a warning: exit 0 without --strict
    return [f for f in json.loads(r.stdout) if f["code"] == "sla-effective"]


def _sla_ends(store: Path, line: str) -> None:
    path = store / "slas/SLA-MAIN.yaml"
    path.write_text(path.read_text().replace("effective_from: 2026-01-01\n", f"effective_from: 2026-01-01\n{line}\n"))


def test_a_sla_in_effect_gives_no_warning(cli, store: Path) -> None:
    assert _findings(cli, store) == []


def test_a_pinned_sla_that_had_ended(cli, store: Path) -> None:
    _sla_ends(store, "effective_to: 2026-10-08")
    (found,) = _findings(cli, store)
    assert found["file"].endswith(TICKET) and (found["line"], found["field"]) == (6, "sla")
    assert found["severity"] == "warning"
    assert "opened on 2026-10-09 is pinned to SLA-MAIN, which ended on 2026-10-08" in found["message"]
    r = cli("validate", "--records", store, "--strict", "--at", "2026-11-20T10:00:00+08:00")
    assert r.code == 1, r


def test_the_last_day_of_a_contract_is_still_in_effect(cli, store: Path) -> None:
    _sla_ends(store, "effective_to: 2026-10-09")
    assert _findings(cli, store) == []


def test_a_pinned_sla_not_yet_in_effect(cli, store: Path) -> None:
    path = store / "slas/SLA-MAIN.yaml"
    path.write_text(path.read_text().replace("effective_from: 2026-01-01", "effective_from: 2026-11-01"))
    (found,) = _findings(cli, store)
    assert "which takes effect on 2026-11-01" in found["message"]


def test_ticket_new_says_at_once_when_the_pinned_sla_had_ended(cli, store: Path) -> None:
    _sla_ends(store, "effective_to: 2026-10-08")
    args = ["ticket", "new", "incident", "--title", "打印机卡纸", "--service", "SVC-ONSITE"]
    args += ["--dim", "urgency=low", "--dim", "impact=one", "--records", store, "--by", "wang.qiang"]
    args += ["--no-commit", "--sla", "SLA-MAIN"]
    r = cli(*args, "--at", "2026-11-20T10:00:00+08:00")
    assert r.code == 0, r  # written: the pin is the user's word
    assert "warning: the ticket opened on 2026-11-20 is pinned to SLA-MAIN, which ended on 2026-10-08" in r.stderr
    r = cli(*args, "--at", "2026-10-08T10:00:00+08:00")
    assert r.code == 0 and "warning" not in r.stderr, r
