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

from collections.abc import Callable
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError

from itsmctl.errors import ParserDetail, RecordParseError
from itsmctl.yamlio.builder import (
    HAS_LIBYAML,
    MAX_DEPTH,
    MAX_NODES,
    YAML_VERSION,
    Builder,
    Path,
    pure_events,
    select_events,
)
from itsmctl.yamlio.scalars import MAX_NUMBER_CHARS, NumberTooLong, Position, resolve_plain

MAX_FILE_BYTES = 1024 * 1024
"""Largest record file accepted; a ticket with a long history is a few tens of KiB."""

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "YAML_VERSION",
    "Document",
    "NumberTooLong",
    "Path",
    "Position",
    "decode",
    "parse_document",
    "reader_error",
    "resolve_plain",
    "syntax_error",
]


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
            builder = Builder(select_events(text), track=True)
            try:
                builder.build()
            except (MarkedYAMLError, RecordParseError):  # pragma: no cover - parsed once already
                builder = Builder(pure_events(text), track=True)
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
    builder = Builder(select_events(text))
    try:
        try:
            value = builder.build()
        except MarkedYAMLError:
            # libyaml speaks YAML 1.1 syntax; where it refuses, let the YAML 1.2 parser judge
            if not HAS_LIBYAML:
                raise
            builder = Builder(pure_events(text))
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
