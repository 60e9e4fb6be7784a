"""Releases (发布管理, ISO/IEC 20000 §9): the rules of a release record and its lifecycle table.

A release names change and problem tickets, so ``release-change`` and ``release-known-error``
read other records (``RuleContext.record_for``) and are ``cross_record``; the rest look at the
release alone.  ``RELEASE`` is the table the release verbs ask before each step, rendered in
docs/releases.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from itsmctl.models import Change, Problem, Release
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.cmdb import approved_on
from itsmctl.rules.lifecycle import Lifecycle, Transition

RELEASE = Lifecycle(
    "release",
    ("release",),
    (
        Transition("approve", ("planned",), "approved", ("release-rollback", "release-change")),
        Transition("deploy", ("approved",), "deployed", ("release-steps",)),
        Transition("verify", ("deployed",), "verified", ("release-steps",), variant="pass"),
        Transition("verify", ("deployed",), "failed", ("release-steps",), variant="fail"),
        Transition("accept", ("verified",), "accepted", ("release-steps",)),
        Transition("rollback", ("deployed", "verified", "failed"), "rolled_back", ("release-steps",)),
    ),
)
"""planned → approved → deployed → verified (pass) → accepted; a failed verification is rolled back."""


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


@rule("release-change", ("release",), cross_record=True)
def release_changes_exist(release: Release, ctx: RuleContext) -> Iterator[Violation]:
    """Every change a release includes is a change ticket of the store, approved before the release is."""
    seen: set[str] = set()
    signed = release.approved.at.date() if release.approved is not None else None
    for i, change_id in enumerate(release.changes):
        if change_id in seen:
            yield Violation(("changes", i), "release-change", f"{change_id} is listed twice")
            continue
        seen.add(change_id)
        change = ctx.record_for(change_id)
        if change is None:
            yield Violation(
                ("changes", i),
                "release-change",
                f"{change_id} is no change ticket in the store (no file, or its file does not load)",
            )
        elif not isinstance(change, Change):
            kind = str(getattr(change, "kind", "record"))
            yield Violation(("changes", i), "release-change", f"{change_id} is {_article(kind)} {kind}, not a change")
        elif signed is not None:
            approved = approved_on(change)
            if approved is None or approved > signed:
                when = f"approved only on {approved.isoformat()}" if approved else f"never approved ({change.status})"
                yield Violation(
                    ("changes", i),
                    "release-change",
                    f"the release was approved on {signed.isoformat()}, but its change {change_id} was {when}: "
                    "each change is approved (by the customer) before the release",
                )


@rule("release-known-error", ("release",), cross_record=True)
def release_known_errors_are_problems(release: Release, ctx: RuleContext) -> Iterator[Violation]:
    """A known error a release ships with that names a problem names a problem ticket recorded as a known error."""
    for i, known in enumerate(release.known_errors):
        if known.problem is None:
            continue
        at = ("known_errors", i, "problem")
        problem = ctx.record_for(known.problem)
        if problem is None:
            yield Violation(at, "release-known-error", f"{known.problem} is no problem ticket in the store")
        elif not isinstance(problem, Problem):
            kind = str(getattr(problem, "kind", "record"))
            yield Violation(at, "release-known-error", f"{known.problem} is {_article(kind)} {kind}, not a problem")
        elif not (problem.known_error or problem.status == "known_error"):
            yield Violation(
                at,
                "release-known-error",
                f"{known.problem} is not recorded as a known error (status {problem.status}); "
                "record it first (itsmctl ticket known-error …) or describe the error without naming it",
                "warning",
            )


@rule("release-rollback", ("release",))
def release_has_rollback_plan(release: Release, ctx: RuleContext) -> Iterator[Violation]:
    """A release is approved only with a rollback plan (回退方案)."""
    if release.approved is not None and not (release.rollback_plan or "").strip():
        yield Violation(
            ("rollback_plan",),
            "release-rollback",
            "an approved release has its rollback plan (rollback_plan:): how to go back if verification fails",
        )


@rule("release-steps", ("release",))
def release_steps_in_order(release: Release, ctx: RuleContext) -> Iterator[Violation]:
    """A release is approved, deployed, verified in that order; accepted once passed, rolled back once deployed.

    Each step's time is not before the step before it, and the window ends after it starts.
    """
    r = release
    if r.plan.window_end <= r.plan.window_start:
        yield Violation(("plan", "window_end"), "release-steps", "the release window ends before it starts")
    if r.deployed is not None and r.approved is None:
        yield Violation(("deployed",), "release-steps", "deployed, but never approved (approved:)")
    if r.verification is not None and r.deployed is None:
        yield Violation(("verification",), "release-steps", "verified, but never deployed (deployed:)")
    if r.acceptance is not None and (r.verification is None or r.verification.result != "pass"):
        yield Violation(("acceptance",), "release-steps", "the customer accepts a release whose verification passed")
    if r.rolled_back is not None and r.deployed is None:
        yield Violation(("rolled_back",), "release-steps", "rolled back, but never deployed (deployed:)")
    if r.rolled_back is not None and r.acceptance is not None:
        yield Violation(("rolled_back",), "release-steps", "an accepted release is not rolled back")
    moments = [
        (("approved", "at"), r.approved.at if r.approved else None),
        (("deployed", "at"), r.deployed.at if r.deployed else None),
        (("verification", "at"), r.verification.at if r.verification else None),
    ]
    last: tuple[tuple[str, str], datetime] | None = None
    for path, moment in moments:
        if moment is None:
            continue
        if last is not None and moment < last[1]:
            yield Violation(path, "release-steps", f"{moment.isoformat()} is before {'.'.join(last[0])}")
        last = (path, moment)
    if r.acceptance is not None and r.verification is not None and r.acceptance.on < r.verification.at.date():
        yield Violation(("acceptance", "on"), "release-steps", "accepted before the release was verified")
    if r.rolled_back is not None and r.deployed is not None and r.rolled_back.at < r.deployed.at:
        yield Violation(("rolled_back", "at"), "release-steps", "rolled back before it was deployed")
