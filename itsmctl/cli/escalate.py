"""``itsmctl escalate``: the cron entry point (``*/5 * * * * cd /srv/itsm && itsmctl escalate``)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import (
    DEFAULT_RECORDS,
    AtOption,
    CommitOption,
    EscalationFormatOption,
    JobByOption,
    RecordsOption,
)
from itsmctl.cli.output import emit, finish, note, report_commit
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.commits import Committed, author_of, commit_files, store_write
from itsmctl.errors import UsageError
from itsmctl.escalation import EscalationRun, run_escalation
from itsmctl.escalation.lock import exclusive_run
from itsmctl.escalation.run import tickets_a_run_touches
from itsmctl.escape import terminal
from itsmctl.exits import CommandResult
from itsmctl.models.policy import Policy
from itsmctl.notify import build_channels
from itsmctl.priority.lookup import AUTOMATION_ACCOUNT
from itsmctl.reporters.escalation import ESCALATION_REPORTERS
from itsmctl.reporters.findings import text as findings_text
from itsmctl.sla import evaluate_store, evaluate_ticket
from itsmctl.store.store import Store

ESCALATION_ACTOR = AUTOMATION_ACCOUNT
"""Default ``by`` of escalation events when the policy names no ``automation_accounts``."""


class _GitCommitter:
    """The run's commit port over ``commits.commit_files``, authored by the escalation actor."""

    def __init__(self, policy: Policy, by: str, commit: bool) -> None:
        self.author = author_of(policy, by, fallback_email=True)
        self.commit = commit
        self.results: list[Committed] = []

    def __call__(self, root: Path, paths: Sequence[Path], message: str) -> str | None:
        result = commit_files(root, paths, message, author=self.author, commit=self.commit)
        self.results.append(result)
        return result.sha if result.state == "committed" else None


def _run(
    store: Store, now: datetime, *, by: str | None, dry_run: bool, commit: bool | None
) -> tuple[EscalationRun, _GitCommitter | None]:
    """Read the store (under the lock, so a run that just finished is seen) and run.

    Only what a run can touch is loaded: the tickets open at ``now`` and those the outbox's
    pending notices name (the cache's facts say which tickets are closed)."""
    snapshot = store.partial(tickets_a_run_touches(store.root, now))
    policy = store.require_policy()
    by = by or next(iter(policy.automation_accounts), ESCALATION_ACTOR)
    if not dry_run and by not in policy.automation_accounts:
        note(
            f"itsmctl: warning: {terminal(by)} is not in the policy's automation_accounts: what the run "
            "writes as them would read as a person's words (a breach's reason); add them there"
        )
    if not dry_run and by not in {p.id for p in policy.people}:
        raise UsageError(
            f"escalation events are recorded as by {by!r}, who is not in the policy's people: "
            f"add a person with id {by} (e.g. name: 自动升级, roles: [service_desk]) or pass --by"
        )
    committer = None if dry_run else _GitCommitter(policy, by, policy.commit if commit is None else commit)
    run = run_escalation(
        store.root,
        snapshot,
        evaluate_store(snapshot, now, open_only=True),
        now,
        by=by,
        channels=build_channels(policy.notifications),
        commit=committer,
        dry_run=dry_run,
        reevaluate=lambda ticket: evaluate_ticket(ticket, snapshot, now),
        hold=lambda: store_write(store.root),
    )
    return run, committer


def escalate(
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="演练 Show what is due; write, commit, send nothing.")
    ] = False,
    commit: CommitOption = None,
    by: JobByOption = None,
    format: EscalationFormatOption = "text",
) -> int:
    """升级 Run the SLA escalation ladders: record due rungs, commit, send notices.

    Exit 1 if a notice was not sent, a ticket could not be written or a file does not load.
    """
    now = parse_at(at)
    store = open_records(records)
    with nullcontext() if dry_run else exclusive_run(store.root):
        run, committer = _run(store, now, by=by, dry_run=dry_run, commit=commit)
    emit(ESCALATION_REPORTERS[format](run))
    for committed in committer.results if committer is not None else []:
        report_commit(committed)
    for warning in run.warnings:
        note(f"itsmctl: warning: {terminal(warning)}")
    for problem in run.errors:
        note(f"itsmctl: {terminal(problem)}")
    if run.refused:
        note(
            "itsmctl: 发件箱通知与记录不符，已拒绝、未发送 / outbox notices refused, not sent "
            "(they do not match the records; itsmctl validate shows the same):"
        )
        note(findings_text(run.refused).rstrip("\n"))
    for o in run.failed:
        why = terminal(o.error)
        note(f"itsmctl: notice {terminal(o.notice)} not delivered via {o.channel} (retried next run): {why}")
    # a ticket that does not load cannot be escalated: finish names it, exit 1
    return finish(CommandResult(left_out=store.left_out(), failed=not run.ok))
