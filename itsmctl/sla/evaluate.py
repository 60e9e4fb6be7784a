"""Evaluate every clock of a ticket (or a store) at ``now``; nothing is stored.

Targets and what starts and stops them (see docs/sla-rules.md for worked examples):

=====================  ==========================  =========================================
target                 starts                      stops (first one at or before ``now``)
=====================  ==========================  =========================================
response               opening                     ``responded``; else the first resolution
onsite                 opening                     ``onsite``; else the first resolution
spare_part             opening                     ``part_arrived`` (only tickets that have one)
recovery (incidents)   opening                     ``recovered``; else the first resolution
resolution             opening                     entering resolved/closed; reopen resumes
callback               the resolution in force     first reached callback survey (also an
                                                   unreached one: callback_counts_unreached)
dispatch               opening                     first ``assigned``; else the first resolution
escalate_to_manager    first breach of a work      first ``escalated`` with notify_manager;
                       target (not the callback)   else the resolution after the breach
=====================  ==========================  =========================================

Only the SLA's ``pause_targets`` (default resolution, recovery) stop in its
``pause_states``; the others run on while the customer, a vendor or a change holds the
ticket (waiting on the vendor's part is what the spare-part time measures).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from itsmctl.calendar.business import BusinessCalendar, ClockError, ClockTime, TimeBasis
from itsmctl.models.eventlog import is_open
from itsmctl.models.events import Event
from itsmctl.models.sla import ServiceLevelAgreement
from itsmctl.models.tickets import TicketBase
from itsmctl.priority.lookup import PriorityStep, measured_history, recorded_decision
from itsmctl.priority.lookup import priority_history as _history
from itsmctl.sla import coverage, repairs, servicedesk
from itsmctl.sla.agreements import applicable_slas
from itsmctl.sla.goals import first_breach, goal_in_force
from itsmctl.sla.memo import ClockMemo, callback_times
from itsmctl.sla.status import ClockState, ClockStatus
from itsmctl.sla.stopwatch import DONE_STATUSES, StatusTimeline, Stopwatch, status_timeline
from itsmctl.store.snapshot import Snapshot

CLOCKED_KINDS = ("incident", "request")
"""Response-support tickets; problems, changes and complaints follow their own process."""

TARGETS = ("response", "onsite", "spare_part", "recovery", "resolution", "callback", "dispatch", *servicedesk.EARLY)
LATE_TARGETS = ("escalate_to_manager", *servicedesk.LATE)
"""Targets started by another clock's breach: evaluated after the others."""

STOP_EVENT = {
    "response": "responded",
    "onsite": "onsite",
    "spare_part": "part_arrived",
    "recovery": "recovered",
    "dispatch": "assigned",
}


@dataclass
class SlaContext:
    """What evaluation needs from a snapshot, indexed once (calendars, SLAs, surveys).

    Built by the caller and passed along (``evaluate_store`` builds one per call; a
    caller evaluating many tickets one by one passes its own), never kept in a global.
    """

    snapshot: Snapshot
    calendars: dict[str, BusinessCalendar] = field(default_factory=dict)
    slas: list[ServiceLevelAgreement] = field(default_factory=list)
    callbacks: dict[str, list[datetime]] = field(default_factory=dict)
    """Reached callback surveys per ticket, sorted."""
    unreached: dict[str, list[datetime]] = field(default_factory=dict)
    """Callback surveys that did not reach the customer (``reached: false``), per ticket."""

    @classmethod
    def of(cls, snapshot: Snapshot) -> SlaContext:
        reached, unreached = callback_times(snapshot)
        calendars = {c.id: BusinessCalendar(c) for c in snapshot.calendars}
        return cls(snapshot, calendars, list(snapshot.slas), reached, unreached)

    @property
    def zones(self) -> dict[str, tzinfo]:
        """Each calendar's time zone: SLA applicability is decided on the calendar's dates."""
        return {cid: cal.zone for cid, cal in self.calendars.items()}

    def basis(self, sla: ServiceLevelAgreement, basis: str) -> tuple[TimeBasis, BusinessCalendar]:
        calendar = self.calendars.get(sla.calendar)
        if calendar is None:
            raise ClockError(
                f"SLA {sla.id} names calendar {sla.calendar}, which is not in the store (see itsmctl validate)"
            )
        if basis == "business":
            return calendar, calendar
        return ClockTime(calendar.zone), calendar


