"""Rules between two revisions: what a pull request may not do to records that were already there.

The rule book (``itsmctl.rules``) judges one record as it stands; these rules judge the step
from the base to the head: a log that lost or rewrote an event, a closed ticket edited
without a reopen, an id that collides with one on the base, an event only the escalation
run writes, a CI changed without an approved change.  Each returns findings placed in the
head's version of the file (the base's, for a removed file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from itsmctl.findings import Finding
from itsmctl.ids import folded
from itsmctl.models import Change, ConfigurationItem, TicketBase
from itsmctl.review.pull import PullRequest, RecordDelta
from itsmctl.revisions import edited_events
from itsmctl.rules import added_violations
from itsmctl.rules.context import snapshot_context
from itsmctl.store.paths import KIND_DIRS

ReviewRule = Callable[[PullRequest], Iterator[Finding]]
REVIEW_RULES: dict[str, ReviewRule] = {}

ESCALATION_ONLY_EVENTS = ("escalated",)
"""Event types only ``itsmctl escalate`` writes; a pull request that adds one forges an escalation."""

APPROVED_CHANGE_STATUSES = ("approved", "scheduled", "implementing", "trial_run", "reviewed", "closed")


def review_rule(code: str) -> Callable[[ReviewRule], ReviewRule]:
    def register(check: ReviewRule) -> ReviewRule:
        REVIEW_RULES[code] = check
        return check

    return register


def _dump(event: Any) -> dict[str, Any]:
    return dict(event.model_dump(mode="json", exclude_none=True, by_alias=True))


@review_rule("append-only")
def append_only(pr: PullRequest) -> Iterator[Finding]:
    """Event logs only grow: no past event deleted, edited in place or moved."""
    for delta, old, new in pr.tickets():
        if old is None:
            continue
        if delta.change.status == "removed":
            assert delta.old is not None
            yield delta.old.finding(
                (), "append-only", f"ticket {old.id} was deleted; a ticket's log is the audit trail and stays"
            )
            continue
        if new is None or delta.new is None:
            continue
        position = {event.id: i for i, event in enumerate(new.events)}
        last = -1
        for event in old.events:
            where = position.get(event.id)
            if where is None:
                yield delta.new.finding(
                    ("events",),
                    "append-only",
                    f"event {event.id} ({event.type} at {event.at.isoformat()}) was deleted from the log; "
                    "past events are never removed (add a note instead)",
                )
                continue
            edits = edited_events([_dump(event)], [_dump(new.events[where])])
            if edits:
                fields = edits[0].fields
                yield delta.new.finding(
                    ("events", where),
                    "append-only",
                    f"event {event.id} was edited in place ({', '.join(fields)}); past events never change — "
                    "record a correction as a new note",
                )
            if where < last:
                yield delta.new.finding(
                    ("events", where), "append-only", f"event {event.id} was moved before a later event"
                )
            last = max(last, where)


@review_rule("closed-edited")
def closed_edited(pr: PullRequest) -> Iterator[Finding]:
    """A closed ticket changes only by being reopened."""
    for delta, old, new in pr.tickets():
        if old is None or new is None or delta.new is None or old.status not in old.FINAL_STATUSES:
            continue
        known = {event.id for event in old.events}
        added = [(i, event) for i, event in enumerate(new.events) if event.id not in known]
        if added and added[0][1].type == "reopened":
            continue
        if not added and _same_fields(old, new):
            continue
        place: tuple[Any, ...] = ("events", added[0][0]) if added else ()
        yield delta.new.finding(
            place,
            "closed-edited",
            f"ticket {old.id} was {old.status} at the base; it changes only by a reopen first "
            f"(itsmctl ticket reopen {old.id} --reason …)",
        )


def _same_fields(old: TicketBase, new: TicketBase) -> bool:
    before = old.model_dump(mode="json", exclude={"events"})
    after = new.model_dump(mode="json", exclude={"events"})
    return before == after


@review_rule("id-collision")
def id_collision(pr: PullRequest) -> Iterator[Finding]:
    """A new record's id is not one the base already has (in any kind, in any letter case)."""
    folders = tuple(f"{folder}/" for folder in set(KIND_DIRS.values()))
    taken: dict[str, str] = {}
    for path in pr.base_paths:
        if path.startswith(folders) and path.endswith((".yaml", ".yml")):
            taken[folded(PurePosixPath(path).stem)] = path
    for delta in pr.deltas:
        if delta.change.status != "added" or delta.new is None:
            continue
        stem = folded(PurePosixPath(delta.path).stem)
        if stem in taken and taken[stem] != delta.path:
            yield delta.new.finding(
                ("id",),
                "id-collision",
                f"id {delta.record_id} collides with {taken[stem]} on the base; pick a new id",
            )


