"""A store template cannot hang or crash the job that renders it.

Each case would, before the limits, run for hours or ask for gigabytes (MemoryError,
exit 3); now it is a clean refusal (exit 2) naming the template and saying why, well
within a second.
"""

from __future__ import annotations

import itertools
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from helpers_reports import AT, REPORT_STORE

from itsmctl.reports import limits, sandbox
from itsmctl.reports.render import TemplateRefused, render_report

MONTHLY = ["report", "monthly", "--month", "2026-10", "--at", AT]

COSTLY = [
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}", "range of 100,000 items"),
    ('{{ "a".ljust(2**34) }}', "str.ljust() would build 17,179,869,184 characters"),
    ('{{ "a".center(17179869184) }}', "str.center() would build"),
    ('{{ "7".zfill(10**10) }}', "str.zfill() would build"),
    ('{{ "a"|center(17179869184) }}', "the center filter would build"),
    ('{{ "a" * 2**34 }}', "'*' on a sequence would build 17,179,869,184"),
    ("{{ [0] * 10**9 }}", "'*' on a sequence would build 1,000,000,000 characters or items (limit 10,000)"),
    ("{{ 10**100000 }}", "'**' would build an integer of more than 4096 bits"),
    ('{{ "%99999999999s"|format("a") }}', "a width in a % format"),
    ('{{ "%99999999999s" % "a" }}', "a width in a % format"),
    ('{{ "{:>99999999999}".format("a") }}', "a width in a format string"),
    ('{{ "{:>{}}".format("a", 99999999999) }}', "a width argument of a format string is too large"),
    ('{{ ("a" * 1000000).replace("a", "bb") }}', "replace() would build 2,000,000"),
    ('{{ ("a" * 1000000)|replace("a", "bb") }}', "replace() would build 2,000,000"),
    ('{{ ",".join(["a" * 1000000] * 1000) }}', "join() would build 1,000,000,999"),
    ('{{ (["a" * 1000000] * 1000)|join(",") }}', "join() would build 1,000,000,999"),
    ('{{ ("a\n" * 400000)|indent(100) }}', "the indent filter would build"),
    ("{{ lipsum(1000000) }}", "lipsum() would build"),
    ("{{ ([[0] * 10000] * 10000)|sum(start=[])|length }}", "the sum filter would build 100,000,000"),
    ("{% for s in [1, 2]|slice(10**9) %}{% endfor %}", "the slice filter would build 1,000,000,000"),
    ("{{ [1, 2]|batch(10**9, 0)|list|length }}", "the batch filter would build 1,000,000,000"),
    ("{{ [[[[1]]]]|tojson(10**9) }}", "the tojson filter would build 1,000,000,000"),
    (
        '{% set ns = namespace(s="a") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "'~' would build 1,048,576 characters",
    ),
    (
        '{% set a = "a" * 999999 %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}{{ d|length }}',
        "'~' would build 1,999,998 characters",
    ),
    ('{% set a = "a" * 600000 %}{{ (a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a)|length }}', "'~' would build 6,000,000"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion too deep"),
    ('{% for i in range(10000) %}{{ ("a" * 999999)|safe }}{% endfor %}', "the output is over 10,485,760 characters"),
]


@pytest.fixture
def report_store(tmp_path: Path) -> Path:
    target = tmp_path / "report_store"
    shutil.copytree(REPORT_STORE, target)
    return target


@pytest.mark.parametrize(("text", "reason"), COSTLY)
def test_costly_template_is_refused_quickly(cli, report_store: Path, tmp_path: Path, text: str, reason: str) -> None:
    template = tmp_path / "costly.md.j2"
    template.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = cli(*MONTHLY, "--records", report_store, "--template", template)
    assert result.code == 2, result
    assert result.stdout == ""
    assert f"template {template}: refused" in result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert time.monotonic() - started < 2


