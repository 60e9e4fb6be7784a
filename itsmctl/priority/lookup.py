"""Deciding a priority from the policy's matrix, and explaining a ticket's priority.

The matrix is the only authority; a preset's rule is shown beside the cell only as the
reason the table looks the way it does (and only when the policy's table still equals
the preset's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from itsmctl.errors import FieldError, UsageError
from itsmctl.models.policy import Dimension, PriorityMatrix
from itsmctl.models.tickets import TicketBase
from itsmctl.priority.presets import PRESETS


@dataclass(frozen=True)
class Decision:
    """The cell of the matrix that decided a priority."""

    priority: str
    values: dict[str, str]
    cell: str
    """``urgency=urgent / impact=some / importance=important``."""
    rule: str | None = None
    """The preset's rule for this cell, when the matrix is an unchanged preset."""


def resolve_level(dimension: Dimension, given: str) -> str:
    """A level id from its id, Chinese name or English name.

    A number matches only a level whose English name carries it the way its tool writes
    it (ServiceNow's ``1 - high``, GLPI's ``5 - very high``): tools number levels in
    opposite directions, so a bare position would silently invert the priority.
    """
    wanted = given.strip()
    for level in dimension.levels:
        if wanted and wanted.lower() in (level.id.lower(), level.name.lower(), (level.name_en or "").lower()):
            return level.id
    if wanted.isdigit():
        for level in dimension.levels:
            if (level.name_en or "").startswith(f"{int(wanted)} - "):
                return level.id
    choices = ", ".join(f"{lv.id} ({lv.name})" for lv in dimension.levels)
    numbered = any(_NUMBERED.match(lv.name_en or "") for lv in dimension.levels)
    why = "" if numbered or not wanted.isdigit() else "; these levels carry no numbers, so a number is not taken"
    raise UsageError(f"{dimension.id} {given!r} is not a level{why}; choose one of: {choices}")


_NUMBERED = re.compile(r"^[0-9]+ - ")
"""A level named the way its tool numbers it: ServiceNow's ``1 - high``, GLPI's ``5 - very high``."""


def resolve_dimension(matrix: PriorityMatrix, given: str) -> Dimension | None:
    """A dimension from its id, Chinese name or English name (``紧急程度``, ``Urgency``)."""
    wanted = given.strip().lower()
    for dimension in matrix.dimensions:
        if wanted and wanted in (dimension.id.lower(), dimension.name.lower(), (dimension.name_en or "").lower()):
            return dimension
    return None


def decide(matrix: PriorityMatrix, given: dict[str, str]) -> Decision:
    """Look the given levels up in the matrix; every dimension is required.

    Dimensions and levels may be named by id, Chinese name or English name
    (``紧急程度=紧急`` is ``urgency=urgent``).
    """
    by_id: dict[str, str] = {}
    unknown: list[str] = []
    for name, level in given.items():
        dimension = resolve_dimension(matrix, name)
        if dimension is None:
            unknown.append(name)
        elif dimension.id in by_id:
            raise UsageError(f"dimension {dimension.id} ({dimension.name}) is given twice")
        else:
            by_id[dimension.id] = level
    if unknown:
        known = ", ".join(f"{d.id} ({d.name})" for d in matrix.dimensions)
        raise UsageError(f"unknown dimension {', '.join(sorted(unknown))}; the matrix has: {known}")
    values: dict[str, str] = {}
    for dimension in matrix.dimensions:
        if dimension.id not in by_id:
            raise FieldError("dimensions", f"missing {dimension.id} ({dimension.name}): give its level")
        values[dimension.id] = resolve_level(dimension, by_id[dimension.id])
    priority = matrix.lookup(values)
    cell = " / ".join(f"{d}={v}" for d, v in values.items())
    return Decision(priority, values, cell, _preset_rule(matrix, values))


def recorded_decision(matrix: PriorityMatrix | None, dimensions: dict[str, str]) -> Decision | None:
    """The matrix cell a ticket's *recorded* dimensions name (level ids, every dimension), else None.

    The one reading of "the priority the matrix gives this ticket" that validate, the SLA
    clocks and the as-of replay share; ``decide`` is for what a person types (names allowed).
    """
    if matrix is None or not dimensions:
        return None
    try:
        values = {d.id: dimensions[d.id] for d in matrix.dimensions}
        priority = matrix.lookup(values)
    except KeyError:
        return None
    if set(dimensions) - set(values):
        return None
    return Decision(priority, values, " / ".join(f"{d}={v}" for d, v in values.items()))


def _preset_rule(matrix: PriorityMatrix, values: dict[str, str]) -> str | None:
    """The rule of the preset this matrix still equals (named or not), else None."""
    named = PRESETS.get(matrix.preset or "")
    candidates = ([named] if named else []) + [p for p in PRESETS.values() if p is not named]
    for preset in candidates:
        if [d.id for d in preset.dimensions] != [d.id for d in matrix.dimensions]:
            continue
        if preset.matrix().matrix != matrix.matrix:
            continue
        indexes = tuple([lv.id for lv in d.levels].index(values[d.id]) for d in preset.dimensions)
        return preset.rule(indexes)
    return None


@dataclass(frozen=True)
class PriorityStep:
    """One moment in a ticket's priority history."""

    at: datetime | None
    priority: str
    source: str
    """``opened``, ``matrix``, ``field``, ``override``, ``event`` (a person's change) or
    ``escalation`` (a raise by the escalation ladder: the handling priority only)."""
    by: str | None = None
    reason: str | None = None


