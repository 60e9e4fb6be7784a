"""How an escalation run is reported on stdout: plain text for cron mail, or JSON.

Diagnostics (failed sends, refused outbox files) go to stderr from the CLI; these
reporters only describe the run.  ``ESCALATION_REPORTERS`` feeds both ``--format``'s
choices and the dispatch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itsmctl.escalation.run import EscalationRun
from itsmctl.escape import json_text, terminal
from itsmctl.reporters.findings import annotation
from itsmctl.reporters.findings import github as findings_github

EscalationReporter = Callable[[EscalationRun], str]


def _pct(value: float | None) -> str:
    return f"{value:.0f}%" if value is not None else "-"


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(map(str, years))


def text(run: EscalationRun) -> str:
    """One line per rung, per delivery and per waiting notice, then a summary line."""
    head = f"escalate at {run.at.isoformat()}"
    lines = [head + ("（演练，未写入也未发送 / dry run: nothing written or sent）" if run.dry_run else "")]
    for e in run.escalations:
        row = e.rung.row
        line = f"  {e.ticket.id}  L{e.level} {e.rung.step.name}  {e.target} {row.state} {_pct(row.percent)}"
        if row.deadline:
            line += f"  deadline {row.deadline.isoformat()}"
        if row.estimated_years:
            line += f"  ≈ 估算 estimated ({_years(row.estimated_years)} holidays not official)"
        if e.raises_priority:
            line += f"  priority {e.priority_before} -> {e.priority_after}"
        if e.recipients:
            line += "  notify " + ", ".join(f"{r.name}({r.id})" for r in e.recipients)
        lines.append(line)
    for o in run.outcomes:
        lines.append(f"  {o.state:<9} {o.notice} via {o.channel}" + (f": {o.error}" if o.error else ""))
    lines += [f"  waiting   {key}" for key in run.waiting]
    lines += [f"  refused   {f.file}" for f in sorted({f.file: f for f in run.refused}.values())]
    tickets = len({e.ticket.id for e in run.escalations})
    sent = sum(o.state == "delivered" for o in run.outcomes)
    summary = f"{len(run.escalations)} rung(s) on {tickets} ticket(s); {sent} delivered, {len(run.failed)} failed"
    if run.refused:
        summary += f", {len({f.file for f in run.refused})} refused"
    if run.commits:
        summary += "; commits " + " ".join(sha[:10] for sha in run.commits)
    lines.append(summary)
    return "".join(terminal(line) + "\n" for line in lines)


def as_json(run: EscalationRun) -> str:
    """The whole run as one JSON object (``event`` is the id of the ``escalated`` event written)."""
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
                "estimated": bool(e.rung.row.estimated_years),
                "estimated_years": list(e.rung.row.estimated_years),
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
        "refused": [f.as_dict() for f in run.refused],
        "errors": run.errors,
        "commits": run.commits,
    }
    return json_text(data, indent=2) + "\n"


def github(run: EscalationRun) -> str:
    """Workflow annotations: a notice per rung recorded, an error per failure or refused file."""
    out = [
        annotation(
            "notice",
            f"{e.ticket.id} L{e.level} {e.rung.step.name}: {e.target} {e.rung.row.state}"
            + (
                f" (estimated: {_years(e.rung.row.estimated_years)} holidays not official)"
                if e.rung.row.estimated_years
                else ""
            ),
            title="itsmctl escalate",
        )
        for e in run.escalations
    ]
    out += [
        annotation("error", f"{o.notice} not delivered via {o.channel}: {o.error}", title="itsmctl escalate")
        for o in run.failed
    ]
    out += [annotation("error", problem, title="itsmctl escalate") for problem in run.errors]
    out += [annotation("warning", warning, title="itsmctl escalate") for warning in run.warnings]
    return "".join(out) + findings_github(run.refused)


ESCALATION_REPORTERS: dict[str, EscalationReporter] = {"text": text, "json": as_json, "github": github}
