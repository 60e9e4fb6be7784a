"""Who may be assigned a ticket, as the verbs ask it: the rule is ``itsmctl.rules.people``."""

from __future__ import annotations

from itsmctl.errors import UsageError
from itsmctl.models import Policy
from itsmctl.rules.people import assignee_refusal


def require_assignable(policy: Policy, person_id: str, what: str, group: str | None = None) -> str:
    """``person_id`` if it may be assigned (to a ticket of ``group``); else UsageError naming who can."""
    reason = assignee_refusal(policy, person_id, group)
    if reason:
        raise UsageError(f"{what} {reason}")
    return person_id
