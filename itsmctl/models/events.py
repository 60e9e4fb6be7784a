"""The append-only event log every ticket carries.

Each event has a stable identity (``id``, random base32, unique within its ticket) and
a time (``at``); the log is ordered by ``at``, and events with the same ``at`` keep their
file order.  A future merge driver unions two logs by ``id`` and sorts by ``(at, id)``-
stable order, so ids must never be reused or rewritten.

Events that move the ticket to another state say so through ``new_status``; all
others only record a fact (a response, an arrival on site, a note).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from itsmctl.models.base import Code, Duration, EventId, Prose, RecordModel, Slug, Span, Text, Timestamp

Method = Literal["phone", "mail", "fax", "wechat", "web", "meeting", "onsite_sign", "letter"]
"""How a customer confirmed or approved something: the evidence a reviewer asks for."""

EscalationAction = Literal[
    "notify_assignee", "notify_group", "notify_manager", "notify_expert", "notify_customer", "raise_priority"
]


class EventBase(RecordModel):
    id: EventId
    at: Timestamp
    by: Slug
    note: Prose | None = None
    spent: Duration | None = None
    """工时: the time ``by`` spent on the work this event records, in clock time (45m, 1h30m);
    the monthly report sums it per service and, in its internal edition, per engineer."""

    @field_validator("spent")
    @classmethod
    def _spent_is_clock_time(cls, value: Span | None) -> Span | None:
        if value is not None and value.business_days:
            raise ValueError("time spent is clock time, like 45m or 1h30m, not business days")
        return value

    def new_status(self) -> str | None:
        """The status this event puts the ticket in, or None if it leaves it unchanged."""
        return None


class Opened(EventBase):
    """The first event of every log; puts the ticket in its kind's initial status."""

    type: Literal["opened"]
    priority: Code | None = None
    """The priority decided at opening (matrix cell or hand-set), kept so that a later
    ``priority`` event or an edit of the policy's matrix cannot rewrite which targets
    applied before the change.  Absent in records written before it existed: then the
    matrix on the ticket's dimensions decides, or the ``priority`` field if it never changed."""


class Assigned(EventBase):
    """(Re)assignment to an engineer and/or group; dispatch for the service desk timings."""

    type: Literal["assigned"]
    to: Slug | None = None
    group: Slug | None = None
    redispatch: bool = False
    """A re-dispatch (改派) after a late or missed arrival: any assignment after the on-site
    clock's breach stops the re-dispatch clock; this says it was one."""


class Responded(EventBase):
    """First qualified response to the requester (starts nothing, stops the response clock)."""

    type: Literal["responded"]


class StatusChanged(EventBase):
    type: Literal["status"]
    to: Slug
    reason: Prose | None = None

    def new_status(self) -> str | None:
        return self.to


class Onsite(EventBase):
    """An engineer arrived on site (现场支持时间)."""

    type: Literal["onsite"]


class PartArrived(EventBase):
    """A spare part arrived on site (备件到场时间)."""

    type: Literal["part_arrived"]
    part: str | None = None


class Recovered(EventBase):
    """Service, system or business restored, possibly before the root fix (恢复时间)."""

    type: Literal["recovered"]


class Guided(EventBase):
    """The service desk gave the user remote guidance (远程指导: phone, remote desktop)."""

    type: Literal["guided"]


class ExecutionConfirmed(EventBase):
    """The dispatched engineer confirmed taking up the task (任务执行确认)."""

    type: Literal["execution_confirmed"]


class ExceptionReported(EventBase):
    """The engineer reported an exception (异常上报): the project manager must hear of it."""

    type: Literal["exception"]
    reason: Text


class ManagerInformed(EventBase):
    """The project manager was told of the exception or breach (告知项目经理)."""

    type: Literal["manager_informed"]
    manager: Slug
    method: Method | None = None


class RepairSent(EventBase):
    """A device sent to the vendor for a warranty repair (送修): the ticket waits on a repair, not a part."""

    type: Literal["repair_sent"]
    vendor: Text
    device: Text | None = None
    """What was sent: a CI id or a description with its serial number."""


class RepairProgress(EventBase):
    """Written progress of the vendor repair (书面进展), due every few working days."""

    type: Literal["repair_progress"]
    progress: Text


class RepairReturned(EventBase):
    """The repaired (or replaced) device is back from the vendor (返回)."""

    type: Literal["repair_returned"]


class LoanerIssued(EventBase):
    """A loaner unit (备用机) put in place while the device is away."""

    type: Literal["loaner_issued"]
    device: Text | None = None


class LoanerReturned(EventBase):
    """The loaner unit taken back."""

    type: Literal["loaner_returned"]


class Resolved(EventBase):
    type: Literal["resolved"]
    resolution: Text
    first_line: bool = False
    """Solved by the service desk without dispatch (first-line resolution)."""

    def new_status(self) -> str | None:
        return "resolved"


_TACIT_SCHEMA: dict[str, Any] = {
    "if": {"properties": {"tacit": {"const": True}}, "required": ["tacit"]},
    "then": {"not": {"anyOf": [{"required": ["contact"]}, {"required": ["method"]}]}},
    "else": {"required": ["contact", "method"]},
}


