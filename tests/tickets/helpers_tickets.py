"""Helpers for ticket tests: git in a folder, the people's identities, reading a ticket."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from itsmctl.tickets.edit import ticket_path
from itsmctl.yamlio import parse_document

WANG = ("王强", "wang.qiang@hengyun.example")
ZHOU = ("周敏", "zhou.min@hengyun.example")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def load_ticket(store: Path, ticket_id: str) -> dict[str, Any]:
    data = parse_document((store / ticket_path(ticket_id)).read_bytes()).data
    assert isinstance(data, dict)
    return data
