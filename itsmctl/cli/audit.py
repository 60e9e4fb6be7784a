"""``itsmctl audit …``: an internal audit through its whole life (内部审核, docs/quality.md).

plan → check → nc → action → done → verify → conclude → close, and ``list``/``show``.
Each writing verb edits the audit's one file through ``itsmctl.quality.audit`` and commits
it as the ticket verbs commit theirs (``--commit/--no-commit``, ``--by``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from itsmctl import clock
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, report_commit
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import acting
from itsmctl.clock import command_now, parse_at
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.editing.record import RecordWritten, read_record
from itsmctl.errors import FieldError
from itsmctl.exits import CommandResult
from itsmctl.models import Audit, Policy
from itsmctl.models.labels import id_of
from itsmctl.quality import audit as core
from itsmctl.reporters.audits import AUDIT_LIST_REPORTERS
from itsmctl.tickets.actions import require_person
from itsmctl.tickets.edit import policy_zone
from itsmctl.vcs import commit_message

app = typer.Typer(
    help="内部审核 Audits: 计划 plan → 检查 check → 不符合 nc → 整改 action → 完成 done → 验证 verify → "
    "结论 conclude → 关闭 close; list, show.",
    no_args_is_help=True,
)

AuditArg = Annotated[str, typer.Argument(help="审核编号 The audit's id, e.g. AUD-2026-H2.")]
NcArg = Annotated[str, typer.Argument(help="不符合项 The nonconformity's id, e.g. nc1.")]
NumberArg = Annotated[int, typer.Argument(help="整改措施序号 The corrective action's number within it (1, 2, …).")]
OnOption = Annotated[str | None, typer.Option("--on", help="日期 The day (YYYY-MM-DD; default: --at's).")]
AuditListFormat = choice("AuditListFormat", AUDIT_LIST_REPORTERS)
RESULTS = ("conform", "nonconform", "observation", "not_applicable")


def _day(text: str | None, option: str, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(option.lstrip("-"), f"{text!r} is not a date like 2026-10-12") from None


def _context(records: Path, at: str | None, by: str | None) -> tuple[Policy, str, date]:
    policy = open_records(records).policy
    actor = acting(records, policy, by)
    now = command_now(at, policy_zone(policy), real=clock.real_now())
    return policy, actor, now.date()


def _commit(records: Path, policy: Policy, written: RecordWritten, verb: str, actor: str, commit: bool | None) -> None:
    message = commit_message(written.record_id, f"audit {verb}", actor, "", {})
    wanted = policy.commit if commit is None else commit
    found = {written.path: written.found} if written.found is not None else None
    committed = commit_files(
        records, [written.path], message, author=author_of(policy, actor), commit=wanted, found=found
    )
    report_commit(committed)


@app.command("plan")
def plan(
    audit_id: AuditArg,
    title: Annotated[str, typer.Option("--title", help="标题 The audit's title.")],
    start: Annotated[str, typer.Option("--start", help="开始 First day (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option("--end", help="结束 Last day (YYYY-MM-DD).")],
    lead: Annotated[str, typer.Option("--lead", help="组长 The lead auditor (policy person).")],
    scope: Annotated[str, typer.Option("--scope", help="范围 What is audited.")],
    auditor: Annotated[list[str] | None, typer.Option("--auditor", help="审核员 An auditor (repeat).")] = None,
    criterion: Annotated[list[str] | None, typer.Option("--criterion", help="依据 A criterion (repeat).")] = None,
    item: Annotated[
        list[str] | None, typer.Option("--item", help="检查项 AREA:QUESTION, AREA people|resources|technology|process.")
    ] = None,
    checklist_from: Annotated[
        str | None, typer.Option("--checklist-from", help="沿用 Ask again the questions of this earlier audit.")
    ] = None,
    audit_type: Annotated[str, typer.Option("--type", help="类型 internal, external or configuration.")] = "internal",
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """计划审核 Plan an audit: days, lead and auditors, scope, criteria and its checklist."""
    policy, actor, today = _context(records, at, by)
    people = [require_person(policy, lead, "lead"), *(require_person(policy, a, "auditor") for a in auditor or [])]
    items = []
    for text in item or []:
        area, sep, question = text.partition(":")
        if not sep or not question.strip():
            raise FieldError("item", f"--item {text!r}: write AREA:QUESTION, e.g. process:事件是否 1 小时内响应")
        items.append((core.area_of(area), question.strip()))
    earlier = read_record(records, "audit", checklist_from, policy=policy)[2] if checklist_from else None
    given = core.AuditPlanInput(
        audit_id,
        title,
        _day(start, "--start", today),
        _day(end, "--end", today),
        people[0],
        scope,
        auditors=people[1:],
        criteria=criterion or (),
        audit_type=audit_type,
        items=items,
        checklist_from=earlier,
    )
    with store_write(records):
        written = core.plan_audit(records, given, policy=policy)
        count = len(written.record.checklist)
        emit(f"{written.record_id}: planned {given.start}–{given.end}, {count} checklist item(s)\n")
        _commit(records, policy, written, "plan", actor, commit)
    return 0


@app.command("check")
def check(
    audit_id: AuditArg,
    item_id: Annotated[str, typer.Argument(help="检查项 The checklist item's id, e.g. c3.")],
    result: Annotated[str, typer.Option("--result", help="结果 conform, nonconform, observation, not_applicable.")],
    evidence: Annotated[str | None, typer.Option("--evidence", help="证据 What was seen.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """记录检查结果 Record a checklist item's result and evidence."""
    policy, actor, _ = _context(records, at, by)
    verdict = id_of("audit_result", result) or result
    if verdict not in RESULTS:
        raise FieldError("result", f"--result {result!r}: one of {', '.join(RESULTS)}")
    with store_write(records):
        written = core.check_item(records, audit_id, item_id, verdict, evidence, policy=policy)
        emit(f"{written.record_id}: {item_id} {verdict}\n")
        _commit(records, policy, written, f"check {item_id}", actor, commit)
    return 0


