"""Hostile text through the real outputs: file names, git authors, record text, commits.

A file name is not a record: nothing checked its characters before ``validate`` names it.
Each test writes something hostile where the store reads it and looks at what the command
prints: one annotation per finding, no forged line, no raw control character, the true
value kept in JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from itsmctl.reporters.tickets import list_csv, list_table, list_text
from itsmctl.reports.escape import cell, md
from itsmctl.tickets.listing import TicketRow
from itsmctl.vcs import commit_message
from tests.conftest import ROOT, Cli

FORGED = "INC-2610-7KQ3P\n::error file=x::forged\x1b[2J\x07\u202e.yaml"
"""A ticket's file name with a newline (a forged workflow command), ESC, BEL and a bidi override."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b")


def _hostile_store(store: Path) -> Path:
    folder = store / "tickets" / "2026" / "10"
    shutil.copy(folder / "INC-2610-7KQ3P.yaml", folder / FORGED)
    # an OSC 8 hyperlink in a name (a file name holds no slash: the link goes to a host)
    (folder / "INC-2610-BAD\x1b]8;;http:evil\x07x\x1b]8;;\x07.yaml").write_text(
        "kind: incident\nid: INC-2610-BAD\ntitle: [unclosed\n", encoding="utf-8"
    )
    return store


def _findings(cli: Cli, store: Path) -> list[dict[str, object]]:
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    return json.loads(result.stdout)


def test_github_format_prints_exactly_one_annotation_per_finding(cli: Cli, store: Path) -> None:
    _hostile_store(store)
    findings = _findings(cli, store)
    result = cli("validate", "--records", store, "--format", "github")
    assert result.code == 1, result
    lines = result.stdout.splitlines()
    assert len(lines) == len(findings) >= 4, result
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines), result
    assert not [line for line in lines if line.startswith("::error file=x")], result
    assert not [ch for ch in RAW if ch in result.stdout + result.stderr], result


def test_text_format_shows_the_escaped_name_on_one_line_per_finding(cli: Cli, store: Path) -> None:
    _hostile_store(store)
    findings = _findings(cli, store)
    result = cli("validate", "--records", store, "--format", "text")
    assert result.code == 1, result
    lines = result.stdout.splitlines()
    assert len(lines) == len(findings), result
    assert "INC-2610-7KQ3P\\n::error file=x::forged\\x1b[2J\\x07\\u202e.yaml:" in result.stdout
    assert "INC-2610-BAD\\x1b]8;;http:evil\\x07x\\x1b]8;;\\x07.yaml" in result.stdout
    assert not [line for line in lines if line.startswith("::")], result
    assert not [ch for ch in RAW if ch in result.stdout + result.stderr], result


def test_json_format_keeps_the_true_name_escaped_as_json(cli: Cli, store: Path) -> None:
    _hostile_store(store)
    result = cli("validate", "--records", store, "--format", "json")
    files = {Path(str(f["file"])).name for f in json.loads(result.stdout)}
    assert FORGED in files
    assert not [ch for ch in RAW if ch in result.stdout], result  # \u001b, \u202e: the same value, inert


def test_a_file_left_out_is_named_escaped_on_stderr(cli: Cli, store: Path) -> None:
    _hostile_store(store)
    result = cli("ticket", "list", "--records", store, "--format", "text")
    assert result.code == 1, result
    assert "INC-2610-BAD\\x1b]8;;http:evil" in result.stderr
    assert not [ch for ch in RAW if ch in result.stdout + result.stderr], result


