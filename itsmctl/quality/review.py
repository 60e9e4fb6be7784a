"""The management review by command (管理评审, seed 003 §5.3.2): held, its inputs, decisions, actions.

``hold`` writes the review (day, chair, attendees); ``input`` adds one of the seven inputs
(``review-inputs`` warns of the missing ones); ``decide`` adds a decision; ``action`` adds an
action with owner and due day, and ``done`` follows it to done (``review-action-overdue``
warns of one past its day).  Each is an edit of the review's one file (``itsmctl.editing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from itsmctl import roundtrip
from itsmctl.editing.record import RecordWritten, append, create_record, edit_record, item_with_id, model_order
from itsmctl.errors import FieldError, UsageError
from itsmctl.models import ManagementReview, Policy
from itsmctl.models.quality import ReviewAction, ReviewInput

KIND = "review"
ORDER = model_order(KIND)
INPUT_ORDER = tuple(ReviewInput.model_fields)
ACTION_ORDER = tuple(ReviewAction.model_fields)


def hold_review(
    root: Path, review_id: str, title: str, held_on: date, chair: str, attendees: Sequence[str], *, policy: Policy
) -> RecordWritten:
    """Write a new management review: when, chaired by whom, who attended."""
    record: dict[str, Any] = {
        "id": review_id,
        "title": title,
        "held_on": held_on,
        "chair": chair,
        "attendees": list(dict.fromkeys([chair, *attendees])),
    }
    return create_record(root, KIND, record, policy=policy, flow_keys=frozenset(("attendees",)))


def add_input(
    root: Path, review_id: str, topic: str, summary: str, source: str | None, *, policy: Policy
) -> RecordWritten:
    """Add one input (``capability_plan``, ``kpi``, ``satisfaction``, …) with its summary and source."""
    entry: dict[str, Any] = {"topic": topic, "summary": summary}
    if source:
        entry["source"] = source
    return edit_record(
        root, KIND, review_id, lambda document, _review: append(document, "inputs", entry, ORDER), policy=policy
    )


def add_decision(root: Path, review_id: str, decision: str, *, policy: Policy) -> RecordWritten:
    return edit_record(
        root, KIND, review_id, lambda document, _review: append(document, "decisions", decision, ORDER), policy=policy
    )


def add_action(
    root: Path, review_id: str, action: str, owner: str, due: date, *, policy: Policy
) -> tuple[RecordWritten, str]:
    """Add an action (a1, a2, …) with owner and due day; its id."""
    given: list[str] = []

    def change(document: roundtrip.Document, review: ManagementReview) -> None:
        taken = {a.id for a in review.actions}
        n = len(taken) + 1
        while f"a{n}" in taken:
            n += 1
        given.append(f"a{n}")
        append(document, "actions", {"id": f"a{n}", "action": action, "owner": owner, "due": due}, ORDER)

    written = edit_record(root, KIND, review_id, change, policy=policy)
    return written, given[0]


def finish_action(
    root: Path, review_id: str, action_id: str, on: date, *, started: bool = False, policy: Policy
) -> RecordWritten:
    """Mark an action done on ``on`` (or only in progress)."""

    def change(document: roundtrip.Document, review: ManagementReview) -> None:
        item = item_with_id(document, "actions", action_id)
        if item.get("status") == "done":
            raise UsageError(f"{review.id}'s action {action_id} is already done")
        if started:
            roundtrip.set_field(item, "status", "in_progress", ACTION_ORDER)
            return
        if on < review.held_on:
            raise FieldError("on", f"{on} is before the review was held ({review.held_on})")
        roundtrip.set_field(item, "status", "done", ACTION_ORDER)
        roundtrip.set_field(item, "done_on", on, ACTION_ORDER)

    return edit_record(root, KIND, review_id, change, policy=policy)
