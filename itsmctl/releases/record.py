"""A release through its whole life (发布管理, seed 004 §9), one verb per step, each an edit of its one file.

new (the changes, the plan and its window, the rollback plan, the known errors) → approve →
deploy → verify (pass or fail) → accept (the customer's acceptance), or rollback after a
deployment.  Which step may follow which is the ``RELEASE`` table (``itsmctl.rules.release``);
what a step may not break is in the rule book (``release-change``, ``release-rollback``,
``release-steps``), so ``validate`` holds hand edits to the same rules.  ``itsmctl.editing.record``
does the edit: format kept, nothing written when refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from itsmctl import roundtrip
from itsmctl.editing.record import RecordWritten, create_record, edit_record, model_order, record_path
from itsmctl.errors import FieldError
from itsmctl.ids import new_numbered_id
from itsmctl.models import Policy, Problem, Release
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.rules.release import RELEASE
from itsmctl.store.lookup import record_reader
from itsmctl.tickets.edit import policy_zone

KIND = "release"
PREFIX = "REL"
ORDER = model_order(KIND)
KNOWN_ERROR = re.compile(r"^(?P<problem>" + MONTHLY_ID_PATTERN[1:-1] + r")\s*(?:[:：]\s*(?P<text>.*))?$", re.S)


@dataclass(frozen=True)
class ReleasePlanInput:
    """What ``new`` is asked to write: the release, its plan and its rollback plan."""

    title: str
    changes: Sequence[str]
    window_start: datetime
    window_end: datetime
    owner: str
    rollback_plan: str | None
    steps: Sequence[str] = ()
    known_errors: Sequence[str] = ()
    """``PRB-…`` (the problem's title and workaround are written), ``PRB-…: text``, or text alone."""
    record_id: str | None = None
    """Default: ``REL-<year>-<month>-NN`` of the window's start, the first number free."""


def release_id(root: Path, window_start: date) -> str:
    """``REL-2026-11-01``: the first number of the window's month with no file yet."""
    stem = f"{PREFIX}-{window_start:%Y-%m}"
    return new_numbered_id(stem, exists=lambda candidate: os.path.lexists(record_path(root, KIND, candidate)))


def known_error_entry(text: str, root: Path, policy: Policy) -> dict[str, Any]:
    """One ``known_errors`` item from ``--known-error``: a problem id (with or without text), or text."""
    given = text.strip()
    if not given:
        raise FieldError("known_error", "give a problem id (PRB-…), PRB-…: text, or the known error's text")
    found = KNOWN_ERROR.match(given)
    if found is None:
        return {"description": given}
    problem_id, description = found["problem"], (found["text"] or "").strip()
    if not description:
        problem = record_reader(root, policy_zone(policy))(problem_id)
        if isinstance(problem, Problem):
            description = problem.title + (f"；临时解决办法：{problem.workaround}" if problem.workaround else "")
        else:
            description = problem_id  # the rule book names what is wrong with the id
    return {"problem": problem_id, "description": description}


def new_release(root: Path, plan: ReleasePlanInput, *, policy: Policy) -> RecordWritten:
    """Write a new release (planned); refused if it exists or a change it names is none."""
    if not plan.changes:
        raise FieldError("change", "a release includes at least one change (CHG-…)")
    record: dict[str, Any] = {
        "id": plan.record_id or release_id(root, plan.window_start.date()),
        "title": plan.title,
        "changes": list(dict.fromkeys(plan.changes)),
    }
    entries = [known_error_entry(text, root, policy) for text in plan.known_errors]
    if entries:
        record["known_errors"] = entries
    record["plan"] = {
        "window_start": plan.window_start,
        "window_end": plan.window_end,
        "owner": plan.owner,
        **({"steps": list(plan.steps)} if plan.steps else {}),
    }
    if plan.rollback_plan and plan.rollback_plan.strip():
        record["rollback_plan"] = plan.rollback_plan.strip()
    return create_record(root, KIND, record, policy=policy, flow_keys=frozenset(("changes",)))


def _step(
    root: Path, release_id: str, action: str, key: str, value: dict[str, Any], *, policy: Policy, variant: str = ""
) -> RecordWritten:
    """Fill in ``key`` with ``value`` once ``RELEASE`` allows ``action`` from the release's stage."""

    def change(document: roundtrip.Document, release: Release) -> None:
        RELEASE.check(release.id, release.stage, action, variant or None)
        roundtrip.set_field(document, key, {k: v for k, v in value.items() if v is not None}, ORDER)

    return edit_record(root, KIND, release_id, change, policy=policy)


def approve_release(
    root: Path, release_id: str, by: str, at: datetime, notes: str | None = None, *, policy: Policy
) -> RecordWritten:
    """Approve the plan (the rule book refuses it without a rollback plan, or with a change not approved)."""
    return _step(root, release_id, "approve", "approved", {"by": by, "at": at, "notes": notes}, policy=policy)


def deploy_release(
    root: Path, release_id: str, by: str, at: datetime, notes: str | None, *, policy: Policy
) -> RecordWritten:
    """Record the deployment: who, when, what happened."""
    return _step(root, release_id, "deploy", "deployed", {"by": by, "at": at, "notes": notes}, policy=policy)


def verify_release(
    root: Path, release_id: str, by: str, at: datetime, result: str, notes: str | None, *, policy: Policy
) -> RecordWritten:
    """Record the verification after deployment: ``pass`` (then the customer accepts) or ``fail`` (roll back)."""
    entry = {"by": by, "at": at, "result": result, "notes": notes}
    return _step(root, release_id, "verify", "verification", entry, policy=policy, variant=result)


def accept_release(
    root: Path, release_id: str, customer: str, on: date, conclusion: str | None, *, policy: Policy
) -> RecordWritten:
    """Record the customer's acceptance (验收) of a verified release."""
    entry = {"by": customer, "on": on, "conclusion": conclusion}
    return _step(root, release_id, "accept", "acceptance", entry, policy=policy)


def rollback_release(
    root: Path, release_id: str, by: str, at: datetime, reason: str, *, policy: Policy
) -> RecordWritten:
    """Record that the release was rolled back by its rollback plan, and why."""
    if not reason.strip():
        raise FieldError("reason", "say why the release was rolled back")
    entry = {"by": by, "at": at, "reason": reason.strip()}
    return _step(root, release_id, "rollback", "rolled_back", entry, policy=policy)
