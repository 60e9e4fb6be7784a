"""YAML 1.2 core-schema resolution of plain scalars, and the tags records may carry.

``no``/``on``/``yes`` stay strings, ``010`` is the integer 10, ``0o10`` is 8, timestamps stay
strings (the models parse them); a number longer than any value a record holds is refused.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from itsmctl.errors import RecordParseError

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

TAG = "tag:yaml.org,2002:"
YAML_VERSION = (1, 2)
"""The one YAML version records are read by; a ``%YAML`` directive may only name it."""
SCALAR_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null")}


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


MAYBE_NOT_STR = frozenset("0123456789-+.~nNtTfF")
"""First characters a non-string plain scalar can start with; anything else is a string."""


MAX_NUMBER_CHARS = 40
"""The longest number a record may hold: no count, score, port or weight comes near it, and
Python refuses to convert integers past 4,300 digits (a 5,000-digit one would stop a whole run)."""


class NumberTooLong(ValueError):
    """A plain scalar that reads as a number but is longer than any value a record holds."""


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    if value and value[0] not in MAYBE_NOT_STR:
        return value
    if len(value) > MAX_NUMBER_CHARS and (
        _INT10.match(value) or _INT8.match(value) or _INT16.match(value) or _FLOAT.match(value)
    ):
        raise NumberTooLong(
            f"a number of {len(value)} characters is beyond any value a record holds "
            f"(at most {MAX_NUMBER_CHARS}); quote it if it is meant as text"
        )
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT10.match(value):
        return int(value, 10)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def tagged_scalar(tag: str, value: str, mark: Position) -> Any:
    if tag == TAG + "str":
        return value
    resolved = resolve_plain(value)
    expected = {
        TAG + "int": int,
        TAG + "float": float,
        TAG + "bool": bool,
        TAG + "null": type(None),
    }[tag]
    if expected is float and type(resolved) is int:
        return float(resolved)
    if type(resolved) is not expected:
        raise RecordParseError(f"value {value!r} is not a valid {tag[len(TAG) :]}", mark.line, mark.column)
    return resolved
