"""Record text never carries terminal escapes, C1 controls or bidi overrides, and a title or a
name is one line: a hand edit can no longer forge a table row or repaint a terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_STORE, Cli

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"

CASES = {
    "ESC sequence in a title": ("title:", 'title: "网络\\e[2J中断"', "title", "one line of text"),
    "OSC 8 hyperlink in a title": (
        "title:",
        'title: "\\e]8;;file:///etc/passwd\\a点我\\e]8;;\\a"',
        "title",
        "one line",
    ),
    "C1 CSI in a title": ("title:", 'title: "网络\\u009b31m中断"', "title", "one line"),
    "bidi override in a title": ("title:", 'title: "abc\\u202edcba"', "title", "bidi override"),
    "a line break in a title": ("title:", 'title: "第一行\\n伪造的一行"', "title", "no line break"),
    "ESC in a description": (
        "title:",
        'title: 打印机卡纸\ndescription: "已处理\\e[31m"',
        "description",
        "control characters",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_control_characters_in_record_text_are_findings(name: str, cli: Cli, tmp_path: Path) -> None:
    key, replacement, field, words = CASES[name]
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    path = store / TICKET
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(key))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = indent + replacement
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    mine = [f for f in json.loads(result.stdout) if f["file"].endswith(TICKET)]
    assert any(f["field"].startswith(field) and words in f["message"] for f in mine), mine
    listed = cli("ticket", "list", "--records", store, "--at", "2026-11-02T09:00:00+08:00")
    assert "\x1b" not in listed.stdout and "\u009b" not in listed.stdout and "\u202e" not in listed.stdout


@pytest.mark.parametrize("title", ["[/x]", "[link=file:///etc/passwd]点我[/link]", "[bold red]假告警[/]"])
def test_rich_markup_in_a_title_is_shown_as_written(title: str, cli: Cli, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    path = store / TICKET
    text = path.read_text(encoding="utf-8")
    lines = [f"title: {json.dumps(title)}" if line.startswith("title:") else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = ("--at", "2026-11-02T09:00:00+08:00")
    for args in (("ticket", "list", "--format", "table", *at), ("sla", "status", "--format", "table", *at)):
        result = cli(*args, "--records", store, env={"COLUMNS": "200"})
        assert result.code == 0, (args, result)
        assert "\x1b]8;" not in result.stdout, "no live link from record text"
    listed = cli("ticket", "list", "--format", "table", *at, "--records", store)
    assert title.split("]")[0] + "]" in listed.stdout.replace("\n", "")
