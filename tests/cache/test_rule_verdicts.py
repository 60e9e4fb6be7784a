"""The rule book's verdicts per file: reused for files whose bytes and rule context did not
change, judged again when the file, the policy or an SLA or calendar changes."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from itsmctl.cache import ContentCache
from itsmctl.checks import rulebook
from itsmctl.store.store import Store
from itsmctl.validation import validate_store
from tests.conftest import EXAMPLE_STORE

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, root)
    return root


def run(store: Path, cache_dir: Path, *, cache: bool = True) -> tuple[list[str], int]:
    """``validate``'s findings (as text) and how many records the rule book judged afresh."""
    judged = 0
    real = rulebook.violations

    def counting(record: object, ctx: object, **kwargs: object) -> object:
        nonlocal judged
        judged += kwargs.get("cross_record") is False  # the cross-record rules run every time, uncached
        return real(record, ctx, **kwargs)  # type: ignore[arg-type]

    rulebook.violations = counting  # type: ignore[assignment]
    try:
        content = ContentCache(cache_dir, clock_ns=lambda: time.time_ns() + 3600 * 10**9) if cache else None
        result = validate_store(Store.open(store, cache=content))
    finally:
        rulebook.violations = real
    return [repr(f) for f in result.findings], judged


def test_unchanged_files_keep_their_verdict_and_a_changed_one_is_judged_again(store: Path, tmp_path: Path) -> None:
    _, judged_first = run(store, tmp_path / "cache")
    path = store / TICKET
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: 又 ", 1), "utf-8")
    second, judged_second = run(store, tmp_path / "cache")
    assert judged_first == 6  # every record of the example store
    assert judged_second == 1  # only the edited ticket
    assert second == run(store, tmp_path / "none", cache=False)[0]


def test_a_policy_change_reaches_the_verdicts_of_unchanged_tickets(store: Path, tmp_path: Path) -> None:
    before, everything = run(store, tmp_path / "cache")
    assert not any("priority" in f and "matrix" in f for f in before)
    policy = store / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    assert "high: {all: P1, one: P2}" in text
    policy.write_text(text.replace("high: {all: P1, one: P2}", "high: {all: P1, one: P3}"), "utf-8")
    with_cache, judged = run(store, tmp_path / "cache")
    without, _ = run(store, tmp_path / "none", cache=False)
    assert with_cache == without
    assert with_cache != before  # tickets whose bytes did not change now break the priority rule
    assert judged == everything


def test_a_calendar_or_sla_change_judges_every_ticket_again(store: Path, tmp_path: Path) -> None:
    _, everything = run(store, tmp_path / "cache")
    for folder in ("calendars", "slas"):
        edited = sorted((store / folder).glob("*.yaml"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "# 改过\n", "utf-8")
        _, judged = run(store, tmp_path / "cache")
        assert judged == everything, folder
