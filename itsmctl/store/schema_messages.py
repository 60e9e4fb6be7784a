"""Pydantic's wording in plain words: unknown fields, missing ones, values not allowed.

``schema_message`` maps one pydantic error (the dict ``ValidationError.errors()`` gives)
to the sentence a finding carries, for the error types it knows: unknown and missing
fields, ``Literal`` choices and event types, id patterns.  It returns None for the rest
(type errors, validators' own messages), which the loader words itself.

Record files keep canonical ids (``channel: phone``), as the JSON Schemas say; a Chinese
name where an id belongs is answered with the id to write (``write phone (电话)``).  The
Chinese names come from ``itsmctl.models.labels``, the table the reports use too.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from itsmctl.models.base import (
    EVENT_ID_PATTERN,
    LINE_PATTERN,
    MONTHLY_ID_PATTERN,
    PROSE_PATTERN,
    RECORD_ID_PATTERN,
    SLUG_PATTERN,
)
from itsmctl.models.labels import LABELS, group_of, zh_names

PATTERN_NAMES = {
    MONTHLY_ID_PATTERN: "an id like INC-2610-7KQ3P (prefix, YYMM, 5 characters of 0-9 A-Z without I L O U)",
    EVENT_ID_PATTERN: "an event id like E7KQ3PX (E, then 5-12 characters of 0-9 A-Z without I L O U)",
    SLUG_PATTERN: "a lower-case id like wang.qiang or onsite",
    RECORD_ID_PATTERN: "an id of letters, digits, '.', '_' or '-', like CI-SRV-01",
    LINE_PATTERN: "one line of text: no line break, tab, control character (ESC…) or bidi override",
    PROSE_PATTERN: "text without control characters (ESC, C1) or bidi overrides; line breaks and tabs are fine",
}

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_FREE_GROUPS = {"category": "category"}
"""Fields that take any id but have well-known values with Chinese names."""


def shown(value: Any, width: int = 60) -> str:
    """``repr`` of a value from a file, cut to ``width`` characters so a finding stays one line."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``| None``, which add nothing to an error's location."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _member(union: Any, tag: Any) -> type[BaseModel] | None:
    """The member of a tagged union whose tag (a one-value Literal field) is ``tag``."""
    for member in get_args(union):
        if isinstance(member, type) and issubclass(member, BaseModel):
            for field in member.model_fields.values():
                if get_origin(field.annotation) is Literal and get_args(field.annotation) == (tag,):
                    return member
    return None


def owner_of(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel] | None, str | None]:
    """The model that holds the field ``loc`` ends in, and the union tag met on the way.

    ``('events', 2, 'confirmed', 'contact')`` of an incident -> (Confirmed, 'confirmed').
    """
    annotation: Any = model
    tag: str | None = None
    for part in loc[:-1]:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = _fields(annotation).get(part) if isinstance(part, str) else None
            if field is None:
                return None, tag
            annotation = field.annotation
        elif origin in (list, tuple, set, frozenset) and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif origin is dict:
            annotation = get_args(annotation)[0 if part == "[key]" else 1]
        elif origin in (Union, types.UnionType):
            member = _member(annotation, part)
            if member is None:
                return None, tag
            annotation, tag = member, str(part)
        else:
            return None, tag
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, tag
    return None, tag


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the name a file uses (the alias, e.g. ``class``)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _field_name(loc: tuple[Any, ...], tag: str | None) -> str:
    """The last field name in ``loc`` (not an index or a union tag); ``roles[0]`` -> role.

    For a mapping's key (``('id_prefixes', 'incidnt', '[key]')``) it is ``id_prefixes key``.
    """
    is_key = bool(loc) and loc[-1] == "[key]"
    for i in range(len(loc) - (3 if is_key else 1), -1, -1):
        part = loc[i]
        if isinstance(part, str) and part != "[key]" and part != tag:
            if is_key:
                return f"{part} key"
            item = i < len(loc) - 1 and isinstance(loc[i + 1], int)
            return part[:-1] if item and part.endswith("s") and not part.endswith("ss") else part
    return "value"


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _owner_words(kind: str, tag: str | None, loc: tuple[Any, ...]) -> str:
    if tag is not None:
        zh = zh_names("event_type").get(tag)
        return _a(f"{tag} event") + (f" ({zh})" if zh else "")
    if len(loc) <= 1:
        return _a(kind)
    return ".".join(str(p) for p in loc[:-1] if isinstance(p, str) and p != tag) or _a(kind)


def choices_text(values: list[str], group: str | None) -> str:
    """``phone 电话, mail 邮件, …``: every allowed id with its Chinese name."""
    names = zh_names(group) if group else {}
    return ", ".join(f"{v} {names[v]}" if v in names else v for v in values)


