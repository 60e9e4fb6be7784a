"""What every ``itsmctl ticket`` verb shares: the options, the actor, the commit.

Every verb takes the ticket id, ``--by`` (else ``ITSMCTL_USER``, else the policy person whose
email is git's user.email), ``--at`` (the event time; default now), ``--records`` and
``--commit/--no-commit`` (default: the policy's ``commit:``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from itsmctl import clock
from itsmctl.cli.hints import flag_for
from itsmctl.cli.output import emit, note, report_commit
from itsmctl.cli.records import open_records
from itsmctl.clock import command_now, parse_time
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.errors import UsageError
from itsmctl.models import Policy
from itsmctl.tickets.actions import Outcome, actor_for, perform
from itsmctl.tickets.edit import policy_zone
from itsmctl.tickets.requests import VerbRequest
from itsmctl.vcs import commit_message, git_identity

IdArg = Annotated[str, typer.Argument(help="工单号 Ticket id, e.g. INC-2611-7KQ3P.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="备注 A remark to keep with the event.")]


def acting(records: Path, policy: Policy, by: str | None) -> str:
    """Who a writing command acts as: ``--by``, else the policy person with git's ``user.email``."""
    identity = git_identity(records) if by is None else None
    return actor_for(policy, by, identity.email if identity else None)


def parse_dims(items: list[str] | None) -> dict[str, str]:
    """``--dim NAME=LEVEL`` options (repeated) as the priority matrix's inputs."""
    dimensions: dict[str, str] = {}
    for item in items or []:
        name, sep, level = item.partition("=")
        if not sep:
            raise UsageError(f"--dim {item!r}: write NAME=LEVEL, e.g. --dim urgency=urgent")
        dimensions[name.strip()] = level.strip()
    return dimensions


DimOption = Annotated[
    list[str] | None,
    typer.Option("--dim", help="Priority input DIMENSION=LEVEL, each by id or 中文名 (紧急程度=紧急), repeat."),
]


def now_for(at: str | None, policy: Policy) -> datetime:
    """'Now' for a writing command: ``--at`` (not in the future) or the real clock in the policy's zone."""
    return command_now(at, policy_zone(policy), real=clock.real_now())


def moment(text: str | None, policy: Policy, option: str) -> datetime | None:
    """An ISO 8601 time from an option; a time without offset takes the policy's zone."""
    if text is None:
        return None
    return parse_time(text, option, zone=policy_zone(policy), example="2026-11-02T20:00+08:00")


def commit_outcome(
    records: Path, policy: Policy, outcome: Outcome, actor: str, commit: bool | None, summary: str
) -> None:
    """Commit the files a command wrote, with a message naming ticket, action and actor."""
    message = commit_message(
        outcome.ticket_id,
        outcome.action,
        actor,
        summary,
        {"Itsm-Events": " ".join(str(e.get("id")) for e in outcome.events)} if outcome.events else None,
    )
    wanted = policy.commit if commit is None else commit
    committed = commit_files(
        records, outcome.paths, message, author=author_of(policy, actor), commit=wanted, found=outcome.found
    )
    report_commit(committed)


def _plan_state(ticket_id: str, missing: tuple[str, ...]) -> str:
    """What the change plan still lacks before approval, with the options that fill it in."""
    if not missing:
        return (
            "变更方案完整 / plan complete: it can be approved once assessed "
            f"(itsmctl ticket approve {ticket_id} --approver … --method …)"
        )
    parts = ", ".join(f"{m} ({flag_for(m)})" for m in missing)
    return f"变更方案仍缺 / plan still missing (needed before approval): {parts}"


RequestFor = VerbRequest | Callable[[Policy], VerbRequest]
"""A verb's request, or how to build it once the policy is known (times without an offset take its zone)."""


def run_verb(
    request: RequestFor, ticket_id: str, records: Path, at: str | None, by: str | None, commit: bool | None
) -> int:
    """The path every lifecycle verb takes: one store, its policy read once."""
    store = open_records(records)
    policy = store.policy
    actor = acting(records, policy, by)
    now = now_for(at, policy)
    typed = request if isinstance(request, VerbRequest) else request(policy)
    with store_write(records):  # from reading the ticket to its commit: no other command in between
        outcome = perform(store, ticket_id, typed, actor=actor, now=now)
        _report_and_commit(records, policy, outcome, typed.verb, actor, commit)
    return 0


def _report_and_commit(
    records: Path, policy: Policy, outcome: Outcome, verb: str, actor: str, commit: bool | None
) -> None:
    change = (
        f"{outcome.old_status} -> {outcome.new_status}"
        if outcome.old_status != outcome.new_status
        else outcome.new_status
    )
    events = ", ".join(f"{e['id']} {e['type']}" for e in outcome.events)
    emit(f"{outcome.ticket_id}: {verb}: {change} ({events})\n")
    if outcome.still_missing is not None:
        note(_plan_state(outcome.ticket_id, outcome.still_missing))
    commit_outcome(records, policy, outcome, actor, commit, f"{change}\n{events}")
