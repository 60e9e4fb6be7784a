"""The sandbox every report template runs in, with limits on what rendering may cost.

Jinja's sandbox keeps a template away from Python internals, but not from the machine:
``"a".ljust(2**34)`` asks for 16 GB, two nested ``range(100000)`` loops never end.  Store
templates come from pull requests and CI renders them, so a template must not be able to
hang or kill that job.  ``ReportSandbox`` caps every way we know of to build a large value
(``*``, ``**``, ``+``, ``~``, ``%``, string methods, size-changing filters, ``range``,
``lipsum``) *before* the value is built, refuses any oversized string it sees after a
call or attribute access, and checks a wall-clock deadline on every call, attribute
access and operator.  ``RenderBudget`` adds the deadline timer (``SIGALRM`` on the main
thread) and the output cap around one render.  Refusals raise ``RenderLimit``; the caller
turns it into a ``TemplateRefused`` naming the template.
"""

from __future__ import annotations

import functools
import re
import signal
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import FrameType, TracebackType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

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


class _CheckedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b ~ …`` to a call the sandbox checks (Jinja offers no hook for ``~``)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {join})")


class ReportSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with caps on sizes and time (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CheckedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = float("inf")
        """``time.monotonic()`` past which rendering stops; set by ``RenderBudget``."""
        self.globals["range"] = _safe_range
        for name, func in list(self.filters.items()):
            self.filters[name] = _guard_filter(name, func)

    def guard_filters(self) -> None:
        """Wrap filters added after construction (our own) like the built-in ones."""
        for name, func in list(self.filters.items()):
            if not getattr(func, "_itsm_guarded", False):
                self.filters[name] = _guard_filter(name, func)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _refuse("rendering took longer than the time budget")

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse at once, naming the first unsafe step (Jinja would defer to the next use)."""
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")

    def checked_concat(self, values: tuple[Any, ...], join: Callable[[Iterable[Any]], str]) -> str:
        """``~``: the pieces' total length is checked before they are joined."""
        self.check_time()
        _need(sum(_length(value) for value in values), "'~'")
        return _check_str(join(values), "'~'")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        _check_binop(operator, left, right)
        return _check_str(super().call_binop(context, operator, left, right), f"'{operator}'")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return _check_str(super().getattr(obj, attribute), f"reading {attribute!r}")

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        return _check_str(super().getitem(obj, argument), "an item")

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        for value in (*args, *kwargs.values()):
            _check_str(value, "an argument")
        if isinstance(getattr(obj, "__self__", None), str):
            args = _check_str_method(obj, args, kwargs)
        wrapped = getattr(obj, "__wrapped__", None)  # the sandbox's str.format wrapper
        if wrapped is not None and isinstance(getattr(wrapped, "__self__", None), str):
            if wrapped.__name__ == "format":
                _check_brace_format(wrapped.__self__, args, kwargs)
            elif wrapped.__name__ == "format_map" and args and isinstance(args[0], dict):
                _check_brace_format(wrapped.__self__, (), args[0])
        if obj is generate_lorem_ipsum:
            _need(_lipsum_size(args, kwargs), "lipsum()")
        result = super().call(context, obj, *args, **kwargs)
        return _check_str(result, "a call")


def _safe_range(*args: int) -> range:
    """``range`` with at most ``MAX_ITEMS`` items (Jinja's own cap is 100,000)."""
    numbers = range(*args)
    if len(numbers) > MAX_ITEMS:
        raise _refuse(f"range of {len(numbers):,} items (limit {MAX_ITEMS:,})")
    return numbers


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS.get(name)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        plain = _strip_pass_arg(func, args)
        if name == "sum" and plain:  # lists or strings added up: the total must fit
            items = list(_bounded(plain[0]))
            if any(isinstance(item, (str, list, tuple)) for item in items):
                _need(sum(_length(item) for item in items), "the sum filter")
            args = (*args[: len(args) - len(plain)], items, *plain[1:])
        elif name == "join" and plain:
            items = list(_bounded(plain[0]))
            separator = plain[1] if len(plain) > 1 else kwargs.get("d", "")
            if len(plain) < 3 and "attribute" not in kwargs:
                _check_join(separator, items)
            args = (*args[: len(args) - len(plain)], items, *plain[1:])
        elif check is not None:
            check(plain, kwargs)
        return _check_str(func(*args, **kwargs), f"the {name} filter")

    guarded._itsm_guarded = True  # type: ignore[attr-defined]
    return guarded


class RenderBudget:
    """Time and output limits around one render: a deadline, a timer, an output cap.

    The deadline is checked by the sandbox's hooks and between output chunks; on the
    main thread of a platform with ``setitimer`` a ``SIGALRM`` also interrupts loops
    that call nothing.  The previous handler and timer are restored afterwards.
    """

    def __init__(self, env: ReportSandbox, seconds: float | None = None, max_output: int | None = None) -> None:
        self.env = env
        self.seconds = RENDER_SECONDS if seconds is None else seconds
        self.max_output = MAX_OUTPUT if max_output is None else max_output
        self._old_handler: Any = None
        self._timer = False

    def __enter__(self) -> RenderBudget:
        self.env.deadline = time.monotonic() + self.seconds
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._old_handler = signal.signal(signal.SIGALRM, self._alarm)
            self._old_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self._timer = True
        return self

    def _alarm(self, signum: int, frame: FrameType | None) -> None:
        raise _refuse("rendering took longer than the time budget")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.env.deadline = float("inf")
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old_handler)
            delay, interval = self._old_timer
            if delay:
                signal.setitimer(signal.ITIMER_REAL, delay, interval)

    def consume(self, chunks: Iterable[str]) -> str:
        """Join the template's output, stopping past the output cap or the deadline."""
        parts: list[str] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > self.max_output:
                raise _refuse(f"the output is over {self.max_output:,} characters")
            self.env.check_time()
            parts.append(chunk)
        return "".join(parts)


__all__ = ["MAX_OUTPUT", "RENDER_SECONDS", "RenderBudget", "RenderLimit", "ReportSandbox"]
