"""Commands other than validate never go quiet about files they could not read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_RECORDS, Cli

NOW = {"ITSMCTL_NOW": "2026-11-20T15:00:00+08:00"}
OVERDUE = "tickets/2026/11/INC-2611-QJYA8.yaml"  # open, 187 % past its resolution target


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


def break_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (("sla", "status", "--open-only"), 1),
        (("escalate", "--dry-run"), 1),
        (("ticket", "list", "--open"), 1),
        (("summary",), 1),
        (("calendar", "show", "2026-10"), 1),
        (("priority", "explain", "CHG-2611-3FBXB"), 1),
        (("report", "cmdb"), 1),
        (("report", "monthly", "--month", "2026-10"), 1),
    ],
)
def test_a_broken_ticket_is_named_on_stderr_and_exits_1(
    cli: Cli, sample: Path, command: tuple[str, ...], code: int
) -> None:
    break_file(sample / OVERDUE)
    result = cli(*command, "--records", sample, env=NOW)
    assert result.code == code, result
    assert "1 file(s) do not load and are left out" in result.stderr
    assert f"{OVERDUE}:3:8: the [ list opened at line 3, column 8 is not closed" in result.stderr  # at the cause
    assert "Traceback" not in result.stderr


def test_clean_store_has_no_left_out_note(cli: Cli, sample: Path) -> None:
    result = cli("sla", "status", "--open-only", "--records", sample, env=NOW)
    assert result.code == 0
    assert "left out" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [("sla", "status"), ("ticket", "list"), ("escalate", "--dry-run"), ("calendar", "show", "2026-10")],
)
def test_missing_policy_is_refused(cli: Cli, sample: Path, command: tuple[str, ...]) -> None:
    (sample / "policy.yaml").unlink()
    result = cli(*command, "--records", sample, env=NOW)
    assert result.code == 2, result
    assert "policy.yaml" in result.stderr


def test_broken_policy_is_refused_with_its_finding(cli: Cli, sample: Path) -> None:
    policy = sample / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("\npeople:", "\npeople: [", 1), encoding="utf-8")
    for command in (("sla", "status"), ("priority", "calc", "--urgency", "urgent", "--impact", "some")):
        result = cli(*command, "--records", sample, env=NOW)
        assert result.code == 2, result
        assert "policy.yaml:" in result.stderr and "does not load" in result.stderr
        assert "seed preset" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [("validate",), ("summary",), ("sla", "status"), ("ticket", "list"), ("escalate", "--dry-run"), ("report", "cmdb")],
)
def test_an_empty_store_is_a_usage_error(cli: Cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(*command, "--records", empty, env=NOW)
    assert result.code == 2, result
    assert "holds no record files" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("validate",), ("summary",), ("ticket", "show", "INC-2611-QJYA8")])
def test_a_missing_store_is_a_usage_error(cli: Cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    result = cli(*command, "--records", tmp_path / "nowhere", env=NOW)
    assert result.code == 2, result
    assert f"records folder {tmp_path / 'nowhere'} does not exist" in result.stderr


def test_summary_works_without_a_policy(cli: Cli, sample: Path) -> None:
    (sample / "policy.yaml").unlink()
    assert cli("summary", "--records", sample).code == 0


def test_the_left_out_note_names_the_field(capsys: pytest.CaptureFixture[str]) -> None:
    # "file:line: expected a date" without the field left the reader to guess which date
    from itsmctl.cli.output import note_left_out
    from itsmctl.findings import Finding

    note_left_out([Finding("cmdb/CI-X.yaml", 7, 6, "changes[0].date", "schema", "expected a date")])
    assert "cmdb/CI-X.yaml:7:6: changes[0].date: expected a date" in capsys.readouterr().err


def test_a_policy_refused_for_one_value_names_its_field(cli: Cli, sample: Path) -> None:
    # "policy.yaml:214:16: '0d' is a zero duration" left the reader to find which duration
    policy = sample / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "confirmation: {tacit_after: 0d}\n", encoding="utf-8")
    result = cli("ticket", "list", "--records", sample, env=NOW)
    assert result.code == 2, result
    assert "confirmation.tacit_after: '0d' is a zero duration" in result.stderr


@pytest.mark.parametrize(
    ("command", "broken"),
    [
        (("survey", "list"), "surveys/2026/10"),
        (("ci", "list"), "cmdb"),
        (("ops", "due", "--month", "2026-10"), "operation_plans"),
        (("release", "list"), "releases"),
        (("export", "--table", "tickets"), "tickets/2026/11"),
    ],
)
def test_the_newer_readers_name_a_broken_file_too(
    cli: Cli, sample: Path, command: tuple[str, ...], broken: str
) -> None:
    path = sorted((sample / broken).glob("*.yaml"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "kind: again\n", encoding="utf-8")  # a duplicate key
    result = cli(*command, "--records", sample, env=NOW)
    assert result.code == 1, result
    assert "1 file(s) do not load and are left out" in result.stderr and path.name in result.stderr
    assert "Traceback" not in result.stderr
