"""Store templates override the built-ins and run in the sandbox; escaping is the default."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers_reports import AT, LEFT_OUT_EXIT, REPORT_STORE

MONTHLY = ["report", "monthly", "--month", "2026-10", "--at", AT]

UNSAFE = "refused by the sandbox, unsafe access: access to attribute {!r} of {!r} object is unsafe"
ESCAPES = [
    ("{{ ''.__class__.__mro__ }}", UNSAFE.format("__class__", "str")),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", UNSAFE.format("__class__", "str")),
    ("{{ headline.__class__.__init__.__globals__ }}", UNSAFE.format("__class__", "dict")),
    ("{{ cycler.__init__.__globals__.os }}", UNSAFE.format("__init__", "type")),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", UNSAFE.format("__globals__", "function")),
    ("{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}", UNSAFE.format("__class__", "list")),
    ("{{ headline.update({'opened': 0}) }}", UNSAFE.format("update", "dict")),
    ("{{ breaches.append(1) }}", UNSAFE.format("append", "list")),
    ("{{ breaches[0].title.format.__globals__ }}", UNSAFE.format("__globals__", "function")),
    ("{{ range(10**9)|list|length }}", "refused, too costly to render: range of 1,000,000,000 items (limit 10,000)"),
]
"""Each attempt and the exact refusal it gets: a typo (an undefined name) would not match."""


@pytest.fixture
def report_store(tmp_path: Path) -> Path:
    target = tmp_path / "report_store"
    shutil.copytree(REPORT_STORE, target)
    return target


def _override(store: Path, text: str, name: str = "monthly.zh.md.j2") -> None:
    (store / "templates").mkdir(exist_ok=True)
    (store / "templates" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("attack", "refusal"), ESCAPES)
def test_store_template_cannot_reach_python_internals(cli, report_store: Path, attack: str, refusal: str) -> None:
    _override(report_store, "# x\n" + attack + "\n")
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith(f"itsmctl: template {report_store / 'templates' / 'monthly.zh.md.j2'}: ")
    assert refusal in result.stderr
    assert "Traceback" not in result.stderr and "uid=" not in result.stderr


@pytest.mark.parametrize(("attack", "refusal"), ESCAPES)
def test_template_option_is_sandboxed_too(cli, report_store: Path, tmp_path: Path, attack: str, refusal: str) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(attack, encoding="utf-8")
    result = cli(*MONTHLY, "--records", report_store, "--template", template)
    assert result.code == 2, result
    assert f"template {template}: {refusal}" in result.stderr


def test_store_override_is_used_and_escapes_by_default(cli, report_store: Path) -> None:
    """Record text stays escaped through filters and concatenation; only |safe opts out."""
    body = (
        "{% set b = breaches[0] %}{{ b.title }}\n"
        "{{ b.title ~ '!' }}\n"
        "{{ [b.title, b.ticket]|join(' ') }}\n"
        "{{ b.title|replace('核心', '**') }}\n"
        "{{ '%s'|format(b.title) }}\n"
        "{{ b.title|safe }}\n"
    )
    _override(report_store, body)
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == LEFT_OUT_EXIT, result
    escaped = "核心交换机 \\| 板卡故障 &lt;全行网络中断&gt;"
    assert result.stdout.splitlines() == [
        escaped,
        escaped + "\\!",
        escaped + " INC-2610-A0002",
        "\\*\\*" + escaped.removeprefix("核心"),
        escaped,
        "核心交换机 | 板卡故障 <全行网络中断>",  # |safe is the one, visible, way out
    ]


def test_override_can_use_the_builtin_macros(cli, report_store: Path) -> None:
    _override(
        report_store,
        '{% import "macros.md.j2" as m %}{% call(x) m.table(["id"], breaches) %}{{ x.ticket }}{% endcall %}\n',
        "monthly.en.md.j2",
    )
    result = cli(*MONTHLY, "--records", report_store, "--lang", "en")
    assert result.code == LEFT_OUT_EXIT, result
    assert result.stdout.splitlines()[:3] == ["| id |", "| --- |", "| INC-2610-A0002 |"]


def test_template_syntax_error_names_file_and_line(cli, report_store: Path) -> None:
    _override(report_store, "ok\n{% if %}\n")
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == 2
    assert "monthly.zh.md.j2:2: syntax error" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinked_store_template_is_refused(cli, report_store: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    (report_store / "templates").mkdir()
    os.symlink(secret, report_store / "templates" / "monthly.zh.md.j2")
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == 2
    assert "TOP SECRET" not in result.stdout + result.stderr
    assert "not a regular file" in result.stderr


def test_unknown_names_fail_loudly(cli, report_store: Path) -> None:
    _override(report_store, "{{ headlin.opened }}\n")
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == 2
    assert "UndefinedError: 'headlin' is undefined" in result.stderr
    assert "unsafe" not in result.stderr  # a typo is not mistaken for a refused escape
