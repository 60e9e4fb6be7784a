"""A fresh itil store in a git repository, per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from itil_store import GIT_ENV, git, itil_store


@pytest.fixture
def itil_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The records folder of a committed scaffold whose policy has ServiceNow's impact x urgency matrix."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    records = itil_store(tmp_path / "repo")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-qm", "itil store")
    return records
