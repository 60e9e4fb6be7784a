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
