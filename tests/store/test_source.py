"""The folder source refuses links, oversized and unreadable files, and paths outside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from itsmctl.yamlio import MAX_FILE_BYTES
from tests.conftest import Cli


def findings(cli: Cli, store: Path, *args: str) -> tuple[int, list[str], str]:
    result = cli("validate", "--records", store, *args)
    return result.code, result.stdout.splitlines(), result.stderr


def test_symlinked_record_is_refused_and_not_read(cli: Cli, store: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("kind: ci\nid: CI-SECRET\nname: x\nclass: server\nstatus: in_use\n", encoding="utf-8")
    os.symlink(outside, store / "cmdb" / "CI-SECRET.yaml")
    code, lines, err = findings(cli, store)
    assert code == 1
    assert any("cmdb/CI-SECRET.yaml:1:1: symbolic links are refused" in line for line in lines), lines
    assert "Traceback" not in err


def test_symlinked_folder_is_refused(cli: Cli, store: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", store / "cmdb" / "more")
    code, lines, _ = findings(cli, store)
    assert code == 1
    assert any("cmdb/more:1:1: symbolic links are refused" in line for line in lines), lines


def test_oversized_file_is_not_read(cli: Cli, store: Path) -> None:
    big = store / "cmdb" / "CI-BIG.yaml"
    big.write_bytes(b"kind: ci\n#" + b"x" * MAX_FILE_BYTES + b"\n")
    code, lines, _ = findings(cli, store)
    assert code == 1
    assert any("CI-BIG.yaml:1:1: file is" in line and "[size]" in line for line in lines), lines


def test_non_utf8_file_names_line(cli: Cli, store: Path) -> None:
    (store / "cmdb" / "CI-GBK.yaml").write_bytes("kind: ci\nid: CI-GBK\nname: 服务器\n".encode("gbk"))
    code, lines, _ = findings(cli, store)
    assert code == 1
    assert any("CI-GBK.yaml:3:7: not UTF-8" in line for line in lines), lines


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(cli: Cli, store: Path) -> None:
    path = store / "cmdb" / "CI-SRV-01.yaml"
    path.chmod(0)
    code, lines, _ = findings(cli, store)
    assert code == 1
    assert any("cannot read" in line for line in lines)


def test_path_outside_store_is_a_usage_error(cli: Cli, store: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("kind: ci\n", encoding="utf-8")
    result = cli("validate", "--records", store, tmp_path / "elsewhere.yaml")
    assert result.code == 2, result
    assert "outside the records folder" in result.stderr


def test_validate_named_paths_reports_only_them(cli: Cli, store: Path) -> None:
    (store / "cmdb" / "CI-BAD.yaml").write_text("kind: ci\nid: CI-BAD\n", encoding="utf-8")
    (store / "services" / "SVC-BAD.yaml").write_text("kind: service\nid: SVC-BAD\n", encoding="utf-8")
    result = cli("validate", "--records", store, store / "cmdb")
    assert result.code == 1
    assert "CI-BAD" in result.stdout and "SVC-BAD" not in result.stdout


def test_missing_records_folder_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", "--records", tmp_path / "nope")
    assert result.code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_records_from_environment(cli: Cli, store: Path) -> None:
    result = cli("validate", env={"ITSMCTL_RECORDS": str(store)})
    assert result.code == 0, result


def test_hidden_and_template_folders_are_skipped(cli: Cli, store: Path) -> None:
    (store / ".git").mkdir()
    (store / ".git" / "x.yaml").write_text("not: a record\n", encoding="utf-8")
    (store / "templates").mkdir()
    (store / "templates" / "x.yaml").write_text("not: a record\n", encoding="utf-8")
    assert cli("validate", "--records", store).code == 0


def test_missing_path_is_a_usage_error_not_a_clean_run(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store, store / "nope")
    assert result.code == 2
    assert "no such file or folder" in result.stderr


def test_refused_files_count_as_checked(cli: Cli, store: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path, store / "cmdb" / "CI-LINK.yaml")
    result = cli("validate", "--records", store)
    assert "checked 7 files: 1 error(s)" in result.stderr, result


def test_a_broken_record_is_not_reported_again_by_every_reference(cli: Cli, store: Path) -> None:
    sla = store / "slas" / "SLA-MAIN.yaml"
    sla.write_text(sla.read_text(encoding="utf-8").replace("targets:", "targets: ["), encoding="utf-8")
    result = cli("validate", "--records", store)
    assert result.code == 1
    assert result.stdout.count("\n") == 1, result  # the syntax error only, not "unknown sla" in the ticket
    assert "SLA-MAIN.yaml" in result.stdout and "[yaml]" in result.stdout
