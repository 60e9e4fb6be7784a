"""Escaping record text for markdown, and for labels inside Mermaid charts.

Record text is written by people (and by pull requests), so a title may hold ``|``,
backticks, ``<script>``, a link or a newline.  Every piece of it goes through ``md``
before it reaches a report, so it can neither break a table nor inject markup; the
report environment applies it to every ``{{ }}`` by default (see ``render``).
"""

from __future__ import annotations

import re

from markupsafe import Markup

INLINE_LIMIT = 500
"""Longest text shown inline; anything longer is cut with an ellipsis."""
CELL_LIMIT = 120
"""Longest text shown in a table cell."""

_WHITESPACE = re.compile(r"[\s\u2028\u2029\u0085]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPECIAL = re.compile(r"([\\`*_\[\]|~$!{}])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+=]+|\d{1,9}[.)](?=\s|$))")
"""What starts a heading, list, thematic break (``---``) or setext underline (``===``)."""
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

# GitHub and GitLab (cmark-gfm's autolink extension) turn bare URLs into links: an
# ``http://``/``https://``/``ftp://`` URL when the parser meets its ``:``, a ``www.`` name
# when it meets the ``w``, an e-mail address (text around an ``@``, after all inline
# parsing).  A backslash before the ``:`` or the ``.`` hides the first two from the
# parser and renders as nothing; for the ``@`` only a non-alphanumeric character before
# it helps, so an invisible WORD JOINER goes there.  The text reads the same, links nowhere.
_SCHEME = re.compile(r":(?=//)")
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9.\-])(www)\.")
_BARE_SLASHES = re.compile(r"(?<![A-Za-z0-9:/])//(?=\w)")
_MAIL_AT = re.compile(r"(?<=[A-Za-z0-9])@(?=[A-Za-z0-9_\-]+\.)")
WORD_JOINER = "\u2060"


def one_line(text: object, limit: int | None = INLINE_LIMIT) -> str:
    """Collapse newlines, tabs and control characters to single spaces, cut at ``limit``."""
    value = _CONTROL.sub(" ", str(text))
    value = _WHITESPACE.sub(" ", value).strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 1)].rstrip() + "…"
    return value


def md(text: object, limit: int | None = INLINE_LIMIT) -> Markup:
    """Markdown-safe inline text: one line, special characters backslash-escaped.

    ``&``, ``<`` and ``>`` become entities so no HTML tag survives; ``|`` is escaped so
    a table cell stays one cell; a leading ``#``, ``>``, ``-``, ``1.``, ``---``, ``===``
    cannot start a heading, quote, list or rule; a bare URL, ``www.`` name or e-mail
    address is not turned into a link (see ``_unlink``).
    """
    if isinstance(text, Markup):
        return text
    if text is None:
        return Markup("")
    value = one_line(text, limit)
    value = "".join(_ENTITIES.get(ch, ch) for ch in value)
    value = _SPECIAL.sub(r"\\\1", value)
    value = _unlink(value)
    value = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), value)
    return Markup(value)


def _unlink(value: str) -> str:
    """Break what GFM autolinks (``https://``, ``www.``, ``a@b.c``, and ``//host``) without changing the look."""
    value = _SCHEME.sub(r"\\:", value)
    value = _WWW.sub(r"\1\\.", value)
    value = _BARE_SLASHES.sub(r"\\//", value)
    return _MAIL_AT.sub(WORD_JOINER + "@", value)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def cell(text: object, limit: int | None = CELL_LIMIT) -> Markup:
    """Text for a table cell: like ``md`` but cut shorter; empty becomes an em dash."""
    if text is None or text == "":
        return Markup("—")
    return md(text, limit)


_MERMAID_UNSAFE = re.compile(r"[^\w .:/%+()（）、，-]", re.UNICODE)


def mermaid_label(text: object, limit: int = 40) -> Markup:
    """A label safe inside a quoted Mermaid string: no quotes, backticks or newlines."""
    return Markup(_MERMAID_UNSAFE.sub("_", one_line(text, limit)))
