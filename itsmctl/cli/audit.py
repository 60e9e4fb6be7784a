"""``itsmctl audit …``: an internal audit through its whole life (内部审核, docs/quality.md).

plan → check → nc → action → done → verify → conclude → close, and ``list``.  Each writing
verb edits the audit's one file through ``itsmctl.quality.audit`` and commits it as the
ticket verbs commit theirs (``itsmctl.cli.record_verbs``: ``--commit/--no-commit``, ``--by``).
"""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit_listing
from itsmctl.cli.record_verbs import Acting, run_verb
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.editing.record import RecordWritten, read_record
from itsmctl.errors import FieldError
from itsmctl.models import Audit
from itsmctl.models.labels import id_of
from itsmctl.models.quality import ChecklistItem, Nonconformity
from itsmctl.quality import audit as core
from itsmctl.reporters.audits import AUDIT_LIST_REPORTERS
from itsmctl.tickets.actions import require_person

app = typer.Typer(
    help="内部审核 Audits: 计划 plan → 检查 check → 不符合 nc → 整改 action → 完成 done → 验证 verify → "
    "结论 conclude → 关闭 close; list.",
    no_args_is_help=True,
)

AuditArg = Annotated[str, typer.Argument(help="审核编号 The audit's id, e.g. AUD-2026-H2.")]
NcArg = Annotated[str, typer.Argument(help="不符合项 The nonconformity's id, e.g. nc1.")]
NumberArg = Annotated[int, typer.Argument(help="整改措施序号 The corrective action's number within it (1, 2, …).")]
OnOption = Annotated[str | None, typer.Option("--on", help="日期 The day (YYYY-MM-DD; default: --at's).")]
AuditListFormat = choice("AuditListFormat", AUDIT_LIST_REPORTERS)
RESULTS = tuple(r for r in get_args(ChecklistItem.model_fields["result"].annotation) if r != "not_checked")
SEVERITIES: tuple[str, ...] = get_args(Nonconformity.model_fields["severity"].annotation)


def _one_of(group: str, given: str, allowed: tuple[str, ...], option: str) -> str:
    """An option's value by its id or Chinese name (``labels``), refused unless ``allowed``."""
    value = id_of(group, given.strip()) or given
    if value not in allowed:
        raise FieldError(option.lstrip("-"), f"{option} {given!r}: one of {', '.join(allowed)}")
    return value


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
    items = []
    for text in item or []:
        area, sep, question = text.partition(":")
        if not sep or not question.strip():
            raise FieldError("item", f"--item {text!r}: write AREA:QUESTION, e.g. process:事件是否 1 小时内响应")
        items.append((id_of("area", area.strip()) or area, question.strip()))

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        people = [require_person(who.policy, p, "auditor") for p in (lead, *(auditor or []))]
        earlier = read_record(records, "audit", checklist_from, policy=who.policy)[2] if checklist_from else None
        given = core.AuditPlanInput(
            audit_id, title, who.day(start, "--start"), who.day(end, "--end"), people[0], scope,
            auditors=people[1:], criteria=criterion or (), audit_type=audit_type, items=items, checklist_from=earlier,
        )  # fmt: skip
        written = core.plan_audit(records, given, policy=who.policy)
        count = len(written.record.checklist)
        return written, "plan", f"planned {given.start}–{given.end}, {count} checklist item(s)"

    return run_verb("audit", records, at, by, commit, verb)


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
    verdict = _one_of("result", result, RESULTS, "--result")
    return run_verb(
        "audit", records, at, by, commit,
        lambda who: (
            core.check_item(records, audit_id, item_id, verdict, evidence, policy=who.policy),
            f"check {item_id}",
            f"{item_id} {verdict}",
        ),
    )  # fmt: skip


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
    level = _one_of("severity", severity, SEVERITIES, "--severity")
    if not description.strip():
        raise FieldError("description", "--description: say what does not conform")

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        written, nc_id = core.raise_nonconformity(
            records, audit_id, item_id, level, description.strip(), cause, policy=who.policy
        )
        return written, f"nc {nc_id}", f"{nc_id} raised ({level}{', ' + item_id if item_id else ''})"

    return run_verb("audit", records, at, by, commit, verb)


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

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        person = require_person(who.policy, owner, "owner")
        day = who.day(due, "--due")
        written, number = core.add_action(records, audit_id, nc_id, what, person, day, policy=who.policy)
        return written, f"action {nc_id}/{number}", f"{nc_id} action {number} for {person}, due {day}"

    return run_verb("audit", records, at, by, commit, verb)


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
    return run_verb(
        "audit", records, at, by, commit,
        lambda who: (
            core.finish_action(
                records, audit_id, nc_id, number, who.day(on, "--on"), started=started, policy=who.policy
            ),
            f"done {nc_id}/{number}",
            f"{nc_id} action {number} {'in progress' if started else 'done'}",
        ),
    )  # fmt: skip


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
    return run_verb(
        "audit", records, at, by, commit,
        lambda who: (
            core.verify_action(records, audit_id, nc_id, number, who.actor, who.day(on, "--on"), policy=who.policy),
            f"verify {nc_id}/{number}",
            f"{nc_id} action {number} verified by {who.actor}",
        ),
    )  # fmt: skip


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

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        day = who.day(on, "--on")
        written = core.conclude_audit(records, audit_id, finding or (), conclusion, day, policy=who.policy)
        return written, "conclude", f"reported on {written.record.reported_on}"

    return run_verb("audit", records, at, by, commit, verb)


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

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        written = core.close_audit(records, audit_id, who.actor, who.day(on, "--on"), policy=who.policy)
        return written, "close", f"closed on {written.record.closed_on}"

    return run_verb("audit", records, at, by, commit, verb)


@app.command("list")
def list_(
    format: Annotated[AuditListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """审核列表 Each audit: its days, stage, nonconformities and actions not yet verified."""
    parse_at(at)
    store = open_records(records)
    audits = sorted(store.without_tickets().of_kind(Audit, "audit"), key=lambda a: a.plan.start)
    return emit_listing(AUDIT_LIST_REPORTERS, format, audits, store=store)
