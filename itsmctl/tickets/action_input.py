"""One ticket command as the core sees it, and the checks builders share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from itsmctl.errors import UsageError
from itsmctl.models import Policy, TicketBase

Events = list[dict[str, Any]]
Updates = dict[str, Any]


@dataclass(frozen=True)
class ActionInput:
    """One command as the core sees it: who does what to which ticket, when, with what."""

    root: Path
    ticket: TicketBase
    policy: Policy
    actor: str
    now: datetime
    params: Mapping[str, Any] = field(default_factory=dict)

    def param(self, name: str, required: str | None = None) -> Any:
        value = self.params.get(name)
        if required and value in (None, "", [], ()):
            raise UsageError(required)
        return value

    def event(self, type_: str, **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"by": self.actor, "type": type_}
        body.update({k: v for k, v in fields.items() if v not in (None, "", [], False)})
        return body


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


Builder = Callable[[ActionInput], tuple[Events, Updates]]


# --- checks against the policy and store ------------------------------------------------


def require_person(policy: Policy, person: str, what: str) -> str:
    known = {p.id for p in policy.people}
    if person not in known:
        raise UsageError(f"{what} {person!r} is not a person in the policy; known: {', '.join(sorted(known))}")
    return person


def require_group(policy: Policy, group: str) -> str:
    known = {g.id for g in policy.groups}
    if group not in known:
        raise UsageError(f"group {group!r} is not in the policy; known: {', '.join(sorted(known)) or 'none'}")
    return group
