"""A pull request reviewed as the change board would: what it changes, and what it may not do.

``review_pull_request(root, base, head)`` reads the two revisions through git (no work
tree), and returns a ``Review``: the records added, changed and removed, the events each
ticket gained with the commit that added them, and the findings of the rules between the
revisions (``review.between``), of the rule book on the changed records, and of who made
each commit (``review.attribution``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itsmctl.findings import Finding
from itsmctl.review.attribution import AddedEvent, added_events, check_attribution, check_signatures
from itsmctl.review.between import REVIEW_RULES, load_findings
from itsmctl.review.pull import read_pull_request

__all__ = ["Review", "review_pull_request"]


@dataclass(frozen=True)
class RecordChange:
    status: str
    kind: str | None
    id: str | None
    path: str


@dataclass
class Review:
    base: str
    head: str
    commits: int
    records: list[RecordChange]
    events: list[AddedEvent]
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "commits": self.commits,
            "records": [vars(r) for r in self.records],
            "events": [
                {
                    "ticket": e.ticket,
                    "path": e.path,
                    "id": e.event_id,
                    "type": e.type,
                    "by": e.by,
                    "commit": e.commit.sha,
                    "author": e.commit.author,
                    "committer": e.commit.committer,
                    "committer_email": e.commit.committer_email,
                }
                for e in self.events
            ],
            "findings": [f.as_dict() for f in self.findings],
        }


def review_pull_request(
    root: Path, base: str, head: str, *, require_signed: bool = False, display_root: str | None = None
) -> Review:
    pr = read_pull_request(root, base, head, display_root=display_root)
    events = added_events(root, pr)
    findings: list[Finding] = list(load_findings(pr))
    for check in REVIEW_RULES.values():
        findings.extend(check(pr))
    findings.extend(check_attribution(root, pr, events))
    if require_signed:
        findings.extend(check_signatures(root, pr, events))
    records = [
        RecordChange(delta.change.status, delta.kind, delta.record_id, pr.head_display(delta.path))
        for delta in pr.deltas
    ]
    records += [RecordChange(c.status, None, None, pr.head_display(c.path)) for c in pr.other]
    return Review(pr.range.base, pr.range.head, len(pr.range.commits), records, events, sorted(set(findings)))
