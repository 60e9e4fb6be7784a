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
import signal
import threading
import time
from collections.abc import Callable, Iterable
from types import FrameType, TracebackType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from itsmctl.reports.limits import (
    _FILTER_CHECKS,
    MAX_ITEMS,
    MAX_OUTPUT,
    RENDER_SECONDS,
    RenderLimit,
    _bounded,
    _check_binop,
    _check_brace_format,
    _check_join,
    _check_str,
    _check_str_method,
    _length,
    _lipsum_size,
    _need,
    _refuse,
    _strip_pass_arg,
)


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
