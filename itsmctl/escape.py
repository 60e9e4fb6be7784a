"""Text on its way out: one escaping function per destination.

Record text is checked by the models (no controls, no bidi overrides), but what reaches an
output is more than record text: file names, keys and values of files that failed
validation, YAML error snippets, git author names, answers of webhooks.  Every such text
passes through the function of the place it goes to, and nothing else escapes:

- ``terminal``: a line for a person at a terminal (stdout text, stderr notes, table cells);
- ``terminal_lines``: the same for text whose own newlines are meant (a multi-line note);
- ``markdown``: inline text or a table cell of a markdown report;
- ``commit_line``: a line of a git commit message or a trailer's value;
- ``annotation_message``, ``annotation_property``: a GitHub Actions workflow command;
- ``mail_header``: the value of a mail header (the subject);
- ``mermaid_label``: a node or edge label of a Mermaid diagram (``ci graph``);
- ``json_text``: a JSON document printed or sent;
- ``spreadsheet_cell``: a text cell of a CSV export (no cell starts a formula);
- ``document_text``: text of a Word document or a chart image (``itsmctl.office``): XML 1.0
  holds no controls or lone surrogates.

An unsafe character is never dropped silently: it is shown as its Python escape
(``\\x1b``, ``\\u202e``), so a reader sees that it is there and which it is.  Unsafe are the
C0 and C1 controls and DEL (a terminal acts on ESC, CSI, OSC, BEL, ``\\r``), the format
characters (bidi embeddings, overrides and isolates, zero-width spaces and joiners, the BOM,
the soft hyphen), the line and paragraph separators and lone surrogates (a file name that is
not UTF-8, which would stop the output with an encoding error).  CJK and every other
printable character stay as they are.

Pure functions on ``str``; layer 0, imports nothing of the package.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@lru_cache(maxsize=4096)
def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def visible(ch: str) -> str:
    """The Python escape of one character: ``\\x1b``, ``\\u202e``, ``\\U000e0001``, ``\\n``."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _reveal(text: str, keep: str = "") -> str:
    if text.isprintable() and not any(_unsafe(ch) for ch in text):
        return text  # the common case, fast: no control, format or separator character
    return "".join(ch if ch in keep or not _unsafe(ch) else visible(ch) for ch in text)


def terminal(text: object) -> str:
    """One line for a terminal: every control, format and separator character made visible
    (a newline too, so no text can start a line of its own)."""
    return _reveal(str(text))


def document_text(text: object) -> str:
    """Text for a Word document or a chart drawn for one; newlines and tabs are kept (a code
    block), every other unsafe character made visible (XML refuses controls and lone surrogates)."""
    return _reveal(str(text), keep="\n\t")


def terminal_lines(text: object) -> str:
    """Text for a terminal whose newlines are meant (a note of several lines); every other
    unsafe character made visible, ``\\r`` included (it would overwrite the line)."""
    return _reveal(str(text), keep="\n")


def commit_line(text: object) -> str:
    """A line of a git commit message, or a trailer's value: one line, nothing a terminal
    acts on when ``git log`` shows it (a newline in a value would forge a trailer)."""
    return _reveal(str(text))


def trailer(key: str, value: object) -> str:
    """``Key: value``, the value one safe line (``commit_line``)."""
    return f"{key}: {commit_line(value)}"


def _annotation_data(text: str) -> str:
    # GitHub decodes %25, %0D and %0A in a workflow command; the rest is shown as written
    return _reveal(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_message(text: object) -> str:
    """The message of a GitHub workflow command (``::error …::message``): ``%``, CR and LF
    percent-encoded as the runner decodes them (no text can start a command line of its
    own), every other unsafe character made visible."""
    return _annotation_data(str(text))


def annotation_property(text: object) -> str:
    """A property value of a GitHub workflow command (``file=…,line=…``): as a message, and
    ``:`` and ``,`` encoded too, so a value can neither end the properties nor add one."""
    return _annotation_data(str(text)).replace(":", "%3A").replace(",", "%2C")


INLINE_LIMIT = 500
"""Longest text shown inline in a report; anything longer is cut with an ellipsis."""

_WHITESPACE = re.compile(r"[\s\u2028\u2029\u0085]+")
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
    """One line of plain text: newlines, tabs and separators become single spaces, every
    other unsafe character visible (``terminal``), cut at ``limit`` with an ellipsis."""
    value = _reveal(_WHITESPACE.sub(" ", str(text)).strip())
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 1)].rstrip() + "…"
    return value


def markdown(text: object, limit: int | None = INLINE_LIMIT) -> str:
    """Markdown-safe inline text (a sentence or a table cell): one line, special
    characters backslash-escaped.

    ``&``, ``<`` and ``>`` become entities so no HTML tag survives; ``|`` is escaped so
    a table cell stays one cell; a leading ``#``, ``>``, ``-``, ``1.``, ``---``, ``===``
    cannot start a heading, quote, list or rule; a bare URL, ``www.`` name or e-mail
    address is not turned into a link; a control or bidi character shows as its escape
    (``\\x1b``, whose backslash is itself escaped, so it reads as written).
    """
    value = one_line(text, limit)
    value = "".join(_ENTITIES.get(ch, ch) for ch in value)
    value = _SPECIAL.sub(r"\\\1", value)
    value = _unlink(value)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), value)


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


_FOLD = re.compile(r"[\r\n\t\u2028\u2029\x85]+")


_MERMAID_SYNTAX = frozenset('"#&<>`|%[]{}();')
MERMAID_LIMIT = 120


def mermaid_label(text: object, limit: int | None = MERMAID_LIMIT) -> str:
    """A label inside ``["…"]`` or ``|…|`` of a Mermaid diagram: one line (a newline would end
    the statement), and every character Mermaid or the HTML it renders reads as syntax (a
    quote ends the label, ``|`` an edge label, ``<`` starts a tag, ``%%`` a comment, ``#`` an
    entity, a backtick a markdown string) written as its entity code (``#34;``), which
    Mermaid shows as the character itself; unsafe characters visible (``terminal``)."""
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_SYNTAX else ch for ch in one_line(text, limit))


def mail_header(text: object) -> str:
    """The value of a mail header: one line (CR, LF and tabs become a space, so no header
    can be added), every other unsafe character made visible."""
    return _reveal(_FOLD.sub(" ", str(text)).strip())


def json_text(data: Any, *, indent: int | None = None, sort_keys: bool = False, default: Any = None) -> str:
    """``json.dumps`` that keeps every value exactly and is safe to print.

    ``json.dumps`` escapes C0 controls; DEL, C1 controls, bidi and zero-width characters,
    the separators and lone surrogates it writes as they are (with ``ensure_ascii=False``,
    which keeps CJK readable), so they are written as ``\\uXXXX`` here: the same value to a
    JSON reader, inert in a terminal.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys, default=default)
    # fast path (C speed): a printable text holds no unsafe character; the only control
    # json.dumps leaves raw is the newline of ``indent``
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    if not any(ch >= "\x7f" and _unsafe(ch) for ch in text):
        return text
    # outside its strings a JSON document holds only ASCII, and C0 inside them is escaped
    return "".join(_json_escape(ch) if ch >= "\x7f" and _unsafe(ch) else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's CSV injection list)."""


def spreadsheet_cell(text: str) -> str:
    """A text cell of a CSV file a spreadsheet will open: a value starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so Excel and WPS show it as
    text instead of running it as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3``).  The
    quoting of the cell itself is the CSV writer's (RFC 4180)."""
    return "'" + text if text.startswith(_FORMULA_START) else text
