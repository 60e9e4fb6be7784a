"""A copy of the store inside the store is one finding, not one per copied file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from itsmctl.findings import Finding
from itsmctl.store.paths import copy_inside
from itsmctl.store.revision import GitRevisionSource
from tests.conftest import SAMPLE_RECORDS, Cli

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def validate(cli: Cli, store: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    result = cli("validate", "--records", store, "--format", "json", *args)
    assert "Traceback" not in result.stderr, result
    return result.code, json.loads(result.stdout), result.stderr


def test_a_copy_of_the_whole_store_is_one_finding(cli: Cli, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, store)
    shutil.copytree(SAMPLE_RECORDS, store / "records")  # what `cp -r records records/` leaves
    # at the sample's reference moment: later, its routine operations fall overdue (warnings)
    code, found, err = validate(cli, store, "--at", "2026-11-20T15:00:00+08:00")
    assert code == 1
    assert [(f["file"], f["code"]) for f in found] == [(f"{store}/records", "nested-store")]
    message = str(found[0]["message"])
    assert message.startswith("this folder looks like a copy of the store (it holds policy.yaml, tickets/, audits/, …)")
    copied = sum(1 for p in (store / "records").rglob("*.yaml"))
    assert f"its {copied} record file(s) were not checked" in message
    assert f"rm -r {store}/records" in message
    assert "1 error(s)" in err


def test_the_rest_of_the_store_is_still_checked(cli: Cli, store: Path) -> None:
    shutil.copytree(store, store / "backup")
    (store / "cmdb" / "CI-SRV-01.yaml").write_text("kind: ci\nid: CI-SRV-01\nname: x\nclass: server\n", "utf-8")
    code, found, _ = validate(cli, store)
    assert code == 1
    assert {(Path(str(f["file"])).name, f["code"]) for f in found} == {
        ("backup", "nested-store"),
        ("CI-SRV-01.yaml", "schema"),
    }


def test_part_of_a_store_in_tmp_and_a_renamed_record_folder(cli: Cli, store: Path) -> None:
    shutil.copytree(store / "cmdb", store / "tmp" / "cmdb")
    shutil.copytree(store / "tickets", store / "tickets.bak")
    _, found, _ = validate(cli, store)
    by_file = {Path(str(f["file"])).name: str(f["message"]) for f in found}
    assert set(by_file) == {"tmp", "tickets.bak"}
    assert by_file["tmp"].startswith("this folder looks like a copy of part of a store (it holds cmdb/)")
    assert by_file["tickets.bak"].startswith("this folder looks like a copy of tickets/;")


def test_hidden_folders_are_never_read(cli: Cli, store: Path) -> None:
    shutil.copytree(store, store / ".snapshot")
    code, found, _ = validate(cli, store)
    assert (code, found) == (0, [])


def test_one_misplaced_file_keeps_its_own_finding(cli: Cli, store: Path) -> None:
    (store / "misc").mkdir()
    shutil.copyfile(store / "cmdb" / "CI-SRV-01.yaml", store / "misc" / "CI-SRV-01.yaml")
    _, found, _ = validate(cli, store)
    assert {f["code"] for f in found} == {"path", "duplicate-id"}


def test_validating_a_file_inside_the_copy_shows_why_it_is_not_checked(cli: Cli, store: Path) -> None:
    shutil.copytree(store, store / "records")
    inside = store / "records" / "cmdb" / "CI-SRV-01.yaml"
    code, found, _ = validate(cli, store, str(inside))
    assert code == 1
    assert [f["code"] for f in found] == ["nested-store"]


def test_the_plain_text_output_is_one_line(cli: Cli, store: Path) -> None:
    shutil.copytree(store, store / "records")
    result = cli("validate", "--records", store)
    assert result.code == 1, result
    assert result.stdout.count("\n") == 1
    assert f"{store}/records:1:1: this folder looks like a copy of the store" in result.stdout


def test_a_git_revision_with_a_copy_is_one_finding(store: Path) -> None:
    shutil.copytree(store, store / "old")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "records"]):
        subprocess.run(["git", *args], cwd=store, env=env, check=True, capture_output=True)
    items = list(GitRevisionSource(store, "HEAD", "records").walk())
    nested = [i for i in items if isinstance(i, Finding)]
    assert [f.code for f in nested] == ["nested-store"]
    assert nested[0].file.startswith("records@") and nested[0].file.endswith(":old")
    assert "rm -r old" in nested[0].message
    assert not any(getattr(i, "path", "").startswith("old/") for i in items)
    assert any(getattr(i, "path", "") == "policy.yaml" for i in items)


def test_copy_inside_judges_by_names() -> None:
    assert copy_inside("records", ["policy.yaml", "tickets"]) == "a copy of the store (it holds policy.yaml, tickets/)"
    assert copy_inside("tickets/2026", ["10", "11"]) is None
    assert copy_inside("tickets", ["2026"]) is None
    assert copy_inside("cmdb-old", ["CI-A.yaml"]) == "a copy of cmdb/"
    assert copy_inside("archive", ["2025"]) == "a copy of tickets/ or surveys/ (it holds year folders)"
    assert copy_inside("misc", ["CI-A.yaml"]) is None


def test_a_folder_named_like_a_record_folder_without_records_is_left_alone(cli: Cli, store: Path) -> None:
    (store / "services-notes").mkdir()
    (store / "services-notes" / "README.md").write_text("服务目录说明\n", "utf-8")
    code, found, _ = validate(cli, store)
    assert (code, found) == (0, [])
