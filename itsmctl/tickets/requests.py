"""What each ticket verb is asked to do: one typed request per verb.

The command line fills a request from its options; the core reads its fields and, when a
value is missing or wrong, raises ``FieldError`` naming the *field* (``resolution``,
``approver``); only the CLI knows which flag that is (``cli.hints.flag_for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True)
class VerbRequest:
    """Base of every request; ``verb`` is the lifecycle action it performs."""

    verb: ClassVar[str]

    @property
    def variant(self) -> str | None:
        """For actions with a choice of target (``pend --on vendor``)."""
        return None


@dataclass(frozen=True)
class Assign(VerbRequest):
    verb: ClassVar[str] = "assign"
    to: str | None = None
    group: str | None = None
    note: str | None = None
    redispatch: bool = False
    """A re-dispatch after a late or missed arrival (改派)."""


@dataclass(frozen=True)
class Start(VerbRequest):
    verb: ClassVar[str] = "start"
    note: str | None = None


@dataclass(frozen=True)
class Implement(VerbRequest):
    verb: ClassVar[str] = "implement"
    note: str | None = None


@dataclass(frozen=True)
class Pend(VerbRequest):
    verb: ClassVar[str] = "pend"
    on: str
    """What it waits for: customer, vendor or change (the lifecycle table says which are known)."""
    reason: str | None = None

    @property
    def variant(self) -> str | None:
        return self.on


@dataclass(frozen=True)
class Resume(VerbRequest):
    verb: ClassVar[str] = "resume"
    reason: str | None = None


@dataclass(frozen=True)
class Respond(VerbRequest):
    verb: ClassVar[str] = "respond"
    note: str | None = None


@dataclass(frozen=True)
class Onsite(VerbRequest):
    verb: ClassVar[str] = "onsite"
    note: str | None = None


@dataclass(frozen=True)
class Recovered(VerbRequest):
    verb: ClassVar[str] = "recovered"
    note: str | None = None


@dataclass(frozen=True)
class PartArrived(VerbRequest):
    verb: ClassVar[str] = "part-arrived"
    part: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Resolve(VerbRequest):
    verb: ClassVar[str] = "resolve"
    resolution: str | None = None
    first_line: bool = False
    root_cause: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Confirm(VerbRequest):
    verb: ClassVar[str] = "confirm"
    contact: str | None = None
    method: str | None = None
    note: str | None = None
    tacit: bool = False
    """Deemed confirmed after the policy's confirmation.tacit_after without a reply (rule tacit-confirmation)."""


@dataclass(frozen=True)
class Close(VerbRequest):
    verb: ClassVar[str] = "close"
    note: str | None = None


@dataclass(frozen=True)
class Reopen(VerbRequest):
    verb: ClassVar[str] = "reopen"
    reason: str | None = None


@dataclass(frozen=True)
class Note(VerbRequest):
    verb: ClassVar[str] = "note"
    note: str | None = None
    spent: str | None = None
    """工时 the note records, as typed (``1h30m``); the event's model checks it."""


@dataclass(frozen=True)
class Explain(VerbRequest):
    """A person's reason for a target's breach (the report's recorded reason)."""

    verb: ClassVar[str] = "explain"
    target: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Link(VerbRequest):
    verb: ClassVar[str] = "link"
    ref: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Guide(VerbRequest):
    verb: ClassVar[str] = "guide"
    note: str | None = None


@dataclass(frozen=True)
class ConfirmExecution(VerbRequest):
    verb: ClassVar[str] = "confirm-execution"
    note: str | None = None


@dataclass(frozen=True)
class ReportException(VerbRequest):
    verb: ClassVar[str] = "report-exception"
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class InformManager(VerbRequest):
    verb: ClassVar[str] = "inform-manager"
    manager: str | None = None
    method: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class RepairSend(VerbRequest):
    verb: ClassVar[str] = "repair-send"
    vendor: str | None = None
    device: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class RepairProgress(VerbRequest):
    verb: ClassVar[str] = "repair-progress"
    progress: str | None = None


@dataclass(frozen=True)
class RepairReturn(VerbRequest):
    verb: ClassVar[str] = "repair-return"
    note: str | None = None


@dataclass(frozen=True)
class LoanerIssue(VerbRequest):
    verb: ClassVar[str] = "loaner-issue"
    device: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class LoanerReturn(VerbRequest):
    verb: ClassVar[str] = "loaner-return"
    note: str | None = None


@dataclass(frozen=True)
class KnownError(VerbRequest):
    verb: ClassVar[str] = "known-error"
    workaround: str | None = None
    root_cause: str | None = None
    incidents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan(VerbRequest):
    verb: ClassVar[str] = "plan"
    goal: str | None = None
    content: str | None = None
    steps: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    budget: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    risk_plan: str | None = None
    rollback_plan: str | None = None


@dataclass(frozen=True)
class Assess(VerbRequest):
    verb: ClassVar[str] = "assess"
    risk: str | None = None
    verdict: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Approve(VerbRequest):
    verb: ClassVar[str] = "approve"
    approver: str | None = None
    method: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Schedule(VerbRequest):
    verb: ClassVar[str] = "schedule"
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Trial(VerbRequest):
    verb: ClassVar[str] = "trial"
    period: str | None = None


@dataclass(frozen=True)
class Review(VerbRequest):
    verb: ClassVar[str] = "review"
    result: str | None = None
    evaluation: str | None = None
    confirmed_by: str | None = None


@dataclass(frozen=True)
class Rollback(VerbRequest):
    verb: ClassVar[str] = "rollback"
    reason: str | None = None


REQUESTS: dict[str, type[VerbRequest]] = {
    cls.verb: cls
    for cls in (
        Assign, Start, Implement, Pend, Resume, Respond, Onsite, Recovered, PartArrived, Resolve, Confirm, Close,
        Reopen, Note, Explain, Link, Guide, ConfirmExecution, ReportException, InformManager, RepairSend,
        RepairProgress, RepairReturn, LoanerIssue, LoanerReturn, KnownError, Plan, Assess, Approve, Schedule, Trial,
        Review, Rollback,
    )
}  # fmt: skip
"""Every verb's request type, by verb."""
