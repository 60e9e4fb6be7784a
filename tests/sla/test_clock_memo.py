"""Settled SLA clocks kept in the content cache (itsmctl.sla.memo): never stale, exact.

Whatever the order of moments and whatever changed between runs (a ticket's bytes, a callback
survey, an SLA's goal), the clocks served with the memo equal the clocks worked out without it.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from itsmctl.cache import ContentCache
from itsmctl.sla import evaluate_store
from itsmctl.sla.memo import ClockMemo, decode, encode
from itsmctl.store.store import Store
from tests.conftest import SAMPLE_RECORDS

ZONE = ZoneInfo("Asia/Shanghai")
MOMENTS = [datetime(2026, 10, 1, tzinfo=ZONE), datetime(2026, 11, 1, tzinfo=ZONE), datetime(2026, 11, 20, tzinfo=ZONE)]


@pytest.fixture
def store(sample_store: Path) -> Path:
    return sample_store


def _clocks(store: Path, now: datetime, cache: Path | None) -> tuple[list, int]:
    """The store's clocks at ``now`` (with the memo when ``cache``) and how many tickets it served."""
    opened = Store.open(store, cache=ContentCache(cache) if cache is not None else None)
    snapshot = opened.snapshot()
    memo = ClockMemo(opened.cache, opened.digests, snapshot) if opened.cache is not None else None
    served = 0
    if memo is not None:
        real_get = memo.get

        def counting_get(*args):  # type: ignore[no-untyped-def]
            nonlocal served
            found = real_get(*args)
            served += found is not None
            return found

        memo.get = counting_get  # type: ignore[method-assign]
    clocks = evaluate_store(snapshot, now, memo=memo)
    if memo is not None:
        memo.save()
    return clocks, served


def test_every_clock_of_the_sample_survives_the_cache_exactly() -> None:
    snapshot = Store.open(SAMPLE_RECORDS).snapshot()
    clocks = evaluate_store(snapshot, MOMENTS[-1])
    assert len(clocks) > 200
    for clock in clocks:
        row = encode(clock)
        assert row is not None and decode(row) == clock
        assert decode(row).started_at.utcoffset() == clock.started_at.utcoffset()  # type: ignore[union-attr]


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 1, 0, 2]])
def test_any_order_of_moments_gives_the_fresh_clocks(store: Path, tmp_path: Path, order: list[int]) -> None:
    cache = tmp_path / "cache"
    served = []
    for i in order:
        fresh, _ = _clocks(store, MOMENTS[i], None)
        kept, n = _clocks(store, MOMENTS[i], cache)
        assert kept == fresh
        served.append(n)
    assert served[0] == 0 and max(served) > 100  # later runs were served from the memo


def _later_resolution(store: Path) -> None:
    """A ticket's bytes: its resolution an hour later."""
    ticket = store / "tickets/2026/10/INC-2610-T7W3T.yaml"
    text = ticket.read_text(encoding="utf-8")
    assert "2026-10-03T00:38:00+08:00" in text
    ticket.write_text(text.replace("2026-10-03T00:38:00+08:00", "2026-10-03T01:38:00+08:00"), encoding="utf-8")


def _callback_removed(store: Path) -> None:
    """A callback survey gone: its ticket's callback clock runs again."""
    survey = next(p for p in sorted((store / "surveys").rglob("*.yaml")) if "type: callback" in p.read_text("utf-8"))
    survey.unlink()


def _goal_changed(store: Path) -> None:
    """The SLA's warning threshold: every clock's warning_percent."""
    sla = store / "slas/SLA-HXB-2026.yaml"
    text = sla.read_text(encoding="utf-8")
    assert "warning_percent: 75" in text
    sla.write_text(text.replace("warning_percent: 75", "warning_percent: 60"), encoding="utf-8")


@pytest.mark.parametrize("change", [_later_resolution, _callback_removed, _goal_changed])
def test_what_changed_is_worked_out_again(store: Path, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    now = MOMENTS[-1]
    before, _ = _clocks(store, now, cache)
    change(store)
    kept, _ = _clocks(store, now, cache)
    fresh, _ = _clocks(store, now, None)
    assert kept == fresh
    assert kept != before  # the change shows in the clocks (so a stale entry would have been caught)


def test_a_report_rendered_again_is_the_same(cli, store: Path, tmp_path: Path) -> None:
    env = {"ITSMCTL_CACHE_DIR": str(tmp_path / "cache")}
    args = ("report", "monthly", "--month", "2026-10", "--records", store, "--audience", "internal")
    without = cli(*args, env={**env, "ITSMCTL_CACHE": "off"})
    first = cli(*args, env={**env, "ITSMCTL_CACHE": "on"})
    second = cli(*args, env={**env, "ITSMCTL_CACHE": "on"})
    assert without.code == first.code == second.code == 0
    assert without.stdout == first.stdout == second.stdout
    assert (tmp_path / "cache").rglob("clocks")


def _view_clocks(store: Path, now: datetime, cache: Path | None) -> list:
    """As a report reads them: the store's as-of view at ``now``, the memo built on the whole store."""
    from itsmctl.reports.as_of import snapshot_as_of

    opened = Store.open(store, cache=ContentCache(cache) if cache is not None else None)
    full = opened.snapshot()
    view = snapshot_as_of(full, now, ZONE)
    memo = ClockMemo(opened.cache, opened.digests, full) if opened.cache is not None else None
    clocks = evaluate_store(view, now, memo=memo)
    if memo is not None:
        memo.save()
    return clocks


@pytest.mark.parametrize(
    "order",
    [
        ["2026-12-15", "2026-11-03", "2026-10-01", "2026-11-20"],
        ["2026-08-20", "2026-08-31", "2026-08-20", "2026-12-15"],
    ],
)
def test_through_a_report_s_as_of_view_in_any_order(store: Path, tmp_path: Path, order: list[str]) -> None:
    """A report evaluates the store cut at its moment: a ticket with later events, or a callback
    after the moment, must never be served what was kept at another moment."""
    # a callback made between a ticket's first resolution and its reopening (review finding)
    survey = store / "surveys/2026/08/SUR-2608-W1737.yaml"
    text = survey.read_text(encoding="utf-8")
    survey.write_text(re.sub(r"(?m)^at: .*$", "at: 2026-08-19T20:00:00+08:00", text, count=1), encoding="utf-8")
    cache = tmp_path / "cache"
    for day in order:
        now = datetime.fromisoformat(day).replace(tzinfo=ZONE)
        assert _view_clocks(store, now, cache) == _view_clocks(store, now, None), day


def test_a_duplicated_id_never_shares_clocks(store: Path, tmp_path: Path) -> None:
    original = store / "tickets/2026/08/INC-2608-4P3WT.yaml"
    copy = original.with_name("INC-2608-4P3WT-dup.yaml")
    shutil.copy(original, copy)
    original.write_text(original.read_text(encoding="utf-8").replace("priority: P3", "priority: P2"), "utf-8")
    cache = tmp_path / "cache"
    now = MOMENTS[-1]
    fresh, _ = _clocks(store, now, None)
    for _ in range(2):
        kept, _ = _clocks(store, now, cache)
        assert kept == fresh
