"""``itsmctl review …``: the management review (管理评审, docs/quality.md) by command.

hold → input (the seven inputs) → decide → action → done, and ``list``.  Each writing verb
edits the review's one file through ``itsmctl.quality.review`` and commits it
(``--commit/--no-commit``, ``--by``).  Not ``check --base``, which reviews a pull request.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, get_args

import typer

from itsmctl import clock
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, report_commit
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import acting
from itsmctl.clock import command_now, parse_at
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.editing.record import RecordWritten
from itsmctl.errors import FieldError
from itsmctl.exits import CommandResult
from itsmctl.models import ManagementReview, Policy
from itsmctl.models.labels import id_of
from itsmctl.models.quality import ReviewInput
from itsmctl.quality import review as core
from itsmctl.reporters.audits import REVIEW_LIST_REPORTERS
from itsmctl.tickets.actions import require_person
from itsmctl.tickets.edit import policy_zone
from itsmctl.vcs import commit_message

app = typer.Typer(
    help="管理评审 Management reviews: 召开 hold → 输入 input → 决议 decide → 措施 action → 完成 done; list.",
    no_args_is_help=True,
)

ReviewArg = Annotated[str, typer.Argument(help="评审编号 The review's id, e.g. MR-2026.")]
OnOption = Annotated[str | None, typer.Option("--on", help="日期 The day (YYYY-MM-DD; default: --at's).")]
TOPICS: tuple[str, ...] = get_args(ReviewInput.model_fields["topic"].annotation)
ReviewListFormat = choice("ReviewListFormat", REVIEW_LIST_REPORTERS)


def _day(text: str | None, option: str, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(option.lstrip("-"), f"{text!r} is not a date like 2026-11-13") from None


def _context(records: Path, at: str | None, by: str | None) -> tuple[Policy, str, date]:
    policy = open_records(records).policy
    actor = acting(records, policy, by)
    return policy, actor, command_now(at, policy_zone(policy), real=clock.real_now()).date()


def _commit(records: Path, policy: Policy, written: RecordWritten, verb: str, actor: str, commit: bool | None) -> None:
    message = commit_message(written.record_id, f"review {verb}", actor, "", {})
    wanted = policy.commit if commit is None else commit
    found = {written.path: written.found} if written.found is not None else None
    committed = commit_files(
        records, [written.path], message, author=author_of(policy, actor), commit=wanted, found=found
    )
    report_commit(committed)


@app.command("hold")
def hold(
    review_id: ReviewArg,
    title: Annotated[str, typer.Option("--title", help="标题 The review's title.")],
    chair: Annotated[str, typer.Option("--chair", help="主持 Who chairs it (policy person).")],
    attendee: Annotated[list[str] | None, typer.Option("--attendee", help="参加人 An attendee (repeat).")] = None,
    on: OnOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """召开管理评审 Write the review: the day it is held, its chair and attendees."""
    policy, actor, today = _context(records, at, by)
    people = [require_person(policy, p, "attendee") for p in attendee or []]
    with store_write(records):
        written = core.hold_review(
            records, review_id, title, _day(on, "--on", today), require_person(policy, chair, "chair"), people,
            policy=policy,
        )  # fmt: skip
        emit(f"{written.record_id}: held on {written.record.held_on}, {len(written.record.attendees)} attendee(s)\n")
        _commit(records, policy, written, "hold", actor, commit)
    return 0


@app.command("input")
def input_(
    review_id: ReviewArg,
    topic: Annotated[str, typer.Argument(help="输入 " + ", ".join(TOPICS) + " (or its Chinese name).")],
    summary: Annotated[str, typer.Option("--summary", help="摘要 What the input says.")],
    source: Annotated[str | None, typer.Option("--source", help="来源 Where it comes from.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """评审输入 Add one of the seven inputs (seed 003 §5.3.2)."""
    policy, actor, _ = _context(records, at, by)
    chosen = id_of("review_topic", topic) or topic
    if chosen not in TOPICS:
        raise FieldError("topic", f"{topic!r} is not an input: {', '.join(TOPICS)}")
    with store_write(records):
        written = core.add_input(records, review_id, chosen, summary, source, policy=policy)
        given = {i.topic for i in written.record.inputs}
        missing = [t for t in TOPICS if t not in given and t != "other"]
        emit(f"{written.record_id}: input {chosen}; still missing: {', '.join(missing) or 'none'}\n")
        _commit(records, policy, written, f"input {chosen}", actor, commit)
    return 0


@app.command("decide")
def decide(
    review_id: ReviewArg,
    decision: Annotated[str, typer.Argument(help="决议 The decision.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """评审决议 Add a decision."""
    policy, actor, _ = _context(records, at, by)
    with store_write(records):
        written = core.add_decision(records, review_id, decision, policy=policy)
        emit(f"{written.record_id}: decision {len(written.record.decisions)} recorded\n")
        _commit(records, policy, written, "decide", actor, commit)
    return 0


@app.command("action")
def action(
    review_id: ReviewArg,
    what: Annotated[str, typer.Option("--action", help="措施 What will be done.")],
    owner: Annotated[str, typer.Option("--owner", help="责任人 Who does it (policy person).")],
    due: Annotated[str, typer.Option("--due", help="期限 By when (YYYY-MM-DD).")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """改进措施 Add an action with owner and due day."""
    policy, actor, today = _context(records, at, by)
    person = require_person(policy, owner, "owner")
    with store_write(records):
        written, action_id = core.add_action(records, review_id, what, person, _day(due, "--due", today), policy=policy)
        emit(f"{written.record_id}: action {action_id} for {person}, due {due}\n")
        _commit(records, policy, written, f"action {action_id}", actor, commit)
    return 0


@app.command("done")
def done(
    review_id: ReviewArg,
    action_id: Annotated[str, typer.Argument(help="措施编号 The action's id, e.g. a2.")],
    on: OnOption = None,
    started: Annotated[bool, typer.Option("--started", help="进行中 Only started (in progress).")] = False,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """措施完成 Mark an action done (or --started)."""
    policy, actor, today = _context(records, at, by)
    with store_write(records):
        written = core.finish_action(
            records, review_id, action_id, _day(on, "--on", today), started=started, policy=policy
        )
        emit(f"{written.record_id}: action {action_id} {'in progress' if started else 'done'}\n")
        _commit(records, policy, written, f"done {action_id}", actor, commit)
    return 0


@app.command("list")
def list_(
    format: Annotated[ReviewListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """评审列表 Each review: when, its inputs missing, its actions not done (overdue ones at --at)."""
    now = parse_at(at)
    store = open_records(records)
    reviews = sorted(store.snapshot().of_kind(ManagementReview, "review"), key=lambda r: r.held_on)
    emit(REVIEW_LIST_REPORTERS[str(getattr(format, "value", format))](reviews, now.date()))
    return finish(CommandResult(left_out=store.left_out()))
