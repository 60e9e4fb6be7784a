"""The major-incident report (重大事件报告) of one incident: what happened when, from its event
log; the impact; each SLA timing against its goal; the root cause from the linked problem; the
actions taken (the changes linked to it or to its problem); the complaints and callbacks on it.

Links are read both ways, as the monthly report's known-error count reads them: a problem
names the incident in ``incidents:`` or either names the other in ``related:``; a change names
the incident or its problem in ``related:``, or they name it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from itsmctl.errors import NotFoundError, UsageError
from itsmctl.models import Change, Complaint, Incident, Problem, Survey, TicketBase
from itsmctl.reports import slafigures
from itsmctl.reports.common import ReportInput, left_out
from itsmctl.reports.facts import is_known_error
from itsmctl.sla import evaluate_store
from itsmctl.store.snapshot import Snapshot

_DETAIL_KEYS = ("to", "priority", "reason", "note", "result", "risk", "approver", "method", "manager")


def _linked(a: TicketBase, b: TicketBase) -> bool:
    return b.id in a.related or a.id in b.related


def _event_detail(inp: ReportInput, event: Any) -> str:
    """The words of one event: who or what it moved to, and its note or reason."""
    parts = []
    for key in _DETAIL_KEYS:
        value = getattr(event, key, None)
        if value is None or value == "":
            continue
        if key == "to":
            value = inp.person(value) if event.type == "assigned" else inp.label("status", value)
        elif key in ("approver", "manager"):
            value = inp.person(value)
        elif key == "method":
            value = inp.label("method", value)
        parts.append(str(value))
    return ("；" if inp.lang == "zh" else "; ").join(parts)


def related_records(snapshot: Snapshot, incident: Incident) -> list[Any]:
    """The incident, its problems, their changes, its complaints and its callbacks."""
    tickets = snapshot.tickets
    problems = [t for t in tickets if isinstance(t, Problem) and (incident.id in t.incidents or _linked(t, incident))]
    about = {incident.id, *(p.id for p in problems)}
    changes = [
        t
        for t in tickets
        if isinstance(t, Change)
        and (about & set(t.related) or t.id in incident.related or any(t.id in p.related for p in problems))
    ]
    complaints = [t for t in tickets if isinstance(t, Complaint) and _linked(t, incident)]
    surveys = [s for s in snapshot.of_kind(Survey, "survey") if s.ticket == incident.id]
    return [incident, *problems, *changes, *complaints, *surveys]


def refuse_other_kinds(record: Any, incident_id: str) -> None:
    """UsageError when ``record`` exists and is not an incident: a major-incident report is of one."""
    if record is not None and not isinstance(record, Incident):
        kind = getattr(record, "kind", "record")
        raise UsageError(f"{incident_id} is a {kind}: a major-incident report is of an incident")


def natural_moment(snapshot: Snapshot, incident_id: str) -> datetime | None:
    """A closed incident's report is as of the last thing recorded on it or on what it links
    (its callback, its problem's root cause, the change that fixed it), so reruns match; an open
    incident's, as of now (None)."""
    incident = snapshot.get(incident_id)
    refuse_other_kinds(incident, incident_id)  # before the command says anything about the moment
    if not isinstance(incident, Incident) or incident.status != "closed":
        return None
    moments: list[datetime] = []
    for record in related_records(snapshot, incident):
        if isinstance(record, TicketBase):
            moments.extend(e.at for e in record.events)
        elif isinstance(record, Survey):
            moments.append(record.at)
    return max(moments) + timedelta(seconds=1)


def build(inp: ReportInput, incident_id: str) -> dict[str, Any]:
    ticket = inp.snapshot.get(incident_id)
    if ticket is None:
        raise NotFoundError(f"no incident {incident_id} in the store (at the report's moment)")
    refuse_other_kinds(ticket, incident_id)
    assert isinstance(ticket, Incident)
    f = inp.facts(ticket)
    linked = related_records(inp.snapshot, ticket)
    problems = [t for t in linked if isinstance(t, Problem)]
    changes = [t for t in linked if isinstance(t, Change)]
    complaints = [t for t in linked if isinstance(t, Complaint)]
    surveys = [s for s in linked if isinstance(s, Survey)]
    about = {ticket.id, *(p.id for p in problems)}
    clocks = evaluate_store(inp.snapshot, inp.now, ids=[ticket.id])  # this incident's clocks, not the store's
    policy = inp.snapshot.policy
    dims = []
    if policy is not None:
        for dim in policy.priority.dimensions:
            level = ticket.dimensions.get(dim.id)
            if level is not None:
                named = next((lv.name for lv in dim.levels if lv.id == level), level)
                dims.append({"dimension": dim.name, "level": named})
    cis = {c.id: c for c in inp.snapshot.cis}
    return {
        "report": {**inp.heading(), "as_of": inp.local(inp.now)},
        "left_out": left_out(inp.snapshot),
        "incident": {
            "id": ticket.id,
            "title": ticket.title,
            "major": ticket.major,
            "priority": ticket.priority,
            "service": inp.service(ticket.service),
            "cis": [{"id": c, "name": cis[c].name if c in cis else ""} for c in ticket.cis],
            "description": ticket.description or "",
            "dimensions": dims,
            "status": inp.label("status", ticket.status),
            "requester": inp.person(ticket.requester) if ticket.requester else "",
            "assignee": inp.person(ticket.assignee) if ticket.assignee else "",
            "opened": inp.local(ticket.opened_at),
            "resolved": inp.local(f.resolved_at),
            "closed": inp.local(f.closed_at),
            "duration": (f.resolved_at - ticket.opened_at).total_seconds() if f.resolved_at else None,
        },
        "timeline": [
            {
                "at": inp.local(e.at),
                "by": inp.person(e.by),
                "type": inp.label("event_type", e.type),
                "detail": _event_detail(inp, e),
            }
            for e in sorted(ticket.events, key=lambda e: e.at)
        ],
        "clocks": [
            {
                "target": inp.label("target", c.target),
                "deadline": inp.local(c.deadline),
                "stopped": inp.local(c.stopped_at),
                "state": c.state,
                "met": c.state == slafigures.MET,
                "missed": c.state in slafigures.MISSED,
            }
            for c in sorted(
                clocks,
                key=lambda c: slafigures.TARGET_ORDER.index(c.target) if c.target in slafigures.TARGET_ORDER else 99,
            )
        ],
        "problems": [
            {
                "id": p.id,
                "title": p.title,
                "status": inp.label("status", p.status),
                "known_error": is_known_error(p),
                "root_cause": p.root_cause or "",
                "workaround": p.workaround or "",
            }
            for p in sorted(problems, key=lambda p: p.id)
        ],
        "changes": [
            {
                "id": c.id,
                "title": c.title,
                "status": inp.label("status", c.status),
                "result": inp.label("change_result", inp.facts(c).change_result) if inp.facts(c).change_result else "",
                "via": ", ".join(
                    sorted(about & ({*c.related} | {p.id for p in problems if c.id in p.related})) or [ticket.id]
                ),
            }
            for c in sorted(changes, key=lambda c: c.id)
        ],
        "complaints": [
            {"id": c.id, "title": c.title, "status": inp.label("status", c.status)}
            for c in sorted(complaints, key=lambda c: c.id)
        ],
        "callbacks": [
            {"id": s.id, "at": inp.local(s.at), "score": s.score, "reached": s.reached, "comment": s.comment or ""}
            for s in sorted(surveys, key=lambda s: s.at)
        ],
    }
