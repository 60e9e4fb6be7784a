"""The one place that rewrites YAML: round-trip edits that keep a file's formatting.

Reading for validation is ``itsmctl.yamlio`` (strict, pure).  This module is for the
other job: change a few values in a hand-written record and leave every other byte as
it was — comments, key order, quoting, flow style, blank lines and indentation — so
that the git diff of a command shows only the lines it had to change.

ruamel.yaml's own limits (a null written ``null`` or ``~`` comes back empty, extra spaces
after a colon are normalised, one indentation for the whole file) touch only the lines an
edit changes: every other line is put back as it was (below).

An edit's dump is then laid over the original bytes (``itsmctl.splice``): every stretch
of lines that still says the same is put back as it was, so escapes in double-quoted
text, end-of-line comment columns, directive lines, line endings (CRLF, LF, CR alone) and
long lines survive byte for byte, and only the lines the edit changed differ.

Timestamps and dates stay text here (the timestamp resolver is switched off), exactly
as the strict reader sees them, so ``2026-10-09T09:12:00+08:00`` is neither rewritten
nor quoted.  Callers re-validate the new bytes with ``itsmctl.store.load_record`` before
writing anything.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from itsmctl import splice
from itsmctl.errors import RecordParseError

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BOM = "\ufeff"
WIDTH = 1 << 30
"""Line width for the emitter, beyond any record file (``yamlio.MAX_FILE_BYTES``): a line is
never folded, neither one the author wrote nor a long new value."""


class _TextTimestampResolver(VersionedResolver):
    """YAML 1.2 resolution without timestamps: a time stays the text its author wrote."""

    @property
    def versioned_resolver(self) -> Any:
        table = super().versioned_resolver
        return {first: [(tag, rx) for tag, rx in entries if tag != _TIMESTAMP_TAG] for first, entries in table.items()}


@dataclass(frozen=True)
class Layout:
    """How a file is laid out, so new lines look like their neighbours."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    explicit_start: bool = False
    newline: str = "\n"
    bom: bool = False


