"""What each ticket command records: the typed events and the current fields it sets.

``perform`` is the path every verb takes: read the ticket, ask its lifecycle whether the
action is allowed now, build the events and field updates, and write them with
``apply_events``.  Builders are plain functions of an ``ActionInput`` registered in
``BUILDERS`` by verb; they check people and references against the policy and store,
never print, and never read the clock.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from itsmctl.errors import FieldError, NotFoundError, RuleViolation
from itsmctl.fs import ensure_inside, locked
from itsmctl.models import Policy, Problem, TicketBase
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.models.events import Event
from itsmctl.models.labels import id_of
from itsmctl.models.tickets import ChangePlan
from itsmctl.rules.lifecycle import LIFECYCLE_BY_KIND, Transition
from itsmctl.store.paths import path_for
from itsmctl.store.schema_messages import not_allowed, quoted_choices
from itsmctl.store.store import Store
from itsmctl.tickets import requests as rq
from itsmctl.tickets.action_input import (
    ActionInput,
    Builder,
    Events,
    Outcome,
    Updates,
    require_group,
    require_person,
    required,
)
from itsmctl.tickets.change_actions import CHANGE_BUILDERS
from itsmctl.tickets.desk_actions import DESK_BUILDERS
from itsmctl.tickets.edit import (
    is_plain_id,
    policy_zone,
    read_ticket,
    store_rule_context,
    ticket_path,
    write_events_held,
)
from itsmctl.tickets.explain import explain
from itsmctl.tickets.requests import VerbRequest

_EVENT: TypeAdapter[Any] = TypeAdapter(Event)


def _status_after(model: type[TicketBase], status: str, event: Mapping[str, Any], now: datetime) -> str:
    try:
        parsed = _EVENT.validate_python({"id": "E00000", "at": now, **event})
    except ValidationError as exc:
        problem = exc.errors()[0]
        names = [p for p in problem["loc"] if isinstance(p, str) and p != event.get("type")]
        field = names[-1] if names else "type"
        if problem["type"] == "literal_error":
            values = quoted_choices((problem.get("ctx") or {}).get("expected"))
            raise FieldError(field, not_allowed(problem.get("input"), values, field)) from None
        raise FieldError(field, str(problem["msg"])) from None
    return model.status_after(status, parsed) or status


# --- builders, one per verb -------------------------------------------------------------


def _assign(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Assign)
    if not r.to and not r.group:
        raise FieldError("to", "assign needs a person (to) and/or a group")
    updates: Updates = {}
    if r.to:
        updates["assignee"] = require_person(a.policy, r.to, "to")  # who may be assigned: rule assignee-role
    if r.group:
        updates["group"] = require_group(a.policy, r.group)
    return [a.event("assigned", to=r.to, group=r.group, redispatch=r.redispatch, note=r.note)], updates


def _status_only(a: ActionInput) -> tuple[Events, Updates]:
    """Actions whose only record is the status change (start, implement): added by ``perform``."""
    note = getattr(a.request, "note", None)
    return ([a.event("note", note=note)] if note else []), {}


def _pend(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Pend)
    return [a.event("status", to=f"pending_{r.on}", reason=r.reason)], {}


def _resume(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Resume)
    return [a.event("status", to="in_progress", reason=r.reason)], {}


def _fact(type_: str) -> Builder:
    def build(a: ActionInput) -> tuple[Events, Updates]:
        extra = {"part": getattr(a.request, "part", None)} if type_ == "part_arrived" else {}
        return [a.event(type_, note=getattr(a.request, "note", None), **extra)], {}

    build.__doc__ = f"Record a '{type_}' fact; the status stays."
    return build


def _resolve(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Resolve)
    resolution = required(r.resolution, "resolution", "the resolution (what fixed it)")
    updates: Updates = {}
    if isinstance(a.ticket, Problem) and r.root_cause:
        updates["root_cause"] = r.root_cause
    return [a.event("resolved", resolution=resolution, first_line=r.first_line, note=r.note)], updates


def _confirm(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Confirm)
    if r.tacit:  # whether the period ran in silence: rule tacit-confirmation, on the ticket after this event
        for given, name in ((r.contact, "contact"), (r.method, "method")):
            if given:
                raise FieldError(name, f"a tacit confirmation names no {name}: nobody confirmed; leave it out")
        return [a.event("confirmed", tacit=True, note=r.note)], {}
    contact = required(r.contact or a.ticket.requester, "contact", "the customer who agreed to close")
    require_person(a.policy, contact, "contact")  # that it is the customer's person: rule confirmation-contact
    method = required(id_of("method", r.method), "method", "how the customer confirmed (phone, mail, fax, wechat…)")
    return [a.event("confirmed", contact=contact, method=method, note=r.note)], {}


def _close(a: ActionInput) -> tuple[Events, Updates]:
    return [a.event("closed", note=getattr(a.request, "note", None))], {}


def _reopen(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Reopen)
    reason = required(r.reason, "reason", "why it is reopened")
    return [a.event("reopened", reason=reason, to=type(a.ticket).REOPEN_STATUS)], {}


def _note(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Note)
    return [a.event("note", note=required(r.note, "note", "the text of the note"), spent=r.spent)], {}


def _link(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.Link)
    ref = required(r.ref, "ref", "the id of a ticket or a CI to link to")
    if ref == a.ticket.id:
        raise FieldError("ref", "a ticket cannot be linked to itself")
    updates: Updates = {}
    if re.fullmatch(MONTHLY_ID_PATTERN, ref):
        rel = ticket_path(ref)
        if not (a.root / rel).is_file():
            raise FieldError("ref", f"no ticket {ref} in the store")
        if ref not in a.ticket.related:
            updates["related"] = [*a.ticket.related, ref]
        is_incident = ref.startswith(a.policy.prefix("incident") + "-")
        if isinstance(a.ticket, Problem) and is_incident and ref not in a.ticket.incidents:
            updates["incidents"] = [*a.ticket.incidents, ref]
    elif is_plain_id(ref) and (a.root / (path_for("ci", ref) or "")).is_file():
        if ref not in a.ticket.cis:
            updates["cis"] = [*a.ticket.cis, ref]
    else:
        raise FieldError("ref", f"{ref!r} is neither a ticket nor a CI of this store")
    return [a.event("linked", ref=ref, note=r.note)], updates


BUILDERS: dict[str, Builder] = {
    "assign": _assign,
    "start": _status_only,
    "respond": _fact("responded"),
    "pend": _pend,
    "resume": _resume,
    "onsite": _fact("onsite"),
    "part-arrived": _fact("part_arrived"),
    "recovered": _fact("recovered"),
    "resolve": _resolve,
    "confirm": _confirm,
    "close": _close,
    "reopen": _reopen,
    "note": _note,
    "explain": explain,
    "link": _link,
    "implement": _status_only,
    **CHANGE_BUILDERS,
    **DESK_BUILDERS,
}


def plan_action(a: ActionInput, verb: str, transition: Transition) -> tuple[Events, Updates, str]:
    """Events and updates for ``verb``; adds a status event when the verb's own event does not move it."""
    events, updates = BUILDERS[verb](a)
    status = a.ticket.status
    for event in events:
        status = _status_after(type(a.ticket), status, event, a.now)
    if transition.target is not None and status != transition.target:
        events.append(a.event("status", to=transition.target))
        status = transition.target
    if status != a.ticket.status:
        updates["status"] = status
    return events, updates, status