def test_store_override_is_limited_too(cli, report_store: Path) -> None:
    (report_store / "templates").mkdir()
    (report_store / "templates" / "monthly.zh.md.j2").write_text('{{ "a".ljust(2**34) }}\n', encoding="utf-8")
    result = cli(*MONTHLY, "--records", report_store)
    assert result.code == 2, result
    assert "monthly.zh.md.j2: refused, too costly to render: str.ljust()" in result.stderr


def test_endless_loops_stop_at_the_time_budget(cli, report_store: Path, tmp_path: Path, monkeypatch) -> None:
    """10^8 iterations within every size limit: only the clock stops them."""
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    template = tmp_path / "slow.md.j2"
    template.write_text("{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}\n")
    started = time.monotonic()
    result = cli(*MONTHLY, "--records", report_store, "--template", template)
    assert result.code == 2, result
    assert "rendering took longer than the time budget" in result.stderr
    assert time.monotonic() - started < 2


def _render(text: str, context: dict[str, Any], tmp_path: Path) -> str:
    template = tmp_path / "t.md.j2"
    template.write_text(text, encoding="utf-8")
    return render_report("unused", context, template_file=template)


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no SIGALRM timer")
def test_the_alarm_stops_a_loop_that_calls_nothing(tmp_path: Path, monkeypatch) -> None:
    """No sandbox hook runs inside ``for i in forever``: the SIGALRM timer is what stops it."""
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    with pytest.raises(TemplateRefused, match="longer than the time budget"):
        _render("{% for i in forever %}{% endfor %}", {"forever": itertools.count()}, tmp_path)


def test_off_the_main_thread_the_hooks_check_the_clock(tmp_path: Path, monkeypatch) -> None:
    """No SIGALRM off the main thread: every call and attribute access checks the deadline."""
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.3)
    outcome: list[BaseException | str] = []

    def work() -> None:
        try:
            outcome.append(
                _render("{% for i in forever %}{{ i.real }}{% endfor %}", {"forever": itertools.count()}, tmp_path)
            )
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    assert isinstance(outcome[0], TemplateRefused)
    assert "longer than the time budget" in outcome[0].message


def test_memory_error_while_rendering_is_a_refusal(tmp_path: Path) -> None:
    def greedy() -> str:
        raise MemoryError

    with pytest.raises(TemplateRefused, match=r"t\.md\.j2: refused, rendering ran out of memory"):
        _render("{{ greedy() }}", {"greedy": greedy}, tmp_path)


def test_the_timer_is_put_back(tmp_path: Path) -> None:
    import signal

    if not hasattr(signal, "setitimer"):
        pytest.skip("no SIGALRM timer")
    before = signal.getsignal(signal.SIGALRM)
    assert _render("{{ 1 }}", {}, tmp_path) == "1\n"
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_ordinary_uses_of_the_capped_operations_still_work(tmp_path: Path) -> None:
    text = (
        '{{ "ab".ljust(4) ~ "|" }}{{ "x"|center(5) }}|{{ [1, 2]|join(",") }}|{{ "%3s"|format("a") }}|'
        '{{ "ab" * 3 }}|{{ 2**10 }}|{{ "{:>4}".format(7) }}|{{ "a-b".replace("-", "+") }}'
    )
    # {{ }} output of record-like values is one_line()d; constant filters are folded at compile time
    assert _render(text, {}, tmp_path) == "ab \\|  x  |1,2|  a|ababab|1024|7|a+b\n"


def test_an_oversized_string_is_refused_when_read(tmp_path: Path) -> None:
    """Defence in depth: however a string got over the cap, reading it through ``.`` or ``[]`` stops."""
    big = {"s": "a" * (limits.MAX_STRING + 1)}
    with pytest.raises(TemplateRefused, match="reading 's' would build a string of 1,000,001 characters"):
        _render("{{ big.s }}", {"big": big}, tmp_path)
    with pytest.raises(TemplateRefused, match="an item would build a string of 1,000,001 characters"):
        _render("{{ big['s'] }}", {"big": big}, tmp_path)
