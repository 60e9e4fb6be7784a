"""Problems, audits and supplier evaluations: the rules of the quality records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from itsmctl.models import Audit, Problem, SupplierEvaluation, Survey
from itsmctl.models.quality import AuditArea
from itsmctl.rules.base import RuleContext, Violation, rule

AREAS: tuple[str, ...] = get_args(AuditArea)
"""人员、资源、技术、过程: the four elements of GB/T 28827.1 every internal audit covers."""

TOTAL_WEIGHT = 100.0


@rule("known-error", ("problem",))
def known_error_has_workaround(problem: Problem, ctx: RuleContext) -> Iterator[Violation]:
    """A known error (已知错误) carries its workaround (临时解决办法)."""
    reached = (
        problem.known_error
        or problem.status == "known_error"
        or any(e.type == "status" and e.to == "known_error" for e in problem.events)
    )
    if reached and not (problem.workaround or "").strip():
        yield Violation(("workaround",), "known-error", "a known error needs its workaround (workaround:)")


@rule("audit-areas", ("audit",))
def audit_covers_areas(audit: Audit, ctx: RuleContext) -> Iterator[Violation]:
    """An audit's checklist covers people, resources, technology and process (人员、资源、技术、过程).

    Configuration audits check the CMDB only and are exempt.
    """
    if audit.audit_type == "configuration":
        return
    covered = {item.area for item in audit.checklist}
    missing = [a for a in AREAS if a not in covered]
    if missing:
        yield Violation(
            ("checklist",),
            "audit-areas",
            f"the checklist does not cover {', '.join(missing)}; an internal audit covers {', '.join(AREAS)}",
        )


@rule("corrective-action", ("audit",))
def corrective_action_traced(audit: Audit, ctx: RuleContext) -> Iterator[Violation]:
    """A corrective action done has its day; one verified, its verifier (not its owner) and a day not before that."""
    for i, nc in enumerate(audit.nonconformities):
        for j, action in enumerate(nc.corrective_actions):
            at: tuple[str | int, ...] = ("nonconformities", i, "corrective_actions", j)
            if action.status in ("done", "verified") and action.done_on is None:
                yield Violation((*at, "done_on"), "corrective-action", f"a {action.status} action names its done_on")
            if action.status != "verified":
                if action.verified_by is not None or action.verified_on is not None:
                    yield Violation(
                        (*at, "status"), "corrective-action", "verified_by/verified_on are set: the status is verified"
                    )
                continue
            if action.verified_by is None or action.verified_on is None:
                yield Violation(
                    (*at, "verified_by"), "corrective-action", "a verified action names verified_by and verified_on"
                )
            elif action.verified_by == action.owner:
                yield Violation(
                    (*at, "verified_by"),
                    "corrective-action",
                    f"{action.owner} owns the action and cannot verify it: an auditor verifies (seed 003 §5.3.1)",
                )
            if action.verified_on is not None and action.done_on is not None and action.verified_on < action.done_on:
                yield Violation((*at, "verified_on"), "corrective-action", "verified before it was done")


@rule("audit-closed", ("audit",))
def audit_closed_when_complete(audit: Audit, ctx: RuleContext) -> Iterator[Violation]:
    """An audit closes once reported, every item checked, every nonconform item raised, every action verified."""
    for i, item in enumerate(audit.checklist):
        raised = any(nc.checklist_item == item.id for nc in audit.nonconformities)
        if item.result == "nonconform" and not raised and audit.reported_on is not None:
            yield Violation(
                ("checklist", i, "result"),
                "audit-closed",
                f"item {item.id} is nonconform but no nonconformity names it (itsmctl audit nc {audit.id} {item.id})",
            )
    if audit.closed_on is None:
        return
    if audit.reported_on is None:
        yield Violation(("closed_on",), "audit-closed", "closed before it was reported (reported_on:)")
    elif audit.closed_on < audit.reported_on:
        yield Violation(("closed_on",), "audit-closed", "closed before the day it was reported")
    if audit.closed_by is None:
        yield Violation(("closed_by",), "audit-closed", "a closed audit names who closed it (closed_by:)")
    unchecked = [item.id for item in audit.checklist if item.result == "not_checked"]
    if unchecked:
        yield Violation(("checklist",), "audit-closed", f"closed with item(s) not checked: {', '.join(unchecked)}")
    for i, nc in enumerate(audit.nonconformities):
        if not nc.corrective_actions:
            yield Violation(
                ("nonconformities", i, "corrective_actions"), "audit-closed", f"{nc.id} has no corrective action"
            )
        pending = [str(j + 1) for j, a in enumerate(nc.corrective_actions) if a.status != "verified"]
        if pending:
            yield Violation(
                ("nonconformities", i, "corrective_actions"),
                "audit-closed",
                f"{nc.id}'s action(s) {', '.join(pending)} not verified: an audit closes once every corrective "
                "action is verified (seed 003 §5.3.1)",
            )


@rule("weights", ("supplier_evaluation",))
def weights_sum_to_100(evaluation: SupplierEvaluation, ctx: RuleContext) -> Iterator[Violation]:
    """The weights of a supplier evaluation's criteria add up to 100."""
    total = sum(c.weight for c in evaluation.criteria)
    if abs(total - TOTAL_WEIGHT) > 1e-6:
        yield Violation(("criteria",), "weights", f"the criteria's weights add up to {total:g}, not 100")


