"""The repository is a pre-commit hook source, and its own pre-commit config is valid."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from itsmctl.yamlio import parse_document
from tests.conftest import ROOT, SAMPLE_RECORDS, Cli

HOOKS = parse_document((ROOT / ".pre-commit-hooks.yaml").read_bytes()).data


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_accepts_the_files(name: str) -> None:
    command = "validate-manifest" if name == ".pre-commit-hooks.yaml" else "validate-config"
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", command, str(ROOT / name)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_every_hook_runs_an_itsmctl_command_that_exists(hook: dict[str, str], cli: Cli) -> None:
    words = shlex.split(hook["entry"])
    assert words[0] == "itsmctl"
    assert cli(*words[1:], "--help").code == 0


def test_the_validate_hook_passes_the_sample_and_fails_a_broken_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SAMPLE_RECORDS, tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    hook = next(h for h in HOOKS if h["id"] == "itsmctl-validate")
    words = shlex.split(hook["entry"])[1:]
    changed = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "records" / "cmdb").glob("*.yaml"))[:3]
    assert cli(*words, *changed).code == 0
    broken = tmp_path / changed[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: ci", "kind: cii"), encoding="utf-8")
    result = cli(*words, *changed)
    assert result.code == 1 and changed[0] in result.stdout
