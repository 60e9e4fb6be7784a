"""``itsmctl escalate``: the cron entry point (``*/5 * * * * cd /srv/itsm && itsmctl escalate``)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption
from itsmctl.cli.output import emit, note, note_left_out
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.escalation import EscalationRun, run_escalation
from itsmctl.escalation.lock import exclusive_run
from itsmctl.findings import Finding
from itsmctl.models.policy import Policy
from itsmctl.notify import build_channels
from itsmctl.reporters.escalation import ESCALATION_REPORTERS
from itsmctl.reporters.findings import text as findings_text
from itsmctl.sla import evaluate_store, evaluate_ticket
from itsmctl.store.snapshot import open_store
from itsmctl.vcs import Identity, commit_paths

ESCALATION_ACTOR = "itsmctl"
"""Default ``by`` of escalation events: a person the policy lists for the cron job."""


class _GitCommitter:
    """Adapts ``vcs.commit_paths`` to the run's port, authored by the escalation actor."""

    def __init__(self, policy: Policy, by: str) -> None:
        person = next(p for p in policy.people if p.id == by)
        self.author = Identity(person.name, person.email or f"{by}@itsmctl.invalid")
        self.outside_git = False

    def __call__(self, root: Path, paths: Sequence[Path], message: str) -> str | None:
        result = commit_paths(root, paths, message, author=self.author)
        self.outside_git = self.outside_git or result.state == "no-repo"
        return result.sha if result.state == "committed" else None


def _run(
    records: Path, now: datetime, *, by: str, dry_run: bool, no_commit: bool
) -> tuple[EscalationRun, _GitCommitter | None, list[Finding]]:
    """Read the store (under the lock, so a run that just finished is seen) and run."""
    _, snapshot = open_store(records)
    policy = snapshot.policy
    if policy is None:
        raise UsageError(f"{records}/policy.yaml is missing or invalid: run itsmctl validate")
    if not dry_run and by not in {p.id for p in policy.people}:
        raise UsageError(
            f"escalation events are recorded as by {by!r}, who is not in the policy's people: "
            f"add a person with id {by} (e.g. name: 自动升级, roles: [service_desk]) or pass --by"
        )
    commit = None if (dry_run or no_commit or not policy.commit) else _GitCommitter(policy, by)
    run = run_escalation(
        records,
        snapshot,
        evaluate_store(snapshot, now, open_only=True),
        now,
        by=by,
        channels=build_channels(policy.notifications),
        commit=commit,
        dry_run=dry_run,
        reevaluate=lambda ticket: evaluate_ticket(ticket, snapshot, now),
    )
    return run, commit, snapshot.left_out()


def escalate(
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what is due; write, commit, send nothing.")] = False,
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Write the events but do not commit them.")] = False,
    by: Annotated[
        str, typer.Option("--by", envvar="ITSMCTL_USER", help="Person recorded as 'by' of escalation events.")
    ] = ESCALATION_ACTOR,
    format: Annotated[str, typer.Option("--format", help=" or ".join(ESCALATION_REPORTERS) + ".")] = "text",
) -> int:
    """Run the SLA escalation ladders: record due rungs, commit, send notices. Exit 1 if a send failed."""
    reporter = ESCALATION_REPORTERS.get(format)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(ESCALATION_REPORTERS)}")
    now = parse_at(at)
    if not records.is_dir():
        open_store(records)  # raises the store's own message for a missing or wrong folder
    with nullcontext() if dry_run else exclusive_run(records):
        run, commit, left_out = _run(records, now, by=by, dry_run=dry_run, no_commit=no_commit)
    emit(reporter(run))
    if commit is not None and commit.outside_git:
        run.warnings.append(f"{records} is not inside a git repository: the changes were written, not committed")
    for warning in run.warnings:
        note(f"itsmctl: warning: {warning}")
    for problem in run.errors:
        note(f"itsmctl: {problem}")
    if run.refused:
        note(
            "itsmctl: 发件箱通知与记录不符，已拒绝、未发送 / outbox notices refused, not sent "
            "(they do not match the records; itsmctl validate shows the same):"
        )
        note(findings_text(run.refused).rstrip("\n"))
    for o in run.failed:
        note(f"itsmctl: notice {o.notice} not delivered via {o.channel} (retried next run): {o.error}")
    note_left_out(left_out)  # a ticket that does not load cannot be escalated: say so, exit 1
    return 0 if run.ok and not left_out else 1
