"""Who may do what: the provider's people handle tickets, the customer's confirm and approve.

A person whose roles are only customer-side (``customer``, ``customer_approver``)
requests, confirms and approves, but is never the assignee, whatever group they sit in
(a customer is on the change advisory board).  A person without any role is left alone
by the assignee rule (the policy did not say which side they are on), but cannot confirm
or approve for the customer: that needs a customer-side role.
"""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.models import TICKET_KINDS, Complaint, Policy, TicketBase
from itsmctl.models.policy import Person
from itsmctl.priority.lookup import ladder_accounts
from itsmctl.rules.base import RuleContext, Violation, rule

CUSTOMER_ROLES = frozenset({"customer", "customer_approver"})
HANDLER_ROLES = ("engineer", "service_desk", "expert", "project_manager", "manager")
APPROVER_ROLE = "customer_approver"
"""The role that gives a customer's formal approval of a change."""
BOARD_ROLE = "cab"
"""The provider's change advisory board: its members review changes internally."""


_index: tuple[list[Person], dict[str, Person]] | None = None
"""The people of the last policy asked, by id: the rule book asks for every event of every ticket."""


def person(policy: Policy, person_id: str | None) -> Person | None:
    global _index
    if _index is None or _index[0] is not policy.people:
        by_id: dict[str, Person] = {}
        for p in policy.people:
            by_id.setdefault(p.id, p)
        _index = (policy.people, by_id)
    return _index[1].get(person_id) if person_id else None


def customer_only(policy: Policy, person_id: str) -> bool:
    """True for a known person whose roles are all customer-side."""
    found = person(policy, person_id)
    return found is not None and bool(found.roles) and set(found.roles) <= CUSTOMER_ROLES


def holds(policy: Policy, person_id: str | None, role: str) -> bool:
    found = person(policy, person_id)
    return found is not None and role in found.roles


def roles_of(policy: Policy, person_id: str | None) -> str:
    found = person(policy, person_id)
    return ", ".join(found.roles) if found and found.roles else "none"


def handlers(policy: Policy, group: str | None = None) -> list[str]:
    """People who can be assigned: a handling role, or a member of the ticket's ``group``."""
    members = {m for g in policy.groups if g.id == group for m in g.members}
    return sorted(
        p.id
        for p in policy.people
        if (set(p.roles) & set(HANDLER_ROLES) or p.id in members) and not customer_only(policy, p.id)
    )


def assignee_refusal(policy: Policy, person_id: str, group: str | None = None) -> str | None:
    """Why ``person_id`` cannot be the assignee of a ticket of ``group``, or None."""
    if not customer_only(policy, person_id):
        return None
    of_group = f"a member of the group {group}" if group else "a member of the ticket's group"
    return (
        f"{person_id} is on the customer's side (roles: {roles_of(policy, person_id)}) and cannot be assigned a "
        f"ticket; assign someone with an {'/'.join(HANDLER_ROLES)} role or {of_group}: "
        f"{', '.join(handlers(policy, group)) or 'nobody in the policy'}"
    )


@rule("assignee-role", TICKET_KINDS, needs_policy=True)
def assignee_is_provider(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """A ticket is handled by the provider: its assignee is never a customer-only person."""
    assert ctx.policy is not None
    reason = assignee_refusal(ctx.policy, ticket.assignee, ticket.group) if ticket.assignee else None
    if reason:
        yield Violation(("assignee",), "assignee-role", reason)


HANDLING_EVENTS = frozenset(
    {"assigned", "responded", "status", "onsite", "part_arrived", "recovered", "resolved", "closed", "assessed",
     "scheduled", "trial", "reviewed", "rolled_back"}
)  # fmt: skip
"""Events that record the provider's handling; the customer's own part is ``confirmed`` and ``approved``
(and reporting, noting, linking, asking to reopen)."""


@rule("handler-role", TICKET_KINDS, needs_policy=True)
def handled_by_provider(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The provider handles a ticket: no customer-only person records its handling (assigning, working, closing…)."""
    assert ctx.policy is not None
    for i, event in enumerate(ticket.events):
        if event.type in HANDLING_EVENTS and customer_only(ctx.policy, event.by):
            yield Violation(
                ("events", i, "by"),
                "handler-role",
                f"{event.by} is on the customer's side (roles: {roles_of(ctx.policy, event.by)}) and cannot record "
                f"the provider's handling ('{event.type}'); the customer confirms and approves",
            )


def provider_person(policy: Policy, person_id: str) -> bool:
    """True for a known person with at least one role of the provider's side (not customer-side)."""
    found = person(policy, person_id)
    return found is not None and bool(set(found.roles) - CUSTOMER_ROLES)


@rule("explanation-author", TICKET_KINDS, needs_policy=True)
def explained_by_provider(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """A breach is explained by a person of the provider, never by the escalation ladder's account."""
    assert ctx.policy is not None
    ladder = ladder_accounts(ticket, ctx.policy.automation_accounts)
    for i, event in enumerate(ticket.events):
        if event.type != "explained":
            continue
        if event.by in ladder:
            why = "is the escalation ladder's account: its notes say that a clock breached, not why"
        elif not provider_person(ctx.policy, event.by):
            why = f"holds no role of the provider (roles: {roles_of(ctx.policy, event.by)})"
        else:
            continue
        yield Violation(
            ("events", i, "by"),
            "explanation-author",
            f"{event.by} {why}; the reason of a breach is explained by a person of the provider "
            f"(an {'/'.join(HANDLER_ROLES)} or another provider-side role)",
        )


@rule("complaint", ("complaint",))
def complaint_independent(complaint: Complaint, ctx: RuleContext) -> Iterator[Violation]:
    """Nobody a complaint is about handles it or acts on it (投诉独立处理); recording it ('opened') is exempt."""
    about = set(complaint.about)
    if not about:
        return
    if complaint.assignee in about:
        yield Violation(
            ("assignee",), "complaint", f"{complaint.assignee} is named in the complaint and cannot handle it"
        )
    for i, event in enumerate(complaint.events):
        if event.type != "opened" and event.by in about:
            yield Violation(
                ("events", i, "by"),
                "complaint",
                f"{event.by} acted on a complaint about them ({event.type}); a complaint is handled independently "
                "by someone it is not about",
            )
        to = getattr(event, "to", None)
        if event.type == "assigned" and to in about:
            yield Violation(("events", i, "to"), "complaint", f"assigned to {to}, a person the complaint is about")
