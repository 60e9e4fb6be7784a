"""From a file's bytes to a validated record, or to findings.

``load_record`` is a pure function of (path, bytes, default zone): it reads no file,
clock or environment.  It is two steps: ``parse_bytes`` (bytes to plain data, the costly
part, which the content cache keeps by the hash of the bytes and worker processes can
run) and ``record_from`` (plain data to a validated record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from pydantic import BaseModel, ValidationError

from itsmctl.errors import RecordParseError
from itsmctl.findings import Finding
from itsmctl.models import MODEL_BY_KIND
from itsmctl.models.wording import type_message
from itsmctl.store.messages import explain_yaml
from itsmctl.store.paths import path_for
from itsmctl.store.schema_messages import schema_loc, schema_message
from itsmctl.yamlio import Document, Path, decode, parse_document


@dataclass
class LoadedFile:
    """The outcome of loading one file: a record when valid, findings either way."""

    path: str
    """Store-relative POSIX path."""
    display: str
    """The path as findings show it (store folder as given + relative path)."""
    record: BaseModel | None = None
    document: Document | None = None
    kind: str | None = None
    id: str | None = None
    findings: list[Finding] = field(default_factory=list)
    facts: Any = field(default=None, repr=False, compare=False)
    """The record's compact facts once ``store.facts.facts_of`` has read them (computed once)."""

    def finding(self, field_path: Path, code: str, message: str, severity: str = "error") -> Finding:
        """A finding about ``field_path`` of this file, placed at that field's line."""
        pos = self.document.position_of(field_path) if self.document else None
        line, column = (pos.line, pos.column) if pos else (1, 1)
        return Finding(self.display, line, column, dotted(field_path), code, message, severity)  # type: ignore[arg-type]


def dotted(path: Path) -> str:
    """``('events', 3, 'at')`` -> ``events[3].at``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path, Path]:
    """Map a pydantic error location onto the document.

    Returns (path to the deepest node that exists, full field path for display).
    Union tags and validator names that pydantic adds to ``loc`` are dropped.
    """
    node, found, shown = data, [], []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            found.append(part)
            shown.append(part)
        elif part == "[key]":
            shown.append("(key)")
        elif last and isinstance(node, dict) and isinstance(part, str):
            shown.append(part)  # a missing key
        # anything else is a tag pydantic inserted (union member, validator name)
    return tuple(found), tuple(shown)


def _yaml_type(value: Any) -> str:
    """How a YAML author would name the type of a value."""
    if value is None:
        return "nothing (an empty value)"
    names = {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
    text = f" {value!r}" if isinstance(value, (str, int, float)) and len(repr(value)) < 40 else ""
    return names.get(type(value), type(value).__name__) + text


_MAPPING_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type"})


def _one_per_union(raw: Any, errors: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Each error with its data path, leaving out a union's "expected a mapping" error where
    the value is text and another branch said what is wrong with that text (``30 minutes``
    for a target that is a duration or a mapping is one mistake, not two)."""
    placed = [(error, *_data_path(raw, schema_loc(error))) for error in errors]
    said = {tuple(where) for error, where, _ in placed if error.get("type") not in _MAPPING_ERRORS}

    def another_branch_said_it(error: Any, where: Any) -> bool:
        in_union = len(error.get("loc", ())) > len(where)  # the loc names the union's branch
        return error.get("type") in _MAPPING_ERRORS and in_union and tuple(where) in said

    return [(error, where, shown) for error, where, shown in placed if not another_branch_said_it(error, where)]


def _message(error: Any, model: type[BaseModel], record_kind: str) -> str:
    plain = schema_message(error, model, record_kind)
    if plain is not None:
        return plain
    kind = error["type"]
    msg = str(error["msg"])
    typed = type_message(kind, error.get("input"))
    if typed is not None:
        return typed
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping (key: value lines) here, got {_yaml_type(error.get('input'))}"
    if kind == "list_type":
        return f"expected a list (- item lines or [a, b]) here, got {_yaml_type(error.get('input'))}"
    return msg.removeprefix("Value error, ")


@dataclass(frozen=True)
class Parsed:
    """What a file's bytes gave as YAML: plain data, or where and why it does not parse.

    A pure function of the bytes (``parse_bytes``), picklable and marshal-able, so parsing can
    run in worker processes and its result be kept in the content cache.
    """

    data: Any = None
    error: tuple[str, int, int] | None = None


def parse_bytes(data: bytes) -> Parsed:
    """Parse one record file's bytes strictly (``yamlio``); a syntax error explained."""
    try:
        doc = parse_document(data)
    except RecordParseError as exc:
        message, line, column = exc.message, exc.line, exc.column
        if exc.parser is not None:
            text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
            message, line, column = explain_yaml(exc.parser, text, line, column)
        return Parsed(error=(message, line, column))
    return Parsed(data=doc.data)


def text_of(data: bytes) -> Callable[[], str]:
    """The text of ``data`` when a position is first asked for (most files never need one)."""
    return lambda: decode(data)


def load_record(path: str, display: str, data: bytes, *, default_tz: tzinfo | None = None) -> LoadedFile:
    """Parse and validate one record file's bytes."""
    return record_from(path, display, parse_bytes(data), text_of(data), default_tz=default_tz)


def record_from(
    path: str,
    display: str,
    parsed: Parsed,
    text: Callable[[], str],
    *,
    default_tz: tzinfo | None = None,
) -> LoadedFile:
    """A loaded file from what its bytes parsed to; ``text`` gives the text for positions."""
    loaded = LoadedFile(path=path, display=display)
    if parsed.error is not None:
        message, line, column = parsed.error
        loaded.findings.append(Finding(display, line, column, "", "yaml", message))
        return loaded
    doc = Document(parsed.data, text)
    loaded.document = doc
    raw = doc.data
    if raw is None:
        loaded.findings.append(loaded.finding((), "empty", "file is empty; a record needs at least kind: and id:"))
        return loaded
    if not isinstance(raw, dict):
        loaded.findings.append(loaded.finding((), "shape", "a record must be a mapping with kind: and id: at the top"))
        return loaded
    kind, record_id = raw.get("kind"), raw.get("id")
    model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
    if model is None:
        if "kind" not in raw:
            loaded.findings.append(loaded.finding((), "kind", "missing top-level kind:"))
        else:
            kinds = ", ".join(sorted(MODEL_BY_KIND))
            loaded.findings.append(
                loaded.finding(("kind",), "kind", f"unknown kind {kind!r}; expected one of: {kinds}")
            )
        return loaded
    loaded.kind = kind
    loaded.id = record_id if isinstance(record_id, str) else None
    try:
        loaded.record = model.model_validate(raw, context={"default_tz": default_tz})
        doc.data = None  # the record holds it now; a finding's position comes from the text
    except ValidationError as exc:
        loaded.record = None
        for error, where, shown in _one_per_union(raw, exc.errors()):
            pos = doc.position_of(where)
            message = _message(error, model, str(kind))
            loaded.findings.append(Finding(display, pos.line, pos.column, dotted(shown), "schema", message))
    if loaded.id is not None and loaded.kind is not None:
        expected = path_for(loaded.kind, loaded.id)
        if expected is not None and str(expected) != path:
            loaded.findings.append(
                loaded.finding(("id",), "path", f"a {kind} with id {loaded.id} belongs at {expected}, not {path}")
            )
    # a misplaced but valid record still counts for references, to avoid cascades
    return loaded
