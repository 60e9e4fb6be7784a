"""One escalation notice and its delivery state per channel: pure data, JSON on disk.

A notice is created (state ``pending`` for every configured channel) in the same write
as the ``escalated`` event it announces, *before* anything is sent, so an escalation is
never lost: a crash, a refused connection or a full mailbox only leaves a channel
``pending`` or ``failed``, and the next run tries it again.  A channel that reached
``delivered`` (or ``skipped``: nobody it could reach) is never sent again.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from itsmctl.escape import json_text
from itsmctl.models.base import MONTHLY_ID_PATTERN

DeliveryStateName = Literal["pending", "failed", "delivered", "skipped"]
OPEN_STATES: tuple[str, ...] = ("pending", "failed")
"""States that still need a send."""


@dataclass(frozen=True)
class Recipient:
    """A person a notice is meant for, resolved from the ladder step and the policy.

    On disk a recipient is only ``{id, role}``: the name and address are looked up in
    the policy when the notice is sent (``itsmctl.notify.verify``), so an outbox file
    can never carry an address of its own.
    """

    id: str
    name: str
    email: str | None = None
    role: str = ""
    """Why this person is notified: manager, expert, assignee, group, customer or notify."""


@dataclass
class Delivery:
    """What happened on one channel; rewritten only when it changes (keeps git quiet)."""

    state: DeliveryStateName = "pending"
    at: str | None = None
    """When it was delivered or skipped (ISO 8601)."""
    first_failed_at: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Notice:
    """The payload of one escalation rung for one ticket, plus its delivery record.

    ``key`` (``ticket.L<level>.<target>``) is unique: the ladder fires each rung once.
    """

    ticket: str
    title: str
    event: str
    """Id of the ``escalated`` event in the ticket's log this notice announces."""
    level: int
    name: str
    target: str
    state: str
    deadline: str | None
    percent: float | None
    priority: str
    created_at: str
    recipients: list[Recipient]
    message: str
    subject: str
    actions: list[str] = field(default_factory=list)
    deliveries: dict[str, Delivery] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.ticket}.L{self.level}.{self.target}"

    def open_channels(self) -> list[str]:
        return [cid for cid, d in self.deliveries.items() if d.state in OPEN_STATES]

    def payload(self) -> dict[str, Any]:
        """The JSON body a webhook receives (no delivery bookkeeping).

        Sent only for a notice ``verify_notice`` rebuilt, whose recipients carry the
        policy's names and addresses.
        """
        return {
            "ticket": self.ticket,
            "title": self.title,
            "level": self.level,
            "name": self.name,
            "target": self.target,
            "state": self.state,
            "deadline": self.deadline,
            "percent": self.percent,
            "priority": self.priority,
            "actions": list(self.actions),
            "recipients": [asdict(r) for r in self.recipients],
            "subject": self.subject,
            "message": self.message,
            "event": self.event,
        }

    def to_json(self) -> str:
        """The outbox file: recipients as person ids (and roles) only, never addresses."""
        data = self.payload()
        data["recipients"] = [{"id": r.id, "role": r.role} for r in self.recipients]
        data["created_at"] = self.created_at
        data["deliveries"] = {cid: d.to_dict() for cid, d in sorted(self.deliveries.items())}
        return json_text(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Notice:
        """Parse a notice file; ValueError (with the reason) when it is not one.

        A recipient's ``name`` and ``email`` in the file (older files had them) are
        ignored: only the person id and the role are read.
        """
        if len(text) > MAX_NOTICE_CHARS:
            raise ValueError(f"not a notice file: {len(text)} characters, more than any notice ({MAX_NOTICE_CHARS})")
        try:
            data = json.loads(text, parse_constant=_no_constant)
            if not isinstance(data, dict):
                raise TypeError("the file is not a JSON object")
            return cls(
                ticket=_id(data["ticket"], MONTHLY_ID_PATTERN, "ticket"),
                title=str(data["title"]),
                event=_short(data["event"], "event"),
                level=_level(data["level"]),
                name=str(data["name"]),
                target=str(data["target"]),
                state=str(data["state"]),
                deadline=_optional_str(data.get("deadline")),
                percent=_optional_number(data.get("percent")),
                priority=str(data["priority"]),
                created_at=str(data["created_at"]),
                recipients=[_recipient(r) for r in _list(data.get("recipients", []), "recipients")],
                message=str(data["message"]),
                subject=str(data["subject"]),
                actions=[str(a) for a in _list(data.get("actions", []), "actions")],
                deliveries={str(cid): Delivery(**d) for cid, d in data.get("deliveries", {}).items()},
            )
        except RecursionError:
            raise ValueError("not a notice file: nested deeper than any notice") from None
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise ValueError(f"not a notice file: {type(exc).__name__}: {exc}") from None


MAX_NOTICE_CHARS = 64 * 1024
"""A notice is a few hundred characters; a larger file is not one (and is not parsed)."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a notice holds")


def _id(value: Any, pattern: str, name: str) -> str:
    """An id of the store, never a path: a notice names its ticket and event by id only."""
    if not isinstance(value, str) or not re.fullmatch(pattern, value):
        raise ValueError(f"{name} must be an id like the store's, got {value!r}"[:200])
    return value


def _short(value: Any, name: str) -> str:
    """A short one-line text (an event id is checked against the ticket's log, not here)."""
    if not isinstance(value, str) or len(value) > 64 or not value.isprintable():
        raise ValueError(f"{name} must be a short one-line text, got {value!r}"[:200])
    return value


def _level(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 9:
        raise ValueError(f"level must be a whole number from 1 to 9, got {value!r}"[:200])
    return value


def _recipient(data: Any) -> Recipient:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise TypeError(f"a recipient must be an object with a string id, got {data!r}")
    role = data.get("role", "")
    return Recipient(data["id"], data["id"], None, role if isinstance(role, str) else "")


def _optional_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"expected a string or null, got {value!r}")
    return value


def _optional_number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"expected a finite number or null, got {value!r}"[:200])
    return float(value)


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"{name} must be a list, got {value!r}")
    return value
