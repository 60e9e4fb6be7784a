"""Reporters for ``sla status``: chosen from ``STATUS_REPORTERS`` by ``--format``."""

from __future__ import annotations

import io
from typing import Protocol

from itsmctl.escape import json_text, terminal
from itsmctl.reporters.findings import annotation
from itsmctl.reporters.table_fit import DEFAULT_WIDTH, fits, fitted_table, literal
from itsmctl.sla.status import ClockStatus

STATE_LABELS = {
    "ok": "正常 ok",
    "warning": "预警 warning",
    "breached": "超时 breached",
    "met": "达成 met",
    "missed": "未达成 missed",
    "paused": "暂停 paused",
}
TARGET_LABELS = {
    "response": "响应 response",
    "onsite": "到场 onsite",
    "spare_part": "备件 spare_part",
    "recovery": "恢复 recovery",
    "resolution": "解决 resolution",
    "callback": "回访 callback",
    "dispatch": "派单 dispatch",
    "escalate_to_manager": "升级项目经理 escalate_to_manager",
    "remote_guidance": "远程指导 remote_guidance",
    "execution_confirmed": "执行确认 execution_confirmed",
    "redispatch": "迟到改派 redispatch",
    "repair_progress": "送修进展 repair_progress",
    "repair_return": "送修返回 repair_return",
}
HEADERS = ("工单 id", "目标 target", "状态 state", "优先级", "截止 deadline", "已用 elapsed", "剩余 remaining", "%")


def duration(seconds: int) -> str:
    """``-1h05m30s`` style, exact to the second."""
    sign = "-" if seconds < 0 else ""
    s = abs(seconds)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    text = (f"{h}h" if h else "") + (f"{m:02d}m" if h else (f"{m}m" if m else "")) + (f"{sec:02d}s" if sec else "")
    return sign + (text or "0s")


ESTIMATED_MARK = "≈"
"""Before a deadline that depends on a year whose holidays are only estimated."""


def estimated_note(rows: list[ClockStatus]) -> str:
    """The footer line that explains ``≈``, naming the years and the command that fixes them."""
    years = sorted({y for c in rows for y in c.estimated_years})
    if not years:
        return ""
    listed = ", ".join(map(str, years))
    first = years[0]
    return (
        f"{ESTIMATED_MARK} 估算 estimated: {listed} holidays are neither frozen nor official, deadlines may move;\n"
        f"  freeze once the official arrangement is out: itsmctl calendar freeze {first}\n"
    )


def _cells(c: ClockStatus) -> tuple[str, ...]:
    deadline = c.deadline.strftime("%Y-%m-%d %H:%M:%S") if c.deadline else "-"
    if c.estimated_years:
        deadline = ESTIMATED_MARK + deadline
    return (
        terminal(c.ticket_id),
        terminal(c.target if c.coverage is None else f"{c.target} ({c.coverage})"),
        c.state,
        terminal(c.priority if c.handling_priority is None else f"{c.priority} (处理 {c.handling_priority})"),
        deadline,
        duration(c.elapsed_seconds),
        duration(c.remaining_seconds),
        f"{c.percent:.1f}",
    )


def text_report(rows: list[ClockStatus], *, width: int | None = None) -> str:
    """Plain aligned columns, for pipes and logs."""
    table = [HEADERS, *(_cells(c) for c in rows)]
    widths = [max(_width(r[i]) for r in table) for i in range(len(HEADERS))]
    lines = [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table
    ]
    return "\n".join(lines) + "\n" + estimated_note(rows)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def json_report(rows: list[ClockStatus], *, width: int | None = None) -> str:
    return json_text([c.as_row() for c in rows], indent=2) + "\n"


STYLE = {
    "ok": "green",
    "warning": "yellow",
    "breached": "bold red",
    "met": "dim green",
    "missed": "red",
    "paused": "cyan",
}


def _short_deadline(text: str) -> str:
    """``2026-11-19 10:30:00`` -> ``11-19 10:30``, for narrow terminals (``≈`` kept)."""
    mark = ESTIMATED_MARK if text.startswith(ESTIMATED_MARK) else ""
    bare = text.removeprefix(mark)
    return mark + bare[5:16] if len(bare) == 19 else text


def table_report(rows: list[ClockStatus], *, width: int | None = None) -> str:
    """A rich table for a terminal ``width`` columns wide (the CLI passes the terminal's):
    ticket ids and states stay whole on one line, the other cells fold to fit.
    """
    from rich.console import Console

    width = width or DEFAULT_WIDTH
    plain = [list(_cells(c)) for c in rows]
    for cells, c in zip(plain, rows, strict=True):
        cells[2] = STATE_LABELS[c.state]
    headers: tuple[str, ...] = HEADERS
    whole, right = (0, 2, 4), (7,)
    if not fits(headers, plain, whole, width):
        # narrow terminal (80 columns): the deadline to the minute, and what is left, not what is used
        keep = (0, 1, 2, 3, 4, 6, 7)
        headers, right = tuple(HEADERS[i] for i in keep), (6,)
        plain = [[_short_deadline(cells[i]) if i == 4 else cells[i] for i in keep] for cells in plain]
    table = fitted_table(headers, plain, whole=whole, width=width, title="SLA 时钟 clocks", right=right)
    for cells, c in zip(plain, rows, strict=True):
        table.add_row(*map(literal, cells[:2]), literal(cells[2], STYLE[c.state]), *map(literal, cells[3:]))
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, width=width).print(table)
    return buffer.getvalue() + estimated_note(rows)


GITHUB_LEVELS = {"breached": "error", "missed": "error", "warning": "warning"}


def github_report(rows: list[ClockStatus], *, width: int | None = None) -> str:
    """Workflow annotations for the clocks that need someone: breached and missed (error), warning."""
    out = []
    for c in rows:
        level = GITHUB_LEVELS.get(c.state)
        if level is None:
            continue
        deadline = f", deadline {c.deadline.isoformat()}" if c.deadline else ""
        if c.estimated_years:
            deadline += f", estimated: {', '.join(map(str, c.estimated_years))} holidays not official"
        message = f"{c.ticket_id} {c.target} {c.state} ({c.percent:.0f}%{deadline})"
        out.append(annotation(level, message, title=f"itsmctl sla {c.sla_id}"))
    return "".join(out)


class StatusReporter(Protocol):
    """``(rows, width=…)``: ``width`` (the terminal's columns) matters to the table only."""

    def __call__(self, rows: list[ClockStatus], *, width: int | None = None) -> str: ...


STATUS_REPORTERS: dict[str, StatusReporter] = {
    "text": text_report,
    "json": json_report,
    "table": table_report,
    "github": github_report,
}
