"""Who a ladder step notifies, resolved from the step, the ticket and the policy.

The seed procedure names the *predefined* manager and senior expert: a step may name
them (``manager``, ``expert``); without that, every active person with the policy role
``manager`` or ``expert`` is predefined.  ``notify`` adds people or whole groups.
A ticket with no assignee (or no group) is still the service desk's: the assignee (or
group) rung then goes to the people with the role ``service_desk``.
"""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.models.policy import Person, Policy
from itsmctl.models.sla import EscalationStep
from itsmctl.models.tickets import TicketBase
from itsmctl.notify.notice import Recipient


class Directory:
    """People and groups of the policy, looked up by id."""

    def __init__(self, policy: Policy | None) -> None:
        self.people: dict[str, Person] = {p.id: p for p in policy.people} if policy else {}
        self.groups: dict[str, list[str]] = {g.id: list(g.members) for g in policy.groups} if policy else {}

    def person(self, pid: str, role: str) -> Iterator[Recipient]:
        person = self.people.get(pid)
        if person is None:
            yield Recipient(pid, pid, None, role)  # unknown to the policy: a webhook may still know the id
        elif person.active:
            yield Recipient(person.id, person.name, person.email, role)

    def group(self, gid: str, role: str) -> Iterator[Recipient]:
        for member in self.groups.get(gid, []):
            yield from self.person(member, role)

    def with_role(self, policy_role: str, role: str) -> Iterator[Recipient]:
        for person in self.people.values():
            if policy_role in person.roles:
                yield from self.person(person.id, role)


def _for_action(action: str, step: EscalationStep, ticket: TicketBase, d: Directory) -> Iterator[Recipient]:
    if action == "notify_manager":
        yield from d.person(step.manager, "manager") if step.manager else d.with_role("manager", "manager")
    elif action == "notify_expert":
        yield from d.person(step.expert, "expert") if step.expert else d.with_role("expert", "expert")
    elif action == "notify_assignee":
        # an unassigned ticket is the service desk's: its warning must still reach someone
        yield from d.person(ticket.assignee, "assignee") if ticket.assignee else d.with_role("service_desk", "desk")
    elif action == "notify_group":
        yield from d.group(ticket.group, "group") if ticket.group else d.with_role("service_desk", "desk")
    elif action == "notify_customer" and ticket.requester:
        yield from d.person(ticket.requester, "customer")


def resolve_recipients(step: EscalationStep, ticket: TicketBase, directory: Directory) -> list[Recipient]:
    """Everyone ``step`` notifies about ``ticket``, each once, in the order of the actions."""
    found: list[Recipient] = []
    for action in step.actions:
        found.extend(_for_action(action, step, ticket, directory))
    for extra in step.notify:
        is_group = extra in directory.groups
        found.extend(directory.group(extra, "notify") if is_group else directory.person(extra, "notify"))
    seen: set[str] = set()
    unique = []
    for r in found:
        if r.id not in seen:
            seen.add(r.id)
            unique.append(r)
    return unique
