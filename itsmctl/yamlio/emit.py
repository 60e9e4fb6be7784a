"""New record files written as YAML text directly (the importers): 25,000 tickets cannot wait for a round-trip dumper.

The round-trip writer (``itsmctl.roundtrip.render``) takes about 13 ms for a ticket; this
takes a fraction of that.  It writes only what an imported ticket holds (mappings, short
flow lists and mappings of scalars, block lists of events, text, numbers, booleans), in
the house layout of ``tickets.create.render_new``.  Every file it writes is read back with
``store.loader.load_record`` before it is written, so a quoting mistake here is a refused
record, never a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""})
_NUMBERISH = re.compile(
    r"^[-+]?(?:[0-9][0-9_,:.]*|\.[0-9]+|0[xob][0-9a-fA-F_]+|\.inf|\.nan)(?:[eE][-+]?[0-9]+)?$", re.I
)
_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@` \t")
_FLOW_BAD = frozenset(",[]{}:")  # libyaml refuses a colon in a plain scalar inside flow
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _plain_ok(text: str, in_flow: bool) -> bool:
    if text.lower() in _WORDS or text != text.strip() or _NUMBERISH.match(text):
        return False
    if text[0] in _BAD_START or ": " in text or " #" in text or text.endswith(":"):
        return False
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029\ufeff" for ch in text):
        return False
    return not (in_flow and any(ch in _FLOW_BAD for ch in text))


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """One scalar: plain when no reader could take it for anything else, double-quoted otherwise."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if _plain_ok(text, in_flow) else _quoted(text)


def _flow(value: Mapping[str, Any] | Sequence[Any]) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {scalar(v, in_flow=True)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v, in_flow=True) for v in value) + "]"


def _lines(mapping: Mapping[str, Any], indent: int, flow_keys: frozenset[str], out: list[str]) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            if key in flow_keys or not value:
                out.append(f"{pad}{key}: {_flow(value)}")
            else:
                out.append(f"{pad}{key}:")
                _lines(value, indent + 2, flow_keys, out)
        elif isinstance(value, (list, tuple)):
            if not value or not isinstance(value[0], Mapping):
                out.append(f"{pad}{key}: {_flow(value)}")
                continue
            out.append(f"{pad}{key}:")
            for item in value:
                inner: list[str] = []
                _lines(item, indent + 4, flow_keys, inner)
                out.append(f"{pad}  - {inner[0][indent + 4 :]}")
                out.extend(inner[1:])
        else:
            out.append(f"{pad}{key}: {scalar(value)}")


def render(record: Mapping[str, Any], *, flow_keys: frozenset[str] = frozenset()) -> bytes:
    """A record file: keys in the order given, lists of mappings as block lists, ``flow_keys`` inline."""
    out: list[str] = []
    _lines(record, 0, flow_keys, out)
    return ("\n".join(out) + "\n").encode("utf-8")
