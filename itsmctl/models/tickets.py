"""Tickets: incidents, service requests, problems, changes and complaints.

A ticket holds its *current* fields (status, priority, assignee…) for people to read,
and an append-only ``events`` log for the history.  ``validate`` checks that the two
agree; the SLA clocks are computed from the log alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from itsmctl.models.base import Code, Day, Line, MonthlyId, Prose, RecordId, RecordModel, Slug, Text, Timestamp
from itsmctl.models.events import Event, Method

Channel = Literal["phone", "mail", "fax", "web", "wechat", "walk_in", "monitoring", "inspection"]
"""How it was reported; ``inspection``: found by a routine operation (巡检发现, ``ops record --open-incident``)."""
Delivery = Literal["onsite", "remote"]


class PriorityOverride(RecordModel):
    """A priority set by hand against the policy's matrix, with who, when and why."""

    priority: Code
    reason: Text
    by: Slug
    at: Timestamp


class Source(RecordModel):
    """Where an imported ticket came from: the other tool and its own number (ServiceNow's ``INC0000045``).

    A re-import finds the ticket by ``system`` and ``number``; ``details`` keeps what the
    source said that no field here holds (the caller, location, CI, problem and change
    references, close code), as the source wrote it.
    """

    system: Slug
    number: Line
    details: dict[Slug, Line] = {}


class TicketBase(RecordModel):
    """Fields every kind of ticket shares."""

    STATUSES: ClassVar[tuple[str, ...]] = ()
    INITIAL_STATUS: ClassVar[str] = "new"
    REOPEN_STATUS: ClassVar[str] = "in_progress"
    """Where a ``reopened`` event that names no status leads."""
    FINAL_STATUSES: ClassVar[tuple[str, ...]] = ("closed",)

    id: MonthlyId
    title: Line
    description: Prose | None = None
    service: RecordId
    sla: RecordId | None = None
    cis: list[RecordId] = []
    requester: Slug | None = None
    assignee: Slug | None = None
    group: Slug | None = None
    channel: Channel = "phone"
    delivery: Delivery | None = None
    category: Slug | None = None
    dimensions: dict[Slug, Slug] = {}
    """Priority inputs by dimension id, e.g. ``{urgency: urgent, impact: some, importance: important}``."""
    priority: Code
    priority_override: PriorityOverride | None = None
    status: Slug
    major: bool = False
    """A major incident (重大事件): reported separately in the monthly report."""
    related: list[RecordId] = []
    """Ids of related tickets: the problem behind an incident, the change that fixed it."""
    source: Source | None = None
    """The tool and number an imported ticket came from (``itsmctl import``)."""
    events: Annotated[list[Event], Field(min_length=1)]

    @model_validator(mode="after")
    def _status_in_lifecycle(self) -> TicketBase:
        if self.status not in self.STATUSES:
            raise ValueError(f"status {self.status!r} is not one of: {', '.join(self.STATUSES)}")
        return self

    @property
    def opened_at(self) -> datetime:
        return self.events[0].at

    def replayed_status(self) -> str | None:
        """The status the event log leads to (None when the log has no opened event).

        ``opened`` puts the ticket in its kind's initial status; the first assignment
        of a ``new`` ticket moves it to ``assigned`` (a reassignment changes nothing);
        every other event says itself whether it changes the status.
        """
        status: str | None = None
        for event in self.events:
            status = self.status_after(status, event)
        return status

    @classmethod
    def status_after(cls, status: str | None, event: Event) -> str | None:
        """The status after one more event; the one rule the replay and the commands share."""
        if event.type == "opened":
            return cls.INITIAL_STATUS
        if event.type == "assigned":
            return "assigned" if status == "new" and "assigned" in cls.STATUSES else status
        if event.type == "reopened" and event.to is None:
            return cls.REOPEN_STATUS
        return event.new_status() or status


class Incident(TicketBase):
    """Unplanned interruption or degradation of a service (事件)."""

    STATUSES = (
        "new",
        "assigned",
        "in_progress",
        "pending_customer",
        "pending_vendor",
        "pending_change",
        "resolved",
        "closed",
    )
    kind: Literal["incident"]


class ServiceRequest(TicketBase):
    """A request for information, advice, a standard change or access (服务请求)."""

    STATUSES = Incident.STATUSES
    kind: Literal["request"]


class Problem(TicketBase):
    """The unknown cause of one or more incidents (问题)."""

    STATUSES = ("new", "investigating", "known_error", "resolved", "closed")
    REOPEN_STATUS = "investigating"
    kind: Literal["problem"]
    root_cause: Prose | None = None
    workaround: Prose | None = None
    known_error: bool = False
    incidents: list[MonthlyId] = []


class ChangePlan(RecordModel):
    """The plan a change needs before the customer can approve it (变更方案)."""

    goal: Prose | None = None
    content: Prose | None = None
    steps: list[Text] = []
    people: list[Slug] = []
    budget: Prose | None = None
    start: Timestamp | None = None
    end: Timestamp | None = None
    risk_plan: Prose | None = None
    rollback_plan: Prose | None = None

    REQUIRED: ClassVar[tuple[str, ...]] = (
        "goal",
        "content",
        "steps",
        "people",
        "budget",
        "start",
        "end",
        "risk_plan",
        "rollback_plan",
    )

    def missing(self) -> list[str]:
        """Parts of the plan still empty; approval needs all of them."""
        return [name for name in self.REQUIRED if not getattr(self, name)]


class ChangeReview(RecordModel):
    """An internal or external (customer) review of a change's plan."""

    stage: Literal["internal", "external"]
    by: Slug
    at: Timestamp
    verdict: Literal["pass", "fail", "pass_with_conditions"]
    notes: Prose | None = None


class CustomerApproval(RecordModel):
    """The customer's formal approval (mail, fax…) required before implementing."""

    by: Slug
    at: Timestamp
    method: Method
    reference: Prose | None = None


class TrialRun(RecordModel):
    """The trial-run period after implementing, and its evaluation (试运行)."""

    start: Day
    end: Day
    evaluation: Prose | None = None
    result: Literal["pass", "fail"] | None = None
    confirmed_by: Slug | None = None


class Change(TicketBase):
    """A planned change to a service or CI, with plan, approval and trial run (变更)."""

    STATUSES = (
        "draft",
        "assessed",
        "approved",
        "scheduled",
        "implementing",
        "trial_run",
        "reviewed",
        "closed",
        "rolled_back",
    )
    INITIAL_STATUS = "draft"
    FINAL_STATUSES = ("closed", "rolled_back")
    kind: Literal["change"]
    change_type: Literal["normal", "standard", "emergency"] = "normal"
    risk: Literal["low", "medium", "high"] | None = None
    plan: ChangePlan = ChangePlan()
    reviews: list[ChangeReview] = []
    approval: CustomerApproval | None = None
    trial: TrialRun | None = None


class Complaint(TicketBase):
    """A customer complaint, handled by someone other than the people it is about (投诉)."""

    STATUSES = ("new", "investigating", "resolved", "closed")
    REOPEN_STATUS = "investigating"
    kind: Literal["complaint"]
    about: list[Slug] = []
    """People the complaint is about; none of them may handle it."""


TICKET_MODELS: tuple[type[TicketBase], ...] = (Incident, ServiceRequest, Problem, Change, Complaint)
Ticket = Incident | ServiceRequest | Problem | Change | Complaint
