"""``survey callback``: the 24-hour callback recorded by command stops the SLA's callback clock;
a low score opens a follow-up complaint; what cannot be a callback is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_tickets import load_ticket

from itsmctl.yamlio import parse_document
from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"  # resolved 2026-10-09T11:00+08:00, closed


@pytest.fixture
def callback_store(store: Path) -> Path:
    sla = store / "slas" / "SLA-MAIN.yaml"
    sla.write_text(sla.read_text(encoding="utf-8") + "callback: 24h\n", encoding="utf-8")
    return store


def _callback_state(cli: Cli, store: Path, at: str) -> str:
    result = cli("sla", "status", TICKET, "--records", store, "--at", at, "--format", "json")
    assert result.code in (0, 1), result
    return next(c["state"] for c in json.loads(result.stdout) if c["target"] == "callback")


def _surveys(store: Path) -> list[dict[str, object]]:
    out = []
    for path in sorted((store / "surveys").rglob("*.yaml")):
        data = parse_document(path.read_bytes()).data
        assert isinstance(data, dict)
        assert path.name == f"{data['id']}.yaml" and path.parent.name == str(data["id"])[6:8]
        out.append(data)
    return out


def test_a_callback_recorded_by_command_meets_the_24_hour_clock(cli: Cli, callback_store: Path) -> None:
    assert _callback_state(cli, callback_store, "2026-10-09T20:00+08:00") == "ok"  # running, not yet met
    done = cli(
        "survey", "callback", TICKET, "--score", "4", "--records", callback_store,
        "--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit",
    )  # fmt: skip
    assert done.code == 0, done
    [survey] = _surveys(callback_store)
    assert survey["id"] == done.stdout.strip() and str(survey["id"]).startswith("SUR-2610-")
    assert survey["ticket"] == TICKET and survey["score"] == 4 and survey["respondent"] == "li.na"
    assert "follow_up" not in survey
    assert _callback_state(cli, callback_store, "2026-10-10T20:00+08:00") == "met"
    assert cli("validate", "--records", callback_store).code == 0


def test_a_low_score_opens_a_follow_up_complaint(cli: Cli, callback_store: Path) -> None:
    done = cli(
        "survey", "callback", TICKET, "--score", "2", "--note", "到场太慢", "--records", callback_store,
        "--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit",
    )  # fmt: skip
    assert done.code == 0, done
    [survey] = _surveys(callback_store)
    complaint = load_ticket(callback_store, str(survey["follow_up"]))
    assert complaint["kind"] == "complaint" and complaint["related"] == [TICKET]
    assert complaint["about"] == ["wang.qiang"] and str(survey["id"]) in complaint["description"]
    assert "follow-up complaint" in done.stderr
    assert cli("validate", "--records", callback_store).code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--score", "6"), "outside the scale"),
        (("--score", "0"), "outside the scale"),
        ((), "records the score"),
        (("--not-reached", "--score", "3"), "not reached"),
        (("--score", "4", "--contact", "nobody"), "not a person"),
    ],
)
def test_refusals_write_nothing(cli: Cli, callback_store: Path, args: tuple[str, ...], said: str) -> None:
    result = cli(
        "survey", "callback", TICKET, *args, "--records", callback_store,
        "--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit",
    )  # fmt: skip
    assert result.code != 0 and said in result.stderr, result
    assert "Traceback" not in result.stderr
    assert not (callback_store / "surveys").exists()


def test_a_ticket_not_resolved_is_refused(cli: Cli, callback_store: Path) -> None:
    path = callback_store / "tickets" / "2026" / "10" / f"{TICKET}.yaml"
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if "type: resolved" not in line and "type: c" not in line]
    path.write_text("\n".join(kept).replace("status: closed", "status: in_progress") + "\n", encoding="utf-8")
    result = cli(
        "survey", "callback", TICKET, "--score", "5", "--records", callback_store,
        "--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit",
    )  # fmt: skip
    assert result.code == 1 and "resolved or closed" in result.stderr, result
    assert not (callback_store / "surveys").exists()


def test_an_unreached_callback_has_no_score(cli: Cli, callback_store: Path) -> None:
    result = cli(
        "survey", "callback", TICKET, "--not-reached", "--records", callback_store,
        "--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit",
    )  # fmt: skip
    assert result.code == 0, result
    [survey] = _surveys(callback_store)
    assert survey["reached"] is False and "score" not in survey


def test_survey_list_shows_the_recorded_callback_by_month(cli: Cli, callback_store: Path) -> None:
    at = ("--at", "2026-10-10T09:00+08:00", "--by", "zhou.min", "--no-commit")
    done = cli("survey", "callback", TICKET, "--score", "1", "--records", callback_store, *at)
    assert done.code == 0, done
    listed = cli("survey", "list", "--month", "2026-10", "--records", callback_store, "--format", "json")
    [row] = json.loads(listed.stdout)
    assert row["id"] == done.stdout.strip() and row["score"] == 1 and row["follow_up"].startswith("CMP-2610-")
    assert (
        json.loads(cli("survey", "list", "--month", "2026-11", "--records", callback_store, "--format", "json").stdout)
        == []
    )
    text = cli("survey", "list", "--records", callback_store)
    assert text.code == 0 and row["id"] in text.stdout and "1 份调查" in text.stdout
    bad = cli("survey", "list", "--month", "2026-13", "--records", callback_store)
    assert bad.code == 2 and "YYYY-MM" in bad.stderr
