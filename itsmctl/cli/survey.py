"""``itsmctl survey …``: satisfaction callbacks (回访) recorded by command.

``survey callback`` writes the callback survey the SLA's ``callback`` clock stops on, and a
follow-up complaint for a low score (``itsmctl.tickets.callback``); the files are committed
as the ticket verbs commit theirs (``--commit/--no-commit``, the author the ``--by`` person).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import IdArg, acting, commit_outcome, now_for
from itsmctl.commits import store_write
from itsmctl.escape import json_text, terminal
from itsmctl.exits import CommandResult
from itsmctl.models.labels import id_of
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import FolderSource
from itsmctl.tickets.actions import Outcome
from itsmctl.tickets.callback import Callback, record_callback, survey_rows
from itsmctl.tickets.edit import policy_zone

app = typer.Typer(help="满意度调查 Satisfaction surveys: 回访 callback, 列表 list.", no_args_is_help=True)

if TYPE_CHECKING:
    SurveyFormat: TypeAlias = str
else:
    SurveyFormat = choice("SurveyFormat", ("text", "json"))


@app.command("callback")
def callback(
    ticket_id: IdArg,
    score: Annotated[
        int | None, typer.Option("--score", help="评分 Overall satisfaction, 1 (very dissatisfied) to 5.")
    ] = None,
    reached: Annotated[
        bool,
        typer.Option("--reached/--not-reached", help="是否联系上 Whether the customer was reached (default: reached)."),
    ] = True,
    contact: Annotated[
        str | None, typer.Option("--contact", help="回访对象 The person called (default: the ticket's requester).")
    ] = None,
    channel: Annotated[
        str, typer.Option("--channel", help="方式 How: phone, mail, web, wechat, onsite, paper (电话…).")
    ] = "phone",
    note_: Annotated[str | None, typer.Option("--note", help="备注 What the customer said.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """回访 Record the satisfaction callback on a resolved ticket; a low score opens a follow-up complaint."""
    policy = open_records(records).policy
    actor = acting(records, policy, by)
    now = now_for(at, policy)
    spec = Callback(ticket_id, reached, score, contact, note_, id_of("channel", channel) or channel)
    with store_write(records):
        done = record_callback(records, policy, spec, actor=actor, now=now)
        said = f"score {score}" if reached else "not reached"
        emit(f"{done.survey_id}\n")
        if done.follow_up:
            note(
                f"score {score} is at or below the policy's low score {policy.quality_goals.low_score}: "
                f"follow-up complaint {done.follow_up} opened (due within {policy.quality_goals.follow_up_days} days)"
            )
        outcome = Outcome(done.survey_id, "callback", "", "", [], done.paths)
        commit_outcome(records, policy, outcome, actor, commit, f"callback on {ticket_id}: {said}")
    return 0


@app.command("list")
def list_surveys(
    month: Annotated[
        str | None, typer.Option("--month", help="月份 Only surveys of this month, YYYY-MM (policy's zone).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    output_format: Annotated[SurveyFormat, typer.Option("--format", help="输出格式 Output: text or json.")] = "text",
) -> int:
    """调查列表 List the satisfaction surveys: callbacks and periodic ones, with score and follow-up."""
    policy = open_records(records).policy
    snapshot = load_snapshot(FolderSource(records).walk(only=[str(POLICY_PATH), KIND_DIRS["survey"]]))
    rows = survey_rows(snapshot, month, policy_zone(policy))
    done = CommandResult(left_out=snapshot.left_out())  # a survey that does not load is named, exit 1
    if output_format == "json":
        emit(json_text(rows, indent=2) + "\n")
        return finish(done)
    for row in rows:
        reached = "" if row["reached"] else " 未联系上 not reached"
        score = f" {row['score']}/5" if row["score"] is not None else ""
        follow = f" 跟进 follow-up {row['follow_up']}" if row["follow_up"] else ""
        line = f"{row['id']}  {row['at']}  {row['type']}  {row['ticket'] or '-'}{score}{reached}{follow}"
        emit(terminal(line) + "\n")
    emit(f"{len(rows)} 份调查 survey(s)\n")
    return finish(done)
