"""How ``itsmctl kb search`` is written: plain text or JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict

from itsmctl.escape import json_text, terminal_lines
from itsmctl.tickets.knowledge import KnowledgeHit


def text(hits: Sequence[KnowledgeHit]) -> str:
    lines = []
    for h in hits:
        mark = "已知错误 known error" if h.known_error else h.kind
        lines.append(f"{h.id}  {mark}  {h.status}  {h.title}")
        lines.append(f"    {h.field}: {h.excerpt}")
    lines.append(f"{len(hits)} 条 record(s)")
    return terminal_lines("\n".join(lines)) + "\n"


def as_json(hits: Sequence[KnowledgeHit]) -> str:
    return json_text([asdict(h) for h in hits], indent=2) + "\n"


KB_REPORTERS: dict[str, Callable[[Sequence[KnowledgeHit]], str]] = {"text": text, "json": as_json}
