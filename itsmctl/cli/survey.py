"""``itsmctl survey …``: satisfaction callbacks (回访) and periodic surveys recorded by command.

``survey callback`` writes the callback survey the SLA's ``callback`` clock stops on, and a
follow-up complaint for a low score (``itsmctl.tickets.callback``); the files are committed
as the ticket verbs commit theirs (``--commit/--no-commit``, the author the ``--by`` person).
``survey periodic`` writes one round of the questionnaire with its sample and per-question
tallies (``itsmctl.quality.survey``); ``survey show`` computes its per-question results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.record_verbs import Acting, run_verb
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import IdArg, acting, commit_outcome, now_for
from itsmctl.commits import store_write
from itsmctl.editing.record import RecordWritten, read_record
from itsmctl.escape import json_text, terminal
from itsmctl.exits import CommandResult
from itsmctl.models.labels import id_of
from itsmctl.quality import survey as quality_survey
from itsmctl.reporters.surveys import SURVEY_SHOW_REPORTERS
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import FolderSource
from itsmctl.tickets.actions import Outcome
from itsmctl.tickets.callback import Callback, record_callback, survey_rows
from itsmctl.tickets.edit import policy_zone

app = typer.Typer(
    help="满意度调查 Satisfaction surveys: 回访 callback, 定期调查 periodic, show, 列表 list.", no_args_is_help=True
)

if TYPE_CHECKING:
    SurveyFormat: TypeAlias = str
else:
    SurveyFormat = choice("SurveyFormat", ("text", "json"))
ShowFormat = choice("SurveyShowFormat", SURVEY_SHOW_REPORTERS)


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


@app.command("periodic")
def periodic(
    period: Annotated[
        str, typer.Option("--period", help="调查期间 The period asked about: 2026-Q3, 2026-H1, 2026-Y or FROM..TO.")
    ],
    distributed: Annotated[int, typer.Option("--distributed", help="发放份数 Questionnaires handed out.", min=1)],
    returned: Annotated[int, typer.Option("--returned", help="回收份数 Questionnaires returned.", min=0)],
    tally: Annotated[
        list[str],
        typer.Option(
            "--tally",
            help="各题结果 ID=C5,C4,C3,C2,C1: how many answered 5…1 points (or ID=5:8,4:7); repeat per question.",
        ),
    ],
    question: Annotated[
        list[str] | None, typer.Option("--question", help="题目 ID=WORDING, e.g. response_speed=响应及时性 (repeat).")
    ] = None,
    frame: Annotated[str | None, typer.Option("--frame", help="调查范围 The population asked, in words.")] = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="抽样单位 A department or site of the frame (repeat).")
    ] = None,
    responded: Annotated[
        list[str] | None, typer.Option("--responded", help="已回收单位 A unit that returned a questionnaire (repeat).")
    ] = None,
    score: Annotated[int | None, typer.Option("--score", help="总体评分 The overall score, 1–5.", min=1, max=5)] = None,
    channel: Annotated[
        str, typer.Option("--channel", help="方式 paper, web, mail, wechat, onsite or phone (纸质…).")
    ] = "paper",
    comment: Annotated[str | None, typer.Option("--comment", help="意见 What the respondents said.")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """定期满意度调查 Record one round of the questionnaire: its sample and each question's answers."""
    first, last = quality_survey.period_days(period)
    tallies = [quality_survey.parse_tally(t) for t in tally]
    wording = dict(quality_survey.parse_question(q) for q in question or [])
    units = [u for u in (unit or []) if u.strip()]
    answered = [u for u in (responded or []) if u.strip()]
    request = quality_survey.PeriodicSurvey(
        first, last, distributed, returned, tallies, wording, frame, units, answered, score,
        id_of("channel", channel) or channel, comment,
    )  # fmt: skip

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        written = quality_survey.record_periodic(records, request, actor=who.actor, now=who.now, policy=who.policy)
        results = quality_survey.question_results(written.record)
        points, answers, _ = quality_survey.overall(results)
        mean = f", mean {points / answers:.2f}" if answers else ""
        line = f"periodic survey {first}–{last}, {returned}/{distributed} returned, {len(results)} question(s){mean}"
        return written, "periodic", line

    return run_verb("survey", records, at, by, commit, verb)


@app.command("show")
def show(
    survey_id: Annotated[str, typer.Argument(help="调查编号 The survey's id (SUR-2610-…).")],
    records: RecordsOption = DEFAULT_RECORDS,
    output_format: Annotated[ShowFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
) -> int:
    """调查详情 One survey: its sample coverage and each question's mean and share satisfied."""
    _, _, survey = read_record(records, "survey", survey_id, policy=open_records(records).policy)
    emit(SURVEY_SHOW_REPORTERS[str(getattr(output_format, "value", output_format))](survey))
    return 0
