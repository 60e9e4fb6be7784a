"""Writing to the terminal: data to stdout, diagnostics to stderr, and the exit status.

Data comes escaped from its reporter; a note is escaped here (``terminal_lines``: its own
lines kept, every control character shown), and a value a note quotes (a file name, a
message) is escaped where it is quoted (``terminal``: one line), so it cannot start a line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from itsmctl.commits import Committed
from itsmctl.escape import terminal, terminal_lines
from itsmctl.exits import CommandResult, exit_status
from itsmctl.findings import Finding


def emit(text: str) -> None:
    """Data for the user or a program: stdout."""
    sys.stdout.write(text)
    sys.stdout.flush()


def note(text: str) -> None:
    """A diagnostic for the person at the terminal: stderr."""
    sys.stderr.write(terminal_lines(text.rstrip("\n")) + "\n")


def note_left_out(findings: Sequence[Finding], limit: int = 5) -> None:
    """Say on stderr which files do not load and so are missing from the output."""
    if not findings:
        return
    note(f"itsmctl: {len(findings)} file(s) do not load and are left out of these results:")
    for finding in findings[:limit]:
        note(f"  {terminal(finding.described())}")
    if len(findings) > limit:
        note(f"  … and {len(findings) - limit} more; itsmctl validate lists every finding")


def report_commit(committed: Committed) -> None:
    """What git did with the files a command wrote: one line on stderr."""
    note(terminal(committed.describe()))


def finish(result: CommandResult, *, strict: bool = False) -> int:
    """The end of every command that ran: name the files left out, return the exit status."""
    note_left_out(result.left_out)
    return int(exit_status(result, strict=strict))


class Loaded(Protocol):
    """What a listing command read its records from: anything that can name the files it left out."""

    def left_out(self) -> list[Finding]: ...


def emit_listing(reporters: Mapping[str, Callable[..., str]], format: object, *args: Any, store: Loaded) -> int:
    """The end of a read-only listing: ``format``'s reporter over ``args`` on stdout, the files left out on
    stderr, and the exit status (1 when any file was left out)."""
    emit(reporters[str(getattr(format, "value", format))](*args))
    return finish(CommandResult(left_out=store.left_out()))
