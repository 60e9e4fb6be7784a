"""``itsmctl escalate``: the cron entry point (``*/5 * * * * cd /srv/itsm && itsmctl escalate``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.escalation import EscalationRun, run_escalation
from itsmctl.escalation.lock import exclusive_run
from itsmctl.models.policy import Policy
from itsmctl.notify import build_channels
from itsmctl.sla import evaluate_store, evaluate_ticket
from itsmctl.store.snapshot import open_store
from itsmctl.vcs import Identity, commit_paths

ESCALATION_ACTOR = "itsmctl"
"""Default ``by`` of escalation events: a person the policy lists for the cron job."""


def _pct(value: float | None) -> str:
    return f"{value:.0f}%" if value is not None else "-"


def _text(run: EscalationRun) -> str:
    head = f"escalate at {run.at.isoformat()}"
    lines = [head + ("（演练，未写入也未发送 / dry run: nothing written or sent）" if run.dry_run else "")]
    for e in run.escalations:
        row = e.rung.row
        line = f"  {e.ticket.id}  L{e.level} {e.rung.step.name}  {e.target} {row.state} {_pct(row.percent)}"
        if row.deadline:
            line += f"  deadline {row.deadline.isoformat()}"
        if e.raises_priority:
            line += f"  priority {e.priority_before} -> {e.priority_after}"
        if e.recipients:
            line += "  notify " + ", ".join(f"{r.name}({r.id})" for r in e.recipients)
        lines.append(line)
    for o in run.outcomes:
        lines.append(f"  {o.state:<9} {o.notice} via {o.channel}" + (f": {o.error}" if o.error else ""))
    lines += [f"  waiting   {key}" for key in run.waiting]
    tickets = len({e.ticket.id for e in run.escalations})
    sent = sum(o.state == "delivered" for o in run.outcomes)
    summary = f"{len(run.escalations)} rung(s) on {tickets} ticket(s); {sent} delivered, {len(run.failed)} failed"
    if run.commits:
        summary += "; commits " + " ".join(sha[:10] for sha in run.commits)
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _json(run: EscalationRun) -> str:
    data: dict[str, Any] = {
        "at": run.at.isoformat(),
        "dry_run": run.dry_run,
        "escalations": [
            {
                "ticket": e.ticket.id,
                "level": e.level,
                "name": e.rung.step.name,
                "target": e.target,
                "state": e.rung.row.state,
                "percent": e.rung.row.percent,
                "deadline": e.rung.row.deadline.isoformat() if e.rung.row.deadline else None,
                "actions": list(e.actions),
                "priority_before": e.priority_before,
                "priority_after": e.priority_after,
                "notified": [r.id for r in e.recipients],
                "event": run.event_ids.get((e.ticket.id, e.level, e.target)),
            }
            for e in run.escalations
        ],
        "deliveries": [
            {"notice": o.notice, "channel": o.channel, "state": o.state, "error": o.error} for o in run.outcomes
        ],
        "waiting": run.waiting,
        "errors": [*run.errors, *run.broken],
        "commits": run.commits,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ESCALATE_REPORTERS = {"text": _text, "json": _json}


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
) -> tuple[EscalationRun, _GitCommitter | None]:
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
    return run, commit


def escalate(
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what is due; write, commit, send nothing.")] = False,
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Write the events but do not commit them.")] = False,
    by: Annotated[
        str, typer.Option("--by", envvar="ITSMCTL_USER", help="Person recorded as 'by' of escalation events.")
    ] = ESCALATION_ACTOR,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> int:
    """Run the SLA escalation ladders: record due rungs, commit, send notices. Exit 1 if a send failed."""
    reporter = ESCALATE_REPORTERS.get(format)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(ESCALATE_REPORTERS)}")
    now = parse_at(at)
    if not records.is_dir():
        open_store(records)  # raises the store's own message for a missing or wrong folder
    with nullcontext() if dry_run else exclusive_run(records):
        run, commit = _run(records, now, by=by, dry_run=dry_run, no_commit=no_commit)
    emit(reporter(run))
    if commit is not None and commit.outside_git:
        run.warnings.append(f"{records} is not inside a git repository: the changes were written, not committed")
    for warning in run.warnings:
        note(f"itsmctl: warning: {warning}")
    for problem in [*run.errors, *run.broken]:
        note(f"itsmctl: {problem}")
    for o in run.failed:
        note(f"itsmctl: notice {o.notice} not delivered via {o.channel} (retried next run): {o.error}")
    return 0 if run.ok else 1
