"""One exception tree for the whole tool.

The core raises these; the CLI edge turns them into a message on stderr and an exit
code.  Anything else that escapes is a bug and exits 3.
"""

from __future__ import annotations

from dataclasses import dataclass


class ItsmError(Exception):
    """Base of every error itsmctl expects; carries a message meant for a person."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(ItsmError):
    """The command line asked for something that cannot be done (bad option value)."""


class FieldError(UsageError):
    """A value a command was given is missing or wrong; ``field`` names it (the CLI shows the flag)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class StoreError(ItsmError):
    """The records store cannot be read or written (missing folder, I/O error)."""


class NotFoundError(ItsmError):
    """A record named on the command line does not exist."""


@dataclass(frozen=True)
class ParserDetail:
    """What the YAML parser itself said, kept so a plain-words message can be made of it.

    Lines and columns are 1-based; ``context_*`` is where the construct the parser was
    reading began (the opening quote or bracket), when it says so.
    """

    problem: str
    context: str | None = None
    context_line: int | None = None
    context_column: int | None = None


class RecordParseError(ItsmError):
    """A record's bytes are not a valid document; carries the position."""

    def __init__(self, message: str, line: int = 1, column: int = 1, parser: ParserDetail | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.parser = parser


class FindingsError(ItsmError):
    """A check found problems in the records (exit 1)."""

    exit_code = 1


class TransitionError(ItsmError):
    """A lifecycle transition that the ticket's state machine does not allow."""

    exit_code = 1


class GitError(ItsmError):
    """Git refused or failed (not a repository, shallow clone, commit failed)."""


class RuleViolation(ItsmError):
    """An action would break a rule of the rule book (``itsmctl.rules``); nothing was written.

    Carries each broken rule as (dotted field, rule code, reason), so the CLI can add the
    command that fixes it, and a test can match the rule without parsing words.
    """

    exit_code = 1

    def __init__(
        self,
        record_id: str,
        problems: list[tuple[str, str, str]],
        action: str | None = None,
        allowed: tuple[str, ...] = (),
    ) -> None:
        self.record_id = record_id
        self.problems = problems
        self.action = action
        self.allowed = allowed
        reasons = "; ".join(
            f"{reason} ({field}) [{code}]" if field else f"{reason} [{code}]" for field, code, reason in problems
        )
        head = f"cannot {action} {record_id}" if action else f"{record_id} would break the rules"
        tail = f". Allowed now: {', '.join(allowed) or 'nothing else'}" if action is not None else ""
        super().__init__(f"{head}: {reasons}{tail}")

    @property
    def codes(self) -> list[str]:
        return [code for _, code, _ in self.problems]
