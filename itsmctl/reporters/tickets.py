"""How ticket lists, single tickets and histories are written: text, JSON, CSV, rich tables.

Every text goes out through ``itsmctl.escape``: ``terminal`` for a cell or a line,
``json_text`` for JSON, ``literal`` (over ``terminal``) for a rich table's cells.  Author
names in a history come from git, not from a record, and are escaped the same way.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from itsmctl.escape import json_text, terminal, terminal_lines
from itsmctl.models import TicketBase
from itsmctl.reporters.table_fit import DEFAULT_WIDTH, fits, fitted_table, literal
from itsmctl.revisions import Revision
from itsmctl.tickets.listing import TicketRow

LIST_HEADERS = ("工单 id", "类型 kind", "状态 status", "优先级", "处理人 assignee", "开单 opened", "标题 title")
KIND_LABELS = {
    "incident": "事件 incident",
    "request": "服务请求 request",
    "problem": "问题 problem",
    "change": "变更 change",
    "complaint": "投诉 complaint",
}


def _cells(row: TicketRow) -> list[str]:
    title = row.title + (f"  [超时 breached: {', '.join(row.breaches)}]" if row.breaches else "")
    cells = [
        row.id,
        row.kind,
        row.status,
        row.priority,
        row.assignee or "-",
        row.opened.strftime("%Y-%m-%d %H:%M"),
        title,
    ]
    return [terminal(c) for c in cells]


def list_text(rows: Sequence[TicketRow], *, width: int | None = None) -> str:
    """Aligned columns a person or ``grep`` can read; titles last since they vary most."""
    table = [list(LIST_HEADERS), *[_cells(r) for r in rows]]
    widths = [max(_width(r[i]) for r in table) for i in range(len(LIST_HEADERS) - 1)]
    lines = []
    for cells in table:
        padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=False)]
        lines.append("  ".join([*padded, cells[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def list_json(rows: Sequence[TicketRow], *, width: int | None = None) -> str:
    return json_text([r.as_dict() for r in rows], indent=2) + "\n"


def list_csv(rows: Sequence[TicketRow], *, width: int | None = None) -> str:
    out = io.StringIO()
    fields = [f.name for f in dataclasses.fields(TicketRow)]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = row.as_dict()
        data["breaches"] = " ".join(data["breaches"])
        writer.writerow({k: terminal(v) if isinstance(v, str) else v for k, v in data.items()})
    return out.getvalue()


def list_table(rows: Sequence[TicketRow], *, width: int | None = None) -> str:
    """A rich table for a terminal of ``width`` columns (rendered to text here, printed by
    the CLI, which passes the terminal's width): ids and opening times whole on one line,
    other cells fold; a narrow terminal drops the kind (the id says it) and the time of day.
    """
    from rich.console import Console

    width = width or DEFAULT_WIDTH
    headers: tuple[str, ...] = LIST_HEADERS
    cells, whole = [_cells(row) for row in rows], (0, 5)
    if not fits(headers, cells, whole, width):
        # narrow terminal (80 columns): the id's prefix already says the kind, the day is enough
        keep = (0, 2, 3, 4, 5, 6)
        headers = tuple(LIST_HEADERS[i] for i in keep)
        cells = [[c[i][:10] if i == 5 else c[i] for i in keep] for c in cells]
        whole = (0, 4)
    table = fitted_table(headers, cells, whole=whole, width=width)
    for row_cells in cells:
        table.add_row(*(literal(cell) for cell in row_cells))
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, width=width).print(table)
    return buffer.getvalue()


class ListReporter(Protocol):
    """``(rows, width=…)``: ``width`` (the terminal's columns) matters to the table only."""

    def __call__(self, rows: Sequence[TicketRow], *, width: int | None = None) -> str: ...


LIST_REPORTERS: dict[str, ListReporter] = {
    "text": list_text,
    "json": list_json,
    "csv": list_csv,
    "table": list_table,
}

# --- one ticket -------------------------------------------------------------------------

_EVENT_HEAD = {"id", "at", "by", "type"}


def _event_line(event: dict[str, Any]) -> str:
    extras = " ".join(f"{terminal(k)}={_short(v)}" for k, v in event.items() if k not in _EVENT_HEAD)
    at, event_id, by, kind = (terminal(event.get(k, "")) for k in ("at", "id", "by", "type"))
    return f"  {at}  {event_id:<9} {by:<12} {kind:<12} {extras}".rstrip()


def _short(value: Any) -> str:
    if isinstance(value, list):
        return terminal(",".join(str(v) for v in value))
    return terminal(str(value).replace("\n", " "))


def _block(text: str) -> str:
    """A value of several lines: each line safe, the ones after the first marked, so none
    can pass for a line of its own (a key, or a workflow command ``::error``)."""
    return terminal_lines(text).replace("\n", "\n  | ")


def show_text(ticket: TicketBase) -> str:
    data = ticket.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    kind = data.pop("kind", "")
    events = data.pop("events", [])
    head = f"{ticket.id}  {KIND_LABELS.get(kind, kind)}  {ticket.status}  {ticket.priority}"
    lines = [terminal(head), terminal(ticket.title)]
    for key, value in data.items():
        if key in ("id", "title", "status", "priority"):
            continue
        shown = json_text(value) if isinstance(value, (dict, list)) else _block(str(value))
        lines.append(f"{terminal(key)}: {shown}")
    lines.append(f"事件记录 events ({len(events)}):")
    lines += [_event_line(e) for e in events]
    return "\n".join(lines) + "\n"


def show_json(ticket: TicketBase) -> str:
    return json_text(ticket.model_dump(mode="json", exclude_none=True), indent=2) + "\n"


SHOW_REPORTERS: dict[str, Callable[[TicketBase], str]] = {"text": show_text, "json": show_json}

# --- history ----------------------------------------------------------------------------


def history_text(revisions: Sequence[Revision]) -> str:
    lines = []
    for rev in revisions:
        lines.append(terminal(f"{rev.date}  {rev.commit[:10]}  {rev.author} <{rev.email}>  {rev.subject}"))
        for event in rev.added:
            lines.append("  +" + _event_line(event)[1:])
        for event_id in rev.removed:
            lines.append(f"  - {terminal(event_id)} (事件被删除 event removed)")
        for edit in rev.edited:
            changed = "; ".join(f"{k}: {_short(old)} -> {_short(new)}" for k, (old, new) in edit.changes.items())
            lines.append(
                f"  ! {terminal(edit.event_id)} 事件被改写 event edited in place (tampering?) "
                f"in {rev.commit[:10]} by {terminal(rev.author)} <{terminal(rev.email)}>: {terminal(changed)}"
            )
        if rev.fields:
            lines.append(f"    字段 fields: {terminal(', '.join(rev.fields))}")
        if rev.note:
            lines.append(f"    ({terminal(rev.note)})")
    return "\n".join(lines) + ("\n" if lines else "")


def history_json(revisions: Sequence[Revision]) -> str:
    rows = [
        {
            "commit": r.commit,
            "author": r.author,
            "email": r.email,
            "date": r.date,
            "subject": r.subject,
            "added": r.added,
            "removed": r.removed,
            "edited": [
                {"id": e.event_id, "fields": {k: {"before": old, "after": new} for k, (old, new) in e.changes.items()}}
                for e in r.edited
            ],
            "fields": r.fields,
            "note": r.note,
        }
        for r in revisions
    ]
    return json_text(rows, indent=2, default=str) + "\n"


HISTORY_REPORTERS: dict[str, Callable[[Sequence[Revision]], str]] = {"text": history_text, "json": history_json}
