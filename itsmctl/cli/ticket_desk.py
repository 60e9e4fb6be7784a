"""Service-desk and vendor-repair verbs (domain §3): guide, confirm-execution,
report-exception, inform-manager, repair-send, repair-progress, repair-return,
loaner-issue, loaner-return.  Registered on ``itsmctl ticket`` by ``ticket.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption
from itsmctl.cli.ticket_common import IdArg, NoteOption, run_verb
from itsmctl.tickets import requests as rq


def guide(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """远程指导 Record the service desk's remote guidance (stops the remote-guidance clock)."""
    return run_verb(rq.Guide(note=note_), ticket_id, records, at, by, commit)


def confirm_execution(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """任务执行确认 Record that the dispatched engineer confirmed taking up the task."""
    return run_verb(rq.ConfirmExecution(note=note_), ticket_id, records, at, by, commit)


def report_exception(
    ticket_id: IdArg,
    reason: Annotated[str, typer.Option("--reason", help="异常情况 What the exception is.")],
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """异常上报 Record an engineer's exception report (starts the project-manager clock)."""
    return run_verb(rq.ReportException(reason=reason, note=note_), ticket_id, records, at, by, commit)


def inform_manager(
    ticket_id: IdArg,
    manager: Annotated[str, typer.Option("--manager", help="项目经理 The project manager told (person id).")],
    method: Annotated[
        str | None, typer.Option("--method", help="方式 How: phone, mail, wechat, meeting… (电话, 微信…).")
    ] = None,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """告知项目经理 Record that the project manager was told (stops the project-manager clock)."""
    return run_verb(rq.InformManager(manager=manager, method=method, note=note_), ticket_id, records, at, by, commit)


def repair_send(
    ticket_id: IdArg,
    vendor: Annotated[str, typer.Option("--vendor", help="厂商 The vendor repairing the device.")],
    device: Annotated[str | None, typer.Option("--device", help="设备 What was sent (CI id, serial).")] = None,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """送修 Record a device sent to the vendor (starts the progress and return clocks)."""
    return run_verb(rq.RepairSend(vendor=vendor, device=device, note=note_), ticket_id, records, at, by, commit)


def repair_progress(
    ticket_id: IdArg,
    text: Annotated[str, typer.Argument(help="书面进展 The vendor's written progress.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """送修进展 Record the vendor's written progress (due every 3 working days by default)."""
    return run_verb(rq.RepairProgress(progress=text), ticket_id, records, at, by, commit)


def repair_return(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """送修返回 Record the device back from the vendor (stops the repair clocks)."""
    return run_verb(rq.RepairReturn(note=note_), ticket_id, records, at, by, commit)


def loaner_issue(
    ticket_id: IdArg,
    device: Annotated[str | None, typer.Option("--device", help="备用机 The loaner unit.")] = None,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """备用机提供 Record a loaner unit put in place while the device is away."""
    return run_verb(rq.LoanerIssue(device=device, note=note_), ticket_id, records, at, by, commit)


def loaner_return(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """备用机收回 Record the loaner unit taken back."""
    return run_verb(rq.LoanerReturn(note=note_), ticket_id, records, at, by, commit)


COMMANDS: dict[str, Callable[..., int]] = {
    "guide": guide,
    "confirm-execution": confirm_execution,
    "report-exception": report_exception,
    "inform-manager": inform_manager,
    "repair-send": repair_send,
    "repair-progress": repair_progress,
    "repair-return": repair_return,
    "loaner-issue": loaner_issue,
    "loaner-return": loaner_return,
}
