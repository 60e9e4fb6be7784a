"""Fitting a rich table into the terminal's width without cutting what must stay whole.

Rich shrinks a too-wide table by cutting cells with an ellipsis, ids included
(``PRB-2609…``), which makes them impossible to copy.  Here the columns that must stay
whole (ids, states) keep their full width and never wrap; every other column gets a
common cap so the table fits the width the CLI passed in, and folds its text onto more
lines instead of cutting it.  Reporters never ask the terminal for its width themselves.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from itsmctl.escape import terminal

if TYPE_CHECKING:
    from rich.console import JustifyMethod
    from rich.table import Table
    from rich.text import Text

DEFAULT_WIDTH = 160
"""When the output is not a terminal and no width was given."""


def natural_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's widest cell or header word (headers wrap at spaces), in terminal cells
    (CJK counts two).
    """
    return [
        max([cell_len(w) for w in headers[i].split()] + [cell_len(str(r[i])) for r in rows])
        for i in range(len(headers))
    ]


def word_widths(rows: Sequence[Sequence[str]], columns: int, headers: Sequence[str] = ()) -> list[int]:
    """Each column's longest word in its cells and header (a header wraps at spaces, never
    inside ``优先级`` or ``remaining``), at most ``LONG_WORD``: below this a column breaks
    words, which is the last resort.
    """
    return [
        min(
            LONG_WORD,
            max(
                [cell_len(w) for r in rows for w in str(r[i]).split()]
                + [cell_len(w) for w in (headers[i].split() if headers else [])],
                default=1,
            ),
        )
        for i in range(columns)
    ]


LONG_WORD = 16
"""A longer "word" (a CJK title has no spaces) may fold anywhere."""


def fit_widths(natural: Sequence[int], whole: Sequence[int], room: int, floors: Sequence[int] = ()) -> list[int]:
    """Widths for the columns: ``whole`` columns keep theirs, the others share what is left.

    The others are capped at the largest common width that fits, each keeping at least
    its floor (its longest word; when they do not all fit, the longest floors give way
    first): short columns stay whole and the long ones (titles) fold first.
    """
    flexible = [i for i in range(len(natural)) if i not in whole]
    left = room - sum(natural[i] for i in whole)
    wanted = [min(f, n) for f, n in zip(floors or [1] * len(natural), natural, strict=True)]
    limit = max(wanted, default=1)
    lows = wanted
    while limit > 1 and sum(lows[i] for i in flexible) > left:
        limit -= 1  # not every longest word fits: break the longest ones first
        lows = [min(w, limit) for w in wanted]
    cap = max(natural, default=1)
    while cap > 1 and sum(max(lows[i], min(natural[i], cap)) for i in flexible) > left:
        cap -= 1
    return [w if i in whole else max(lows[i], min(w, cap)) for i, w in enumerate(natural)]


def fits(headers: Sequence[str], rows: Sequence[Sequence[str]], whole: Sequence[int], width: int) -> bool:
    """Whether a compact table of these columns fits ``width`` with no word broken: the
    ``whole`` columns at their full width, every other at its longest word.  Reporters
    offer a leaner set of columns when the full one does not fit."""
    natural = natural_widths(headers, rows)
    floors = word_widths(rows, len(headers), headers)
    need = sum(n if i in whole else min(f, n) for i, (n, f) in enumerate(zip(natural, floors, strict=True)))
    return need + _overhead(_compact, len(headers)) <= width


def literal(text: str, style: str = "") -> Text:
    """A table cell shown as written: record text is never read as rich markup (``[/x]``
    would crash the table, ``[link=file:///…]`` would become a live link), and a control
    or bidi character shows as its escape (``itsmctl.escape.terminal``), never reaching
    the terminal (rich passes ESC through)."""
    from rich.text import Text

    return Text(terminal(text), style=style)


def _bordered(title: str | None) -> Table:
    from rich.table import Table

    return Table(title=title, show_lines=False)


def _compact(title: str | None) -> Table:
    """No vertical rules, one space between columns: for narrow terminals."""
    from rich import box
    from rich.table import Table

    return Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 0))


def _overhead(make: Callable[[str | None], Table], columns: int) -> int:
    """Cells a table style adds around ``columns`` columns (rules and padding), measured."""
    from rich.console import Console

    table = make(None)
    for _ in range(columns):
        table.add_column("x")
    table.add_row(*["x"] * columns)
    buffer = io.StringIO()
    Console(file=buffer, width=1000).print(table)
    return max(cell_len(line) for line in buffer.getvalue().splitlines()) - columns


def fitted_table(
    headers: Sequence[str],
    plain_rows: Sequence[Sequence[str]],
    whole: Sequence[int],
    width: int,
    *,
    title: str | None = None,
    right: Sequence[int] = (),
) -> Table:
    """A rich Table whose columns fit ``width``; ``plain_rows`` are the cells without
    markup, for measuring.  Bordered when everything fits, compact otherwise.
    """
    natural = natural_widths(headers, plain_rows)
    make = _bordered if sum(natural) + _overhead(_bordered, len(headers)) <= width else _compact
    room = width - _overhead(make, len(headers))
    widths = fit_widths(natural, whole, room, word_widths(plain_rows, len(headers), headers))
    table = make(title)
    for i, (header, w) in enumerate(zip(headers, widths, strict=True)):
        justify: JustifyMethod = "right" if i in right else "left"
        if i in whole:
            table.add_column(header, justify=justify, no_wrap=True, min_width=w)
        else:
            table.add_column(header, justify=justify, overflow="fold", max_width=w)
    return table
