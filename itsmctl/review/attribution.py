"""Who added each event of a pull request, and whether they may have.

The commits of the pull request are walked oldest first; an event belongs to the first
commit whose version of the ticket holds it.  Its ``by`` must then be the person of the
policy whose ``email`` made (committed) that commit: ticket verbs write the acting person as
the commit's author, so the author proves nothing; the committer is whoever ran git.  A
service desk may record for others (a call taken for a caller), but nobody approves or
confirms in someone else's name.  With
``require_signed``, a commit that adds an approval, a confirmation or a CI change must carry a
good signature, as ``git verify-commit`` judges it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from itsmctl.findings import Finding
from itsmctl.models import TicketBase
from itsmctl.models.policy import Person, Policy
from itsmctl.review.pull import PullRequest
from itsmctl.store.loader import load_record
from itsmctl.vcs import CommitInfo, read_paths, verify_commit
from itsmctl.yamlio import MAX_FILE_BYTES

RECORDS_FOR_OTHERS = "service_desk"
"""The role that may record an event in another person's name (a caller's report)."""
OWN_NAME_ONLY = ("approved", "confirmed", "reviewed", "assessed")
"""Events nobody records for someone else: approvals, confirmations, reviews."""
SIGNED_EVENTS = ("approved", "confirmed")


@dataclass(frozen=True)
class AddedEvent:
    """One event the pull request added, with the commit that added it."""

    path: str
    ticket: str
    index: int
    """Its position in the head's log."""
    event_id: str
    type: str
    by: str
    commit: CommitInfo


def added_events(root: Path, pr: PullRequest) -> list[AddedEvent]:
    """Every event the head has and the base had not, attributed to the commit that added it."""
    tickets = {delta.path: (old, new) for delta, old, new in pr.tickets() if new is not None}
    seen: dict[str, set[str]] = {
        path: {e.id for e in old.events} if old else set() for path, (old, _) in tickets.items()
    }
    first: dict[tuple[str, str], CommitInfo] = {}
    for commit in pr.range.commits:
        paths = [path for path in commit.paths if path in tickets]
        if not paths:
            continue
        for path, entry in read_paths(root, commit.sha, paths, max_bytes=MAX_FILE_BYTES).items():
            version = load_record(path, path, entry.data).record if entry.kind == "file" else None
            if not isinstance(version, TicketBase):
                continue
            for event in version.events:
                if event.id not in seen[path]:
                    seen[path].add(event.id)
                    first.setdefault((path, event.id), commit)
    out: list[AddedEvent] = []
    for path, (old, new) in sorted(tickets.items()):
        assert new is not None
        known = {e.id for e in old.events} if old else set()
        for i, event in enumerate(new.events):
            adder = first.get((path, event.id))
            if event.id not in known and adder is not None:
                out.append(AddedEvent(path, new.id, i, event.id, event.type, event.by, adder))
    return out


def _person_by_email(policy: Policy | None) -> dict[str, Person]:
    if policy is None:
        return {}
    return {p.email.casefold(): p for p in policy.people if p.email}


def check_attribution(root: Path, pr: PullRequest, events: list[AddedEvent]) -> Iterator[Finding]:
    """Each added event's ``by`` is its committer (rule ``attribution``)."""
    people = _person_by_email(pr.base.policy or pr.head.policy)
    files = {delta.path: delta.new for delta in pr.deltas if delta.new is not None}
    for added in events:
        loaded = files[added.path]
        committer = people.get(added.commit.committer_email.casefold())
        short = added.commit.sha[:10]
        who = f"{added.commit.committer} <{added.commit.committer_email}>"
        if committer is None:
            yield loaded.finding(
                ("events", added.index, "by"),
                "attribution",
                f"event {added.event_id} was added by commit {short} of {who}, whom no person of the "
                "policy has as email; the committer must be a person of the base's policy",
            )
            continue
        if committer.id == added.by:
            continue
        if RECORDS_FOR_OTHERS in committer.roles and added.type not in OWN_NAME_ONLY:
            continue
        yield loaded.finding(
            ("events", added.index, "by"),
            "attribution",
            f"event {added.event_id} ({added.type}) says by: {added.by}, but commit {short} was made by "
            f"{committer.id} ({who}); "
            + (
                "nobody approves, confirms or reviews in someone else's name"
                if added.type in OWN_NAME_ONLY
                else f"only a {RECORDS_FOR_OTHERS} may record for someone else"
            ),
        )


def check_signatures(root: Path, pr: PullRequest, events: list[AddedEvent]) -> Iterator[Finding]:
    """Commits adding approvals, confirmations or CI changes carry a good signature (``--require-signed``)."""
    needing: dict[str, tuple[CommitInfo, str, str]] = {}
    for added in events:
        if added.type in SIGNED_EVENTS:
            needing.setdefault(
                added.commit.sha, (added.commit, added.path, f"adds {added.type} event {added.event_id}")
            )
    cis = {delta.path for delta in pr.deltas if delta.kind == "ci"}
    for commit in pr.range.commits:
        touched = sorted(cis.intersection(commit.paths))
        if touched:
            needing.setdefault(commit.sha, (commit, touched[0], f"changes CI file {touched[0]}"))
    for sha, (commit, path, what) in needing.items():
        reason = verify_commit(root, sha)
        if reason is not None:
            yield Finding(
                pr.head_display(path),
                1,
                1,
                "",
                "signature",
                f"commit {sha[:10]} of {commit.committer} <{commit.committer_email}> {what} but has no good signature "
                f"({reason}); sign it (git commit -S) with a key in the allowed signers",
            )
