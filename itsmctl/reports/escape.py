"""Record text in a report: markdown-escaped, and labels inside Mermaid charts.

Record text is written by people (and by pull requests), so a title may hold ``|``,
backticks, ``<script>``, a link or a newline.  Every piece of it goes through ``md``
before it reaches a report, so it can neither break a table nor inject markup; the
report environment applies it to every ``{{ }}`` by default (see ``render``).  The
escaping itself is ``itsmctl.escape.markdown``, the one function for markdown; here it
is only marked as ``Markup`` so Jinja does not escape it twice.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from itsmctl import escape
from itsmctl.escape import INLINE_LIMIT, WORD_JOINER

__all__ = ["CELL_LIMIT", "INLINE_LIMIT", "WORD_JOINER", "cell", "md", "mermaid_label", "one_line"]

CELL_LIMIT = 120
"""Longest text shown in a table cell."""


def one_line(text: object, limit: int | None = INLINE_LIMIT) -> str:
    """Newlines, tabs and separators collapsed to single spaces, controls made visible, cut at ``limit``."""
    return escape.one_line(text, limit)


def md(text: object, limit: int | None = INLINE_LIMIT) -> Markup:
    """Markdown-safe inline text (``itsmctl.escape.markdown``), marked safe for Jinja."""
    if isinstance(text, Markup):
        return text
    if text is None:
        return Markup("")
    return Markup(escape.markdown(text, limit))


def cell(text: object, limit: int | None = CELL_LIMIT) -> Markup:
    """Text for a table cell: like ``md`` but cut shorter; empty becomes an em dash."""
    if text is None or text == "":
        return Markup("—")
    return md(text, limit)


_MERMAID_UNSAFE = re.compile(r"[^\w .:/%+()（）、，-]", re.UNICODE)


def mermaid_label(text: object, limit: int = 40) -> Markup:
    """A label safe inside a quoted Mermaid string: no quotes, backticks or newlines."""
    return Markup(_MERMAID_UNSAFE.sub("_", one_line(text, limit)))
