"""A ticket's SLA clocks, kept in the content cache so a report need not work them out again
(``itsmctl report`` on a large store spends most of its time in the clocks).

A clock depends on the ticket's bytes, the policy (its priority matrix), the SLAs and calendars,
the callback surveys made for the ticket and ``now``.  Once every clock of a ticket has stopped
and nothing of it lies after ``now`` (no event, no callback), ``now`` no longer matters: any later
moment gives the same clocks.  Such **settled** results are kept by the ticket file's hash and a
hash over the policy, every SLA and calendar file and the ticket's callback times, and served at
any moment no earlier than the ticket's last event and callback.  The clocks of a ticket not
settled (one still running: a callback never made keeps its clock running) are kept for their
moment alone, so rendering the same report again (the other language, the other edition, a
rerun) finds them.  The cache's code fingerprint covers the engine itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl.cache import ContentCache
from itsmctl.cache.content import MISSING
from itsmctl.models import Survey, TicketBase
from itsmctl.sla.status import ClockStatus
from itsmctl.store.snapshot import Snapshot
from itsmctl.store.store import context_digest

CONTEXT_KINDS = ("sla", "calendar")
"""Besides the policy, the records a ticket's clocks read (callbacks are keyed per ticket)."""

Callbacks = tuple[list[datetime], list[datetime]]
"""The ticket's callback surveys: the times of those that reached the customer, and of the others."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_MOMENTS = ("started_at", "deadline", "stopped_at", "breached_at")


def _micros(moment: datetime | None) -> int | None:
    return None if moment is None else (moment - _EPOCH) // _MICRO


def encode(clock: ClockStatus) -> tuple[Any, ...] | None:
    """The clock as plain values (what marshal holds); None for one that cannot be kept exactly."""
    zone = clock.started_at.tzinfo
    if not isinstance(zone, ZoneInfo):
        return None
    values: list[Any] = []
    for name in ClockStatus.__dataclass_fields__:
        value = getattr(clock, name)
        if name in _MOMENTS:
            values.append(_micros(value))
        elif isinstance(value, tuple):
            values.append(list(value))
        else:
            values.append(value)
    return (zone.key, *values)


_NAMES = tuple(ClockStatus.__dataclass_fields__)
_MOMENT_AT = frozenset(i for i, name in enumerate(_NAMES) if name in _MOMENTS)
_YEARS_AT = _NAMES.index("estimated_years")


@lru_cache(maxsize=64)
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def decode(row: Any) -> ClockStatus | None:
    """A clock from ``encode``'s values; None for anything else (a damaged entry is recomputed)."""
    if not (isinstance(row, tuple) and len(row) == len(_NAMES) + 1 and isinstance(row[0], str)):
        return None
    try:
        zone = _zone(row[0])
        values = list(row[1:])
        for i in _MOMENT_AT:
            if values[i] is not None:
                values[i] = (_EPOCH + values[i] * _MICRO).astimezone(zone)
        values[_YEARS_AT] = tuple(values[_YEARS_AT])
        return ClockStatus(*values)
    except (TypeError, ValueError, KeyError, OverflowError):
        return None


def callback_times(snapshot: Snapshot) -> tuple[dict[str, list[datetime]], dict[str, list[datetime]]]:
    """Per ticket, the sorted times of its callback surveys that reached the customer, and of
    those that did not (``reached: false``)."""
    reached: dict[str, list[datetime]] = {}
    unreached: dict[str, list[datetime]] = {}
    for survey in snapshot.of_kind(Survey, "survey"):
        if survey.survey_type == "callback" and survey.ticket:
            (reached if survey.reached else unreached).setdefault(survey.ticket, []).append(survey.at)
    for times in (*reached.values(), *unreached.values()):
        times.sort()
    return reached, unreached


class ClockMemo:
    """The clocks of a store's tickets, read from and kept in its content cache.

    Built on the whole store as read; it serves only tickets that are records of it as they
    are (the same object): a ticket a report's as-of view cut at its moment, or a second file
    of a duplicated id, is worked out every time.
    """

    def __init__(self, cache: ContentCache, digests: dict[str, str], snapshot: Snapshot) -> None:
        self.cache = cache
        self.digests = digests
        self.snapshot = snapshot
        self.context = context_digest(digests, snapshot, CONTEXT_KINDS)
        self._files = {id(f.record): f.path for f in snapshot.files if isinstance(f.record, TicketBase)}
        self._all_callbacks: tuple[dict[str, list[datetime]], dict[str, list[datetime]]] | None = None

    def _callbacks_in_store(self, ticket_id: str) -> Callbacks:
        """The ticket's callback times in the whole store (a report's view leaves later ones out)."""
        if self._all_callbacks is None:
            self._all_callbacks = callback_times(self.snapshot)
        reached, unreached = self._all_callbacks
        return reached.get(ticket_id, []), unreached.get(ticket_id, [])

    def _key(self, ticket: TicketBase, callbacks: Callbacks, moment: datetime | None) -> tuple[str, str, str] | None:
        """(path, hash, context); with ``moment``, for a result valid at that moment only."""
        path = self._files.get(id(ticket))
        if path is None or path not in self.digests:
            return None
        reached, unreached = (",".join(str(_micros(at)) for at in times) for times in callbacks)
        at = "settled" if moment is None else f"at {_micros(moment)}"
        return path, self.digests[path], f"{self.context}:{reached}:{unreached}:{at}"

    def _settled_by(self, ticket: TicketBase, callbacks: Callbacks, now: datetime) -> bool:
        """Nothing of the ticket lies after ``now``: its log and callbacks are all the store holds."""
        if callbacks != self._callbacks_in_store(ticket.id):
            return False  # a callback after the moment, left out of a report's view
        last = max([e.at for e in ticket.events] + callbacks[0] + callbacks[1], default=None)
        return last is not None and last <= now

    def _found(self, key: tuple[str, str, str] | None, ticket: TicketBase) -> list[ClockStatus] | None:
        found = self.cache.clocks(*key) if key is not None else MISSING
        if found is MISSING or not isinstance(found, list):
            return None
        clocks = [decode(row) for row in found]
        if any(c is None or c.ticket_id != ticket.id for c in clocks):
            return None
        return [c for c in clocks if c is not None]

    def get(self, ticket: TicketBase, callbacks: Callbacks, now: datetime) -> list[ClockStatus] | None:
        """The ticket's clocks at ``now`` if kept and valid there, else None."""
        if id(ticket) not in self._files:
            return None
        if self._settled_by(ticket, callbacks, now):
            settled = self._found(self._key(ticket, callbacks, None), ticket)
            if settled is not None:
                return settled
        return self._found(self._key(ticket, callbacks, now), ticket)

    def keep(self, ticket: TicketBase, callbacks: Callbacks, now: datetime, clocks: list[ClockStatus]) -> None:
        """Keep the ticket's clocks: for any later moment when they are settled (every one stopped,
        nothing of the ticket after ``now``), else for ``now`` alone."""
        if id(ticket) not in self._files:
            return
        settled = self._settled_by(ticket, callbacks, now) and all(
            c.stopped_at is not None and c.stopped_at <= now for c in clocks
        )
        rows = [encode(c) for c in clocks]
        key = self._key(ticket, callbacks, None if settled else now)
        if key is None or any(row is None for row in rows):
            return
        self.cache.keep_clocks(*key, rows)

    def save(self) -> None:
        self.cache.save()
