"""``itsmctl ticket …``: open tickets and move them through their lifecycle.

The verbs follow the lifecycles in ``docs/lifecycles.md``; each appends typed events and
updates the ticket's current fields through ``itsmctl.tickets``, then commits.
"""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli import ticket_change, ticket_desk, ticket_list
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import (
    DimOption,
    IdArg,
    NoteOption,
    acting,
    commit_outcome,
    now_for,
    parse_dims,
    run_verb,
)
from itsmctl.commits import store_write
from itsmctl.errors import FieldError
from itsmctl.escape import terminal
from itsmctl.models.base import Span
from itsmctl.tickets import requests as rq
from itsmctl.tickets.actions import Outcome
from itsmctl.tickets.create import NewTicket, open_ticket, reference_snapshot

app = typer.Typer(
    help="Work tickets: 开单 new, 派单 assign, 处理 start, 解决 resolve, 确认 confirm, 关闭 close; "
    "changes: 评估 assess, 审批 approve, 实施 implement, 试运行 trial.",
    no_args_is_help=True,
)


@app.command("new")
def new(
    kind: Annotated[str, typer.Argument(help="类型 Kind: incident, request, problem, change or complaint.")],
    title: Annotated[str, typer.Option("--title", help="标题 One line: what is wrong or wanted.")],
    service: Annotated[str, typer.Option("--service", help="服务 Service id from the catalogue.")],
    dim: DimOption = None,
    priority: Annotated[
        str | None, typer.Option("--priority", help="优先级 Priority by hand (needs --reason if the matrix disagrees).")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="理由 Why --priority differs from the matrix.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="描述 What happened, in full.")] = None,
    sla: Annotated[
        str | None,
        typer.Option(
            "--sla",
            help="SLA 协议 Pin an SLA id (default: none; the strictest SLA in effect applies, decided on read).",
        ),
    ] = None,
    ci: Annotated[list[str] | None, typer.Option("--ci", help="配置项 Affected CI id, repeat.")] = None,
    requester: Annotated[str | None, typer.Option("--requester", help="报告人 Who reported it (person id).")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="处理人 The engineer (person id).")] = None,
    group: Annotated[str | None, typer.Option("--group", help="处理组 The group (group id).")] = None,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            help="来源渠道 Channel: phone, mail, fax, web, wechat, walk_in, monitoring (or 中文名: 电话…).",
        ),
    ] = None,
    delivery: Annotated[
        str | None, typer.Option("--delivery", help="服务方式 Delivery: onsite or remote (现场, 远程).")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="分类 Category id like desktop (or 中文名: 桌面终端).")
    ] = None,
    about: Annotated[
        list[str] | None, typer.Option("--about", help="被投诉人 Complaint: person it is about, repeat.")
    ] = None,
    change_type: Annotated[
        str | None,
        typer.Option("--change-type", help="变更类型 Change type: normal, standard or emergency (普通, 标准, 紧急)."),
    ] = None,
    major: Annotated[bool, typer.Option("--major", help="A major incident (重大事件).")] = False,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """开单 Open a ticket; its priority comes from the policy's matrix, and the cell is printed."""
    policy = open_records(records).policy
    actor = acting(records, policy, by)
    now = now_for(at, policy)
    dimensions = parse_dims(dim)
    spec = NewTicket(
        kind=kind,
        title=title,
        service=service,
        dimensions=dimensions,
        sla=sla,
        description=description,
        cis=tuple(ci or ()),
        requester=requester,
        assignee=assignee,
        group=group,
        channel=channel,
        delivery=delivery,
        category=category,
        priority=priority,
        reason=reason,
        about=tuple(about or ()),
        change_type=change_type,
        major=major,
    )
    with store_write(records):  # the new file and its commit, with no other command in between
        opened = open_ticket(records, reference_snapshot(records, spec), spec, actor=actor, now=now)
        emit(f"{opened.ticket_id}\n")
        if opened.decision is not None:
            rule = f"; {opened.decision.rule}" if opened.decision.rule else ""
            how = f"matrix cell {opened.decision.cell} -> {opened.decision.priority}{rule}"
            if opened.priority != opened.decision.priority:
                how += f"; set by hand to {opened.priority}: {reason}"
            note(f"priority {opened.priority}: {how}")
        else:
            note(f"priority {opened.priority}: given by hand (no dimensions)")
        for warning in opened.warnings:
            note(f"itsmctl: warning: {terminal(warning)}")
        outcome = Outcome(opened.ticket_id, "new", "", opened.status, [], [opened.path])
        commit_outcome(records, policy, outcome, actor, commit, f"{kind} opened: {title}\npriority {opened.priority}")
    return 0


