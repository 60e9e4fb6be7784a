"""Who may be assigned a ticket: the provider's people, never the customer.

A ticket is handled by the service provider.  A person whose roles are only customer-side
(``customer``, ``customer_approver``) requests, confirms and approves, but is never the
assignee, whatever group they sit in (a customer is on the change advisory board):
``ticket new --assignee`` and ``ticket assign --to`` refuse such a person, naming who can
be assigned (a handling role, or a member of the ticket's group who is not customer-only),
and ``validate`` reports a ticket whose assignee is one.  A person without any role is
left alone (the policy did not say which side they are on).
"""

from __future__ import annotations

from itsmctl.errors import UsageError
from itsmctl.models import Policy

CUSTOMER_ROLES = frozenset({"customer", "customer_approver"})
HANDLER_ROLES = ("engineer", "service_desk", "expert", "project_manager", "manager")


def customer_only(policy: Policy, person_id: str) -> bool:
    """True for a known person whose roles are all customer-side."""
    person = next((p for p in policy.people if p.id == person_id), None)
    return person is not None and bool(person.roles) and set(person.roles) <= CUSTOMER_ROLES


def handlers(policy: Policy, group: str | None = None) -> list[str]:
    """People who can be assigned: a handling role, or a member of the ticket's ``group``."""
    members = {m for g in policy.groups if g.id == group for m in g.members}
    return sorted(
        p.id
        for p in policy.people
        if (set(p.roles) & set(HANDLER_ROLES) or p.id in members) and not customer_only(policy, p.id)
    )


def refusal(policy: Policy, person_id: str, group: str | None = None) -> str | None:
    """Why ``person_id`` cannot be the assignee of a ticket of ``group``, or None."""
    if not customer_only(policy, person_id):
        return None
    roles = next(p.roles for p in policy.people if p.id == person_id)
    of_group = f"a member of the group {group}" if group else "a member of the ticket's group"
    return (
        f"{person_id} is on the customer's side (roles: {', '.join(roles)}) and cannot be assigned a ticket; "
        f"assign someone with an {'/'.join(HANDLER_ROLES)} role or {of_group}: "
        f"{', '.join(handlers(policy, group)) or 'nobody in the policy'}"
    )


def require_assignable(policy: Policy, person_id: str, what: str, group: str | None = None) -> str:
    """``person_id`` if it may be assigned (to a ticket of ``group``); else UsageError naming who can."""
    reason = refusal(policy, person_id, group)
    if reason:
        raise UsageError(f"{what} {reason}")
    return person_id
