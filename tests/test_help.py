"""Every command and option says what it does in Chinese and in English; --version, completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import typer

from itsmctl.cli import app, installed_version
from tests.conftest import Cli

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
TYPER_OWN = {"--help", "--install-completion", "--show-completion"}
"""Options typer adds itself, with typer's English help: not ours to translate."""


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


def bilingual(text: str | None) -> bool:
    return bool(text and CJK.search(text) and LATIN_WORD.search(text))


def test_every_command_and_option_has_chinese_and_english_help() -> None:
    missing = []
    for path, command in walk(typer.main.get_command(app)):
        name = " ".join(("itsmctl", *path))
        if not bilingual(command.help):
            missing.append(f"{name}: {command.help!r}")
        for param in command.params:
            flags = set(param.opts) | set(getattr(param, "secondary_opts", []))
            if flags & TYPER_OWN:
                continue
            if not bilingual(getattr(param, "help", None)):
                missing.append(f"{name} {'/'.join(param.opts)}: {getattr(param, 'help', None)!r}")
    assert missing == []


def test_version_comes_from_the_package_metadata(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0, result
    assert result.stdout == f"itsmctl {installed_version()}\n"
    assert installed_version() not in ("", "unknown")


def test_shell_completion_is_offered(cli: Cli) -> None:
    text = cli("--help").stdout
    assert "--install-completion" in text and "--show-completion" in text
    # a process of its own, as a shell runs it: typer's completion reads the process's own state.
    # Typer takes the shell's name only with its detection of the parent shell turned off; with
    # it on, the name is ignored and a run under no shell (cron, a detached job) fails.
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    script = subprocess.run(
        [sys.executable, "-m", "itsmctl", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert script.returncode == 0, script
    assert "complete -o default -F _itsmctl_completion itsmctl" in script.stdout