def not_allowed(given: Any, values: list[str], what: str) -> str:
    """A value outside a fixed set: the id to write for a Chinese name, else the allowed ones."""
    group = group_of(values)
    names = zh_names(group) if group else {}
    if isinstance(given, str):
        by_name = {zh: value for value, zh in names.items() if value in values}
        if given.strip() in by_name:
            value = by_name[given.strip()]
            return f"{shown(given)} is the Chinese name; record files keep the id: write {value} ({names[value]})"
        close = [v for v in values if v.lower() == given.strip().lower()]
        close = close or difflib.get_close_matches(given, values, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"unknown {what} {shown(given)}{hint}; allowed: {choices_text(values, group)}"
    return f"{what} must be one of: {choices_text(values, group)}; got {shown(given)}"


def _zh_id(given: str) -> tuple[str, str] | None:
    """(id, Chinese name) when ``given`` is the Chinese name of exactly one id in the labels."""
    found = {value for group in LABELS["zh"] for value, zh in zh_names(group).items() if zh == given.strip()}
    return (next(iter(found)), given.strip()) if len(found) == 1 else None


def _pattern(error: Mapping[str, Any], loc: tuple[Any, ...], tag: str | None) -> str | None:
    pattern = (error.get("ctx") or {}).get("pattern")
    given = error.get("input")
    field = _field_name(loc, tag)
    if "dimensions" in loc:
        return (
            f"{shown(given)}: dimensions are written with the ids of policy.yaml's priority.dimensions "
            "and their levels (urgency: urgent), not their Chinese names (紧急程度: 紧急)"
        )
    if pattern not in PATTERN_NAMES:
        return None
    message = f"{shown(given)} is not {PATTERN_NAMES[pattern]}"
    if isinstance(given, str):
        group = _FREE_GROUPS.get(field)
        names = zh_names(group) if group else {}
        by_name = {zh: value for value, zh in names.items()}
        pair = (by_name[given.strip()], given.strip()) if given.strip() in by_name else _zh_id(given)
        if pair is not None:
            return f"{message}; record files keep the id: write {pair[0]} ({pair[1]})"
        if names:
            return f"{message}; known {field} ids: {choices_text(list(names), group)}"
    return message


def quoted_choices(text: Any) -> list[str]:
    """The quoted choices of a pydantic ``expected`` text (``'phone', 'mail' or 'fax'``)."""
    return [m.replace("\\'", "'") for m in _QUOTED.findall(str(text or ""))]


def schema_loc(error: Mapping[str, Any]) -> tuple[Any, ...]:
    """The error's location, pointing at the tag field itself when an event's tag is wrong."""
    loc = tuple(error["loc"])
    if error["type"] == "union_tag_invalid":
        return (*loc, str((error.get("ctx") or {}).get("discriminator", "type")).strip("'"))
    return loc


def schema_message(error: Mapping[str, Any], model: type[BaseModel], kind: str) -> str | None:
    """Plain words for one pydantic error about a ``kind`` record, or None to leave it to the caller."""
    kind_of_error = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    owner, tag = owner_of(model, loc)
    field = _field_name(loc, tag)
    if kind_of_error == "extra_forbidden":
        known = list(_fields(owner)) if owner else []
        close = difflib.get_close_matches(str(field), known, n=1, cutoff=0.6)
        if close:
            return f"unknown field {shown(field)}; did you mean {close[0]!r}?"
        listed = f"; {_owner_words(kind, tag, loc)} has: {', '.join(known)}" if known else ""
        return f"unknown field {shown(field)}{listed}"
    if kind_of_error == "missing":
        needed = [name for name, info in (_fields(owner).items() if owner else ()) if info.is_required()]
        given = error.get("input")
        typo = (
            difflib.get_close_matches(field, [k for k in given if isinstance(k, str)], 1, 0.6)
            if isinstance(given, dict)
            else []
        )
        hint = f" (is {shown(typo[0])} a misspelling of {field}?)" if typo else ""
        need = f"; {_owner_words(kind, tag, loc)} needs {', '.join(needed)}" if needed else ""
        return f"required field is missing{hint}{need}"
    if kind_of_error in ("literal_error", "enum"):
        return not_allowed(error.get("input"), quoted_choices(ctx.get("expected")), field)
    if kind_of_error == "union_tag_invalid":
        what = str(ctx.get("discriminator", "type")).strip("'")
        what = "event type" if what == "type" and "events" in loc else what
        return not_allowed(ctx.get("tag"), quoted_choices(ctx.get("expected_tags")), what)
    if kind_of_error == "union_tag_not_found":
        what = str(ctx.get("discriminator", "type")).strip("'")
        tags = list(zh_names("event_type")) if "events" in loc else []
        allowed = f"; allowed: {choices_text(tags, 'event_type')}" if tags else ""
        return f"missing {what}: (it says what this entry is, e.g. {what}: note){allowed}"
    if kind_of_error == "string_pattern_mismatch":
        return _pattern(error, loc, tag)
    return None