@dataclass
class _Replay:
    """A ticket's log cut at ``now``: statuses and priorities over time."""

    ticket: TicketBase
    now: datetime
    events: list[Event]
    timeline: StatusTimeline
    priorities: list[PriorityStep]
    """Every step: the handling priority (escalation raises included)."""
    measured: list[PriorityStep]
    """The steps the clocks measure by (escalation raises left out, ``measured_history``)."""

    def first(self, event_type: str, after: datetime | None = None) -> datetime | None:
        for event in self.events:
            if event.type == event_type and (after is None or event.at >= after):
                return event.at
        return None

    def first_done(self) -> datetime | None:
        return next((at for at, status in self.timeline if status in DONE_STATUSES), None)

    def done_since(self) -> datetime | None:
        """When the ticket last entered resolved/closed, if that is where it is now."""
        if not self.timeline or self.timeline[-1][1] not in DONE_STATUSES:
            return None
        since = self.timeline[-1][0]
        for at, status in reversed(self.timeline):
            if status not in DONE_STATUSES:
                break
            since = at
        return since

    def steps_for(self, sla: ServiceLevelAgreement) -> list[PriorityStep]:
        """The priority steps ``sla`` measures by: escalation raises only if it says so."""
        return self.priorities if sla.measure_escalated_priority else self.measured

    def priority_at(self, moment: datetime, steps: list[PriorityStep] | None = None) -> str | None:
        """The priority in force at ``moment``; None before the first known one."""
        current: str | None = None
        for step in self.priorities if steps is None else steps:
            if step.at is not None and step.at <= moment:
                current = step.priority
        return current

    def pieces(self, steps: list[PriorityStep], start: datetime, end: datetime) -> list[tuple[datetime, datetime, str]]:
        """``(since, until, priority)`` from ``start`` to ``end``: the goal is piecewise over time.

        Steps before ``start`` collapse onto it; time before the first known priority has no piece.
        """
        out: list[tuple[datetime, datetime, str]] = []
        for step in steps:
            if step.at is None or step.at > end:
                continue
            since = max(step.at, start)
            if out and out[-1][0] == since:
                out.pop()
            elif out:
                out[-1] = (out[-1][0], since, out[-1][2])
            out.append((since, end, step.priority))
        return out


def _kind(ticket: TicketBase) -> str:
    return str(getattr(ticket, "kind", ""))


def _replay(ticket: TicketBase, snapshot: Snapshot, now: datetime) -> _Replay:
    """The log up to ``now``: nothing later is replayed when evaluating a past moment."""
    events = [e for e in ticket.events if e.at <= now]
    policy = snapshot.policy
    # unknown dimensions are a validate finding; then the history falls back to the field
    decision = recorded_decision(policy.priority if policy is not None else None, dict(ticket.dimensions))
    steps = [s for s in _history(ticket, decision) if s.at is None or s.at <= now]
    return _Replay(ticket, now, events, status_timeline(ticket, events), steps, measured_history(steps))


def _bounds(
    r: _Replay, target: str, ctx: SlaContext, breach: datetime | None, sla: ServiceLevelAgreement
) -> tuple[datetime, datetime | None] | None:
    """(start, stop) of a target for this ticket, or None when it does not apply."""
    t = r.ticket
    opened = r.events[0].at
    if target in servicedesk.OWN_BOUNDS:
        return servicedesk.bounds(t, r.events, target, r.first_done(), breach)
    if target == "resolution":
        return opened, r.done_since()
    if target == "callback":
        resolved = r.done_since()
        if resolved is None:
            return None
        resolution = max((e.at for e in r.events if e.type == "resolved"), default=resolved)
        made = ctx.callbacks.get(t.id, [])
        if sla.callback_counts_unreached:
            made = sorted([*made, *ctx.unreached.get(t.id, [])])
        stop = next((at for at in made if resolution <= at <= r.now), None)
        return resolution, stop
    if target == "escalate_to_manager":
        if breach is None:
            return None
        told = (e.at for e in r.events if e.at >= breach and servicedesk.tells_manager(e))
        ended = (at for at, status in r.timeline if status in DONE_STATUSES and at >= breach)
        stops = [m for m in (next(told, None), next(ended, None)) if m is not None]
        return breach, min(stops) if stops else None
    if target == "recovery" and _kind(t) != "incident":
        return None
    own = r.first(STOP_EVENT[target])
    if target == "spare_part" and own is None:
        return None
    if target == "onsite" and own is None and t.delivery != "onsite":
        return None
    done = r.first_done()
    stops = [m for m in (own, done) if m is not None]
    return opened, min(stops) if stops else None


