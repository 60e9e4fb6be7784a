"""The README's commands work as written: the two set-up commands and the tour."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_RECORDS, Cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = (
    "pip install . && itsmctl validate --records records && itsmctl report monthly --records records --month 2026-10"
)
INSTALL_AND_TEST = "pip install -e '.[test]' && python -m pytest"


def test_two_setup_commands_are_in_the_readme_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert INSTALL_AND_RUN + "\n" in blocks
    assert INSTALL_AND_TEST + "\n" in blocks
    assert INSTALL_AND_TEST in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def tour_commands() -> list[list[str]]:
    commands = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            if line.startswith("$ itsmctl ") and "XXXXX" not in line:
                words = shlex.split(line[2:], comments=True)
                commands.append(words[1:])
    return commands


@pytest.fixture
def sample_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLE_RECORDS, tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    return tmp_path


DEMO = "/tmp/itsm-demo"


def test_tour_starts_by_copying_the_sample_store() -> None:
    assert f"cp -r records {DEMO}\nexport ITSMCTL_RECORDS={DEMO} ITSMCTL_NOW=2026-11-20T15:00:00+08:00\n" in README


@pytest.mark.parametrize("words", tour_commands(), ids=lambda w: " ".join(w)[:60])
def test_tour_command_runs(words: list[str], cli: Cli, sample_copy: Path) -> None:
    copy = str(sample_copy / "records")
    env = {"ITSMCTL_RECORDS": copy, "ITSMCTL_NOW": "2026-11-20T15:00:00+08:00"}
    if words[0] == "check":  # a pull request needs a repository: the copy as a branch of itself
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "sample"]):
            subprocess.run(
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=copy, check=True
            )
    result = cli(*[w.replace(DEMO, copy) for w in words], env=env)
    assert result.code == 0, result
    assert "Traceback" not in result.stderr


def test_the_tour_has_commands() -> None:
    assert len(tour_commands()) >= 15
