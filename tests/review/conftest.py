"""A records repository with a base commit, for ``check --base`` tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_review import PEOPLE, commit_all, git


@pytest.fixture(autouse=True)
def pinned_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def pr_repo(store: Path) -> Path:
    """The example store with everyone's email and a service desk person, committed on main;
    a branch ``pr`` is checked out for the pull request's commits."""
    policy = store / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    for person, (_, email) in PEOPLE.items():
        text = text.replace(f"{{id: {person}, ", f"{{id: {person}, email: {email}, ")
    desk = f"{{id: desk, email: {PEOPLE['desk'][1]}, name: 服务台, org: 恒运信息, roles: [service_desk]}}"
    text = text.replace("  - {id: li.na,", f"  - {desk}\n  - {{id: li.na,")
    policy.write_text(text, encoding="utf-8")
    git(store, "init", "-q")
    commit_all(store, "base records", who="zhou.min")
    git(store, "checkout", "-q", "-b", "pr")
    return store
