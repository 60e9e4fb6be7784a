"""The CLI edge: exit codes, streams, formats, help for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from itsmctl import validation
from itsmctl.cli import app
from tests.conftest import Cli


def test_unknown_format_is_a_usage_error(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store, "--format", "xml")
    assert result.code == 2
    assert "'xml' is not one of 'text', 'json', 'github'" in result.stderr


def test_unknown_option_is_a_usage_error(cli: Cli) -> None:
    result = cli("validate", "--frobnicate")
    assert result.code == 2
    assert "No such option" in result.stderr


def test_unexpected_error_exits_3_without_traceback(cli: Cli, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(validation, "run_checks", boom)
    result = cli("validate", "--records", store)
    assert result.code == 3
    assert "unexpected error: RuntimeError: kaput" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_on_stdout_diagnostics_on_stderr(cli: Cli, store: Path) -> None:
    (store / "cmdb" / "CI-BAD.yaml").write_text("kind: ci\nid: CI-BAD\n", encoding="utf-8")
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1
    rows = json.loads(result.stdout)
    assert {r["field"] for r in rows} >= {"name", "class", "status"}
    assert "checked 7 files: 3 error(s)" in result.stderr


def test_github_format(cli: Cli, store: Path) -> None:
    (store / "cmdb" / "CI-BAD.yaml").write_text("kind: ci\nid: CI-BAD\nname: x\nclass: server\n", encoding="utf-8")
    result = cli("validate", "--records", store, "--format", "github")
    assert result.stdout == (
        f"::error file={store}/cmdb/CI-BAD.yaml,line=1,col=1,title=itsmctl schema::"
        "status: required field is missing; a ci needs kind, id, name, class, status\n"
    )


def test_summary(cli: Cli, store: Path) -> None:
    result = cli("summary", "--records", store, "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert data["records_by_kind"]["incident"] == 1
    assert data["tickets_by_status"] == {"incident": {"closed": 1}}


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in getattr(group, "commands", {}).items():
        out.append((*prefix, name))
        out.extend(_commands(command, (*prefix, name)))
    return out


def test_every_command_has_help(cli: Cli) -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert ("validate",) in commands and ("schema", "export") in commands
    for command in commands:
        result = cli(*command, "--help")
        assert result.code == 0, (command, result)
        assert "Usage:" in result.stdout
