"""工时: the time engineers spent, recorded on the events that close their work.

Drawn from the ticket's own id and times (no random draw), so adding it changes no other
record of the sample: an incident's or request's ``resolved`` event carries a share of the
time from opening to resolution, at most 6 hours of it (a quarter to three fifths: 15
minutes to 3 h 36 m); a
change's implementation carries its time from the start of implementing to done or rolled
back; a problem's resolution carries its analysis time, 2 to 8 hours.
"""

from __future__ import annotations

import zlib
from datetime import timedelta

from storegen.ticket import Ticket

QUARTER = timedelta(minutes=15)
SHARES = (0.25, 0.35, 0.5, 0.6)


def _text(span: timedelta) -> str:
    quarters = max(1, round(span / QUARTER))
    hours, minutes = divmod(quarters * 15, 60)
    return f"{hours}h{minutes:02d}m" if hours and minutes else f"{hours}h" if hours else f"{minutes}m"


def _draw(ticket: Ticket, salt: str) -> int:
    return zlib.crc32(f"{ticket.id}/{salt}".encode())


def record_spent(ticket: Ticket) -> None:
    """Set ``spent`` on the events of ``ticket`` that close a piece of work."""
    if not ticket.events:
        return
    opened = ticket.events[0]["at"]
    implementing = None
    for event in ticket.events:
        kind = event["type"]
        if ticket.kind in ("incident", "request") and kind == "resolved":
            share = SHARES[_draw(ticket, event["id"]) % len(SHARES)]
            span = min(event["at"] - opened, timedelta(hours=6)) * share
            event["spent"] = _text(max(span, QUARTER))
        elif ticket.kind == "problem" and kind == "resolved":
            event["spent"] = _text(timedelta(hours=2 + _draw(ticket, event["id"]) % 7))
        elif ticket.kind == "change":
            if kind == "status" and event.get("to") == "implementing":
                implementing = event["at"]
            elif implementing is not None and kind in ("note", "rolled_back"):
                event["spent"] = _text(event["at"] - implementing)
                implementing = None
