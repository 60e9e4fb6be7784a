"""Findings: what a check says about a record, with the place it is about."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file: ``file:line:column``, the dotted field, a one-line reason.

    ``code`` names the rule (``yaml``, ``schema``, ``ref``…) so tests and tools can
    match findings without parsing the message.
    """

    file: str
    line: int
    column: int
    field: str
    code: str
    message: str
    severity: Severity = "error"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def described(self) -> str:
        """``file:line:column: field: message``, as a one-line reason outside validate's report."""
        field = f"{self.field}: " if self.field else ""
        return f"{self.location()}: {field}{self.message}"
