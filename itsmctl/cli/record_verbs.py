"""What every verb on one non-ticket record file does at the edge: a day option, who acts and
when, the store's write lock, the line for the user, and the commit (``--commit/--no-commit``).

The CI, audit and management-review verbs share it; what each verb changes is in the core
(``itsmctl.cmdb``, ``itsmctl.quality``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from itsmctl import clock
from itsmctl.cli.output import emit, report_commit
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import acting
from itsmctl.clock import command_now, local_day
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.editing.record import RecordWritten
from itsmctl.errors import FieldError
from itsmctl.models import Policy
from itsmctl.store.store import Store
from itsmctl.vcs import commit_message


def parse_day(text: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option; FieldError naming the option for anything else."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(option.lstrip("-"), f"{text!r} is not a date like 2026-10-12") from None


@dataclass(frozen=True)
class Acting:
    """Who a writing command acts as, at which moment, under which policy, on the store it opened.

    ``store`` is the one store the command opened (for its policy); a verb reads the records it
    needs from it (``who.store.without_tickets()``) rather than opening the store again.
    """

    records: Path
    store: Store
    policy: Policy
    actor: str
    now: datetime

    @property
    def zone(self) -> tzinfo | None:
        return self.store.zone

    @property
    def today(self) -> date:
        """``now``'s day in the store's zone (23:30+08:00 is that day, not UTC's)."""
        return local_day(self.now, self.zone)

    def day(self, text: str | None, option: str) -> date:
        """A day option, ``--at``'s day when not given."""
        return parse_day(text, option) or self.today


def acting_at(records: Path, at: str | None, by: str | None) -> Acting:
    store = open_records(records)
    policy = store.policy
    actor = acting(records, policy, by)
    return Acting(records, store, policy, actor, command_now(at, store.zone, real=clock.real_now()))


def commit_written(
    who: Acting,
    written: RecordWritten | None,
    message: str,
    commit: bool | None,
    *,
    path: Path | None = None,
    found: bytes | None = None,
) -> None:
    """Commit the one file a verb wrote (``written``, or ``path`` with the bytes found before it)."""
    if written is not None:
        path, found = written.path, written.found
    assert path is not None
    wanted = who.policy.commit if commit is None else commit
    committed = commit_files(
        who.records,
        [path],
        message,
        author=author_of(who.policy, who.actor),
        commit=wanted,
        found={path: found} if found is not None else None,
    )
    report_commit(committed)


Verb = Callable[[Acting], tuple[RecordWritten, str, str]]
"""Does the edit; returns what was written, the action for the commit line and the line for the user."""


def run_verb(noun: str, records: Path, at: str | None, by: str | None, commit: bool | None, verb: Verb) -> int:
    """``verb`` under the store's write lock as the ``--by`` person at ``--at``, then committed."""
    who = acting_at(records, at, by)
    with store_write(records):
        written, action, line = verb(who)
        emit(f"{written.record_id}: {line}\n")
        commit_written(who, written, commit_message(written.record_id, f"{noun} {action}", who.actor, "", {}), commit)
    return 0
