"""One run of the escalation cron job: record, commit, then send.

The order is what makes it safe:

1. plan the rungs due now (pure);
2. write each notice to the outbox (state ``pending``) and then append the
   ``escalated`` events (and ``priority`` events) to the tickets;
3. commit those files in one commit;
4. send every open notice (new ones and those left ``pending``/``failed`` by earlier
   runs) and record each channel's outcome in its notice file;
5. commit the outcomes, if any changed.

A crash at any point leaves a state the next run finishes: a rung whose event was
written is never planned again; a notice not yet marked ``delivered`` is sent again.
Writing and committing go through ports (``TicketWriter``, ``Committer``) so this
module never touches YAML editing or git itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from itsmctl.errors import ItsmError
from itsmctl.escalation.ladder import ClockRow
from itsmctl.escalation.plan import NOTIFY_ACTIONS, Escalation, Reevaluate, plan_escalations
from itsmctl.escape import commit_line, trailer
from itsmctl.findings import Finding
from itsmctl.fs import locked
from itsmctl.ids import new_event_id
from itsmctl.models import ServiceLevelAgreement, TicketBase
from itsmctl.notify.channels import Channel
from itsmctl.notify.delivery import DeliveryOutcome, deliver
from itsmctl.notify.message import STATE_SHORT, compose, target_label
from itsmctl.notify.notice import Delivery, Notice
from itsmctl.notify.outbox import OutboxEntry, notice_path, open_entries, outbox_folder, write_notice
from itsmctl.notify.verify import VerifiedNotice, problem_findings, verify_entry
from itsmctl.store.facts import RecordFacts, open_tickets
from itsmctl.store.snapshot import Snapshot
from itsmctl.tickets.edit import policy_zone, read_ticket, ticket_path, write_events_held

Committer = Callable[[Path, Sequence[Path], str], str | None]
"""(root, paths, message) -> the new commit's id, or None when nothing changed."""


