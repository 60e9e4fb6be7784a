"""``Store``: one object per command, reading each thing once, and the progress hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from itsmctl.errors import StoreError, UsageError
from itsmctl.store.store import Store
from tests.conftest import EXAMPLE_STORE


def test_policy_alone_reads_only_the_policy() -> None:
    store = Store.open(EXAMPLE_STORE)
    assert store.policy.people
    assert not store.loaded
    assert (str(store.zone) if store.zone else None) == store.policy.default_timezone


def test_snapshot_is_loaded_once_and_gives_the_policy() -> None:
    store = Store.open(EXAMPLE_STORE)
    first = store.snapshot()
    assert store.snapshot() is first
    assert store.policy is first.policy
    assert first.source is not None and first.source.root == EXAMPLE_STORE.resolve()


def test_progress_hook_is_told_how_far_loading_got() -> None:
    calls: list[tuple[int, int]] = []
    snapshot = Store.open(EXAMPLE_STORE, progress=lambda done, total: calls.append((done, total))).snapshot()
    total = len(snapshot.files)
    assert calls and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere")


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(UsageError, match="holds no record files"):
        store.snapshot()
    assert store.policy_or_none is None
    with pytest.raises(StoreError, match=r"no policy\.yaml"):
        _ = store.policy


def test_a_folder_store_can_be_written_a_revision_cannot() -> None:
    assert Store.open(EXAMPLE_STORE).folder.root == EXAMPLE_STORE.resolve()
