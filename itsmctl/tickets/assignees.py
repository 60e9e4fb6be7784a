"""Who may be assigned a ticket: the provider's people, never the customer.

A ticket is handled by the service provider.  A person whose roles are only customer-side
(``customer``, ``customer_approver``) requests, confirms and approves, but is never the
assignee: ``ticket new --assignee``, ``ticket assign --to`` refuse such a person, and
``validate`` reports a ticket whose assignee is one.  A member of a policy group counts
as the provider's whatever the roles say.  A person without any role is left alone (the
policy did not say which side they are on).
"""

from __future__ import annotations

from itsmctl.errors import UsageError
from itsmctl.models import Policy

CUSTOMER_ROLES = frozenset({"customer", "customer_approver"})
HANDLER_ROLES = ("engineer", "service_desk", "expert", "project_manager", "manager")


def customer_only(policy: Policy, person_id: str) -> bool:
    """True for a known person whose roles are all customer-side and who is in no group."""
    person = next((p for p in policy.people if p.id == person_id), None)
    if person is None or not person.roles or not set(person.roles) <= CUSTOMER_ROLES:
        return False
    return not any(person_id in g.members for g in policy.groups)


def handlers(policy: Policy) -> list[str]:
    """People who can be assigned: a handling role, or a member of a group."""
    members = {m for g in policy.groups for m in g.members}
    return sorted(p.id for p in policy.people if set(p.roles) & set(HANDLER_ROLES) or p.id in members)


def refusal(policy: Policy, person_id: str) -> str | None:
    """Why ``person_id`` cannot be the assignee, or None."""
    if not customer_only(policy, person_id):
        return None
    roles = next(p.roles for p in policy.people if p.id == person_id)
    return (
        f"{person_id} is on the customer's side (roles: {', '.join(roles)}) and cannot be assigned a ticket; "
        f"assign someone with an {'/'.join(HANDLER_ROLES)} role or a member of a group: "
        f"{', '.join(handlers(policy)) or 'nobody in the policy'}"
    )


def require_assignable(policy: Policy, person_id: str, what: str) -> str:
    """``person_id`` if it may be assigned; UsageError naming who can be otherwise."""
    reason = refusal(policy, person_id)
    if reason:
        raise UsageError(f"{what} {reason}")
    return person_id