@dataclass
class EscalationRun:
    """What a run did (or, dry, would do): the report the CLI prints."""

    at: datetime
    dry_run: bool
    by: str = "itsmctl"
    escalations: list[Escalation] = field(default_factory=list)
    event_ids: dict[tuple[str, int, str], str] = field(default_factory=dict)
    """(ticket, level, target) -> id of the ``escalated`` event written."""
    outcomes: list[DeliveryOutcome] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    """Dry run: notices that still have channels to send."""
    refused: list[Finding] = field(default_factory=list)
    """Outbox files that cannot be read or do not match the records (forged, stale):
    reported, never sent, never deleted."""
    errors: list[str] = field(default_factory=list)
    """Tickets that could not be written (reported; the next run tries again)."""
    commits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[DeliveryOutcome]:
        return [o for o in self.outcomes if o.state == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors and not self.refused


def _notice(esc: Escalation, event_id: str, channels: Iterable[str], now: datetime) -> Notice:
    row = esc.rung.row
    subject, message = compose(
        ticket=esc.ticket.id,
        title=esc.ticket.title,
        level=esc.level,
        name=esc.rung.step.name,
        target=esc.target,
        state=row.state,
        deadline=row.deadline,
        percent=row.percent,
        priority_before=esc.priority_before,
        priority_after=esc.priority_after,
        recipients=esc.recipients,
        estimated_years=row.estimated_years,
    )
    return Notice(
        ticket=esc.ticket.id,
        title=esc.ticket.title,
        event=event_id,
        level=esc.level,
        name=esc.rung.step.name,
        target=esc.target,
        state=row.state,
        deadline=row.deadline.isoformat() if row.deadline else None,
        percent=round(row.percent, 1) if row.percent is not None else None,
        priority=esc.priority_after,
        created_at=now.isoformat(),
        recipients=list(esc.recipients),
        message=message,
        subject=subject,
        actions=list(esc.actions),
        deliveries={cid: Delivery() for cid in channels},
    )


def _events(esc: Escalation, event_id: str, by: str, now: datetime) -> list[dict[str, Any]]:
    """The ``escalated`` event, then the ``priority`` event its raise causes (same write)."""
    row = esc.rung.row
    zh, en = target_label(esc.target)
    shown = f"{row.percent:.0f}%" if row.percent is not None else "-"
    events: list[dict[str, Any]] = [
        {
            "id": event_id,
            "at": now,
            "by": by,
            "type": "escalated",
            "level": esc.level,
            "target": esc.target,
            "actions": list(esc.actions),
            "notified": [r.id for r in esc.recipients],
            "note": f"{esc.rung.step.name}：{zh}时限{STATE_SHORT.get(row.state, row.state)} {shown} / {en} {row.state}",
        }
    ]
    if esc.raises_priority:
        events.append(
            {
                "at": now,
                "by": by,
                "type": "priority",
                "to": esc.priority_after,
                "reason": f"升级 L{esc.level} {esc.rung.step.name}（{zh}）/ escalation level {esc.level} ({en})",
                # the handling priority only: the SLA clocks keep the assessed one (sla-rules §5.14)
                "escalation": event_id,
            }
        )
    return events


def _updates(esc_list: list[Escalation], by: str, now: datetime) -> dict[str, Any]:
    """Field updates for a ticket's escalations: the priority after the last raise."""
    last = esc_list[-1]
    if last.priority_after == esc_list[0].ticket.priority:
        return {}
    # A person's priority_override stays as it is: it is the assessed priority the SLA clocks
    # measure; the raise is the handling priority, in the field and its priority event (§5.14).
    return {"priority": last.priority_after}


def _trailers(run: EscalationRun, action: str, tickets: Iterable[str]) -> list[str]:
    """Trailers a script can parse, as ``itsmctl.vcs.commit_message`` writes them."""
    lines = ["", trailer("Itsm-Action", action), trailer("Itsm-Actor", run.by), trailer("Itsm-At", run.at.isoformat())]
    return lines + [trailer("Itsm-Ticket", t) for t in sorted(set(tickets))]


def commit_message(run: EscalationRun) -> str:
    """One commit per run: a summary line, one line per ticket and rung, then trailers."""
    tickets = sorted({e.ticket.id for e in run.escalations})
    head = f"escalate: {len(run.escalations)} rung(s) on {len(tickets)} ticket(s) at {run.at.isoformat()}"
    if not run.escalations:
        head = "escalate: record what an interrupted run wrote"
    lines = []
    for e in run.escalations:
        pct = f"{e.rung.row.percent:.0f}%" if e.rung.row.percent is not None else "-"
        line = f"{e.ticket.id} L{e.level} {e.rung.step.name} {e.target} {e.rung.row.state} {pct}"
        if e.raises_priority:
            line += f" priority {e.priority_before}->{e.priority_after}"
        lines.append(commit_line(line))
    lines += _trailers(run, "escalate", tickets)
    return head + "\n\n" + "\n".join(lines) + "\n"


def delivery_message(run: EscalationRun) -> str:
    """The commit of the delivery outcomes: counts by state, one line per channel."""
    counts: dict[str, int] = {}
    for o in run.outcomes:
        counts[o.state] = counts.get(o.state, 0) + 1
    head = "notify: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    body = [
        commit_line(f"{o.notice} {o.channel} {o.state}" + (f": {o.error}" if o.error else "")) for o in run.outcomes
    ]
    body += _trailers(run, "notify", (o.notice.split(".", 1)[0] for o in run.outcomes))
    return head + "\n\n" + "\n".join(body) + "\n"


