"""Tacit confirmation (默认确认, 逾期视为确认): silence after a resolution counts as agreement.

Chinese service contracts often say 用户在规定期限内未提出异议的，视为确认: once the
customer has let a period pass after the resolution without objecting, the result counts as
accepted.  A store opts in with the policy's ``confirmation.tacit_after``; a ``confirmed``
event with ``tacit: true`` then stands in for the customer's explicit confirmation, but
only when that period ran since the resolution in force and the customer said nothing in
between.  ``tacit_refusal`` is the one predicate: the rule runs it on files (and so on
every verb's result, ``ticket confirm --tacit``), the importers run it on the drafts they
build before they write a tacit confirmation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from itsmctl.models import Policy, TicketBase
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.people import customer_only
from itsmctl.rules.support import window_end

if TYPE_CHECKING:
    from itsmctl.calendar.business import BusinessCalendar


class Logged(Protocol):
    """What the predicate reads of an event: a record's event or an importer's draft."""

    @property
    def type(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def by(self) -> str: ...


def tacit_refusal(
    before: Sequence[Logged],
    at: datetime,
    policy: Policy,
    calendar: Callable[[], BusinessCalendar | None],
) -> str | None:
    """Why a tacit confirmation at ``at``, after the events ``before``, is not allowed; None when it is.

    Allowed only when the policy opts in (``confirmation.tacit_after``), a resolution stands
    (the last ``resolved``, not reopened since), nobody of the customer's side recorded
    anything after it (a note, a reply), and the period ran: ``at`` is at least
    ``tacit_after`` after the resolution (``bd``: at the end of that many working days on
    ``calendar()``, asked for only then).
    """
    period = policy.confirmation.tacit_after
    if period is None:
        return (
            "the policy does not opt into tacit confirmation (confirmation: {tacit_after: …} in policy.yaml): "
            "the customer confirms explicitly, with a contact and a method"
        )
    start: int | None = None
    for i, event in enumerate(before):
        if event.type == "resolved":
            start = i
        elif event.type == "reopened":
            start = None
    if start is None:
        return "no resolution is in force for the customer to have let pass: a tacit confirmation follows a 'resolved'"
    resolved = before[start]
    for event in before[start + 1 :]:
        if customer_only(policy, event.by):
            return (
                f"the customer answered after the resolution ({event.type} by {event.by} at {event.at.isoformat()}): "
                "silence counts as confirmation only when there was none; record their own confirmation"
            )
    due = window_end(resolved.at, period, calendar() if period.business_days else None)
    if due is None:
        return (
            f"confirmation.tacit_after is {period} (business days) but no business calendar with working days is "
            "known for the ticket: pin its SLA, keep exactly one calendar, or give the period in days (e.g. 3d)"
        )
    if at < due:
        return (
            f"the tacit-confirmation period ({period}, confirmation.tacit_after) runs until {due.isoformat()}; "
            f"the resolution was at {resolved.at.isoformat()}: before then only the customer's explicit "
            "confirmation closes it"
        )
    return None


@rule("tacit-confirmation", ("incident", "request", "complaint"), needs_policy=True)
def tacit_after_silence(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """Tacit confirmation only if the policy sets confirmation.tacit_after and it ran since the resolution, silent."""
    assert ctx.policy is not None
    for i, event in enumerate(ticket.events):
        if event.type == "confirmed" and event.tacit:
            why = tacit_refusal(ticket.events[:i], event.at, ctx.policy, lambda: ctx.calendar_for(ticket))
            if why is not None:
                yield Violation(("events", i, "tacit"), "tacit-confirmation", why)
