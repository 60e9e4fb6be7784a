"""Keep every byte of a file that an edit did not mean to change.

A round-trip dump (``itsmctl.roundtrip``) says the same as the file it came from, but not
always in the same bytes: escapes in double-quoted text (``"\\u4e2d"``) come back decoded,
an end-of-line comment moves, a directive line is dropped, the line endings are ruamel's.
So an edit is written in two steps: dump the changed document, then compare it with the
original line by line and, for each stretch of lines that differs, put the original lines
back whenever the file still says exactly the same with them (same data, same types, same
key order, read by the strict reader).  What remains different is what the edit changed.

Line endings are the file's own: untouched lines keep theirs byte for byte (CRLF, LF or
CR alone, even mixed), new lines get the file's most common one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from itsmctl import yamlio
from itsmctl.errors import RecordParseError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text`` as lines, each with its own ending (``\\r\\n``, ``\\r`` or ``\\n``; the last may have none)."""
    return _LINE.findall(text)


def newline_of(text: str) -> str:
    """The file's most common line ending; ``\\n`` for a file without one."""
    counts = Counter(_ENDING.findall(text))
    return counts.most_common(1)[0][0] if counts else "\n"


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _is_blank(line: str) -> bool:
    text = line.strip()
    return not text or text.startswith("#")


def meaning(text: str) -> Any:
    """What a file says, as the strict reader reads it: data with types and key order; None if unreadable."""
    try:
        data = yamlio.parse_document(text.encode("utf-8")).data
    except RecordParseError:
        return None
    return ("file", _canonical(data))


def _canonical(node: Any) -> Any:
    if isinstance(node, dict):
        return ("map", tuple((_canonical(k), _canonical(v)) for k, v in node.items()))
    if isinstance(node, list):
        return ("seq", tuple(_canonical(item) for item in node))
    if isinstance(node, float) and node != node:
        return ("float", "nan")
    return (type(node).__name__, node)


def _join(chunks: Sequence[Sequence[str]], newline: str) -> str:
    lines = [line for chunk in chunks for line in chunk]
    # an original last line without an ending gets one when new lines follow it
    return "".join(
        line if line.endswith(("\n", "\r")) or i == len(lines) - 1 else line + newline for i, line in enumerate(lines)
    )


def keep_untouched(original: str, edited: str) -> str:
    """``edited`` with each stretch of lines that means the same as in ``original`` restored byte for byte.

    ``edited`` is a fresh dump of the changed document (any line endings); the result says
    exactly what ``edited`` says.  A document the strict reader refuses is returned as
    dumped (in the file's line endings): the caller's validation refuses it.
    """
    newline = newline_of(original)
    old = split_lines(original)
    new = [_body(line) + newline for line in split_lines(edited)]
    if edited and not edited.endswith(("\n", "\r")):
        new[-1] = _body(new[-1])
    matcher = SequenceMatcher(a=[_body(line) for line in old], b=[_body(line) for line in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    chosen: list[list[str]] = [old[i1:i2] if tag == "equal" else new[j1:j2] for tag, i1, i2, j1, j2 in opcodes]
    # new lines that hold data (an appended event) cannot mean nothing: only blank and comment lines are tried
    tried = [
        k
        for k, (tag, _, _, j1, j2) in enumerate(opcodes)
        if tag in ("replace", "delete") or (tag == "insert" and all(_is_blank(line) for line in new[j1:j2]))
    ]
    target = meaning(edited) if tried else None
    if target is None:
        return _join(chosen, newline)
    for k in tried:
        tag, i1, i2, j1, j2 = opcodes[k]
        if _says_same(chosen, k, old[i1:i2], target, newline):
            chosen[k] = old[i1:i2]
        elif tag == "replace" and i2 - i1 == j2 - j1 > 1:
            # a stretch of lines, some changed and some only re-encoded: line by line
            for n in range(i2 - i1):
                trial = list(chosen[k])
                trial[n] = old[i1 + n]
                if _says_same(chosen, k, trial, target, newline):
                    chosen[k] = trial
    return _join(chosen, newline)


def _says_same(chosen: list[list[str]], k: int, lines: list[str], target: Any, newline: str) -> bool:
    trial = [*chosen[:k], lines, *chosen[k + 1 :]]
    return meaning(_join(trial, newline)) == target
