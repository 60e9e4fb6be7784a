"""Release records (发布记录, ISO/IEC 20000 §9): the changes a release ships, its plan and rollback
plan, the known errors it goes out with, its deployment, verification and customer acceptance.

The stage (planned → approved → deployed → verified → accepted, or failed / rolled_back) is
read from which of those parts are filled in, never stored twice; the ``release-steps`` rule
keeps the parts in that order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from itsmctl.models.base import Day, Line, MonthlyId, Prose, RecordId, RecordModel, Slug, Text, Timestamp

ReleaseStage = Literal["planned", "approved", "deployed", "verified", "failed", "accepted", "rolled_back"]
"""已计划 → 已批准 → 已部署 → 已验证 → 已验收; 验证未通过 → 已回退."""


class ReleasePlan(RecordModel):
    """The release plan (发布计划): its window, who is in charge, the steps."""

    window_start: Timestamp
    window_end: Timestamp
    owner: Slug
    steps: list[Text] = []


class KnownError(RecordModel):
    """A known error the release ships with (已知错误): a problem ticket's, or described only."""

    problem: MonthlyId | None = None
    description: Text


class Signed(RecordModel):
    """Who did a step of the release, and when."""

    by: Slug
    at: Timestamp
    notes: Prose | None = None


class Verification(RecordModel):
    """The check after deployment (发布验证): passed or failed, by whom, when."""

    by: Slug
    at: Timestamp
    result: Literal["pass", "fail"]
    notes: Prose | None = None


class Acceptance(RecordModel):
    """The customer's acceptance (客户验收): the customer's person, the day, the conclusion."""

    by: Line
    """The customer's person as they signed, e.g. 李娜（信息科技部）; not a person of the policy."""
    on: Day
    conclusion: Prose | None = None


class Rollback(RecordModel):
    """The rollback performed (回退): by whom, when, why."""

    by: Slug
    at: Timestamp
    reason: Text


class Release(RecordModel):
    """A release (发布): changes shipped together under one plan, verified and accepted (§9)."""

    kind: Literal["release"]
    id: RecordId
    title: Line
    changes: Annotated[list[MonthlyId], Field(min_length=1)]
    """The change tickets it includes (the ``release-change`` rule: each exists and is a change)."""
    known_errors: list[KnownError] = []
    plan: ReleasePlan
    rollback_plan: Prose | None = None
    """回退方案: required before the release is approved (the ``release-rollback`` rule)."""
    approved: Signed | None = None
    deployed: Signed | None = None
    verification: Verification | None = None
    acceptance: Acceptance | None = None
    rolled_back: Rollback | None = None

    @property
    def stage(self) -> str:
        """The furthest step filled in: a rollback ends it, an acceptance closes it."""
        if self.rolled_back is not None:
            return "rolled_back"
        if self.acceptance is not None:
            return "accepted"
        if self.verification is not None:
            return "verified" if self.verification.result == "pass" else "failed"
        if self.deployed is not None:
            return "deployed"
        if self.approved is not None:
            return "approved"
        return "planned"
