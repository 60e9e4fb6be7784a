"""Parallel ticket commands in one repository: every change is committed, none is lost to git's index.lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_tickets import git

from itsmctl import vcs
from itsmctl.errors import GitError
from tests.conftest import Cli

PARALLEL = 8


def _open(cli: Cli, repo: Path, n: int) -> list[str]:
    ids = []
    for i in range(n):
        result = cli(
            "ticket",
            "new",
            "incident",
            "--title",
            f"故障{i}",
            "--service",
            "SVC-ONSITE",
            "--dim",
            "urgency=high",
            "--dim",
            "impact=one",
            "--records",
            repo,
            "--by",
            "zhou.min",
            "--at",
            "2026-11-02T09:00:00+08:00",
            "--commit",
        )
        assert result.code == 0, result
        ids.append(result.stdout.strip())
    return ids


def test_parallel_notes_on_different_tickets_all_commit(cli: Cli, repo: Path) -> None:
    ids = _open(cli, repo, PARALLEL)
    before = int(git(repo, "rev-list", "--count", "HEAD"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITSMCTL_")}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "itsmctl",
                "ticket",
                "note",
                tid,
                f"并发备注 {tid}",
                "--records",
                str(repo),
                "--by",
                "wang.qiang",
                "--at",
                "2026-11-02T10:00:00+08:00",
                "--commit",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tid in ids
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0] * PARALLEL, results
    assert not any("manually" in err for _, err in results)
    assert git(repo, "status", "--porcelain") == ""
    assert int(git(repo, "rev-list", "--count", "HEAD")) == before + PARALLEL


def _written(repo: Path) -> Path:
    path = repo / "notes.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    return path


def test_index_lock_held_elsewhere_is_waited_for(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the other git process finishes during the second pause
        waits.append(seconds)
        if len(waits) == 2:
            lock.unlink()

    result = vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=sleep)
    assert result.state == "committed"
    assert waits == [0.1, 0.2]


def test_index_lock_never_released_says_what_to_run_not_gits_advice(repo: Path) -> None:
    (repo / ".git" / "index.lock").write_text("", encoding="utf-8")
    with pytest.raises(GitError) as caught:
        vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=lambda _s: None)
    message = str(caught.value)
    assert "manually" not in message
    assert "another git process is using this repository" in message
    assert f"git -C {repo.resolve()} add -- notes.yaml && git -C {repo.resolve()} commit -- notes.yaml" in message
