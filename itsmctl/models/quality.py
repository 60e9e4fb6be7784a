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
Count = Annotated[int, Field(ge=0)]

ANSWER_SCORES: dict[str, int] = {
    "very_satisfied": 5,
    "satisfied": 4,
    "neutral": 3,
    "dissatisfied": 2,
    "very_dissatisfied": 1,
}
"""Each answer of the five-point scale and its score (非常满意 5 … 非常不满意 1)."""


class Answers(RecordModel):
    """How many respondents gave each answer to one question (the questionnaire's tally)."""

    very_satisfied: Count = 0
    satisfied: Count = 0
    neutral: Count = 0
    dissatisfied: Count = 0
    very_dissatisfied: Count = 0

    @property
    def answered(self) -> int:
        return sum(getattr(self, name) for name in ANSWER_SCORES)

    @property
    def points(self) -> int:
        return sum(getattr(self, name) * score for name, score in ANSWER_SCORES.items())

    @property
    def satisfied_count(self) -> int:
        """Answers of 4 or 5 points (满意 or 非常满意)."""
        return self.very_satisfied + self.satisfied


class SurveyQuestion(RecordModel):
    """One question of a periodic questionnaire and its answers over every response."""

    id: Slug
    text: Line | None = None
    """The question as the questionnaire asks it (响应及时性); the id when not given."""
    answers: Answers


class SurveySample(RecordModel):
    """Whom a periodic survey asked: the sample frame and how much of it answered (样本覆盖)."""

    frame: Text | None = None
    """The population asked, in words (信息科技部及各业务部门)."""
    distributed: Annotated[int, Field(ge=1)]
    """Questionnaires handed out (发放份数); ``responses`` counts those returned (回收份数)."""
    units: list[Line] = []
    """The departments or sites of the frame (各部门、各支行)."""
    units_responded: list[Line] = []
    """Those of ``units`` at least one returned questionnaire came from."""


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
    """Questionnaires returned (回收份数) of a periodic survey."""
    sample: SurveySample | None = None
    """A periodic survey's sample frame and coverage (the ``survey-sample`` rule checks the counts)."""
    questions: list[SurveyQuestion] = []
    """A periodic survey's per-question tallies; its per-question results are computed from them."""


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