def _evaluate(
    r: _Replay, sla: ServiceLevelAgreement, target: str, ctx: SlaContext, breach: datetime | None
) -> ClockStatus | None:
    bounds = _bounds(r, target, ctx, breach, sla)
    if bounds is None:
        return None
    start, stop = bounds
    moment = stop if stop is not None else r.now
    steps = r.steps_for(sla)
    pieces = [(a, b, goal_in_force(sla, target, p, ctx.basis, start)) for a, b, p in r.pieces(steps, start, moment)]
    if not pieces:  # opening priority unknown and no change yet: validate reports it
        return None
    known = {g.priority: g for _, _, g in pieces if g is not None}
    if not known:
        return None
    # one basis per target and SLA: the basis of the goal in force (else the last one known)
    current = pieces[-1][2] or list(known.values())[-1]
    pauses = frozenset(sla.pause_states) if target in sla.pause_targets else frozenset[str]()
    watch = Stopwatch.replay(
        r.timeline if target != "callback" else [(start, "in_progress")], start, stop, r.now, pauses, current.basis
    )
    first = first_breach(watch, pieces)
    if pieces[-1][2] is None and first is None:
        return None  # the priority in force promises nothing for this target, and it never breached
    goal = pieces[-1][2] or first[1]  # type: ignore[index]
    goal_seconds = goal.seconds
    elapsed = watch.elapsed()
    remaining = goal_seconds - elapsed
    percent = round(elapsed * 100.0 / goal_seconds, 1)
    if first is not None:
        # a breach stays a breach: judged against the goal it breached, never the goal now in
        # force (a downgrade after the breach would show "missed 42 %" and time remaining)
        breach_goal = first[1].seconds
        overrun = max(elapsed - max(breach_goal, watch.elapsed_until(first[0])), 0)
        remaining = -overrun
        percent = round(max(elapsed * 100.0 / breach_goal, 100.0), 1)
    state: ClockState
    deadline: datetime | None
    if first is not None:
        state = "missed" if stop is not None else "breached"
        deadline = first[0]
    elif stop is not None:
        state = "met"
        deadline = watch.crossing(goal_seconds, stop)
    elif not watch.running_now:
        state, deadline = "paused", None
    else:
        state = "warning" if percent >= goal.goal.warning_percent else "ok"
        deadline = watch.crossing(goal_seconds, r.now)
    zone = goal.calendar.zone
    handling = r.priority_at(moment)
    last = stop if stop is not None else max(m for m in (deadline, r.now) if m is not None)
    estimated = goal.calendar.estimated_years(start, last) if goal.goal.basis == "business" else ()
    return ClockStatus(
        ticket_id=r.ticket.id,
        kind=_kind(r.ticket),
        target=target,
        state=state,
        priority=goal.priority,
        sla_id=sla.id,
        started_at=start.astimezone(zone),
        deadline=deadline.astimezone(zone) if deadline else None,
        stopped_at=stop.astimezone(zone) if stop else None,
        goal_seconds=goal_seconds,
        elapsed_seconds=elapsed,
        remaining_seconds=remaining,
        percent=percent,
        basis=goal.goal.basis,
        warning_percent=goal.goal.warning_percent,
        breached_at=first[0].astimezone(zone) if first else None,
        breach_goal_seconds=first[1].seconds if first else None,
        breach_elapsed_seconds=watch.elapsed_until(first[0]) if first else None,
        breach_priority=first[1].priority if first else None,
        handling_priority=handling if handling is not None and handling != goal.priority else None,
        estimated_years=estimated,
        coverage=coverage.label(sla),
    )