def perform(store: Store, ticket_id: str, request: VerbRequest, *, actor: str, now: datetime) -> Outcome:
    """Do one verb to a ticket: lifecycle check, events, field updates, the rule book, one atomic write.

    The store's policy is read once (``Store.policy``) and serves every step.  The ticket's
    file stays locked from the lifecycle check to the write, so a check is never made
    against a status another command is changing.
    """
    _ = store.folder  # a verb writes: refused for a store read from a git revision
    root, policy = store.root, store.policy
    require_person(policy, actor, "by")
    path = root / ticket_path(ticket_id)
    ensure_inside(root, path)
    if not os.path.lexists(path):  # a pipe or a folder there is refused by `locked`, never waited on
        raise NotFoundError(f"no ticket {ticket_id} (looked for {path})")
    with locked(path):
        return _perform_held(root, ticket_id, request, policy, actor, now)


def _perform_held(
    root: Path, ticket_id: str, request: VerbRequest, policy: Policy, actor: str, now: datetime
) -> Outcome:
    verb = request.verb
    _, _, ticket = read_ticket(root, ticket_id, default_tz=policy_zone(policy))
    lifecycle = LIFECYCLE_BY_KIND[ticket.kind]  # type: ignore[attr-defined]
    transition = lifecycle.check(ticket.id, ticket.status, verb, request.variant)
    context = store_rule_context(root, policy)
    a = ActionInput(root, ticket, policy, actor, now, request, context)
    events, updates, status = plan_action(a, verb, transition)
    try:
        written = write_events_held(root, ticket_id, events, updates, now=now, context=context)
    except RuleViolation as exc:
        others = tuple(x for x in lifecycle.allowed_now(ticket.status) if x != verb)
        raise RuleViolation(exc.record_id, exc.problems, verb, others) from None
    missing = tuple(ChangePlan.model_validate(updates["plan"]).missing()) if "plan" in updates else None
    found = {written.path: written.found}
    return Outcome(ticket_id, verb, ticket.status, status, written.events, [written.path], missing, found)


def actor_for(policy: Policy, by: str | None, git_email: str | None) -> str:
    """The person doing a command: ``--by``, else the policy person with git's email."""
    if by:
        return require_person(policy, by, "by")
    if git_email:
        for person in policy.people:
            if person.email and person.email.lower() == git_email.lower():
                return person.id
        raise FieldError(
            "by",
            f"git's user.email {git_email} is not the email of any person in the policy; "
            "name the person doing this or add the email to the policy",
        )
    raise FieldError("by", "who is doing this? name the person (git has no user.email to match against the policy)")