def test_a_name_that_is_not_utf8_is_shown_not_a_crash(store: Path) -> None:
    """A real process, a real UTF-8 stdout: a lone surrogate there would be exit 3."""
    folder = os.fsencode(store / "tickets" / "2026" / "10")
    with open(os.path.join(folder, b"INC-2610-\xff\x1b.yaml"), "wb") as handle:
        handle.write(b"kind: incident\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    for fmt in ("text", "github", "json"):
        done = subprocess.run(
            [sys.executable, "-m", "itsmctl", "validate", "--records", str(store), "--format", fmt],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 1, done
        assert b"INC-2610-\\udcff\\x1b.yaml" in done.stdout or b"INC-2610-\\udcff\\u001b.yaml" in done.stdout, done
        assert b"\x1b" not in done.stdout + done.stderr and b"\xff" not in done.stdout, done


def _row(title: str, assignee: str | None = "wang.qiang") -> TicketRow:
    opened = datetime.fromisoformat("2026-11-02T09:00:00+08:00")
    return TicketRow("INC-2611-7KQ3P", "incident", "new", "P3", title, assignee, None, "SVC-ONSITE", opened, None)


HOSTILE_TITLES = [
    "\x1b[2Jclear",
    "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07",
    "\x9b31mred",
    "\u202eevil",
    "zero\u200bwidth",
    "forged\nINC-2611-FORGED  incident  new",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_ticket_list_text_and_table_show_controls_as_escapes(title: str) -> None:
    for out in (list_text([_row(title)]), list_table([_row(title)], width=160)):
        assert not [ch for ch in RAW if ch in out.replace("\x1b[", "")], repr(out)  # rich's own styles aside
        assert "\x1b[2J" not in out and "\x1b]8" not in out
        assert "FORGED" not in out or "\\nINC-2611-FORGED" in out
    assert len(list_text([_row(title)]).splitlines()) == 2


def test_rich_markup_in_a_title_is_text() -> None:
    out = list_table([_row("[/x] [link=file:///etc/passwd]here[/link]")], width=160)
    assert "[/x]" in out and "[link=file:///etc/passwd]" in out and "\x1b]8" not in out


def test_ticket_show_keeps_a_description_from_forging_lines(cli: Cli, store: Path) -> None:
    path = store / "tickets" / "2026" / "10" / "INC-2610-7KQ3P.yaml"
    text = path.read_text(encoding="utf-8")
    forged = 'description: "第一行\\n::error file=x::forged"\n'
    path.write_text(
        text.replace("title: 财务系统数据库连接超时\n", "title: 财务系统数据库连接超时\n" + forged), encoding="utf-8"
    )
    assert cli("validate", "--records", store).code == 0  # a description may have lines
    result = cli("ticket", "show", "INC-2610-7KQ3P", "--records", store)
    assert result.code == 0, result
    assert "description: 第一行\n" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")], result


def test_history_escapes_git_authors_and_subjects(cli: Cli, store: Path) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=store, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=mallory\x1b[2J\u202e", "-c", "user.email=m@x", "commit", "-qm", "open \x1b]8;;x\x07y")
    result = cli("history", "INC-2610-7KQ3P", "--records", store)
    assert result.code == 0, result
    assert "mallory\\x1b[2J\\u202e <m@x>  open \\x1b]8;;x\\x07y" in result.stdout
    assert not [ch for ch in RAW if ch in result.stdout], result
    as_json = cli("history", "INC-2610-7KQ3P", "--records", store, "--format", "json")
    assert json.loads(as_json.stdout)[0]["author"] == "mallory\x1b[2J\u202e"
    assert not [ch for ch in RAW if ch in as_json.stdout], as_json


def _trailers(message: str) -> list[str]:
    return message.rstrip("\n").split("\n\n")[-1].split("\n")


def test_a_commit_message_keeps_each_value_on_its_line() -> None:
    message = commit_message(
        "INC-2611-7KQ3P",
        "note",
        "wang.qiang\nItsm-Actor: mallory\x1b[2J",
        "noted: \x9b\u202e\nsecond line",
        {"Itsm-Events": "E1\nItsm-Events: E2"},
    )
    assert [line.split(":", 1)[0] for line in _trailers(message)] == [
        "Itsm-Ticket",
        "Itsm-Action",
        "Itsm-Actor",
        "Itsm-Events",
    ]
    assert not [ch for ch in RAW if ch in message]
    assert message.splitlines()[0] == "INC-2611-7KQ3P: note by wang.qiang\\nItsm-Actor: mallory\\x1b[2J"
    assert "noted: \\x9b\\u202e\nsecond line\n" in message  # the summary keeps its own lines


@pytest.mark.parametrize("text", ["\x9b31m", "a\u202eb", "x\x1b[2Jy", "zero\u200bwidth"])
def test_report_text_shows_c1_and_bidi_as_escapes(text: str) -> None:
    for out in (md(text), cell(text)):
        assert not [ch for ch in RAW if ch in out], repr(out)
        assert "\\\\x" in out or "\\\\u" in out


def test_an_error_message_quoting_a_path_is_one_line(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "no\x1b[2J\n::error file=x::forged"
    result = cli("validate", "--records", missing, "--format", "github")
    assert result.code == 2, result
    assert len(result.stderr.splitlines()) == 1 and "no\\x1b[2J\\n::error file=x::forged" in result.stderr, result
    assert "\x1b" not in result.stderr


def test_ticket_list_csv_cells_show_controls_as_escapes() -> None:
    out = list_csv([_row("\x1b[2J\u202eclear", assignee="wang\x9bqiang")])
    assert not [ch for ch in RAW if ch in out], repr(out)
    assert "\\x1b[2J\\u202eclear" in out and "wang\\x9bqiang" in out