def _strictest(candidates: list[ClockStatus]) -> ClockStatus:
    """The clock with the earliest deadline (a paused one compares by what is left)."""
    far = datetime.max.replace(tzinfo=candidates[0].started_at.tzinfo)
    return min(candidates, key=lambda c: (c.deadline or far, c.remaining_seconds))


def evaluate_ticket(
    ticket: TicketBase, snapshot: Snapshot, now: datetime, *, context: SlaContext | None = None
) -> list[ClockStatus]:
    """Every applicable clock of one ticket at ``now``, one per target (strictest SLA wins).

    ``context`` is ``SlaContext.of(snapshot)``; pass it when evaluating many tickets of
    one snapshot, so the calendars and surveys are indexed once.
    """
    kind = _kind(ticket)
    if kind not in CLOCKED_KINDS or ticket.events[0].at > now:
        return []
    ctx = context if context is not None else SlaContext.of(snapshot)
    slas = applicable_slas(ticket, ctx.slas, ctx.zones)
    if not slas:
        return []
    slas = coverage.split(ticket.events[0].at, slas, ctx.calendars)
    r = _replay(ticket, snapshot, now)
    out: list[ClockStatus] = []
    for target in TARGETS:
        found = [c for c in (_evaluate(r, sla, target, ctx, None) for sla in slas) if c is not None]
        if found:
            out.append(_strictest(found))
    for target in LATE_TARGETS:
        breach = servicedesk.late_start(target, out, r.events)
        found = [c for c in (_evaluate(r, sla, target, ctx, breach) for sla in slas) if c is not None]
        if found:
            out.append(_strictest(found))
    for found in repairs.repair_clocks(r.ticket, r.events, slas, ctx, r.now, r.priority_at(r.now)):
        out.append(_strictest(found))
    return out


def evaluate_store(
    snapshot: Snapshot,
    now: datetime,
    ids: list[str] | None = None,
    open_only: bool = False,
    memo: ClockMemo | None = None,
) -> list[ClockStatus]:
    """Clocks of every ticket (or of ``ids``), sorted by ticket id then target order.

    A ticket whose clocks cannot be computed (``ClockError``: its calendar has no working
    time within the clock's horizon) is left out and named among the snapshot's findings,
    so the command says so (``Store.left_out``, exit 1) and reports every other ticket.

    ``open_only`` keeps tickets not closed *at ``now``* (a resolved ticket awaiting the
    customer's confirmation is still open): ``itsmctl.models.eventlog.is_open``, the one
    reading of "open" shared with ``ticket list`` and the reports, replayed up to ``now``,
    so a past ``--at`` keeps the tickets that were open then.

    ``memo`` serves and keeps the clocks of settled tickets (``itsmctl.sla.memo``).
    """
    ctx = SlaContext.of(snapshot)
    wanted = set(ids) if ids else None
    out: list[ClockStatus] = []
    for ticket in sorted(snapshot.tickets, key=lambda t: t.id):
        if wanted is not None and ticket.id not in wanted:
            continue
        if open_only and not is_open(ticket, now):
            continue
        callbacks = (ctx.callbacks.get(ticket.id, []), ctx.unreached.get(ticket.id, []))
        known = memo.get(ticket, callbacks, now) if memo is not None else None
        if known is not None:
            out.extend(known)
            continue
        try:
            clocks = evaluate_ticket(ticket, snapshot, now, context=ctx)
        except ClockError as exc:  # this ticket's clocks are unknown; the others are still reported
            _left_out(snapshot, ticket, exc)
            continue
        if memo is not None:
            memo.keep(ticket, callbacks, now, clocks)
        out.extend(clocks)
    return out


def _left_out(snapshot: Snapshot, ticket: TicketBase, exc: ClockError) -> None:
    """Name a ticket whose clocks cannot be computed among the files left out of the results."""
    loaded = snapshot.file_of(ticket.id)
    if loaded is None:
        return
    reason = f"its SLA clocks cannot be computed: {exc.message}"
    finding = loaded.finding(("sla",) if ticket.sla else (), "clock", reason)
    if finding not in snapshot.findings:
        snapshot.findings.append(finding)
