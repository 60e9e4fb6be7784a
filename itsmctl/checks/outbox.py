"""The outbox: every notice file must parse and announce a real ``escalated`` event.

Outbox files are JSON beside the records, so no record loader reads them; this check
does, with the same rules ``escalate`` applies before sending (``itsmctl.notify.verify``),
so a pull request that adds or edits a notice fails ``validate`` before the cron job
ever sees it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from itsmctl.findings import Finding
from itsmctl.models import ServiceLevelAgreement, TicketBase
from itsmctl.notify.outbox import entries
from itsmctl.notify.verify import problem_findings, verify_entry
from itsmctl.store.snapshot import Snapshot


def check_outbox(snapshot: Snapshot) -> Iterator[Finding]:
    source = snapshot.source
    if source is None:
        return
    root = source.root

    def ticket_of(ticket_id: str) -> TicketBase | None:
        found = snapshot.get(ticket_id)
        return found if isinstance(found, TicketBase) else None

    def sla_of(sla_id: str) -> ServiceLevelAgreement | None:
        found = snapshot.get(sla_id)
        return found if isinstance(found, ServiceLevelAgreement) else None

    for entry in entries(root):
        verified = verify_entry(root, entry, ticket_of, snapshot.policy, sla_of)
        display = source.display(entry.path.relative_to(root).as_posix())
        yield from problem_findings(display, verified.problems)


def outbox_digest(root: Path) -> str:
    """A hash over the outbox's notice files (names and bytes): what ``check_outbox`` reads."""
    digest = hashlib.blake2b(digest_size=20)
    for entry in entries(root):
        digest.update(entry.path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        content = entry.notice.to_json() if entry.notice is not None else f"unreadable: {entry.error}"
        digest.update(content.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()
