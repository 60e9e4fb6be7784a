"""Writing to the terminal: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import sys


def emit(text: str) -> None:
    """Data for the user or a program: stdout."""
    sys.stdout.write(text)
    sys.stdout.flush()


def note(text: str) -> None:
    """A diagnostic for the person at the terminal: stderr."""
    sys.stderr.write(text.rstrip("\n") + "\n")
