"""The hostile-input corpus: what a case is, and small builders that plant one into a store.

A case is one class of hostile input: a name, a one-line description, a function that plants
it into a copy of the example store, and the finding ``validate`` must give for it (file,
code, field, line, words of the message).  Cases of links and special files only promise
that nothing hangs, nothing crashes and nothing is written outside the store
(``only_survive``): another branch decides what they report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"
"""The example store's one ticket, valid; ``ticket show`` and ``ticket note`` work on it."""
TICKET_ID = "INC-2610-7KQ3P"
HOSTILE_ID = "INC-2610-H0ST1"
HOSTILE = f"tickets/2026/10/{HOSTILE_ID}.yaml"
"""Where most cases put their hostile ticket."""

Plant = Callable[[Path], None]


@dataclass(frozen=True)
class Expect:
    """The finding ``validate --format json`` must report for the case."""

    file: str
    code: str
    field: str | None = None
    line: int | None = None
    words: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    plant: Plant
    expect: Expect | None
    """None: the input is hostile but valid; only the sibling's finding is reported."""
    only_survive: bool = False
    """Links and special files: assert only no hang, no traceback, nothing written outside."""
    show: str = TICKET_ID
    xfail: str | None = None
    """Why the case fails on this branch and which branch fixes it (a strict xfail)."""
    skip: str | None = None
    commands: tuple[tuple[str, ...], ...] = field(default=())
    """Extra commands to run for this case (besides the standard ones)."""


def ticket_text(
    ticket_id: str = HOSTILE_ID,
    *,
    title: str = "打印机卡纸",
    extra: str = "",
    events: str = "",
    opened_at: str = "2026-10-12T09:12:00+08:00",
) -> str:
    """A valid open incident, in the example store's style; ``extra`` lines go before the log."""
    return (
        "kind: incident\n"
        f"id: {ticket_id}\n"
        f"title: {title}\n"
        "service: SVC-ONSITE\n"
        "sla: SLA-MAIN\n"
        "requester: li.na\n"
        "assignee: wang.qiang\n"
        "channel: phone\n"
        "delivery: onsite\n"
        "dimensions: {urgency: high, impact: one}\n"
        "priority: P2\n"
        f"{extra}"
        "status: assigned\n"
        "events:\n"
        f"  - {{id: EH0ST1, at: {opened_at}, by: wang.qiang, type: opened}}\n"
        "  - {id: EH0ST2, at: 2026-10-12T09:15:00+08:00, by: zhou.min, type: assigned, to: wang.qiang}\n"
        f"{events}"
    )


def put(rel: str, data: bytes | str) -> Plant:
    """Plant a file with these bytes (text is written as UTF-8, exactly as given)."""

    def plant(store: Path) -> None:
        path = store / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)

    return plant


def edit(rel: str, old: str, new: str, count: int = 1) -> Plant:
    """Replace text in one of the store's files (the old text must be there)."""

    def plant(store: Path) -> None:
        path = store / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return plant


def append(rel: str, text: str) -> Plant:
    def plant(store: Path) -> None:
        with (store / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return plant


def both(*plants: Plant) -> Plant:
    def plant(store: Path) -> None:
        for one in plants:
            one(store)

    return plant


def link(rel: str, target: Callable[[Path], Path]) -> Plant:
    """A symbolic link at ``rel`` to ``target(store)`` (which may lie outside the store)."""

    def plant(store: Path) -> None:
        path = store / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target(store))

    return plant


def fifo(rel: str) -> Plant:
    def plant(store: Path) -> None:
        path = store / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return plant


def outside(name: str, text: str = "kind: service\n") -> Callable[[Path], Path]:
    """A file or folder beside the store (in the test's own folder), created on demand."""

    def target(store: Path) -> Path:
        path = store.parent / "elsewhere" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            path.write_text(text, encoding="utf-8")
        return path

    return target
