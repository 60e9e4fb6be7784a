"""Verbs of changes (变更) and problems (问题): plan, assess, approve, schedule, implement,
trial, review, rollback; known-error.  Registered on ``itsmctl ticket`` by ``ticket.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption
from itsmctl.cli.ticket_common import IdArg, NoteOption, moment, run_verb
from itsmctl.models import Policy
from itsmctl.tickets import requests as rq


def plan(
    ticket_id: IdArg,
    goal: Annotated[str | None, typer.Option("--goal", help="目标 Goal.")] = None,
    content: Annotated[str | None, typer.Option("--content", help="内容 Content.")] = None,
    step: Annotated[list[str] | None, typer.Option("--step", help="步骤 (repeat; appended)")] = None,
    person: Annotated[list[str] | None, typer.Option("--person", help="人员 (repeat; appended)")] = None,
    budget: Annotated[str | None, typer.Option("--budget", help="预算 Budget.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="计划开始 (ISO time)")] = None,
    end: Annotated[str | None, typer.Option("--end", help="计划结束 (ISO time)")] = None,
    risk_plan: Annotated[str | None, typer.Option("--risk-plan", help="风险预案 Risk plan.")] = None,
    rollback_plan: Annotated[str | None, typer.Option("--rollback-plan", help="回退方案 Rollback plan.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """变更方案 Fill in the change plan (needed complete before approval); says what is missing."""

    def request(policy: Policy) -> rq.Plan:
        return rq.Plan(
            goal=goal,
            content=content,
            steps=tuple(step or ()),
            people=tuple(person or ()),
            budget=budget,
            start=moment(start, policy, "--start"),
            end=moment(end, policy, "--end"),
            risk_plan=risk_plan,
            rollback_plan=rollback_plan,
        )

    return run_verb(request, ticket_id, records, at, by, commit)


def assess(
    ticket_id: IdArg,
    risk: Annotated[str, typer.Option("--risk", help="风险等级 Risk: low, medium or high.")],
    verdict: Annotated[
        str, typer.Option("--verdict", help="内部评审 Internal review: pass, fail, pass_with_conditions.")
    ] = "pass",
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """评估 Assess risk and record the internal review."""
    return run_verb(rq.Assess(risk=risk, verdict=verdict, note=note_), ticket_id, records, at, by, commit)


def approve(
    ticket_id: IdArg,
    approver: Annotated[str, typer.Option("--approver", help="审批人 The customer who approved (person id).")],
    method: Annotated[str, typer.Option("--method", help="审批方式 How: mail, fax, letter, meeting, …")],
    reference: Annotated[
        str | None, typer.Option("--reference", help="凭证 Reference: mail subject, fax number…")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """客户审批 Record the customer's formal approval (who, when, how); refused until the plan is complete."""
    request = rq.Approve(approver=approver, method=method, reference=reference)
    return run_verb(request, ticket_id, records, at, by, commit)


def schedule(
    ticket_id: IdArg,
    start: Annotated[str, typer.Option("--start", help="开始 Window start (ISO time).")],
    end: Annotated[str, typer.Option("--end", help="结束 Window end (ISO time).")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """排期 Schedule the implementation window."""
    return run_verb(
        lambda policy: rq.Schedule(start=moment(start, policy, "--start"), end=moment(end, policy, "--end")),
        ticket_id,
        records,
        at,
        by,
        commit,
    )


def implement(
    ticket_id: IdArg,
    note_: NoteOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """实施 Start implementing a scheduled change."""
    return run_verb(rq.Implement(note=note_), ticket_id, records, at, by, commit)


def trial(
    ticket_id: IdArg,
    period: Annotated[str, typer.Option("--period", help="试运行期 Trial-run length: 7d, 5bd…")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """试运行 Start the trial-run period."""
    return run_verb(rq.Trial(period=period), ticket_id, records, at, by, commit)


def review(
    ticket_id: IdArg,
    result: Annotated[str, typer.Option("--result", help="评审结果 Result: successful, partial or failed.")],
    evaluation: Annotated[
        str | None, typer.Option("--evaluation", help="试运行评价 The trial run's evaluation.")
    ] = None,
    confirmed_by: Annotated[
        str | None, typer.Option("--confirmed-by", help="确认人 Customer who confirmed it.")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """评审 Post-implementation review, confirmed with the customer."""
    request = rq.Review(result=result, evaluation=evaluation, confirmed_by=confirmed_by)
    return run_verb(request, ticket_id, records, at, by, commit)


def rollback(
    ticket_id: IdArg,
    reason: Annotated[str, typer.Option("--reason", help="回退原因 Why it was rolled back.")],
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """回退 Roll the change back (final)."""
    return run_verb(rq.Rollback(reason=reason), ticket_id, records, at, by, commit)


def known_error(
    ticket_id: IdArg,
    workaround: Annotated[str, typer.Option("--workaround", help="临时解决办法 The workaround.")],
    root_cause: Annotated[str | None, typer.Option("--root-cause", help="根本原因 Root cause (if known).")] = None,
    incident: Annotated[
        list[str] | None, typer.Option("--incident", help="关联事件 Linked incident id (repeat).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """已知错误 Problem: record the workaround and linked incidents; status known_error."""
    request = rq.KnownError(workaround=workaround, root_cause=root_cause, incidents=tuple(incident or ()))
    return run_verb(request, ticket_id, records, at, by, commit)


COMMANDS: dict[str, Callable[..., int]] = {
    "plan": plan,
    "assess": assess,
    "approve": approve,
    "schedule": schedule,
    "implement": implement,
    "trial": trial,
    "review": review,
    "rollback": rollback,
    "known-error": known_error,
}
