"""Write records as YAML text that reads as if a person typed it.

Why not ``yaml.dump``: a dumper picks quoting and flow style per value, orders keys
alphabetically or by insertion, and cannot place comments.  Here the caller gives the
keys in the order a person would write them, short lists of scalars go inline
(``cis: [CI-APP-CORE, CI-SRV-01]``), mappings and events go block style, and a
:class:`Comment` placed among the keys becomes a ``# ...`` line at that spot.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Comment:
    """A comment line placed where it appears among a mapping's keys (or a list's items)."""

    text: str


@dataclass(frozen=True)
class Flow:
    """Wrap a short mapping to write it inline: ``{urgency: urgent, impact: some}``."""

    value: Mapping[str, Any]


_SPECIAL_WORDS = {
    "y",
    "n",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "false",
    "null",
    "~",
}
"""Words some YAML reader (1.1 or 1.2) takes for a bool or null: always quoted."""

_NUMBERISH = re.compile(
    r"^[-+]?(?:[0-9][0-9_,:.]*|\.[0-9]+|0[xob][0-9a-fA-F_]+|\.inf|\.nan)(?:[eE][-+]?[0-9]+)?$", re.IGNORECASE
)
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_BAD = set(",[]{}")


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """One scalar as YAML text, quoted only when a reader could take it for something else."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _needs_quotes(text, in_flow):
        return json.dumps(text, ensure_ascii=False)
    return text


def _needs_quotes(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return True
    if text.lower() in _SPECIAL_WORDS or _NUMBERISH.match(text):
        return True
    if text[0] in _PLAIN_START_BAD:
        return True
    if ": " in text or " #" in text or text.endswith(":"):
        return True
    if text[0].isdigit() and ":" in text:
        return True  # times such as "09:00-12:00": YAML 1.1 readers see base-60 numbers
    return in_flow and any(ch in _FLOW_BAD for ch in text)


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_inline_list(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple))
        and all(not isinstance(v, (Mapping, list, tuple, Flow, Comment)) for v in value)
        and width(", ".join(scalar(v, in_flow=True) for v in value)) <= 80
    )


def _flow_map(value: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_flow_value(v)}" for k, v in value.items()) + "}"


def _flow_value(value: Any) -> str:
    """A scalar, or a short list of scalars (``fields: [status, version]``), inside a flow mapping."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v, in_flow=True) for v in value) + "]"
    return scalar(value, in_flow=True)


def _block_text(text: str, indent: int) -> str:
    pad = " " * indent
    chomp = "" if text.endswith("\n") else "-"
    body = "\n".join(pad + line if line else "" for line in text.rstrip("\n").split("\n"))
    return f"|{chomp}\n{body}"


def _key_value(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, Flow):
        return [f"{pad}{key}: {_flow_map(value.value)}"]
    if isinstance(value, Mapping):
        if not value:
            return [f"{pad}{key}: {{}}"]
        return [f"{pad}{key}:", *mapping_lines(value, indent + 2)]
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{pad}{key}: []"]
        if _is_inline_list(value):
            return [f"{pad}{key}: [" + ", ".join(scalar(v, in_flow=True) for v in value) + "]"]
        return [f"{pad}{key}:", *sequence_lines(value, indent + 2)]
    if isinstance(value, str) and "\n" in value:
        return [f"{pad}{key}: {_block_text(value, indent + 2)}"]
    return [f"{pad}{key}: {scalar(value)}"]


def mapping_lines(value: Mapping[Any, Any], indent: int = 0) -> list[str]:
    """Block mapping lines; keys whose value is None are left out (absent = default)."""
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(key, Comment):
            lines.append(" " * indent + "# " + key.text)
        elif item is not None:
            lines.extend(_key_value(str(key), item, indent))
    return lines


def sequence_lines(value: Sequence[Any], indent: int) -> list[str]:
    """Block sequence lines: ``- id: ...`` items with the rest of the mapping under them."""
    pad = " " * indent
    lines: list[str] = []
    for item in value:
        if isinstance(item, Comment):
            lines.append(pad + "# " + item.text)
        elif isinstance(item, Flow):
            lines.append(f"{pad}- {_flow_map(item.value)}")
        elif isinstance(item, Mapping):
            inner = mapping_lines(item, indent + 2)
            lines.append(pad + "- " + inner[0][indent + 2 :])
            lines.extend(inner[1:])
        elif isinstance(item, str) and "\n" in item:
            lines.append(f"{pad}- {_block_text(item, indent + 2)}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines


def document(value: Mapping[Any, Any], header: str | None = None) -> str:
    """A whole record file: optional header comment lines, then the mapping, newline-terminated."""
    lines = [f"# {line}" if line else "#" for line in header.split("\n")] if header else []
    lines.extend(mapping_lines(value))
    return "\n".join(lines) + "\n"
