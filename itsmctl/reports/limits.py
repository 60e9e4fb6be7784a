"""How big a value a report template may build: checks made *before* the value exists.

Used by ``sandbox.ReportSandbox``; each check raises ``RenderLimit`` with what was refused.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_STRING = 1_000_000
"""Longest string (characters) a template may build; a whole report is far below it per value."""
MAX_ITEMS = 10_000
"""Longest list a template may build by repetition, and the largest ``range``."""
MAX_INT_BITS = 4096
"""Largest integer operand of ``*`` and ``**`` (and result of ``**``), in bits."""
MAX_OUTPUT = 10 * 1024 * 1024
"""Longest rendered report, in characters (a 10,000-ticket monthly report is ~1% of it)."""
RENDER_SECONDS = 20.0
"""Wall-clock budget for compiling and rendering one report (the built-ins need < 1 s)."""


class RenderLimit(Exception):
    """A template asked for more than a report may cost; the message says what."""


def _refuse(what: str) -> RenderLimit:
    return RenderLimit(what)


def _check_str(value: Any, what: str) -> Any:
    if isinstance(value, str) and len(value) > MAX_STRING:
        raise _refuse(f"{what} would build a string of {len(value):,} characters (limit {MAX_STRING:,})")
    return value


def _need(size: int, what: str, limit: int = MAX_STRING) -> None:
    if size > limit:
        raise _refuse(f"{what} would build {size:,} characters or items (limit {limit:,})")


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def _check_percent_format(fmt: str, args: Any) -> None:
    """``"%99999999s" % x``: widths and precisions in a printf-style format string."""
    for match in _PERCENT_SPEC.finditer(fmt):
        for group in match.groups():
            if group == "*":
                values = args if isinstance(args, tuple) else (args,)
                if any((_as_int(v) or 0) > MAX_STRING for v in values):
                    raise _refuse("a '*' width in a % format is too large")
            elif group is not None:
                _need(int(group), "a width in a % format")


def _check_brace_format(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """``"{:>99999999}".format(x)``: widths in ``str.format`` specs, nested ones included."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # the call itself will fail with a clear ValueError
    for _, _, spec, _ in fields:
        if not spec:
            continue
        for digits in _DIGITS.findall(spec):
            _need(int(digits), "a width in a format string")
        if "{" in spec:  # the width comes from an argument
            for value in (*args, *kwargs.values()):
                if (_as_int(value) or 0) > MAX_STRING:
                    raise _refuse("a width argument of a format string is too large")


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return len(str(value))


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not isinstance(text, str):
        return
    old_s, new_s = str(old), str(new)
    hits = len(text) + 1 if old_s == "" else text.count(old_s)
    limit = _as_int(count)
    if limit is not None and limit >= 0:
        hits = min(hits, limit)
    _need(len(text) + hits * max(len(new_s) - len(old_s), 0), "replace()")


def _check_join(separator: Any, items: list[Any]) -> None:
    total = _length(separator) * max(len(items) - 1, 0) + sum(_length(item) for item in items)
    _need(total, "join()")


_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill"}


def _check_str_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Pre-check one call of a bound ``str`` method; may return the arguments materialised."""
    name = getattr(method, "__name__", "")
    text = method.__self__
    if name in _WIDTH_METHODS and args:
        _need(_as_int(args[0]) or 0, f"str.{name}()")
    elif name == "expandtabs":
        size = _as_int(args[0] if args else kwargs.get("tabsize", 8)) or 0
        _need(len(text) * max(size, 1), "str.expandtabs()")
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, *args[:3])
    elif name == "join" and args:
        items = list(_bounded(args[0]))
        _check_join(text, items)
        return (items, *args[1:])
    return args


def _bounded(items: Iterable[Any]) -> Iterator[Any]:
    for n, item in enumerate(items):
        if n >= MAX_STRING:
            raise _refuse(f"an iterable of more than {MAX_STRING:,} items")
        yield item


def _check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be too large to build."""
    if op == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple, bytes)) and _as_int(times) is not None:
                limit = MAX_STRING if isinstance(seq, (str, bytes)) else MAX_ITEMS
                _need(len(seq) * max(times, 0), "'*' on a sequence", limit)
                return
        for value in (left, right):
            if (_as_int(value) or 0).bit_length() > MAX_INT_BITS:
                raise _refuse(f"'*' on an integer of more than {MAX_INT_BITS} bits")
    elif op == "**":
        base, exponent = _as_int(left), _as_int(right)
        if base is not None and exponent is not None and base.bit_length() * max(exponent, 0) > MAX_INT_BITS:
            raise _refuse(f"'**' would build an integer of more than {MAX_INT_BITS} bits")
    elif op == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _need(len(left) + len(right), "'+'")
    elif op == "%" and isinstance(left, str):
        _check_percent_format(left, right)


def _lipsum_size(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound on ``lipsum(n, html, min, max)``: n paragraphs of max words."""
    paragraphs = _as_int(args[0] if args else kwargs.get("n", 5)) or 0
    most = _as_int(args[3] if len(args) > 3 else kwargs.get("max", 100)) or 0
    return paragraphs * most * 12


def _strip_pass_arg(func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    return args[1:] if getattr(func, "jinja_pass_arg", None) is not None else args


def _check_indent(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """``indent(width)``: every line gets ``width`` spaces (or the ``width`` string)."""
    if not args:
        return
    width = args[1] if len(args) > 1 else kwargs.get("width", 4)
    per_line = _as_int(width)
    if per_line is None:
        per_line = _length(width)
    text = str(args[0])
    _need(len(text) + (text.count("\n") + 1) * max(per_line, 0), "the indent filter")


def _check_center(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _need(_as_int(args[1] if len(args) > 1 else kwargs.get("width", 80)) or 0, "the center filter")


def _check_format_filter(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if args:
        _check_percent_format(str(args[0]), tuple(args[1:]) or kwargs)


def _check_replace_filter(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if len(args) >= 3:
        count = args[3] if len(args) > 3 else kwargs.get("count")
        _check_replace(args[0], args[1], args[2], -1 if count is None else count)


def _check_slice(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _need(_as_int(args[1] if len(args) > 1 else kwargs.get("slices", 1)) or 0, "the slice filter", MAX_ITEMS)


def _check_batch(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """``batch(n, fill)`` pads the last batch to ``n`` items."""
    _need(_as_int(args[1] if len(args) > 1 else kwargs.get("linecount", 1)) or 0, "the batch filter", MAX_ITEMS)


def _check_tojson(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """``tojson(indent)`` repeats the indent on every line, once per nesting level."""
    indent = args[1] if len(args) > 1 else kwargs.get("indent")
    width = _as_int(indent)
    _need(_length(indent) if width is None and indent is not None else (width or 0), "the tojson filter", 100)


_FILTER_CHECKS: dict[str, Callable[[tuple[Any, ...], dict[str, Any]], None]] = {
    "batch": _check_batch,
    "tojson": _check_tojson,
    "slice": _check_slice,
    "center": _check_center,
    "indent": _check_indent,
    "format": _check_format_filter,
    "replace": _check_replace_filter,
}
"""Pre-checks of the built-in filters whose output can be much larger than their input."""