@rule("low-score", ("survey",), needs_policy=True)
def low_score_followed_up(survey: Survey, ctx: RuleContext) -> Iterator[Violation]:
    """A callback scored at or below ``quality_goals.low_score`` names its follow-up complaint (seed 000 §4.4.1)."""
    assert ctx.policy is not None
    threshold = ctx.policy.quality_goals.low_score
    if survey.score is not None and survey.score <= threshold and survey.follow_up is None:
        yield Violation(
            ("follow_up",),
            "low-score",
            f"score {survey.score} is at or below the policy's low score {threshold} (quality_goals.low_score): "
            "a low score is followed up (seed 000 §4.4.1) — open a complaint and name it in follow_up:",
            "warning",
        )


@rule("survey-sample", ("survey",))
def survey_sample_adds_up(survey: Survey, ctx: RuleContext) -> Iterator[Violation]:
    """A periodic survey names its period and its counts add up; a callback carries no questionnaire.

    Returned ≤ handed out (``sample.distributed``), each question's answers ≤ returned, the units
    that responded are units of the frame, each question listed once.
    """
    if survey.survey_type == "callback":
        for field in ("sample", "questions"):
            if getattr(survey, field):
                yield Violation(
                    (field,), "survey-sample", f"{field}: belongs to a periodic survey; a callback records score:"
                )
        return
    if survey.period_start is None or survey.period_end is None:
        missing = "period_start" if survey.period_start is None else "period_end"
        yield Violation((missing,), "survey-sample", "a periodic survey names the period it covers (period_start/end)")
    elif survey.period_end < survey.period_start:
        yield Violation(("period_end",), "survey-sample", f"the period ends before it starts ({survey.period_start})")
    if survey.sample is not None:
        if survey.responses is None:
            yield Violation(("responses",), "survey-sample", "a sample names how many questionnaires came back")
        elif survey.responses > survey.sample.distributed:
            yield Violation(
                ("responses",),
                "survey-sample",
                f"{survey.responses} returned of {survey.sample.distributed} handed out (sample.distributed)",
            )
        frame = set(survey.sample.units)
        stray = [u for u in survey.sample.units_responded if frame and u not in frame]
        if stray:
            yield Violation(
                ("sample", "units_responded"), "survey-sample", f"not among sample.units: {', '.join(stray)}"
            )
    seen: set[str] = set()
    for i, question in enumerate(survey.questions):
        if question.id in seen:
            yield Violation(("questions", i, "id"), "survey-sample", f"question {question.id} is listed twice")
        seen.add(question.id)
        answered = question.answers.answered
        if survey.responses is None:
            if i == 0:
                yield Violation(("responses",), "survey-sample", "per-question tallies need responses: (returned)")
        elif answered > survey.responses:
            yield Violation(
                ("questions", i, "answers"),
                "survey-sample",
                f"{answered} answers to {question.id}, more than the {survey.responses} questionnaires returned",
            )