class Confirmed(EventBase):
    """The customer accepted the result and agreed to close (客户同意结束).

    Either explicitly — ``contact`` (the customer's person) and ``method`` (the evidence) —
    or tacitly (``tacit: true``, 逾期视为确认): the policy's ``confirmation.tacit_after`` ran
    since the resolution without the customer answering, which the contract counts as
    agreement.  A tacit confirmation names no contact and no method: nobody spoke.
    """

    model_config = ConfigDict(json_schema_extra=_TACIT_SCHEMA)

    type: Literal["confirmed"]
    contact: Slug | None = None
    method: Method | None = None
    tacit: bool = False
    """Deemed confirmed: no reply within the policy's ``confirmation.tacit_after`` (rule ``tacit-confirmation``)."""

    @model_validator(mode="after")
    def _who_or_tacit(self) -> Confirmed:
        """Field errors (at ``contact``, ``method``), as a missing or unknown field would give."""
        if self.tacit:
            wrong = [f for f in ("contact", "method") if getattr(self, f) is not None]
            why = "a tacit confirmation (tacit: true) names no {field}: nobody confirmed; leave it out, or drop tacit"
        else:
            wrong = [f for f in ("contact", "method") if getattr(self, f) is None]
            why = (
                "required field is missing; a confirmed event (客户确认) needs id, at, by, type, contact, method "
                "(the customer's contact and how they confirmed), unless it is tacit (tacit: true)"
            )
        if wrong:
            raise ValidationError.from_exception_data(
                "Confirmed",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("confirmation", why.replace("{field}", f)), loc=(f,), input=None
                    )
                    for f in wrong
                ],
            )
        return self


class Closed(EventBase):
    type: Literal["closed"]

    def new_status(self) -> str | None:
        return "closed"


class Reopened(EventBase):
    type: Literal["reopened"]
    reason: Text
    to: Slug | None = None
    """The status it reopens into; when left out, the kind's own (``TicketBase.REOPEN_STATUS``)."""

    def new_status(self) -> str | None:
        return self.to


class PriorityChanged(EventBase):
    type: Literal["priority"]
    to: Code
    reason: Text
    escalation: EventId | None = None
    """The ``escalated`` event (rung) whose ``raise_priority`` this is.  Such a raise sets
    the *handling* priority only: the SLA clocks keep measuring the priority a person
    assessed, unless the SLA says ``measure_escalated_priority: true`` (docs/sla-rules.md §5.14)."""


class Escalated(EventBase):
    """One rung of the SLA's escalation ladder: pre-warning, alarm or escalation."""

    type: Literal["escalated"]
    level: Annotated[int, Field(ge=1, le=9)]
    target: Slug
    actions: list[EscalationAction] = []
    notified: list[Slug] = []


ClockTarget = Literal[
    "response", "onsite", "spare_part", "recovery", "resolution", "callback", "dispatch", "remote_guidance",
    "execution_confirmed", "escalate_to_manager", "redispatch", "repair_progress", "repair_return",
]  # fmt: skip
"""The SLA clocks a breach can be explained for: every target the SLA engine measures (docs/sla-rules.md §3)."""


class Explained(EventBase):
    """A person's explanation of a target's breach: what a report shows as its recorded reason.

    Only this is shown as the reason of a breach, never an automatic note (an escalation's).
    """

    type: Literal["explained"]
    target: ClockTarget
    reason: Text


class Noted(EventBase):
    type: Literal["note"]
    note: Text


class Linked(EventBase):
    type: Literal["linked"]
    ref: Text


class Assessed(EventBase):
    """A change's risk and impact assessed and reviewed internally."""

    type: Literal["assessed"]
    risk: Literal["low", "medium", "high"]

    def new_status(self) -> str | None:
        return "assessed"


class Approved(EventBase):
    """The customer's formal approval of a change (who, when, how)."""

    type: Literal["approved"]
    approver: Slug
    method: Method
    reference: Prose | None = None

    def new_status(self) -> str | None:
        return "approved"


class Scheduled(EventBase):
    type: Literal["scheduled"]
    start: Timestamp
    end: Timestamp

    def new_status(self) -> str | None:
        return "scheduled"


class TrialStarted(EventBase):
    type: Literal["trial"]
    period: Duration

    def new_status(self) -> str | None:
        return "trial_run"


class Reviewed(EventBase):
    """Post-implementation review of a change, confirmed with the customer."""

    type: Literal["reviewed"]
    result: Literal["successful", "partial", "failed"]

    def new_status(self) -> str | None:
        return "reviewed"


class RolledBack(EventBase):
    type: Literal["rolled_back"]
    reason: Text

    def new_status(self) -> str | None:
        return "rolled_back"


Event = Annotated[
    Opened
    | Assigned
    | Responded
    | StatusChanged
    | Onsite
    | PartArrived
    | Recovered
    | Guided
    | ExecutionConfirmed
    | ExceptionReported
    | ManagerInformed
    | RepairSent
    | RepairProgress
    | RepairReturned
    | LoanerIssued
    | LoanerReturned
    | Resolved
    | Confirmed
    | Closed
    | Reopened
    | PriorityChanged
    | Escalated
    | Explained
    | Noted
    | Linked
    | Assessed
    | Approved
    | Scheduled
    | TrialStarted
    | Reviewed
    | RolledBack,
    Field(discriminator="type"),
]
