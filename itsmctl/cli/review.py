"""``itsmctl review …``: the management review (管理评审, docs/quality.md) by command.

hold → input (the seven inputs) → decide → action → done, and ``list``.  Each writing verb
edits the review's one file through ``itsmctl.quality.review`` and commits it
(``itsmctl.cli.record_verbs``).  Not ``check --base``, which reviews a pull request.
"""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from itsmctl.checks.quality import missing_inputs
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit_listing
from itsmctl.cli.record_verbs import Acting, run_verb
from itsmctl.cli.records import open_records
from itsmctl.clock import local_day, parse_at
from itsmctl.editing.record import RecordWritten
from itsmctl.errors import FieldError
from itsmctl.models import ManagementReview
from itsmctl.models.labels import id_of
from itsmctl.models.quality import ReviewInput
from itsmctl.quality import review as core
from itsmctl.reporters.audits import REVIEW_LIST_REPORTERS
from itsmctl.tickets.actions import require_person

app = typer.Typer(
    help="管理评审 Management reviews: 召开 hold → 输入 input → 决议 decide → 措施 action → 完成 done; list.",
    no_args_is_help=True,
)

ReviewArg = Annotated[str, typer.Argument(help="评审编号 The review's id, e.g. MR-2026.")]
OnOption = Annotated[str | None, typer.Option("--on", help="日期 The day (YYYY-MM-DD; default: --at's).")]
TOPICS: tuple[str, ...] = get_args(ReviewInput.model_fields["topic"].annotation)
ReviewListFormat = choice("ReviewListFormat", REVIEW_LIST_REPORTERS)
Done = tuple[RecordWritten, str, str]


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

    def verb(who: Acting) -> Done:
        people = [require_person(who.policy, p, "attendee") for p in attendee or []]
        head = require_person(who.policy, chair, "chair")
        written = core.hold_review(records, review_id, title, who.day(on, "--on"), head, people, policy=who.policy)
        record = written.record
        return written, "hold", f"held on {record.held_on}, {len(record.attendees)} attendee(s)"

    return run_verb("review", records, at, by, commit, verb)


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
    chosen = id_of("topic", topic.strip()) or topic
    if chosen not in TOPICS:
        raise FieldError("topic", f"{topic!r} is not an input: {', '.join(TOPICS)}")

    def verb(who: Acting) -> Done:
        written = core.add_input(records, review_id, chosen, summary, source, policy=who.policy)
        missing = ", ".join(missing_inputs(written.record)) or "none"
        return written, f"input {chosen}", f"input {chosen}; still missing: {missing}"

    return run_verb("review", records, at, by, commit, verb)


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

    def verb(who: Acting) -> Done:
        written = core.add_decision(records, review_id, decision, policy=who.policy)
        return written, "decide", f"decision {len(written.record.decisions)} recorded"

    return run_verb("review", records, at, by, commit, verb)


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

    def verb(who: Acting) -> Done:
        person = require_person(who.policy, owner, "owner")
        day = who.day(due, "--due")
        written, action_id = core.add_action(records, review_id, what, person, day, policy=who.policy)
        return written, f"action {action_id}", f"action {action_id} for {person}, due {day}"

    return run_verb("review", records, at, by, commit, verb)


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

    def verb(who: Acting) -> Done:
        day = who.day(on, "--on")
        written = core.finish_action(records, review_id, action_id, day, started=started, policy=who.policy)
        return written, f"done {action_id}", f"action {action_id} {'in progress' if started else 'done'}"

    return run_verb("review", records, at, by, commit, verb)


@app.command("list")
def list_(
    format: Annotated[ReviewListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """评审列表 Each review: when, its inputs missing, its actions not done (overdue ones at --at)."""
    now = parse_at(at)
    store = open_records(records)
    reviews = sorted(store.without_tickets().of_kind(ManagementReview, "review"), key=lambda r: r.held_on)
    return emit_listing(REVIEW_LIST_REPORTERS, format, reviews, local_day(now, store.zone), store=store)