_SEQ_ITEM = re.compile(r"^( *)- ")
_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(?:#.*)?$")


def guess_layout(text: str) -> Layout:
    """Indentation from the first nested mapping and the first block sequence."""
    mapping, offset = None, None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, line in itertools.pairwise(lines):
        parent = _KEY_LINE.match(above)
        if parent is None:
            continue
        depth = len(line) - len(line.lstrip(" "))
        step = depth - len(parent.group(1))
        if _SEQ_ITEM.match(line):
            if offset is None:
                offset = max(step, 0)
        elif step > 0 and mapping is None:
            mapping = step
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    offset = 2 if offset is None else offset
    first = next((line for line in text.removeprefix(_BOM).splitlines() if line.strip() and line[0] != "#"), "")
    return Layout(
        mapping=mapping,
        sequence=offset + 2,
        offset=offset,
        explicit_start=first.startswith("---"),
        newline=splice.newline_of(text),
        bom=text.startswith(_BOM),
    )


def _yaml(layout: Layout) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _TextTimestampResolver
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.explicit_start = layout.explicit_start
    return yaml


def load(data: bytes) -> tuple[Any, Layout]:
    """A record's bytes as ruamel's commented data, and the file's layout."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordParseError("not UTF-8; the file was not changed") from None
    layout = guess_layout(text)
    # ruamel keeps a blank line after a flow mapping as a comment token only when lines end in
    # "\n": with "\r\n" it drops it on dump.  The dump is laid over the original bytes with
    # their own endings (``splice.keep_untouched``), so parsing the text with "\n" loses nothing.
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    try:
        return _yaml(layout).load(text), layout
    except YAMLError as exc:
        friendly = _without_separating_tabs(text)
        if friendly is None:
            raise RecordParseError(f"YAML error: {exc}") from None
    try:
        return _yaml(layout).load(friendly), layout
    except YAMLError as exc:
        raise RecordParseError(f"YAML error: {exc}") from None


_SEPARATING_TABS = (
    re.compile(r"(?<=:)[ \t]*\t[ \t]*"),  # key:<TAB>value
    re.compile(r"[ \t]*\t[ \t]*(?=#|$)", re.MULTILINE),  # value<TAB># comment, trailing tabs
)


def _without_separating_tabs(text: str) -> str | None:
    """``text`` with tabs that only separate tokens written as spaces, if it then says the same.

    YAML 1.2 (and the strict reader) allows a tab between a key's colon and its value,
    before a comment and at a line's end; ruamel's round-trip scanner refuses them.  The
    spaces are for ruamel only: the original lines are put back after the edit
    (``splice``), since they say the same.
    """
    original = splice.meaning(text)
    if original is None or "\t" not in text:
        return None
    candidate = text
    for pattern in _SEPARATING_TABS:
        candidate = pattern.sub(lambda m: " " * len(m.group()), candidate)
    for attempt in (candidate, text.replace("\t", " ")):
        if splice.meaning(attempt) == original:
            return attempt
    return None


def dump(document: Any, layout: Layout) -> bytes:
    """Commented data back to bytes in ``layout``."""
    out = io.StringIO()
    _yaml(layout).dump(document, out)
    text = out.getvalue()
    if layout.newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", layout.newline)
    if layout.bom:
        text = _BOM + text
    return text.encode("utf-8")


def edit(data: bytes, change: Callable[[CommentedMap], None]) -> bytes:
    """Load ``data``, let ``change`` mutate the top mapping in place, dump it again.

    Only the lines the change altered differ from ``data``: the dump is laid over the
    original bytes (``splice.keep_untouched``), which says exactly what the dump says.
    """
    document, layout = load(data)
    if not isinstance(document, CommentedMap):
        raise RecordParseError("a record must be a mapping at the top; the file was not changed")
    change(document)
    out = io.StringIO()
    _yaml(layout).dump(document, out)
    text = splice.keep_untouched(data.decode("utf-8").removeprefix(_BOM), out.getvalue())
    return ((_BOM if layout.bom else "") + text).encode("utf-8")


# --- the API callers use instead of importing ruamel ------------------------------------

Document = CommentedMap
"""The top mapping an ``edit`` callback receives (ruamel's commented map).  Callers name
this type and use the helpers below, so ruamel is imported in this module only."""


def is_mapping(node: Any) -> bool:
    return isinstance(node, CommentedMap)


def is_sequence(node: Any) -> bool:
    return isinstance(node, CommentedSeq)


def new_mapping(items: Mapping[str, Any] | None = None, *, flow: bool = False) -> CommentedMap:
    """An empty (or filled) mapping node, block style unless ``flow``."""
    node = CommentedMap()
    for key, value in (items or {}).items():
        node[key] = to_node(value, flow=flow)
    _set_style(node, flow)
    return node


def new_sequence(items: Sequence[Any] = (), *, flow: bool = False) -> CommentedSeq:
    """An empty (or filled) sequence node, block style unless ``flow``."""
    seq = CommentedSeq(to_node(item, flow=flow) for item in items)
    _set_style(seq, flow)
    return seq


def append_to(document: CommentedMap, key: str, items: Sequence[Any]) -> None:
    """Append ``items`` to the list at ``document[key]`` like its last item; RecordParseError if not a list."""
    seq = document.get(key)
    if not isinstance(seq, CommentedSeq):
        raise RecordParseError(f"{key} is not a list; the file was not changed")
    for item in items:
        append_item(seq, item)


def remove_where(document: CommentedMap, key: str, drop: Callable[[Any], bool]) -> int:
    """Take the items ``drop`` says out of the list at ``document[key]`` (the key too once empty); how many."""
    seq = document.get(key)
    if not isinstance(seq, CommentedSeq):
        return 0
    gone = [i for i, item in enumerate(seq) if drop(item)]
    for i in reversed(gone):
        del seq[i]
    if gone and not len(seq):
        _remove(document, key)
    return len(gone)


def render(
    record: Mapping[str, Any], *, flow_keys: frozenset[str] = frozenset(), layout: Layout | None = None
) -> bytes:
    """A new record file: keys in the given order, values under ``flow_keys`` in flow style, the rest block."""
    document = CommentedMap()
    for key, value in record.items():
        document[key] = to_node(value, flow=key in flow_keys)
    return dump(document, layout or Layout())


# --- building new nodes that look like their neighbours -------------------------------


def to_node(value: Any, *, flow: bool = False) -> Any:
    """Plain Python data to ruamel nodes: times as ISO text, multi-line text as ``|``."""
    if isinstance(value, datetime):
        spec = "seconds" if value.microsecond == 0 else "auto"
        return value.isoformat(timespec=spec)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and "\n" in value and not isinstance(value, ScalarString):
        return LiteralScalarString(value)
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_node(item, flow=flow)
        _set_style(node, flow)
        return node
    if isinstance(value, (list, tuple)) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq(to_node(item, flow=flow) for item in value)
        _set_style(seq, flow)
        return seq
    return value


def _set_style(node: CommentedMap | CommentedSeq, flow: bool) -> None:
    """Say the style of a new node either way, so ``is_flow`` never has to guess about it."""
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def is_flow(node: Any) -> bool:
    """Whether a list or mapping is written in flow style (``[a, b]``, ``{k: v}``).

    ruamel records no style for an empty collection read from a file, which can only have
    been written ``[]`` or ``{}``: flow, so a list that grows from ``related: []`` stays
    ``related: [PRB-1]``.
    """
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return False
    style = node.fa.flow_style()
    return len(node) == 0 if style is None else bool(style)


def append_item(seq: CommentedSeq, value: Any) -> None:
    """Append to a sequence in its own style; a mapping item copies the flow style of the last item."""
    last = seq[-1] if len(seq) else None
    if last is None:
        # ``[]`` in the file stays flow as a short list of ids grows (``related: [PRB-1]``);
        # a list of records growing from ``[]`` (``events: []``) is written as a block
        _set_style(seq, is_flow(seq) and not isinstance(value, (Mapping, list, tuple)))
    flow = is_flow(last) if last is not None else is_flow(seq)
    seq.append(to_node(value, flow=flow))


def set_field(mapping: CommentedMap, key: str, value: Any, order: Sequence[str] = ()) -> None:
    """Set ``mapping[key]`` changing as few lines as possible.

    * an existing scalar keeps its quoting style;
    * an existing list whose items start the new list gets only the new items appended;
    * an existing mapping is updated key by key;
    * a new key goes where ``order`` (the model's field order) puts it, not at the end;
    * ``None`` removes the key.
    """
    if value is None:
        _remove(mapping, key)
        return
    if key not in mapping:
        _insert(mapping, key, value, order)
        return
    old = mapping[key]
    if isinstance(old, CommentedSeq) and isinstance(value, (list, tuple)):
        if list(old) == list(value[: len(old)]):
            for item in value[len(old) :]:
                append_item(old, item)
        else:
            flow = is_flow(old)
            del old[:]
            _set_style(old, flow)
            for item in value:
                old.append(to_node(item, flow=flow))
        return
    if isinstance(old, CommentedMap) and isinstance(value, Mapping):
        for sub_key in [k for k in old if k not in value]:
            del old[sub_key]
        for sub_key, sub_value in value.items():
            if old.get(sub_key) != sub_value:
                set_field(old, sub_key, sub_value, list(value))
        return
    if old == value and type(old) is type(value):
        return
    node = to_node(value, flow=is_flow(mapping))
    if isinstance(old, ScalarString) and isinstance(node, str) and not isinstance(node, ScalarString):
        node = type(old)(node)
    mapping[key] = node


def _insert(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    node = to_node(value, flow=is_flow(mapping) or _siblings_flow(mapping, value))
    keys = list(mapping)
    position = len(keys)
    if key in order:
        rank = {name: i for i, name in enumerate(order)}
        before = [i for i, k in enumerate(keys) if rank.get(k, -1) > rank[key]]
        position = before[0] if before else len(keys)
    mapping.insert(position, key, node)
    if position > 0:
        _move_trailing_comment(mapping, keys[position - 1], key)


def _siblings_flow(mapping: CommentedMap, value: Any) -> bool:
    """A new list or mapping follows the style of the first sibling of the same shape."""
    shape = CommentedSeq if isinstance(value, (list, tuple)) else CommentedMap
    if not isinstance(value, (list, tuple, Mapping)):
        return False
    for sibling in mapping.values():
        if isinstance(sibling, shape) and len(sibling):
            if shape is CommentedSeq and isinstance(sibling[0], (CommentedMap, CommentedSeq)):
                continue  # a list of records (the event log) says nothing about short lists
            return is_flow(sibling)
    return False


def _remove(mapping: CommentedMap, key: str) -> None:
    if key not in mapping:
        return
    keys = list(mapping)
    index = keys.index(key)
    if index > 0:
        _move_trailing_comment(mapping, key, keys[index - 1])
    del mapping[key]


def _move_trailing_comment(mapping: CommentedMap, source: str, target: str) -> None:
    """Blank lines and comment lines after ``source``'s value belong before the next key.

    An end-of-line comment (``status: new  # why``) stays on its own line.
    """
    items = mapping.ca.items
    entry = items.get(source)
    if not entry or len(entry) < 3 or entry[2] is None:
        return
    if isinstance(mapping[target], (CommentedMap, CommentedSeq)) and not is_flow(mapping[target]):
        return  # a block child carries its own trailing comments; leave them alone
    token = entry[2]
    text: str = token.value
    if text.startswith("#"):
        end_of_line, _, following = text.partition("\n")
        if not following:
            return
        token.value = end_of_line + "\n"
        moved = CommentToken("\n" + following, CommentMark(0), None)
    else:
        entry[2] = None
        moved = token
    target_entry = items.setdefault(target, [None, None, None, None])
    while len(target_entry) < 3:
        target_entry.append(None)
    target_entry[2] = moved
