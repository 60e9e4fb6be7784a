"""The rule book run on every record a snapshot holds: the file side of ``itsmctl.rules``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

from itsmctl.findings import Finding
from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.rules import RULES, violations
from itsmctl.rules.context import snapshot_context
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot


class RuleVerdicts(Protocol):
    """What the rule book found in a file before, if its bytes and the rule context are the same."""

    def get(self, loaded: LoadedFile) -> list[Finding] | None: ...

    def keep(self, loaded: LoadedFile, findings: list[Finding]) -> None: ...


def check_rules(snapshot: Snapshot, verdicts: RuleVerdicts | None = None) -> Iterator[Finding]:
    """Every violation of the rule book, as a finding placed at its field.

    A rule looks only at its record and the rule context (the policy, the ticket's business
    calendar), so a file's findings are a function of its bytes and that context: ``verdicts``
    gives back those of files judged before and keeps the new ones.  The rules that read
    other records (``Rule.cross_record``) are not among them: ``check_cross_rules`` runs those.
    """
    ctx = snapshot_context(snapshot)
    for kind in sorted(snapshot.by_kind):
        for loaded in snapshot.by_kind[kind]:
            if loaded.record is None:
                continue
            known = verdicts.get(loaded) if verdicts is not None else None
            if known is not None:
                yield from known
                continue
            found = [
                loaded.finding(v.path, v.code, v.message, v.severity)
                for v in violations(loaded.record, ctx, cross_record=False)
            ]
            if verdicts is not None:
                verdicts.keep(loaded, found)
            yield from found


def check_cross_rules(snapshot: Snapshot) -> Iterator[Finding]:
    """The rules that read other records (a CI's log names approved changes, a closed change's
    CIs log it), on every run and never from the verdict cache.

    A file's verdict under such a rule depends on other files too (a change edited, a CI
    removed), which the per-file verdict key (the file's bytes and the policy, SLAs and
    calendars) does not cover; keying it by every record it may read would drop the cache for
    all files whenever any ticket changed.  These rules are a dictionary lookup per CI and
    change named, so running them each time costs little.
    """
    ctx = snapshot_context(snapshot)
    for kind in sorted({k for r in RULES if r.cross_record for k in r.kinds}):
        for loaded in snapshot.by_kind.get(kind, []):
            if loaded.record is None:
                continue
            for v in violations(loaded.record, ctx, cross_record=True):
                yield loaded.finding(v.path, v.code, v.message, v.severity)


def check_future_events(snapshot: Snapshot, now: datetime) -> Iterator[Finding]:
    """A warning for each ticket event later than ``now`` (the check time): usually a typo in ``--at``.

    A warning, not an error: a store checked with an early ``--at`` is not broken.  The
    first such event of each ticket is reported (the rest follow from it).
    """
    for kind in TICKET_KINDS:
        for loaded in snapshot.by_kind.get(kind, []):
            ticket = loaded.record
            assert isinstance(ticket, TicketBase)
            for i, event in enumerate(ticket.events):
                if event.at > now:
                    yield loaded.finding(
                        ("events", i, "at"),
                        "future",
                        f"event {event.id} ({event.type}) is dated {event.at.isoformat()}, later than the check "
                        f"time {now.isoformat(timespec='seconds')}; a mistyped --at? every later command on this "
                        "ticket is refused until it is corrected",
                        "warning",
                    )
                    break


def latest_event(snapshot: Snapshot) -> datetime | None:
    """The latest event of any ticket: a "now" at or after it can see no event in the future."""
    latest: datetime | None = None
    for kind in TICKET_KINDS:
        for loaded in snapshot.by_kind.get(kind, []):
            ticket = loaded.record
            assert isinstance(ticket, TicketBase)
            for event in ticket.events:
                if latest is None or event.at > latest:
                    latest = event.at
    return latest
