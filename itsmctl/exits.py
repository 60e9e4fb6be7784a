"""One exit-status rule for every command.

0  clean;
1  findings: errors (warnings too with ``--strict``), files left out of a result because
   they do not load, or a step the command reports as failed (a notice not sent, a stale
   schema);
2  usage or I/O error (``ItsmError``; a missing or empty store);
3  a bug (anything else that escapes).

Commands build a ``CommandResult`` and the CLI returns ``exit_status(result)``; only the
error handler in ``itsmctl.cli.main`` produces 2 and 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from itsmctl.findings import Finding


class ExitStatus(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    BUG = 3


@dataclass(frozen=True)
class CommandResult:
    """What decides a command's exit status, besides errors raised."""

    findings: Sequence[Finding] = ()
    """Findings the command reports as its data (``validate``)."""
    left_out: Sequence[Finding] = ()
    """One finding per file that does not load, so is missing from the result."""
    failed: bool = False
    """A step the command itself reports as failed (a notice not delivered, a stale schema file)."""


def exit_status(result: CommandResult, *, strict: bool = False) -> ExitStatus:
    """The exit status of a command that ran to its end (see the module docstring)."""
    if result.failed or result.left_out:
        return ExitStatus.FINDINGS
    if any(f.severity == "error" or strict for f in result.findings):
        return ExitStatus.FINDINGS
    return ExitStatus.CLEAN
