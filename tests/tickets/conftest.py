"""Fixtures for ticket tests: a store with people's emails, and a git repository around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_tickets import WANG, ZHOU, git


@pytest.fixture(autouse=True)
def pinned_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user's or system's git config leaks in; identity comes from a config we write."""
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Desk Robot\n\temail = desk@hengyun.example\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def people_store(store: Path) -> Path:
    """The example store with emails for wang.qiang and zhou.min (authors of commits)."""
    policy = store / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("roles: [engineer]}", f"roles: [engineer], email: {WANG[1]}}}")
    text = text.replace(
        "roles: [project_manager, manager, cab]}", f"roles: [project_manager, manager, cab], email: {ZHOU[1]}}}"
    )
    policy.write_text(text, encoding="utf-8")
    return store


@pytest.fixture
def repo(people_store: Path) -> Path:
    """The store as a git repository with one initial commit."""
    git(people_store, "init", "-q")
    git(people_store, "add", ".")
    git(people_store, "commit", "-q", "-m", "initial records")
    return people_store