def run_escalation(
    root: Path,
    snapshot: Snapshot,
    rows: Iterable[ClockRow],
    now: datetime,
    *,
    by: str,
    channels: Mapping[str, Channel],
    commit: Committer | None,
    dry_run: bool = False,
    reevaluate: Reevaluate | None = None,
    hold: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> EscalationRun:
    """Record the rungs due at ``now``, commit, then send every open notice that checks out.

    The snapshot's plan only says which tickets to look at: each one is planned again
    from its file as read under the ticket's lock, so a ``ticket`` command that changed
    it since the snapshot is built on, never overwritten.  ``hold`` is the store's write
    lock (``commits.store_write``), held from the first ticket read to the run's commit, so
    no other command's change lands in the run's commit or the run's in another's.
    """
    outbox_folder(root)  # a linked outbox is refused before anything is read or written (StoreError)
    run = EscalationRun(at=now, dry_run=dry_run, by=by)
    rows = list(rows)
    run.escalations = plan_escalations(
        snapshot.tickets, snapshot.slas, snapshot.policy, rows, now=now, reevaluate=reevaluate
    )
    if dry_run:
        for entry, verified in _checked_outbox(root, snapshot):
            if verified.sendable is not None:
                run.waiting.append(verified.sendable.key)
            else:
                run.refused.extend(_findings(root, entry, verified))
        return run
    if not channels and any(NOTIFY_ACTIONS & set(e.actions) for e in run.escalations):
        run.warnings.append("the policy has no notifications channel: notices are recorded in the tickets only")
    with hold():
        written = _record(root, run, snapshot, rows, channels, now, reevaluate)
        checked = _checked_outbox(root, snapshot)
        carried = _carried(root, checked)
        if commit is not None and (written or carried):
            # Unchanged files make no commit; an interrupted run's files are committed here.
            sha = commit(root, sorted(set(written) | set(carried)), commit_message(run))
            if sha:
                run.commits.append(sha)
    changed = _send(root, run, checked, channels, now)
    if commit is not None and changed:
        sha = commit(root, changed, delivery_message(run))
        if sha:
            run.commits.append(sha)
    return run


def _replan(
    fresh: TicketBase,
    snapshot: Snapshot,
    rows: Sequence[ClockRow],
    now: datetime,
    reevaluate: Reevaluate | None,
) -> list[Escalation]:
    """The plan for one ticket as read under its lock (its clocks evaluated again)."""
    current = list(reevaluate(fresh)) if reevaluate is not None else [r for r in rows if r.ticket_id == fresh.id]
    return plan_escalations([fresh], snapshot.slas, snapshot.policy, current, now=now, reevaluate=reevaluate)


def _record(
    root: Path,
    run: EscalationRun,
    snapshot: Snapshot,
    rows: Sequence[ClockRow],
    channels: Mapping[str, Channel],
    now: datetime,
    reevaluate: Reevaluate | None,
) -> list[Path]:
    """Per ticket, under its lock: re-read it, plan it, write the outbox, then its events.

    A crash between the two re-plans the rung next run (and rewrites the same notice);
    a ticket that cannot be written (edited by hand into an invalid state) is reported
    and its new notices are taken back, so nothing is announced that is not recorded.
    """
    written: list[Path] = []
    zone = policy_zone(snapshot.policy) if snapshot.policy is not None else None
    people = frozenset(p.id for p in snapshot.policy.people) if snapshot.policy is not None else frozenset()
    candidates = sorted({e.ticket.id for e in run.escalations})
    run.escalations = []
    for ticket_id in candidates:
        notices: list[Path] = []
        try:
            with locked(root / ticket_path(ticket_id)):
                _, _, fresh = read_ticket(root, ticket_id, default_tz=zone)
                escs = _replan(fresh, snapshot, rows, now, reevaluate)
                if not escs:
                    continue
                events = _write_notices(root, run, escs, channels, now, people, notices)
                result = write_events_held(
                    root, ticket_id, events, _updates(escs, run.by, now), now=now, policy=snapshot.policy
                )
        except ItsmError as exc:
            for path in notices:
                path.unlink(missing_ok=True)
            run.errors.append(f"{ticket_id}: not escalated: {exc.message}")
            continue
        run.escalations.extend(escs)
        written.append(result.path)
        written.extend(notices)
    return written


def _write_notices(
    root: Path,
    run: EscalationRun,
    escs: list[Escalation],
    channels: Mapping[str, Channel],
    now: datetime,
    people: frozenset[str],
    notices: list[Path],
) -> list[dict[str, Any]]:
    """Write the ticket's notices (``pending``), each added to ``notices`` once written (so a
    failure part way takes back those already written), and return the ticket's events."""
    ticket = escs[0].ticket
    taken = {e.id for e in ticket.events}
    events: list[dict[str, Any]] = []
    for esc in escs:
        event_id = new_event_id(taken)
        taken.add(event_id)
        run.event_ids[(ticket.id, esc.level, esc.target)] = event_id
        # Only policy people go in a notice (it is checked again before sending); an id
        # the policy does not know stays in the event's ``notified``, for the record.
        recipients = tuple(r for r in esc.recipients if r.id in people)
        if channels and recipients:
            notice = _notice(dataclasses.replace(esc, recipients=recipients), event_id, channels, now)
            path = notice_path(root, notice)
            write_notice(root, path, notice)
            notices.append(path)
        events.extend(_events(esc, event_id, run.by, now))
    return events


def tickets_a_run_touches(root: Path, now: datetime) -> Callable[[Any], Callable[[RecordFacts], bool]]:
    """For ``Store.partial``: the tickets a run can escalate or notify about, the ones open at
    ``now`` and those the outbox's pending notices name."""
    noticed = {e.notice.ticket for e in open_entries(root) if e.notice is not None}
    return open_tickets(now, noticed)


def _checked_outbox(root: Path, snapshot: Snapshot) -> list[tuple[OutboxEntry, VerifiedNotice]]:
    """Every open outbox file, checked against its ticket as it is on disk now."""
    zone = policy_zone(snapshot.policy) if snapshot.policy is not None else None

    def ticket_of(ticket_id: str) -> TicketBase | None:
        try:
            return read_ticket(root, ticket_id, default_tz=zone)[2]
        except ItsmError:
            return None

    def sla_of(sla_id: str) -> ServiceLevelAgreement | None:
        found = snapshot.get(sla_id)
        return found if isinstance(found, ServiceLevelAgreement) else None

    return [(e, verify_entry(root, e, ticket_of, snapshot.policy, sla_of)) for e in open_entries(root)]


def _findings(root: Path, entry: OutboxEntry, verified: VerifiedNotice) -> list[Finding]:
    try:
        shown = entry.path.relative_to(root).as_posix()
    except ValueError:
        shown = str(entry.path)
    return problem_findings(f"{root}/{shown}", verified.problems)


def _carried(root: Path, checked: list[tuple[OutboxEntry, VerifiedNotice]]) -> list[Path]:
    """Files an interrupted earlier run wrote but may not have committed.

    Only notices never tried (``pending``) can come from a run that stopped before its
    commit; a ``failed`` one was tried, so its run had committed first.  A notice that
    does not check out is never committed by the job.
    """
    out: list[Path] = []
    for entry, verified in checked:
        notice = verified.sendable
        if notice is None or not any(d.state == "pending" for d in notice.deliveries.values()):
            continue
        out += [entry.path, root / ticket_path(notice.ticket)]
    return out


def _send(
    root: Path,
    run: EscalationRun,
    checked: list[tuple[OutboxEntry, VerifiedNotice]],
    channels: Mapping[str, Channel],
    now: datetime,
) -> list[Path]:
    """Send the notices that check out, as rebuilt from the records; report the others."""
    changed: list[Path] = []
    for entry, verified in checked:
        notice = verified.sendable
        if notice is None:
            run.refused.extend(_findings(root, entry, verified))
            continue
        outcomes, dirty = deliver(notice, channels, now)
        run.outcomes.extend(outcomes)
        if dirty:
            write_notice(root, entry.path, notice)
            changed.append(entry.path)
    return changed