@review_rule("escalation-only")
def escalation_only(pr: PullRequest) -> Iterator[Finding]:
    """Escalation events and outbox notices are written by ``itsmctl escalate`` only."""
    for delta, old, new in pr.tickets():
        if new is None or delta.new is None:
            continue
        known = {event.id for event in old.events} if old is not None else set()
        for i, event in enumerate(new.events):
            if event.id not in known and event.type in ESCALATION_ONLY_EVENTS:
                yield delta.new.finding(
                    ("events", i, "type"),
                    "escalation-only",
                    f"event {event.id} is an '{event.type}' event added by hand; only the escalation run "
                    "(itsmctl escalate) records escalations",
                )
    for change in pr.other:
        if change.path.startswith("outbox/") and change.status != "removed":
            shown = pr.head_display(change.path)
            yield Finding(
                shown, 1, 1, "", "escalation-only", "outbox notices are written by the escalation run only, not by hand"
            )


@review_rule("ci-change")
def ci_change(pr: PullRequest) -> Iterator[Finding]:
    """No CI is added, changed or retired unless an approved change ticket names it (ISO/IEC 20000 §8.1)."""
    approved: dict[str, list[str]] = {}
    for change in pr.head.of_kind(Change, "change"):
        if change.status in APPROVED_CHANGE_STATUSES and any(e.type == "approved" for e in change.events):
            for ci in change.cis:
                approved.setdefault(ci, []).append(change.id)
    for delta in pr.deltas:
        if delta.kind != "ci":
            continue
        ci_id = delta.record_id or ""
        if ci_id in approved:
            continue
        verb = {"added": "added", "removed": "removed", "changed": "changed"}[delta.change.status]
        if delta.change.status == "changed" and _retired(delta):
            verb = "retired"
        shown = delta.shown
        assert shown is not None
        yield shown.finding(
            ("id",),
            "ci-change",
            f"CI {ci_id} is {verb} without an approved change naming it; list it in the cis: of an approved "
            "change ticket (ISO/IEC 20000 8.1)",
        )


def _retired(delta: RecordDelta) -> bool:
    new = delta.new.record if delta.new is not None else None
    return isinstance(new, ConfigurationItem) and new.status == "retired"


@review_rule("rulebook")
def rulebook(pr: PullRequest) -> Iterator[Finding]:
    """The rule book on each changed record, as far as the pull request breaks it (what it adds)."""
    ctx = snapshot_context(pr.head)
    for delta in pr.deltas:
        new = delta.new.record if delta.new is not None else None
        if new is None or delta.new is None:
            continue
        old = delta.old.record if delta.old is not None else None
        before = old if old is not None and type(old) is type(new) else None
        for violation in added_violations(before, new, ctx):
            yield delta.new.finding(violation.path, violation.code, violation.message, violation.severity)


def load_findings(pr: PullRequest) -> Iterator[Finding]:
    """What ``validate`` would say of the changed files themselves at the head (schema, YAML)."""
    for delta in pr.deltas:
        if delta.new is not None:
            yield from delta.new.findings
    changed = {pr.head_display(delta.path) for delta in pr.deltas}
    for finding in pr.head.findings:
        if finding.file in changed:
            yield finding
