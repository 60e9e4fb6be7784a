"""``itsmctl release …``: a release through its whole life (发布管理, docs/releases.md).

new → approve → deploy → verify → accept, or rollback; ``list`` and ``show``.  Each writing
verb edits the release's one file through ``itsmctl.releases.record`` and commits it as the
other record verbs do (``itsmctl.cli.record_verbs``: ``--commit/--no-commit``, ``--by``, ``--at``).
"""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, emit_listing
from itsmctl.cli.record_verbs import Acting, run_verb
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import moment
from itsmctl.clock import parse_at
from itsmctl.editing.record import RecordWritten, read_record
from itsmctl.errors import FieldError
from itsmctl.models import Release
from itsmctl.models.labels import id_of, label
from itsmctl.models.release import ReleaseStage, Verification
from itsmctl.releases import record as core
from itsmctl.reporters.releases import RELEASE_LIST_REPORTERS, RELEASE_SHOW_REPORTERS
from itsmctl.tickets.actions import require_person

app = typer.Typer(
    help="发布管理 Releases: 新建 new → 批准 approve → 部署 deploy → 验证 verify → 验收 accept, "
    "或回退 rollback; list, show.",
    no_args_is_help=True,
)

ReleaseArg = Annotated[str, typer.Argument(help="发布编号 The release's id, e.g. REL-2026-11-01.")]
NotesOption = Annotated[str | None, typer.Option("--notes", help="说明 Notes.")]
ReleaseListFormat = choice("ReleaseListFormat", RELEASE_LIST_REPORTERS)
ReleaseShowFormat = choice("ReleaseShowFormat", RELEASE_SHOW_REPORTERS)
ReleaseResult = choice("ReleaseResult", get_args(Verification.model_fields["result"].annotation))
STAGES: tuple[str, ...] = get_args(ReleaseStage)
Done = tuple[RecordWritten, str, str]


def _stage_line(written: RecordWritten) -> str:
    stage = written.record.stage
    return f"{label('zh', 'release_stage', stage)} {stage}"


