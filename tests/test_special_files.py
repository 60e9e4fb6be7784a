"""Links and special files everywhere the store reads: a finding or a clear refusal, never a hang.

Each case plants one hostile entry (a named pipe, a link to ``/dev/zero``, a linked folder,
an oversized file) where the store reads a file: a ticket, ``policy.yaml``, a calendar,
an outbox notice, a report template.  Every command then runs in a child process with a
timeout, so a read that blocks fails the test instead of stalling CI; the child (forked, see
``tests.hostile.runner``) runs the commands in-process one after another and reports exit
code and output of each.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from itsmctl.yamlio import MAX_FILE_BYTES
from tests.conftest import EXAMPLE_STORE, ROOT
from tests.hostile.runner import run_cli

TICKET = "INC-2610-7KQ3P"
TICKET_FILE = Path("tickets/2026/10/INC-2610-7KQ3P.yaml")
AT = "2026-11-02T09:00:00+08:00"
BROKEN_CI = Path("cmdb/CI-BROKEN.yaml")
"""A second, ordinary broken file: its finding must never be hidden by the hostile one."""

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "validate-json": ["validate", "--format", "json"],
    "show": ["ticket", "show", TICKET],
    "list": ["ticket", "list", "--at", AT],
    "note": ["ticket", "note", TICKET, "x", "--by", "wang.qiang", "--at", AT, "--no-commit"],
    "sla": ["sla", "status", "--at", AT],
    "report": ["report", "monthly", "--month", "2026-10", "--at", AT],
    "escalate": ["escalate", "--dry-run", "--at", AT],
}


def run_all(records: Path) -> dict[str, tuple[int | None, str, str]]:
    """Every command on ``records`` in a forked child, each with a timeout: a read that blocks
    is killed and reported as hung (exit None), and the next command runs in a fresh child."""
    home = records.parent / "home"
    home.mkdir(exist_ok=True)
    outcomes = run_cli(records, home, [tuple(args) for args in COMMANDS.values()])
    return {name: (o.code, o.stdout, o.stderr) for name, o in zip(COMMANDS, outcomes, strict=True)}


def fifo(path: Path, tmp: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def dev_zero(path: Path, tmp: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def link_to_copy(path: Path, tmp: Path) -> None:
    """A link to a perfectly good copy outside the store: still never read through."""
    outside = tmp / f"outside-{path.name}"
    shutil.copyfile(path, outside)
    path.unlink()
    path.symlink_to(outside)


def oversized(path: Path, tmp: Path) -> None:
    path.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n")


def linked_folder(path: Path, tmp: Path) -> None:
    """The file's folder moved out of the store and linked back in."""
    outside = tmp / f"moved-{path.parent.name}"
    path.parent.rename(outside)
    path.parent.symlink_to(outside, target_is_directory=True)


HOSTILE: dict[str, Callable[[Path, Path], None]] = {
    "fifo": fifo,
    "dev-zero": dev_zero,
    "link": link_to_copy,
    "oversized": oversized,
    "linked-folder": linked_folder,
}

PLACES = {
    "ticket": TICKET_FILE,
    "policy": Path("policy.yaml"),
    "calendar": Path("calendars/CAL-CN.yaml"),
}


def make_store(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, records)
    (records / BROKEN_CI).write_text("kind: ci\nid: CI-BROKEN\nname: [unclosed\n", encoding="utf-8")
    return records


def assert_calm(results: dict[str, tuple[int | None, str, str]]) -> None:
    """No command hung or crashed: exit 0, 1 or 2, never 3, never a traceback."""
    for name, (code, out, err) in results.items():
        assert code in (0, 1, 2), (name, code, err)
        assert "Traceback" not in out + err, (name, err)


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_hostile_entry_where_a_record_is_read(tmp_path: Path, place: str, hostile: str) -> None:
    if place == "policy" and hostile == "linked-folder":
        pytest.skip("policy.yaml lies in the store root itself: there is no folder to link")
    records = make_store(tmp_path)
    HOSTILE[hostile](records / PLACES[place], tmp_path)

    results = run_all(records)

    assert_calm(results)
    code, out, err = results["validate"]
    assert code == 1, err
    shown = PLACES[place].parent.as_posix() if hostile == "linked-folder" else PLACES[place].as_posix()
    assert shown in out
    assert str(BROKEN_CI) in out  # the other file's finding is still there
    findings = json.loads(results["validate-json"][1])
    assert any(str(f.get("file", "")).endswith(shown) for f in findings), findings
    if place in ("ticket", "policy"):
        for name in ("show", "note"):
            code, _, err = results[name]
            assert code == 2 and "itsmctl:" in err, (name, err)
    if place == "policy":  # every command names the refused policy, none reads through it
        assert "policy.yaml" in results["note"][2]
    if place == "ticket":  # the other commands leave the ticket out and say so
        for name in ("list", "sla"):
            code, _, err = results[name]
            assert code == 1 and shown in err, (name, err)


@pytest.mark.parametrize("hostile", ["fifo", "dev-zero", "link", "oversized"])
def test_a_hostile_outbox_notice_is_a_finding_and_escalate_refuses_it(tmp_path: Path, hostile: str) -> None:
    records = make_store(tmp_path)
    notice = records / "outbox" / "2026" / "10" / f"{TICKET}.L1.resolution.json"
    notice.parent.mkdir(parents=True)
    notice.write_text("{}", encoding="utf-8")
    HOSTILE[hostile](notice, tmp_path)

    results = run_all(records)

    assert_calm(results)
    code, out, err = results["validate"]
    assert code == 1 and notice.relative_to(records).as_posix() in out, out
    assert str(BROKEN_CI) in out
    code, out, err = results["escalate"]
    assert code == 1 and notice.name in out + err, (out, err)


@pytest.mark.parametrize("hostile", ["fifo", "dev-zero", "link", "oversized"])
def test_a_hostile_store_template_is_refused_by_report(tmp_path: Path, hostile: str) -> None:
    records = make_store(tmp_path)
    template = records / "templates" / "monthly.zh.md.j2"
    template.parent.mkdir()
    shutil.copyfile(ROOT / "templates" / "monthly.zh.md.j2", template)
    HOSTILE[hostile](template, tmp_path)

    code, out, err = run_all(records)["report"]

    assert code == 2 and "monthly.zh.md.j2" in err, err
    assert "Traceback" not in err and out == ""


def test_a_linked_templates_folder_is_refused_not_ignored(tmp_path: Path) -> None:
    records = make_store(tmp_path)
    outside = tmp_path / "outside-templates"
    outside.mkdir()
    (outside / "monthly.zh.md.j2").write_text("secret {{ 1 + 1 }}", encoding="utf-8")
    (records / "templates").symlink_to(outside, target_is_directory=True)

    results = run_all(records)

    code, out, err = results["report"]
    assert code == 2 and "symbolic link" in err and "secret" not in out, err
    assert "templates" in results["validate"][1]
