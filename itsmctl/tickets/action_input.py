"""One ticket command as the core sees it, and the checks builders share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from itsmctl.errors import FieldError
from itsmctl.models import Policy, TicketBase
from itsmctl.rules import RuleContext
from itsmctl.tickets.requests import VerbRequest

Events = list[dict[str, Any]]
Updates = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class ActionInput:
    """One command as the core sees it: who does what to which ticket, when, asked with which request."""

    root: Path
    ticket: TicketBase
    policy: Policy
    actor: str
    now: datetime
    request: VerbRequest
    context: RuleContext = field(default_factory=RuleContext)
    """What the rule book looks at (policy, the ticket's calendar): builders ask it too, never the files."""

    def event(self, type_: str, **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"by": self.actor, "type": type_}
        body.update({k: v for k, v in fields.items() if v not in (None, "", [], False)})
        return body


def required(value: T | None, field: str, what: str) -> T:
    """``value``, or FieldError naming ``field`` and saying what it is for."""
    if value in (None, "", [], ()):
        raise FieldError(field, f"{what} is required")
    return value


@dataclass(frozen=True)
class Outcome:
    """What a command did, for the CLI to report and commit."""

    ticket_id: str
    action: str
    old_status: str
    new_status: str
    events: Events
    paths: list[Path]
    still_missing: tuple[str, ...] | None = None
    """For ``plan``: the parts of the change plan still empty (empty when complete)."""
    found: Mapping[Path, bytes] = field(default_factory=dict)
    """The edited files' bytes as read before the edit (for ``commits.commit_files``)."""


Builder = Callable[[ActionInput], tuple[Events, Updates]]


# --- checks against the policy and store ------------------------------------------------


def require_person(policy: Policy, person: str, field: str) -> str:
    known = {p.id for p in policy.people}
    if person not in known:
        raise FieldError(field, f"{person!r} is not a person in the policy; known: {', '.join(sorted(known))}")
    return person


def require_group(policy: Policy, group: str, field: str = "group") -> str:
    known = {g.id for g in policy.groups}
    if group not in known:
        raise FieldError(field, f"group {group!r} is not in the policy; known: {', '.join(sorted(known)) or 'none'}")
    return group
