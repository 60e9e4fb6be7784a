"""From a parser's events to plain data, enforcing the store's rules as it goes: only the
standard tags, no duplicate or non-scalar keys, one document, aliases bounded, nesting bounded.

This loop is most of the cost of loading a store, so events are told apart by their exact
type and field paths are built only when positions are asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev

from itsmctl.errors import RecordParseError
from itsmctl.yamlio.scalars import (
    MAYBE_NOT_STR,
    SCALAR_TAGS,
    TAG,
    NumberTooLong,
    Position,
    resolve_plain,
    tagged_scalar,
)

try:  # pragma: no cover - which branch runs depends on the installation
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover
    _CParser = None

MAX_NODES = 100_000
"""Largest number of nodes a document may expand to, aliases counted at every use."""

MAX_DEPTH = 64
"""Deepest nesting accepted; real records nest four or five levels."""

YAML_VERSION = (1, 2)
"""The one YAML version records are read by; a ``%YAML`` directive may only name it."""

Path = tuple[str | int, ...]

HAS_LIBYAML = _CParser is not None


def fast_events(text: str) -> Callable[[], Any]:
    assert _CParser is not None
    return _CParser(text).get_event


def pure_events(text: str) -> Callable[[], Any]:
    return YAML(typ="safe", pure=True).parse(text).__next__


def select_events(text: str) -> Callable[[], Any]:
    return fast_events(text) if _CParser is not None else pure_events(text)


def position(event: Any) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _error(message: str, event: Any) -> RecordParseError:
    where = position(event)
    return RecordParseError(message, where.line, where.column)


_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_SEQ_START, _SEQ_END = ev.SequenceStartEvent, ev.SequenceEndEvent
_MAP_START, _MAP_END = ev.MappingStartEvent, ev.MappingEndEvent
_PLAINTAGS = (None, "!")


class Builder:
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
            where = position(after)
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
            self.check_tag(event, TAG + "seq")
            value, size = self.sequence(event, path, depth)
        elif kind is _MAP_START:
            self.check_tag(event, TAG + "map")
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
            if value and value[0] not in MAYBE_NOT_STR:
                return value  # cannot be a number, a boolean or null
            try:
                return resolve_plain(value)
            except NumberTooLong as exc:
                raise _error(str(exc), event) from None
        if tag in SCALAR_TAGS:
            try:
                return tagged_scalar(tag, event.value, position(event))
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
                self.positions[child] = position(event)
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
                self.positions[child] = position(event)
            value_event = next_event()
            if type(value_event) is _SCALAR and value_event.anchor is None and depth < MAX_DEPTH:
                result[key] = scalar(value_event)  # the common case, inline
                self.count(1, value_event)
                size += 2
                continue
            value, n = self.node(value_event, child, depth + 1)
            result[key] = value
            size += n + 1