@dataclass
class Explanation:
    """Why a ticket has the priority it has: the matrix cell, overrides and changes."""

    ticket_id: str
    current: str
    decision: Decision | None
    problem: str | None
    history: list[PriorityStep] = field(default_factory=list)
    assessed: str | None = None
    """The measured priority: the last step a person set (opening, override, change), what the
    SLA clocks and reports use (``measured_history``); None when the history cannot tell."""
    handling: str | None = None
    """The priority an escalation raise handles the ticket at, when it differs from ``assessed``."""

    @property
    def matrix_priority(self) -> str | None:
        return self.decision.priority if self.decision else None


def explain(ticket: TicketBase, matrix: PriorityMatrix | None) -> Explanation:
    """The matrix cell for the ticket's dimensions plus every override and priority event."""
    decision: Decision | None = None
    problem: str | None = None
    if matrix is None:
        problem = "no policy: the matrix is unknown"
    elif not ticket.dimensions:
        problem = "the ticket records no dimensions"
    else:
        try:
            decision = decide(matrix, dict(ticket.dimensions))
        except UsageError as exc:
            problem = exc.message
    history = priority_history(ticket, decision)
    measured = measured_history(history)
    assessed = measured[-1].priority if measured else None
    raised = [s for s in history if s.source == "escalation"]
    handling = ticket.priority if raised and ticket.priority != assessed else None
    return Explanation(ticket.id, ticket.priority, decision, problem, history, assessed, handling)


def opening_priority(ticket: TicketBase, decision: Decision | None = None) -> PriorityStep | None:
    """The priority the ticket had when it was opened, or None when the log cannot tell.

    In order: the ``priority`` written on the ``opened`` event (the decision made then,
    which no later edit of the matrix may rewrite); else the matrix cell ``decision`` for
    the dimensions (records written before the event carried it); else the ticket's
    ``priority`` field, but only when no ``priority`` event or later override ever changed
    it: after a change the field holds the *later* value, and what applied before is unknown
    (``validate`` reports such a ticket).
    """
    first = ticket.events[0]
    opened = first.at
    recorded = getattr(first, "priority", None) if first.type == "opened" else None
    if recorded is not None:
        return PriorityStep(opened, recorded, "opened")
    if decision is not None:
        return PriorityStep(opened, decision.priority, "matrix")
    override = ticket.priority_override
    changed = any(e.type == "priority" for e in ticket.events) or (override is not None and override.at > opened)
    if not changed:
        return PriorityStep(opened, ticket.priority, "field")
    return None


def escalation_raises(ticket: TicketBase) -> set[str]:
    """Ids of the ``priority`` events the escalation ladder wrote (its ``raise_priority``).

    Marked by ``escalation:`` (the rung's event id); in logs written before that field, the
    ``priority`` event that directly follows, at the same moment, an ``escalated`` event whose
    actions include ``raise_priority`` (what ``itsmctl escalate`` always wrote).
    """
    out: set[str] = set()
    previous = None
    for event in ticket.events:
        if event.type == "priority":
            marked = getattr(event, "escalation", None) is not None
            follows = (
                previous is not None
                and previous.type == "escalated"
                and previous.at == event.at
                and "raise_priority" in getattr(previous, "actions", [])
            )
            if marked or follows:
                out.add(event.id)
        previous = event
    return out


AUTOMATION_ACCOUNT = "itsmctl"
"""The default ``by`` of ``itsmctl escalate`` (the policy's person for the cron job)."""


def ladder_accounts(ticket: TicketBase, automation: Iterable[str] = (AUTOMATION_ACCOUNT,)) -> set[str]:
    """Who writes as the escalation ladder on this ticket: the policy's ``automation_accounts``
    and the authors of its raises (``priority`` events only ``itsmctl escalate`` writes).

    A person who records an ``escalated`` event by hand (a phone call to the manager) is not
    one of them: their notes and explanations are a person's.
    """
    raises = escalation_raises(ticket)
    return set(automation) | {e.by for e in ticket.events if e.id in raises}


def measured_history(steps: list[PriorityStep]) -> list[PriorityStep]:
    """The steps the SLA clocks measure by: every step but the escalation ladder's raises.

    A raise by the ladder directs attention (the handling priority); the goals stay those
    of the priority a person assessed, at opening or by a later change with a reason.
    """
    return [s for s in steps if s.source != "escalation"]


def assessed(ticket: TicketBase, matrix: PriorityMatrix | None) -> str:
    """The priority a person assessed last (opening or a later change), escalation raises left out.

    What reports count tickets by: the priority the SLA measures, not the one an escalation
    handles the ticket at.  The ``priority`` field when the history cannot tell.
    """
    steps = measured_history(priority_history(ticket, recorded_decision(matrix, dict(ticket.dimensions))))
    return steps[-1].priority if steps else ticket.priority


def priority_history(ticket: TicketBase, decision: Decision | None = None) -> list[PriorityStep]:
    """The priority from opening on: the opening priority, then override and ``priority`` events.

    The opening step is :func:`opening_priority`; when it is unknown the history starts
    at the first change, and no priority is known before it.
    """
    opened = ticket.events[0].at
    changes = [e for e in ticket.events if e.type == "priority"]
    override = ticket.priority_override
    start = opening_priority(ticket, decision)
    steps: list[PriorityStep] = [start] if start is not None else []
    raises = escalation_raises(ticket)
    timeline: list[PriorityStep] = [
        PriorityStep(e.at, e.to, "escalation" if e.id in raises else "event", e.by, e.reason) for e in changes
    ]
    if override is not None and not any(c.at == override.at and c.priority == override.priority for c in timeline):
        timeline.append(
            PriorityStep(max(override.at, opened), override.priority, "override", override.by, override.reason)
        )
    timeline.sort(key=lambda s: s.at or opened)
    return steps + timeline