@app.command("assign")
def assign(
    ticket_id: IdArg,
    to: Annotated[str | None, typer.Option("--to", help="处理人 The engineer (person id).")] = None,
    group: Annotated[str | None, typer.Option("--group", help="The group (派单到组).")] = None,
    redispatch: Annotated[
        bool, typer.Option("--redispatch", help="迟到改派 A re-dispatch after a late or missed arrival.")
    ] = False,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """派单 Assign (or reassign) to a person and/or group; a new ticket becomes 'assigned'."""
    return run_verb(
        rq.Assign(to=to, group=group, note=note_, redispatch=redispatch), ticket_id, records, at, by, commit
    )


@app.command("start")
def start(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """开始处理 Start work: in_progress (incident/request) or investigating (problem/complaint)."""
    return run_verb(rq.Start(note=note_), ticket_id, records, at, by, commit)


@app.command("pend")
def pend(
    ticket_id: IdArg,
    on: Annotated[str, typer.Option("--on", help="挂起原因 Waiting on: customer, vendor or change.")],
    reason: Annotated[str | None, typer.Option("--reason", help="原因 Why (kept with the event).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """挂起 Pend: waiting on the customer, a vendor or a change (resolution and recovery clocks pause)."""
    return run_verb(rq.Pend(on=on, reason=reason), ticket_id, records, at, by, commit)


@app.command("resume")
def resume(
    ticket_id: IdArg,
    reason: Annotated[str | None, typer.Option("--reason", help="原因 Why (kept with the event).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """恢复处理 Resume work after pending."""
    return run_verb(rq.Resume(reason=reason), ticket_id, records, at, by, commit)


def _fact_command(verb: str, doc: str) -> None:
    def command(
        ticket_id: IdArg,
        note_: NoteOption = None,
        records: RecordsOption = DEFAULT_RECORDS,
        at: AtOption = None,
        by: ByOption = None,
        commit: CommitOption = None,
    ) -> int:
        return run_verb(rq.REQUESTS[verb](note=note_), ticket_id, records, at, by, commit)  # type: ignore[call-arg]

    command.__doc__ = doc
    app.command(verb)(command)


_fact_command("respond", "响应 Record the first qualified response to the requester (stops the response clock).")
_fact_command("onsite", "到场 Record an engineer's arrival on site (on-site support time).")
_fact_command("recovered", "恢复 Record that service, system or business is restored (recovery time).")


@app.command("part-arrived")
def part_arrived(
    ticket_id: IdArg,
    part: Annotated[str | None, typer.Option("--part", help="备件 Which spare part.")] = None,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """备件到场 Record a spare part's arrival on site."""
    return run_verb(rq.PartArrived(part=part, note=note_), ticket_id, records, at, by, commit)


@app.command("resolve")
def resolve(
    ticket_id: IdArg,
    resolution: Annotated[str, typer.Option("--resolution", help="解决方法 What fixed it.")],
    first_line: Annotated[bool, typer.Option("--first-line", help="Solved by the service desk (一线解决).")] = False,
    root_cause: Annotated[str | None, typer.Option("--root-cause", help="根本原因 Problem: the root cause.")] = None,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """解决 Resolve: record the resolution; closing then needs the customer's confirmation."""
    request = rq.Resolve(resolution=resolution, first_line=first_line, root_cause=root_cause, note=note_)
    return run_verb(request, ticket_id, records, at, by, commit)


@app.command("confirm")
def confirm(
    ticket_id: IdArg,
    method: Annotated[
        str | None,
        typer.Option("--method", help="确认方式 How: phone, mail, fax, wechat, web, meeting, onsite_sign, letter."),
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="确认人 The customer who agreed (default: requester).")
    ] = None,
    tacit: Annotated[
        bool,
        typer.Option(
            "--tacit",
            help="默认确认 Deemed confirmed: the policy's confirmation.tacit_after ran since the resolution "
            "without a reply (no --contact, no --method).",
        ),
    ] = False,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """客户同意结束 Record that the customer accepted the result and agreed to close (--tacit: 逾期视为确认)."""
    request = rq.Confirm(contact=contact, method=method, note=note_, tacit=tacit)
    return run_verb(request, ticket_id, records, at, by, commit)


@app.command("close")
def close(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """关闭 Close (an incident/request needs the customer's confirmation after the last resolve)."""
    return run_verb(rq.Close(note=note_), ticket_id, records, at, by, commit)


@app.command("reopen")
def reopen(
    ticket_id: IdArg,
    reason: Annotated[str, typer.Option("--reason", help="重开原因 Why it is not fixed.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """重新打开 Reopen a resolved ticket, or a closed one within the policy's reopen_window."""
    return run_verb(rq.Reopen(reason=reason), ticket_id, records, at, by, commit)


@app.command("note")
def add_note(
    ticket_id: IdArg,
    text: Annotated[str, typer.Argument(help="备注 The note.")],
    spent: Annotated[
        str | None,
        typer.Option("--spent", help="工时 Time spent on the work the note records, clock time (45m, 1h30m)."),
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """备注 Add a note to the log (any status), with the time spent on it (--spent)."""
    if spent is not None:
        try:
            worked = Span.parse(spent)
        except ValueError:
            worked = None
        if worked is None or worked.business_days:
            raise FieldError("spent", f"{spent!r} is not a time spent in clock time, like 45m, 1h30m or 2h")
    return run_verb(rq.Note(note=text, spent=spent), ticket_id, records, at, by, commit)


@app.command("explain")
def explain_breach(
    ticket_id: IdArg,
    target: Annotated[
        str,
        typer.Option(
            "--target",
            help="时限 The breached clock this explains, by id or Chinese name "
            "(response 响应, resolution 解决, repair_return 送修返回…).",
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="原因 Why it breached, as the report should show it.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """超时说明 Record why a target breached: the reason the monthly report shows (any status)."""
    return run_verb(rq.Explain(target=target, reason=reason), ticket_id, records, at, by, commit)


@app.command("link")
def link(
    ticket_id: IdArg,
    to: Annotated[str, typer.Option("--to", help="关联对象 A ticket id (problem, change…) or a CI id.")],
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """关联 Link to a problem or change (related:) or to a CI (cis:)."""
    return run_verb(rq.Link(ref=to, note=note_), ticket_id, records, at, by, commit)


# service-desk and vendor-repair verbs, change and problem verbs, then the read-only commands, in help's order
for _verb, _command in {**ticket_desk.COMMANDS, **ticket_change.COMMANDS}.items():
    app.command(_verb)(_command)
app.command("list")(ticket_list.list_tickets)
app.command("show")(ticket_list.show)
