"""Quality records: internal audits, management reviews, surveys, supplier evaluations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from itsmctl.models.base import Day, Line, MonthlyId, Prose, RecordId, RecordModel, Slug, Text, Timestamp

AuditArea = Literal["people", "resources", "technology", "process"]
"""The four elements of GB/T 28827.1: 人员、资源、技术、过程."""


class AuditPlan(RecordModel):
    start: Day
    end: Day
    lead: Slug
    auditors: list[Slug] = []
    scope: Text
    criteria: list[Text] = []


class ChecklistItem(RecordModel):
    id: Slug
    area: AuditArea
    question: Text
    result: Literal["conform", "nonconform", "observation", "not_applicable", "not_checked"] = "not_checked"
    evidence: Prose | None = None


class CorrectiveAction(RecordModel):
    """What will be done about a nonconformity (整改措施), by whom and when."""

    action: Text
    owner: Slug
    due: Day
    status: Literal["open", "in_progress", "done", "verified"] = "open"
    done_on: Day | None = None
    verified_by: Slug | None = None
    verified_on: Day | None = None


class Nonconformity(RecordModel):
    id: Slug
    checklist_item: Slug | None = None
    severity: Literal["major", "minor"]
    description: Text
    cause: Prose | None = None
    corrective_actions: list[CorrectiveAction] = []


class Audit(RecordModel):
    """An internal (or external) audit with plan, checklist and nonconformities (内部审核)."""

    kind: Literal["audit"]
    id: RecordId
    title: Line
    audit_type: Literal["internal", "external", "configuration"] = "internal"
    plan: AuditPlan
    checklist: list[ChecklistItem] = []
    findings: list[Text] = []
    nonconformities: list[Nonconformity] = []
    conclusion: Prose | None = None
    reported_on: Day | None = None
    closed_on: Day | None = None
    """The day the audit was closed: every nonconformity's actions verified (the ``audit-closed`` rule)."""
    closed_by: Slug | None = None

    @property
    def stage(self) -> str:
        """planned → checking → reported → closed, read from the record (never stored twice)."""
        if self.closed_on is not None:
            return "closed"
        if self.reported_on is not None:
            return "reported"
        if any(item.result != "not_checked" for item in self.checklist):
            return "checking"
        return "planned"


class ReviewInput(RecordModel):
    topic: Literal[
        "capability_plan", "kpi", "satisfaction", "department", "audit", "complaints", "improvements", "other"
    ]
    summary: Text
    source: str | None = None


class ReviewAction(RecordModel):
    id: Slug
    action: Text
    owner: Slug
    due: Day
    status: Literal["open", "in_progress", "done"] = "open"
    done_on: Day | None = None


class ManagementReview(RecordModel):
    """The yearly management review: inputs, decisions, actions (管理评审)."""

    kind: Literal["review"]
    id: RecordId
    title: Line
    held_on: Day
    chair: Slug
    attendees: list[Slug] = []
    inputs: list[ReviewInput] = []
    decisions: list[Text] = []
    actions: list[ReviewAction] = []


Score = Annotated[int, Field(ge=1, le=5)]


class Survey(RecordModel):
    """A satisfaction survey: a callback on one ticket, or a periodic survey (满意度调查)."""

    kind: Literal["survey"]
    id: MonthlyId
    survey_type: Literal["callback", "periodic"]
    ticket: MonthlyId | None = None
    at: Timestamp
    by: Slug
    respondent: Slug | None = None
    channel: Literal["phone", "mail", "web", "wechat", "onsite", "paper"] = "phone"
    reached: bool = True
    """False when the customer could not be reached; the callback still counts as attempted."""
    score: Score | None = None
    """Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied)."""
    scores: dict[Slug, Score] = {}
    comment: Prose | None = None
    follow_up: MonthlyId | None = None
    """The complaint opened to follow up a low score (低分跟进, seed 000 §4.4.1): at or below the
    policy's ``quality_goals.low_score`` a callback names one (the ``low-score`` rule)."""
    period_start: Day | None = None
    period_end: Day | None = None
    responses: Annotated[int, Field(ge=0)] | None = None


class Criterion(RecordModel):
    name: Line
    weight: Annotated[float, Field(gt=0, le=100)]
    score: Annotated[float, Field(ge=0, le=100)]


class SupplierEvaluation(RecordModel):
    """Quarterly evaluation of a supplier against its contract (供方评价)."""

    kind: Literal["supplier_evaluation"]
    id: RecordId
    supplier: Text
    period: Annotated[str, Field(pattern=r"^[0-9]{4}-(Q[1-4]|H[12]|Y)$")]
    evaluator: Slug
    evaluated_on: Day
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    conclusion: Literal["qualified", "conditional", "disqualified"]
    notes: Prose | None = None

    @property
    def weighted_score(self) -> float:
        """Each criterion's score by its weight, over 100 (the weights add up to 100: the ``weights`` rule)."""
        return sum(c.weight * c.score for c in self.criteria) / 100
