"""The one place itsmctl reads YAML for validation.

Strict reading: a record file's bytes become plain Python data (dict, list, str, int,
float, bool, None) plus the position of every key and item, so that a finding can name
``file:line:column``.  The rules:

* YAML 1.2 core schema for plain scalars: ``no``/``on``/``yes`` stay strings, ``010`` is
  the integer 10, ``0o10`` is 8; timestamps stay strings (the models parse them).
* Only the standard scalar, map and seq tags; any other tag is refused.
* Duplicate keys, non-scalar keys and more than one document are refused.
* Aliases are allowed but their expansion is bounded (no "billion laughs").
* Input must be UTF-8 (a BOM is tolerated) and at most ``MAX_FILE_BYTES`` long.
* A ``%YAML`` directive may only say 1.2: the store reads every file by YAML 1.2 rules, and
  a file that declares 1.1 (where ``on`` is true and ``010`` is 8) is refused rather than
  read by rules its author did not mean.

It is a pure function of the bytes: no file system, clock or environment is read, so a
content cache can key its results on a hash of the bytes.  Events come from libyaml via
``ruamel.yaml.clib`` when it is installed (about 30 times faster than the pure parser),
else from ruamel's pure-Python parser; both yield the same events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from itsmctl.errors import ParserDetail, RecordParseError

try:  # pragma: no cover - which branch runs depends on the installation
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover
    _CParser = None

MAX_FILE_BYTES = 1024 * 1024
"""Largest record file accepted; a ticket with a long history is a few tens of KiB."""

MAX_NODES = 100_000
"""Largest number of nodes a document may expand to, aliases counted at every use."""

MAX_DEPTH = 64
"""Deepest nesting accepted; real records nest four or five levels."""

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_TAG = "tag:yaml.org,2002:"
YAML_VERSION = (1, 2)
"""The one YAML version records are read by; a ``%YAML`` directive may only name it."""
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


class Document:
    """A parsed record file: its data and, on demand, where each key or item stands.

    Positions are needed only when there is a finding to place, so they are computed
    lazily by parsing the same text a second time (parsing is pure: same text, same
    result).  Clean files, the vast majority, never pay for them.  ``text`` may be a
    function giving it, so a document served from the content cache reads its file only
    when a finding needs a position.
    """

    def __init__(
        self, data: Any, text: str | Callable[[], str] = "", positions: dict[Path, Position] | None = None
    ) -> None:
        self.data = data
        self._text = text
        self._positions = positions

    @property
    def text(self) -> str:
        if callable(self._text):
            self._text = self._text()
        return self._text

    @property
    def positions(self) -> dict[Path, Position]:
        if self._positions is None:
            try:
                text = self.text
            except RecordParseError:  # the file changed since: no position to give
                self._positions = {(): Position(1, 1)}
                return self._positions
            builder = _Builder(_select_events(text), track=True)
            try:
                builder.build()
            except (MarkedYAMLError, RecordParseError):  # pragma: no cover - parsed once already
                builder = _Builder(_pure_events(text), track=True)
                builder.build()
            builder.positions[()] = Position(1, 1)
            self._positions = builder.positions
        return self._positions

    def position_of(self, path: Path) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            pos = self.positions.get(probe)
            if pos is not None:
                return pos
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))


_MAYBE_NOT_STR = frozenset("0123456789-+.~nNtTfF")
"""First characters a non-string plain scalar can start with; anything else is a string."""


MAX_NUMBER_CHARS = 40
"""The longest number a record may hold: no count, score, port or weight comes near it, and
Python refuses to convert integers past 4,300 digits (a 5,000-digit one would stop a whole run)."""


class NumberTooLong(ValueError):
    """A plain scalar that reads as a number but is longer than any value a record holds."""


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    if value and value[0] not in _MAYBE_NOT_STR:
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


def _tagged_scalar(tag: str, value: str, mark: Position) -> Any:
    if tag == _TAG + "str":
        return value
    resolved = resolve_plain(value)
    expected = {
        _TAG + "int": int,
        _TAG + "float": float,
        _TAG + "bool": bool,
        _TAG + "null": type(None),
    }[tag]
    if expected is float and type(resolved) is int:
        return float(resolved)
    if type(resolved) is not expected:
        raise RecordParseError(f"value {value!r} is not a valid {tag[len(_TAG) :]}", mark.line, mark.column)
    return resolved


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 only, BOM tolerated, with the line of the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise RecordParseError(f"file is {len(data)} bytes, larger than the limit of {MAX_FILE_BYTES}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RecordParseError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded (save the file as UTF-8)",
            line,
            column,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise RecordParseError("file contains a NUL character; it is not a text file", line, 1)
    return text


def _fast_events(text: str) -> Callable[[], Any]:
    assert _CParser is not None
    return _CParser(text).get_event


def _pure_events(text: str) -> Callable[[], Any]:
    return YAML(typ="safe", pure=True).parse(text).__next__


def _select_events(text: str) -> Callable[[], Any]:
    return _fast_events(text) if _CParser is not None else _pure_events(text)


def _pos(event: Any) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _error(message: str, event: Any) -> RecordParseError:
    where = _pos(event)
    return RecordParseError(message, where.line, where.column)


_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_SEQ_START, _SEQ_END = ev.SequenceStartEvent, ev.SequenceEndEvent
_MAP_START, _MAP_END = ev.MappingStartEvent, ev.MappingEndEvent
_PLAIN_TAGS = (None, "!")


class _Builder:
    """Turns an event stream into data and positions, enforcing the rules above.

    ``next_event`` gives the next event (a parser's ``get_event``).  Field paths are built
    only when ``track`` is set (positions are wanted only for a file with a finding), and
    events are told apart by their exact type: this loop is most of the cost of loading a
    store.
    """

    def __init__(self, next_event: Callable[[], Any], track: bool = False) -> None:
        self.next_event = next_event
        self.track = track
        self.positions: dict[Path, Position] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0

    def count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise _error(f"document expands to more than {MAX_NODES} nodes (alias bomb?)", event)

    def build(self) -> Any:
        first = self.next_event()
        assert isinstance(first, ev.StreamStartEvent)
        event = self.next_event()
        if isinstance(event, ev.StreamEndEvent):
            return None
        self.check_version(event)
        data, _ = self.node(self.next_event(), (), 0)
        end = self.next_event()
        assert isinstance(end, ev.DocumentEndEvent)
        after = self.next_event()
        if not isinstance(after, ev.StreamEndEvent):
            where = _pos(after)
            raise RecordParseError("more than one YAML document in the file; a record is one document", where.line, 1)
        return data

    def node(self, event: Any, path: Path, depth: int) -> tuple[Any, int]:
        """Build one node; return its value and its expanded size in nodes.

        Positions are computed only on the error paths: most files have no errors.
        """
        if depth > MAX_DEPTH:
            raise _error(f"nesting deeper than {MAX_DEPTH} levels", event)
        kind = type(event)
        if kind is _ALIAS:
            if event.anchor in self.open_anchors:
                raise _error(f"alias *{event.anchor} refers to itself", event)
            if event.anchor not in self.anchors:
                raise _error(f"alias *{event.anchor} has no anchor", event)
            value, size = self.anchors[event.anchor]
            self.count(size, event)
            return value, size
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors.add(anchor)
        if kind is _SCALAR:
            value, size = self.scalar(event), 1
            self.count(1, event)
        elif kind is _SEQ_START:
            self.check_tag(event, _TAG + "seq")
            value, size = self.sequence(event, path, depth)
        elif kind is _MAP_START:
            self.check_tag(event, _TAG + "map")
            value, size = self.mapping(event, path, depth)
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise _error(f"unexpected YAML event {type(event).__name__}", event)
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (value, size)
        return value, size

    @staticmethod
    def check_version(start: Any) -> None:
        version = getattr(start, "version", None)
        if version is not None and tuple(version) != YAML_VERSION:
            declared = ".".join(str(part) for part in version)
            raise _error(
                f"the file declares %YAML {declared}; records are read as YAML 1.2 "
                "(remove the directive or write %YAML 1.2)",
                start,
            )

    @staticmethod
    def check_tag(event: Any, allowed: str) -> None:
        if event.tag not in (None, "!", allowed):
            raise _error(f"tag {event.tag} is not allowed in records", event)

    @staticmethod
    def scalar(event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            if event.style not in (None, "") or not event.implicit[0]:
                return value  # quoted or block: text as written
            if value and value[0] not in _MAYBE_NOT_STR:
                return value  # cannot be a number, a boolean or null
            try:
                return resolve_plain(value)
            except NumberTooLong as exc:
                raise _error(str(exc), event) from None
        if tag in _SCALAR_TAGS:
            try:
                return _tagged_scalar(tag, event.value, _pos(event))
            except NumberTooLong as exc:
                raise _error(str(exc), event) from None
        raise _error(f"tag {tag} is not allowed in records", event)

    def sequence(self, start: Any, path: Path, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        size = 1
        self.count(1, start)
        next_event, track, child = self.next_event, self.track, path
        while True:
            event = next_event()
            kind = type(event)
            if kind is _SEQ_END:
                return items, size
            if track:
                child = (*path, len(items))
                self.positions[child] = _pos(event)
            if kind is _SCALAR and event.anchor is None and depth < MAX_DEPTH:  # the common case, inline
                items.append(self.scalar(event))
                self.count(1, event)
                size += 1
                continue
            value, n = self.node(event, child, depth + 1)
            items.append(value)
            size += n

    def mapping(self, start: Any, path: Path, depth: int) -> tuple[dict[Any, Any], int]:
        result: dict[Any, Any] = {}
        size = 1
        self.count(1, start)
        next_event, track, child = self.next_event, self.track, path
        scalar = self.scalar
        while True:
            event = next_event()
            kind = type(event)
            if kind is _MAP_END:
                return result, size
            if kind is not _SCALAR:
                raise _error("mapping keys must be plain scalars", event)
            key = scalar(event)
            if isinstance(key, float) or key is None or isinstance(key, bool):
                key = event.value
            if key in result:
                raise _error(f"duplicate key {key!r} in the same mapping", event)
            if track:
                child = (*path, key)
                self.positions[child] = _pos(event)
            value_event = next_event()
            if type(value_event) is _SCALAR and value_event.anchor is None and depth < MAX_DEPTH:
                result[key] = scalar(value_event)  # the common case, inline
                self.count(1, value_event)
                size += 2
                continue
            value, n = self.node(value_event, child, depth + 1)
            result[key] = value
            size += n + 1


def syntax_error(exc: MarkedYAMLError) -> RecordParseError:
    """A parser's complaint as a RecordParseError placed where it stopped, its words kept in ``parser``."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    start = exc.context_mark
    detail = ParserDetail(
        str(problem),
        exc.context if exc.problem else None,
        start.line + 1 if start is not None else None,
        start.column + 1 if start is not None else None,
    )
    return RecordParseError(f"YAML syntax error: {problem}", line, column, detail)


def reader_error(exc: YAMLError, text: str) -> RecordParseError:
    """A reader's complaint (a character YAML does not allow) placed at that character."""
    position = getattr(exc, "position", None)
    if not (isinstance(position, int) and 0 <= position <= len(text)):
        return RecordParseError(f"YAML error: {exc}")
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = getattr(exc, "reason", None) or "invalid character"
    character = getattr(exc, "character", None)
    problem = f"unacceptable character #x{character:04x}: {reason}" if isinstance(character, int) else str(reason)
    return RecordParseError(f"YAML error: {reason} (character {character!r})", line, column, ParserDetail(problem))


def parse_document(data: bytes) -> Document:
    """Parse one record file's bytes strictly; raise RecordParseError with a position."""
    text = decode(data)
    builder = _Builder(_select_events(text))
    try:
        try:
            value = builder.build()
        except MarkedYAMLError:
            # libyaml speaks YAML 1.1 syntax; where it refuses, let the YAML 1.2 parser judge
            if _CParser is None:
                raise
            builder = _Builder(_pure_events(text))
            try:
                value = builder.build()
            except AssertionError as exc:  # ruamel asserts on a %YAML version it does not know (1.3)
                raise RecordParseError(f"YAML error: {exc}; records are read as YAML 1.2", 1, 1) from None
    except MarkedYAMLError as exc:
        raise syntax_error(exc) from None
    except YAMLError as exc:
        raise reader_error(exc, text) from None
    except RecursionError:
        raise RecordParseError(f"nesting deeper than {MAX_DEPTH} levels") from None
    return Document(value, text)
