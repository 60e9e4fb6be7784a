"""Ids: the shape, collision retries, and event ids unique within a ticket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from itsmctl import ids
from itsmctl.errors import StoreError
from itsmctl.models.base import MONTHLY_ID_PATTERN
from tests.conftest import Cli

WHEN = datetime.fromisoformat("2026-11-02T09:00:00+08:00")


def test_ticket_id_shape() -> None:
    for _ in range(200):
        value = ids.new_ticket_id("INC", WHEN)
        assert re.match(MONTHLY_ID_PATTERN, value), value
        assert value.startswith("INC-2611-")
        assert not set(value[9:]) & set("ILOU")


def _draws(*values: str) -> Iterator[str]:
    yield from values


def test_taken_ids_are_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = _draws("AAAAA", "BBBBB", "CCCCC")
    monkeypatch.setattr(ids, "random_base32", lambda n: next(draws))
    taken = {"INC-2611-AAAAA", "INC-2611-BBBBB"}
    assert ids.new_ticket_id("INC", WHEN, exists=taken.__contains__) == "INC-2611-CCCCC"


def test_folded_names_meet_across_case_and_normalisation() -> None:
    assert ids.folded("INC-2611-7KQ3P") == ids.folded("inc-2611-7kq3p")
    assert ids.folded("SVC-CAF\u00c9") == ids.folded("svc-cafe\u0301")
    assert ids.folded("CI-1") != ids.folded("CI-2")


def test_a_new_id_never_meets_a_file_in_another_case(cli: Cli, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    month = store / "tickets" / "2026" / "11"
    month.mkdir(parents=True)
    ticket = next((store / "tickets").rglob("INC-2610-7KQ3P.yaml")).read_text(encoding="utf-8")
    (month / "inc-2611-aaaaa.yaml").write_text(ticket.replace("INC-2610-7KQ3P", "inc-2611-aaaaa"), encoding="utf-8")
    draws, real = _draws("AAAAA", "BBBBB"), ids.random_base32
    monkeypatch.setattr(ids, "random_base32", lambda n: next(draws) if n == ids.TICKET_RANDOM_CHARS else real(n))
    result = cli("ticket", "new", "incident", "--title", "t", "--service", "SVC-ONSITE", "--dim", "urgency=low",
                 "--dim", "impact=one", "--records", store, "--by", "wang.qiang",
                 "--at", "2026-11-02T09:00:00+08:00", "--no-commit")  # fmt: skip
    assert result.code == 0, result
    assert sorted(p.name for p in month.iterdir()) == ["INC-2611-BBBBB.yaml", "inc-2611-aaaaa.yaml"]


def test_gives_up_when_every_id_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "random_base32", lambda n: "AAAAA")
    with pytest.raises(StoreError, match="could not find a free id for INC-2611-"):
        ids.new_ticket_id("INC", WHEN, exists=lambda _id: True)


def test_event_ids_avoid_taken_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = _draws("7KQ3P0", "7KQ3P1")
    monkeypatch.setattr(ids, "random_base32", lambda n: next(draws))
    assert ids.new_event_id({"E7KQ3P0"}) == "E7KQ3P1"


def test_random_part_uses_crockford_alphabet() -> None:
    sample = "".join(ids.random_base32(5) for _ in range(400))
    assert set(sample) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert len(set(sample)) > 25  # not stuck on a few characters


@pytest.mark.parametrize(
    "bad",
    [
        "INC-2611-ABCDE/../../../../etc/passwd",
        "INC-2611-ABCDEFGH",
        "INC-2611-abcde",
        "INC-2613-ABCDE",
        "../INC-2611-ABCDE",
    ],
)
def test_ticket_ids_from_the_command_line_must_match_the_whole_pattern(cli: Cli, store: Path, bad: str) -> None:
    for args in (("note", bad, "x", "--by", "wang.qiang", "--at", "2026-11-02T09:00+08:00"), ("show", bad)):
        result = cli("ticket", *args, "--records", store)
        assert result.code == 2, result
        assert "is not a ticket id like INC-2611-7KQ3P" in result.stderr
    result = cli("history", bad, "--records", store)
    assert result.code == 2, result


def test_history_of_a_store_outside_the_repository_is_a_message(cli: Cli, tmp_path: Path, store: Path) -> None:
    import subprocess

    repo = tmp_path / "elsewhere"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    link = repo / "records"
    link.symlink_to(store)  # the store resolves outside the repository
    result = cli("history", "INC-2611-ABCDE", "--records", link)
    assert result.code == 2, result
    assert "is outside the git repository" in result.stderr
    assert "Traceback" not in result.stderr
