"""The CMDB's change control: no CI changes without an approved change, and a closed change
has updated the CIs it names (ISO/IEC 20000 §8.1, §9.1.7).

Both rules read another record through ``RuleContext.record_for`` (a CI's log names change
tickets; a change names CIs), so they are ``cross_record``: ``validate`` runs them on every
check (``checks.rulebook.check_cross_rules``), never from the per-file verdict cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from itsmctl.models import Change, ConfigurationItem
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.change import entered


def approved_on(change: Change) -> date | None:
    """The day the change first reached ``approved`` (in its event's own offset), or None."""
    first = entered(change)
    if "approved" not in first:
        return None
    return change.events[first["approved"]].at.date()


def authorisation_gap(change: object, change_id: str, on: date) -> str | None:
    """Why ``change`` (the record ``change_id`` resolves to) does not authorise a CI change on
    ``on``, or None when it does: the one reading the rule and ``ci set`` share."""
    if change is None:
        # record_for gives None for a missing file and for one that does not load alike
        return f"names {change_id}, which is no change ticket in the store (no file, or its file does not load)"
    if not isinstance(change, Change):
        kind = getattr(change, "kind", "record")
        article = "an" if str(kind)[:1] in "aeiou" else "a"
        return f"names {change_id}, which is {article} {kind}, not a change"
    approved = approved_on(change)
    if approved is None:
        return f"names {change_id}, which was never approved (status {change.status})"
    if approved > on:
        return f"is dated {on.isoformat()}, but {change_id} was approved only on {approved.isoformat()}"
    return None


@rule("ci-change", ("ci",), cross_record=True)
def ci_changes_are_authorised(ci: ConfigurationItem, ctx: RuleContext) -> Iterator[Violation]:
    """Every entry of a CI's change log names a change that was approved on or before its date (§8.1)."""
    for i, entry in enumerate(ci.changes):
        gap = authorisation_gap(ctx.record_for(entry.change), entry.change, entry.date)
        if gap is not None:
            yield Violation(("changes", i, "change"), "ci-change", f"the CI change of {entry.date.isoformat()} {gap}")
    for i in range(1, len(ci.changes)):
        if ci.changes[i].date < ci.changes[i - 1].date:
            yield Violation(
                ("changes", i, "date"),
                "ci-change",
                f"the change log is append-only and in date order, but {ci.changes[i].date.isoformat()} "
                f"comes after {ci.changes[i - 1].date.isoformat()}",
            )


@rule("change-cmdb", ("change",), cross_record=True)
def closed_change_updated_cis(change: Change, ctx: RuleContext) -> Iterator[Violation]:
    """A closed change has an entry in the change log of every CI it names (§9.1.7: the CMDB is updated)."""
    if change.status != "closed":
        return
    for i, ci_id in enumerate(change.cis):
        ci = ctx.record_for(ci_id)
        if not isinstance(ci, ConfigurationItem):
            continue  # an unknown CI is the references check's finding
        if not any(entry.change == change.id for entry in ci.changes):
            yield Violation(
                ("cis", i),
                "change-cmdb",
                f"closed, but the change log of {ci_id} has no entry naming {change.id} "
                f"(itsmctl ci set {ci_id} --change {change.id} …)",
            )