@app.command("nc")
def nc(
    audit_id: AuditArg,
    item_id: Annotated[str | None, typer.Argument(help="检查项 The checklist item it is found against.")] = None,
    severity: Annotated[str, typer.Option("--severity", help="严重程度 major or minor.")] = "minor",
    description: Annotated[str, typer.Option("--description", help="描述 What does not conform.")] = "",
    cause: Annotated[str | None, typer.Option("--cause", help="原因 Its cause.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """开具不符合项 Raise a nonconformity, against a checklist item (which becomes nonconform)."""
    policy, actor, _ = _context(records, at, by)
    level = id_of("nc_severity", severity) or severity
    if level not in ("major", "minor"):
        raise FieldError("severity", f"--severity {severity!r}: major or minor (严重/一般)")
    if not description.strip():
        raise FieldError("description", "--description: say what does not conform")
    with store_write(records):
        written, nc_id = core.raise_nonconformity(
            records, audit_id, item_id, level, description.strip(), cause, policy=policy
        )
        emit(f"{written.record_id}: {nc_id} raised ({level}{', ' + item_id if item_id else ''})\n")
        _commit(records, policy, written, f"nc {nc_id}", actor, commit)
    return 0


@app.command("action")
def action(
    audit_id: AuditArg,
    nc_id: NcArg,
    what: Annotated[str, typer.Option("--action", help="整改措施 What will be done.")],
    owner: Annotated[str, typer.Option("--owner", help="责任人 Who does it (policy person).")],
    due: Annotated[str, typer.Option("--due", help="完成期限 By when (YYYY-MM-DD).")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """制定整改措施 Add a corrective action with owner and due day to a nonconformity."""
    policy, actor, today = _context(records, at, by)
    person = require_person(policy, owner, "owner")
    with store_write(records):
        written, number = core.add_action(
            records, audit_id, nc_id, what, person, _day(due, "--due", today), policy=policy
        )
        emit(f"{written.record_id}: {nc_id} action {number} for {person}, due {due}\n")
        _commit(records, policy, written, f"action {nc_id}/{number}", actor, commit)
    return 0


@app.command("done")
def done(
    audit_id: AuditArg,
    nc_id: NcArg,
    number: NumberArg,
    on: OnOption = None,
    started: Annotated[bool, typer.Option("--started", help="进行中 Only started (in progress).")] = False,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """整改完成 Mark a corrective action done (or --started)."""
    policy, actor, today = _context(records, at, by)
    with store_write(records):
        written = core.finish_action(
            records, audit_id, nc_id, number, _day(on, "--on", today), started=started, policy=policy
        )
        emit(f"{written.record_id}: {nc_id} action {number} {'in progress' if started else 'done'}\n")
        _commit(records, policy, written, f"done {nc_id}/{number}", actor, commit)
    return 0


@app.command("verify")
def verify(
    audit_id: AuditArg,
    nc_id: NcArg,
    number: NumberArg,
    on: OnOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """验证整改 Verify a done corrective action, as the --by auditor (not its owner)."""
    policy, actor, today = _context(records, at, by)
    with store_write(records):
        written = core.verify_action(records, audit_id, nc_id, number, actor, _day(on, "--on", today), policy=policy)
        emit(f"{written.record_id}: {nc_id} action {number} verified by {actor}\n")
        _commit(records, policy, written, f"verify {nc_id}/{number}", actor, commit)
    return 0


@app.command("conclude")
def conclude(
    audit_id: AuditArg,
    finding: Annotated[list[str] | None, typer.Option("--finding", help="审核发现 A finding (repeat).")] = None,
    conclusion: Annotated[str | None, typer.Option("--conclusion", help="审核结论 The conclusion.")] = None,
    on: OnOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """审核结论 Add findings and the conclusion; the audit is reported (itsmctl report audit)."""
    policy, actor, today = _context(records, at, by)
    with store_write(records):
        written = core.conclude_audit(
            records, audit_id, finding or (), conclusion, _day(on, "--on", today), policy=policy
        )
        emit(f"{written.record_id}: reported on {written.record.reported_on}\n")
        _commit(records, policy, written, "conclude", actor, commit)
    return 0


@app.command("close")
def close(
    audit_id: AuditArg,
    on: OnOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """关闭审核 Close the audit: every item checked, every corrective action verified."""
    policy, actor, today = _context(records, at, by)
    with store_write(records):
        written = core.close_audit(records, audit_id, actor, _day(on, "--on", today), policy=policy)
        emit(f"{written.record_id}: closed on {written.record.closed_on}\n")
        _commit(records, policy, written, "close", actor, commit)
    return 0


@app.command("list")
def list_(
    format: Annotated[AuditListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """审核列表 Each audit: its days, stage, nonconformities and actions not yet verified."""
    parse_at(at)
    store = open_records(records)
    audits = sorted(store.snapshot().of_kind(Audit, "audit"), key=lambda a: a.plan.start)
    emit(AUDIT_LIST_REPORTERS[str(getattr(format, "value", format))](audits))
    return finish(CommandResult(left_out=store.left_out()))
