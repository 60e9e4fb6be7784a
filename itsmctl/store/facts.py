"""Compact facts about a record, kept in the content cache so a command can choose which files
to load before loading any: kind, id and, for a ticket, the span of its event log and whether
it ends closed.

Facts are kept per file with the hash of the bytes they came from and the policy's default
zone they were read with (times written without an offset depend on it); any other bytes or
zone and they are unknown, and the file is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple

from itsmctl.models import TicketBase
from itsmctl.models.eventlog import is_open
from itsmctl.store.loader import LoadedFile


class RecordFacts(NamedTuple):
    """A tuple, so that 100,000 of them come out of the cache in a blink."""

    kind: str
    id: str
    first_event: float | None = None
    """The first event's moment, seconds since 1970 (None for a record that is not a ticket)."""
    last_event: float | None = None
    closed: bool = False
    """The event log ends in a final status (replayed, as ``ticket list --open`` reads it)."""

    @property
    def is_ticket(self) -> bool:
        return self.first_event is not None

    def closed_by(self, now: datetime) -> bool:
        """Whether the ticket is closed at ``now`` and no event of it lies after ``now``."""
        return self.closed and self.last_event is not None and self.last_event <= now.timestamp()

    def encode(self) -> tuple[Any, ...]:
        return tuple(self)

    @classmethod
    def decode(cls, value: Any) -> RecordFacts | None:
        """Facts from the cache; None for anything that is not what ``encode`` wrote."""
        if not (isinstance(value, tuple) and len(value) == 5):
            return None
        kind, record_id, first, last, closed = value
        if not (isinstance(kind, str) and isinstance(record_id, str) and isinstance(closed, bool)):
            return None
        if not ((first is None or type(first) is float) and (last is None or type(last) is float)):
            return None
        return cls._make(value)


def facts_of(loaded: LoadedFile) -> RecordFacts | None:
    """The facts of a loaded file, read once (the cache and the estimated-year check both ask);
    None for a file that did not load."""
    if isinstance(loaded.facts, RecordFacts):
        return loaded.facts
    loaded.facts = _read_facts(loaded)
    return loaded.facts


def _read_facts(loaded: LoadedFile) -> RecordFacts | None:
    record = loaded.record
    if record is None or loaded.kind is None or loaded.id is None or loaded.findings:
        return None
    if isinstance(record, TicketBase):
        if not record.events:
            return None
        times = [event.at.timestamp() for event in record.events]
        return RecordFacts(loaded.kind, loaded.id, min(times), max(times), not is_open(record))
    return RecordFacts(loaded.kind, loaded.id)


def open_tickets(now: datetime, also: Iterable[str] = ()) -> Callable[[Any], Callable[[RecordFacts], bool]]:
    """For ``Store.partial``: tickets not closed at ``now`` (and those named in ``also``)."""
    named = frozenset(also)

    def select(_: Any) -> Callable[[RecordFacts], bool]:
        return lambda facts: not facts.closed_by(now) or facts.id in named

    return select
