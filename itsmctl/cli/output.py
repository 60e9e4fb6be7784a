"""Writing to the terminal: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import sys

from itsmctl.findings import Finding


def emit(text: str) -> None:
    """Data for the user or a program: stdout."""
    sys.stdout.write(text)
    sys.stdout.flush()


def note(text: str) -> None:
    """A diagnostic for the person at the terminal: stderr."""
    sys.stderr.write(text.rstrip("\n") + "\n")


def note_left_out(findings: list[Finding], limit: int = 5) -> None:
    """Say on stderr which files do not load and so are missing from the output."""
    if not findings:
        return
    note(f"itsmctl: {len(findings)} file(s) do not load and are left out of these results:")
    for finding in findings[:limit]:
        note(f"  {finding.location()}: {finding.message}")
    if len(findings) > limit:
        note(f"  … and {len(findings) - limit} more; itsmctl validate lists every finding")
