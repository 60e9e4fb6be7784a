"""Checking an outbox notice against the records before anything is sent.

An outbox file is plain JSON in git: anyone who can get a commit into the store can
write one.  So a notice file is never trusted for *who* gets it or *what* it says.  It
must name an ``escalated`` event that exists in its ticket's log with the same level and
target, and recipients that the event notified and that are active people of the policy.
The message that goes out is then rebuilt from the ticket, its event, the SLA's ladder
and the policy (names and addresses), not read from the file.  ``escalate`` refuses a
notice with any problem (reported, never sent); ``validate`` reports the same problems.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from itsmctl.findings import Finding
from itsmctl.models.events import Escalated, EventBase, PriorityChanged
from itsmctl.models.policy import Policy
from itsmctl.models.sla import ServiceLevelAgreement
from itsmctl.models.tickets import TicketBase
from itsmctl.notify.message import STATE_LABELS, compose
from itsmctl.notify.notice import Notice, Recipient
from itsmctl.notify.outbox import OutboxEntry, notice_path

FALLBACK_STEP_NAME = "升级"
"""The rung's name when the ticket's SLA no longer has a step of that level."""


@dataclass(frozen=True)
class NoticeProblem:
    """Why a notice may not be sent: the notice field it is about and a reason."""

    field: str
    message: str


@dataclass(frozen=True)
class VerifiedNotice:
    """A notice checked against the records: ``sendable`` is None when ``problems``."""

    sendable: Notice | None
    problems: tuple[NoticeProblem, ...] = ()


def _event(ticket: TicketBase, notice: Notice) -> tuple[int, Escalated | None, list[NoticeProblem]]:
    for index, event in enumerate(ticket.events):
        if event.id != notice.event:
            continue
        if not isinstance(event, Escalated):
            kind = f"event {notice.event} of {ticket.id} is a {event.type!r} event, not 'escalated'"
            return index, None, [NoticeProblem("event", kind)]
        problems = []
        if event.level != notice.level:
            problems.append(
                NoticeProblem("level", f"level {notice.level} but event {event.id} records level {event.level}")
            )
        if event.target != notice.target:
            problems.append(
                NoticeProblem("target", f"target {notice.target!r} but event {event.id} records {event.target!r}")
            )
        return index, event, problems
    return -1, None, [NoticeProblem("event", f"ticket {ticket.id} has no event {notice.event!r}")]


def _recipients(notice: Notice, event: Escalated, policy: Policy) -> tuple[list[Recipient], list[NoticeProblem]]:
    people = {p.id: p for p in policy.people}
    found: list[Recipient] = []
    problems: list[NoticeProblem] = []
    for i, wanted in enumerate(notice.recipients):
        person = people.get(wanted.id)
        where = f"recipients[{i}]"
        if person is None:
            problems.append(NoticeProblem(where, f"{wanted.id!r} is not a person of the policy"))
        elif not person.active and notice.open_channels():
            # A delivered notice to someone who has left since is history, not a problem.
            problems.append(NoticeProblem(where, f"{wanted.id!r} is not active in the policy"))
        elif wanted.id not in event.notified:
            problems.append(NoticeProblem(where, f"{wanted.id!r} is not in the notified list of event {event.id}"))
        else:
            found.append(Recipient(person.id, person.name, person.email, wanted.role))
    return found, problems


def _facts(notice: Notice) -> tuple[datetime | None, list[NoticeProblem]]:
    problems = []
    if notice.state not in STATE_LABELS:
        problems.append(NoticeProblem("state", f"{notice.state!r} is not one of: {', '.join(STATE_LABELS)}"))
    if notice.percent is not None and not 0 <= notice.percent <= 10_000:
        problems.append(NoticeProblem("percent", f"{notice.percent} is not a percentage"))
    deadline = None
    if notice.deadline is not None:
        try:
            deadline = datetime.fromisoformat(notice.deadline)
        except ValueError:
            problems.append(NoticeProblem("deadline", f"{notice.deadline!r} is not an ISO 8601 time"))
    return deadline, problems


def _priorities(ticket: TicketBase, index: int, event: Escalated, notice: Notice, policy: Policy) -> tuple[str, str]:
    """(before, after) the rung, read from the log: the ``priority`` event its raise wrote.

    The log may not say what the priority was before its first ``priority`` event; then
    the notice's ``priority`` is used if it is one of the policy's levels (a code, never
    free text), else the ticket's current priority.
    """
    order = [lv.id for lv in policy.priority.levels]
    events: list[EventBase] = list(ticket.events)
    earlier = [e.to for e in events[:index] if isinstance(e, PriorityChanged)]
    following = events[index + 1] if index + 1 < len(events) else None
    later = any(isinstance(e, PriorityChanged) for e in events[index + 1 :])
    current = earlier[-1] if earlier else (None if later else ticket.priority)
    if "raise_priority" in event.actions and isinstance(following, PriorityChanged) and following.at == event.at:
        after = following.to
        if current is None:
            at = order.index(after) if after in order else len(order)
            current = order[at + 1] if at + 1 < len(order) else after
        return current, after
    if current is None:
        current = notice.priority if notice.priority in order else ticket.priority
    return current, current


def _step_name(sla: ServiceLevelAgreement | None, level: int) -> str:
    for step in sla.escalation if sla else []:
        if step.level == level:
            return step.name
    return FALLBACK_STEP_NAME


def verify_notice(
    notice: Notice,
    ticket: TicketBase | None,
    policy: Policy | None,
    sla: ServiceLevelAgreement | None,
) -> VerifiedNotice:
    """Check ``notice`` against its ticket (as read now) and the policy; rebuild what is sent.

    ``ticket`` is None when no valid ticket with the notice's id exists.  The sendable
    notice keeps the file's delivery records (the same objects, so outcomes land in the
    file) and takes everything else from the records.
    """
    if ticket is None or ticket.id != notice.ticket:
        return VerifiedNotice(None, (NoticeProblem("ticket", f"no valid ticket {notice.ticket!r} in the store"),))
    if policy is None:
        return VerifiedNotice(None, (NoticeProblem("recipients", "no valid policy: recipients cannot be resolved"),))
    index, event, problems = _event(ticket, notice)
    deadline, more = _facts(notice)
    problems += more
    recipients: list[Recipient] = []
    if event is not None:
        recipients, more = _recipients(notice, event, policy)
        problems += more
    if problems or event is None:
        return VerifiedNotice(None, tuple(problems))
    before, after = _priorities(ticket, index, event, notice, policy)
    name = _step_name(sla, event.level)
    subject, message = compose(
        ticket=ticket.id,
        title=ticket.title,
        level=event.level,
        name=name,
        target=event.target,
        state=notice.state,
        deadline=deadline,
        percent=notice.percent,
        priority_before=before,
        priority_after=after,
        recipients=recipients,
    )
    sendable = dataclasses.replace(
        notice,
        title=ticket.title,
        name=name,
        priority=after,
        recipients=recipients,
        subject=subject,
        message=message,
        actions=list(event.actions),
    )
    return VerifiedNotice(sendable)


def verify_entry(
    root: Path,
    entry: OutboxEntry,
    ticket_of: Callable[[str], TicketBase | None],
    policy: Policy | None,
    sla_of: Callable[[str], ServiceLevelAgreement | None],
) -> VerifiedNotice:
    """``verify_notice`` for a file of the outbox at ``root``, which must also parse and
    sit where its key says (``outbox/YYYY/MM/<ticket>.L<level>.<target>.json``)."""
    notice = entry.notice
    if notice is None:
        return VerifiedNotice(None, (NoticeProblem("", entry.error or "not a notice file"),))
    problems: list[NoticeProblem] = []
    expected = notice_path(root, notice)
    if expected != entry.path:
        problems.append(
            NoticeProblem("", f"a notice for {notice.key} belongs in {expected.relative_to(root).as_posix()}")
        )
    ticket = ticket_of(notice.ticket)
    sla = sla_of(ticket.sla) if ticket is not None and ticket.sla else None
    verified = verify_notice(notice, ticket, policy, sla)
    if problems:
        return VerifiedNotice(None, (*problems, *verified.problems))
    return verified


def problem_findings(display: str, problems: tuple[NoticeProblem, ...]) -> list[Finding]:
    """The problems of one outbox file as findings (code ``outbox``), as ``validate`` shows them."""
    return [Finding(display, 1, 1, p.field, "outbox", p.message) for p in problems]
