"""The verbs of changes and problems: plan, assess, approve, schedule, trial, review,
rollback, known-error.  Each is a builder of events and field updates, like the incident
verbs in ``actions``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itsmctl.errors import FieldError
from itsmctl.models import Change, Problem
from itsmctl.models.base import Span
from itsmctl.models.events import TrialStarted
from itsmctl.models.labels import id_of
from itsmctl.models.tickets import ChangePlan
from itsmctl.rules.change import PASSING, trial_ends
from itsmctl.tickets import requests as rq
from itsmctl.tickets.action_input import ActionInput, Builder, Events, Updates, require_person, required
from itsmctl.tickets.edit import stamp, ticket_path


def _known_error(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(a.ticket, Problem) and isinstance(r, rq.KnownError)
    # the workaround a known error needs is a rule of the book (known-error); an empty one is refused there
    updates: Updates = {"known_error": True}
    if r.workaround:
        updates["workaround"] = r.workaround
    if r.root_cause:
        updates["root_cause"] = r.root_cause
    incidents = [i for i in r.incidents if i not in a.ticket.incidents]
    for incident in incidents:
        if not (a.root / ticket_path(incident)).is_file():
            raise FieldError("incidents", f"{incident}: no such ticket in the store")
    if incidents:
        updates["incidents"] = [*a.ticket.incidents, *incidents]
    reason = "已知错误，已有临时解决办法 / known error with workaround"
    return [a.event("status", to="known_error", reason=reason)], updates


def _plan(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(a.ticket, Change) and isinstance(r, rq.Plan)
    plan = a.ticket.plan.model_dump(exclude_defaults=True, mode="python")
    changed = []
    for name in ChangePlan.REQUIRED:
        value = getattr(r, name)
        if value in (None, [], ()):
            continue
        if name == "people":
            for person in value:
                require_person(a.policy, person, "people")
        if name in ("steps", "people"):
            value = [*plan.get(name, []), *[v for v in value if v not in plan.get(name, [])]]
        if isinstance(value, datetime):
            value = stamp(value)
        plan[name] = value
        changed.append(name)
    if not changed:
        raise FieldError("goal", "plan needs at least one part of the plan: " + ", ".join(ChangePlan.REQUIRED))
    for name in ("start", "end"):
        if isinstance(plan.get(name), datetime):
            plan[name] = stamp(plan[name])
    missing = [m for m in a.ticket.plan.REQUIRED if not plan.get(m)]
    note = "变更方案更新 / plan updated: " + ", ".join(changed)
    if missing:
        note += "; 仍缺 / still missing: " + ", ".join(missing)
    return [a.event("note", note=note)], {"plan": plan}


def _assess(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(a.ticket, Change) and isinstance(r, rq.Assess)
    risk = required(r.risk, "risk", "the risk (low, medium or high)")
    review = {"stage": "internal", "by": a.actor, "at": stamp(a.now), "verdict": r.verdict or "pass"}
    if r.note:
        review["notes"] = r.note
    reviews = [r.model_dump(exclude_defaults=True, mode="json") for r in a.ticket.reviews]
    return [a.event("assessed", risk=risk)], {"risk": risk, "reviews": [*reviews, review]}


def _approve(a: ActionInput) -> tuple[Events, Updates]:
    """The customer's formal approval, which is also the customer's (external) review of the plan.

    Who may approve is a rule of the book (``change-approval``), checked on the result.
    """
    r = a.request
    assert isinstance(a.ticket, Change) and isinstance(r, rq.Approve)
    approver = require_person(a.policy, required(r.approver, "approver", "the customer who approved"), "approver")
    method = required(id_of("method", r.method), "method", "how the customer approved (mail, fax, letter, meeting…)")
    reference = r.reference
    approval: dict[str, Any] = {"by": approver, "at": stamp(a.now), "method": method}
    if reference:
        approval["reference"] = reference
    review: dict[str, Any] = {"stage": "external", "by": approver, "at": stamp(a.now), "verdict": "pass"}
    if reference:
        review["notes"] = reference
    updates: Updates = {"approval": approval}
    if not any(x.stage == "external" and x.by == approver and x.verdict in PASSING for x in a.ticket.reviews):
        reviews = [r.model_dump(exclude_defaults=True, mode="json") for r in a.ticket.reviews]
        updates["reviews"] = [*reviews, review]
    return [a.event("approved", approver=approver, method=method, reference=reference)], updates


def _schedule(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Schedule)
    start = required(r.start, "start", "the start of the window")
    end = required(r.end, "end", "the end of the window")  # that it ends after it starts: rule change-window
    return [a.event("scheduled", start=stamp(start), end=stamp(end))], {}


def _trial(a: ActionInput) -> tuple[Events, Updates]:
    """The trial run starts now; ``trial.end`` is the day it ends, by the rule book's own reckoning."""
    r = a.request
    assert isinstance(r, rq.Trial)
    period_text = required(r.period, "period", "the trial period (e.g. 7d, 5bd)")
    try:
        period = Span.parse(period_text)
    except ValueError as exc:
        raise FieldError("period", str(exc)) from None
    calendar = a.context.calendar_for(a.ticket)
    zone = calendar.zone if calendar is not None else a.now.tzinfo
    started = TrialStarted(id="E00000", at=a.now, by=a.actor, type="trial", period=period)
    end = trial_ends(started, calendar)
    if end is None:
        raise FieldError(
            "period",
            f"a trial of {period} counts business days, but no business calendar is known for {a.ticket.id}: "
            "pin its SLA or give the period in days (e.g. 7d)",
        )
    trial = {"start": a.now.astimezone(zone).date().isoformat(), "end": end.astimezone(zone).date().isoformat()}
    return [a.event("trial", period=str(period))], {"trial": trial}


def _review(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(a.ticket, Change) and isinstance(r, rq.Review)
    result = required(r.result, "result", "the result (successful, partial or failed)")
    updates: Updates = {}
    if a.ticket.trial is not None:
        trial = a.ticket.trial.model_dump(exclude_none=True, mode="json")
        trial["result"] = "fail" if result == "failed" else "pass"
        if r.evaluation:
            trial["evaluation"] = r.evaluation
        if r.confirmed_by:
            trial["confirmed_by"] = require_person(a.policy, r.confirmed_by, "confirmed_by")
        updates["trial"] = trial
    return [a.event("reviewed", result=result, note=r.evaluation)], updates


def _rollback(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Rollback)
    return [a.event("rolled_back", reason=required(r.reason, "reason", "why it is rolled back"))], {}


CHANGE_BUILDERS: dict[str, Builder] = {
    "known-error": _known_error,
    "plan": _plan,
    "assess": _assess,
    "approve": _approve,
    "schedule": _schedule,
    "trial": _trial,
    "review": _review,
    "rollback": _rollback,
}