@app.command("new")
def new(
    title: Annotated[str, typer.Option("--title", help="标题 The release's title.")],
    change: Annotated[list[str], typer.Option("--change", help="变更 A change it includes, CHG-… (repeat).")],
    window_start: Annotated[str, typer.Option("--window-start", help="窗口开始 Planned start (ISO time).")],
    window_end: Annotated[str, typer.Option("--window-end", help="窗口结束 Planned end (ISO time).")],
    rollback: Annotated[str, typer.Option("--rollback", help="回退方案 The rollback plan: how to go back.")],
    owner: Annotated[str | None, typer.Option("--owner", help="负责人 Who is in charge (default: --by).")] = None,
    step: Annotated[list[str] | None, typer.Option("--step", help="步骤 A step of the plan (repeat).")] = None,
    known_error: Annotated[
        list[str] | None,
        typer.Option(
            "--known-error", help="已知错误 A known error it ships with: PRB-…, PRB-…: TEXT, or TEXT (repeat)."
        ),
    ] = None,
    record_id: Annotated[
        str | None, typer.Option("--id", help="编号 The release's id (default REL-<year>-<month>-NN of the window).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """新建发布 Plan a release: its changes, window, owner, steps, rollback plan and known errors."""

    def verb(who: Acting) -> Done:
        start = moment(window_start, who.policy, "--window-start")
        end = moment(window_end, who.policy, "--window-end")
        assert start is not None and end is not None
        if end <= start:
            raise FieldError("window_end", f"the window ends {end.isoformat()}, not after it starts")
        plan = core.ReleasePlanInput(
            title=title,
            changes=[c.strip() for c in change],
            window_start=start,
            window_end=end,
            owner=require_person(who.policy, owner, "owner") if owner else who.actor,
            rollback_plan=rollback,
            steps=step or (),
            known_errors=known_error or (),
            record_id=record_id,
        )
        written = core.new_release(records, plan, policy=who.policy)
        count = len(written.record.changes)
        return written, "new", f"planned {start.isoformat()}–{end.isoformat()}, {count} change(s)"

    return run_verb("release", records, at, by, commit, verb)


@app.command("approve")
def approve(
    release_id: ReleaseArg,
    notes: NotesOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """批准发布 Approve the release plan, as the --by person (a rollback plan is needed)."""

    def verb(who: Acting) -> Done:
        written = core.approve_release(records, release_id, who.actor, who.now, notes, policy=who.policy)
        return written, "approve", f"{_stage_line(written)} by {who.actor}"

    return run_verb("release", records, at, by, commit, verb)


@app.command("deploy")
def deploy(
    release_id: ReleaseArg,
    notes: NotesOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """部署发布 Record the deployment of an approved release, by --by at --at."""

    def verb(who: Acting) -> Done:
        written = core.deploy_release(records, release_id, who.actor, who.now, notes, policy=who.policy)
        return written, "deploy", f"{_stage_line(written)} at {who.now.isoformat()}"

    return run_verb("release", records, at, by, commit, verb)


@app.command("verify")
def verify(
    release_id: ReleaseArg,
    result: Annotated[ReleaseResult, typer.Option("--result", help="验证结果 pass (通过) or fail (未通过).")],  # type: ignore[valid-type]
    notes: NotesOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """验证发布 Record the verification of a deployed release: pass, or fail (then roll back)."""
    verdict = str(getattr(result, "value", result))

    def verb(who: Acting) -> Done:
        written = core.verify_release(records, release_id, who.actor, who.now, verdict, notes, policy=who.policy)
        return written, f"verify {verdict}", f"{_stage_line(written)} by {who.actor}"

    return run_verb("release", records, at, by, commit, verb)


@app.command("accept")
def accept(
    release_id: ReleaseArg,
    by_customer: Annotated[
        str, typer.Option("--by-customer", help="验收人 The customer's person who accepts, as they sign.")
    ],
    conclusion: Annotated[str | None, typer.Option("--conclusion", help="验收结论 The conclusion.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="验收日期 The day (YYYY-MM-DD; default: --at's).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """客户验收 Record the customer's acceptance of a verified release."""
    if not by_customer.strip():
        raise FieldError("by_customer", "name the customer's person who accepts the release")

    def verb(who: Acting) -> Done:
        day = who.day(on, "--on")
        written = core.accept_release(records, release_id, by_customer.strip(), day, conclusion, policy=who.policy)
        return written, "accept", f"{_stage_line(written)} by {by_customer.strip()} on {day}"

    return run_verb("release", records, at, by, commit, verb)


@app.command("rollback")
def rollback(
    release_id: ReleaseArg,
    reason: Annotated[str, typer.Option("--reason", help="回退原因 Why it was rolled back.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """回退发布 Record that a deployed release was rolled back by its rollback plan."""

    def verb(who: Acting) -> Done:
        written = core.rollback_release(records, release_id, who.actor, who.now, reason, policy=who.policy)
        return written, "rollback", f"{_stage_line(written)} by {who.actor}"

    return run_verb("release", records, at, by, commit, verb)


@app.command("list")
def list_(
    stage: Annotated[
        str | None, typer.Option("--stage", help="阶段 Only releases at this stage: " + ", ".join(STAGES) + ".")
    ] = None,
    format: Annotated[ReleaseListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """发布列表 Each release: its window, stage, changes and title."""
    parse_at(at)
    wanted = (id_of("release_stage", stage.strip()) or stage.strip()) if stage is not None else None
    if wanted is not None and wanted not in STAGES:
        raise FieldError("stage", f"{stage!r} is not a stage: {', '.join(STAGES)}")
    store = open_records(records)
    releases = sorted(store.without_tickets().of_kind(Release, core.KIND), key=lambda r: r.plan.window_start)
    shown = [r for r in releases if wanted is None or r.stage == wanted]
    return emit_listing(RELEASE_LIST_REPORTERS, format, shown, store=store)


@app.command("show")
def show(
    release_id: ReleaseArg,
    format: Annotated[ReleaseShowFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """发布详情 One release in full: plan, changes, known errors, rollback plan and each step done."""
    parse_at(at)
    store = open_records(records)
    release = read_record(records, core.KIND, release_id, policy=store.policy)[2]
    emit(RELEASE_SHOW_REPORTERS[str(getattr(format, "value", format))](release))
    return 0
