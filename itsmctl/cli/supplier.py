"""``itsmctl supplier …``: supplier evaluations (供方评价, docs/quality.md) by command.

``evaluate`` writes one quarter's evaluation of a supplier through ``itsmctl.quality.supplier``
and commits it (``--commit/--no-commit``; ``--by`` is the evaluator); ``list`` shows each
supplier's evaluations and the quarters over without one.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from itsmctl import clock
from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, report_commit
from itsmctl.cli.records import open_records
from itsmctl.cli.ticket_common import acting
from itsmctl.clock import command_now, parse_at
from itsmctl.commits import author_of, commit_files, store_write
from itsmctl.errors import FieldError
from itsmctl.exits import CommandResult
from itsmctl.models import SupplierEvaluation
from itsmctl.models.labels import id_of, label
from itsmctl.quality import supplier as core
from itsmctl.reporters.suppliers import SUPPLIER_LIST_REPORTERS
from itsmctl.store.store import Store
from itsmctl.tickets.edit import policy_zone
from itsmctl.vcs import commit_message

app = typer.Typer(
    help="供方评价 Supplier evaluations: 评价 evaluate (each supplier, each quarter); list.",
    no_args_is_help=True,
)

SupplierListFormat = choice("SupplierListFormat", SUPPLIER_LIST_REPORTERS)
PeriodHelp = "期间 The period, e.g. 2026-Q4 (or 2026-H1, 2026-Y)."


def _day(text: str | None, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError("on", f"{text!r} is not a date like 2026-12-28") from None


def _evaluations(store: Store) -> list[SupplierEvaluation]:
    snapshot = store.partial(lambda _rest: lambda _ticket: False)  # no ticket is needed
    return snapshot.of_kind(SupplierEvaluation, core.KIND)


@app.command("evaluate")
def evaluate(
    supplier: Annotated[
        str, typer.Argument(help="供方 The supplier as its evaluations name it, or their id suffix (BOYUAN).")
    ],
    period: Annotated[str, typer.Option("--period", help=PeriodHelp)],
    criterion: Annotated[
        list[str],
        typer.Option(
            "--criterion", help="评价指标 NAME=WEIGHT:SCORE, e.g. 备件质量=30:95 (repeat; weights add up to 100)."
        ),
    ],
    conclusion: Annotated[
        str, typer.Option("--conclusion", help="结论 qualified|conditional|disqualified (合格/有条件合格/不合格).")
    ],
    notes: Annotated[str | None, typer.Option("--notes", help="说明 Notes.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="评价日期 The day (YYYY-MM-DD; default: --at's).")] = None,
    record_id: Annotated[
        str | None, typer.Option("--id", help="编号 The evaluation's id (default SE-<period>-<suffix>).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
) -> int:
    """供方评价 Write one period's evaluation of a supplier; --by is the evaluator."""
    store = open_records(records)
    policy = store.policy
    actor = acting(records, policy, by)
    today = command_now(at, policy_zone(policy), real=clock.real_now()).date()
    request = core.Evaluation(
        supplier=supplier,
        period=period,
        evaluator=actor,
        evaluated_on=_day(on, today),
        criteria=[core.parse_criterion(c) for c in criterion],
        conclusion=id_of("conclusion", conclusion) or conclusion,
        notes=notes,
        record_id=record_id,
    )
    with store_write(records):
        written = core.evaluate(records, request, _evaluations(store), policy=policy)
        e = written.record
        assert isinstance(e, SupplierEvaluation)
        emit(
            f"{e.id}: {e.supplier} {e.period} scored {round(e.weighted_score, 2):g}, "
            f"{label('zh', 'conclusion', e.conclusion)} {e.conclusion}\n"
        )
        message = commit_message(e.id, "supplier evaluate", actor, "", {})
        wanted = policy.commit if commit is None else commit
        report_commit(commit_files(records, [written.path], message, author=author_of(policy, actor), commit=wanted))
    return 0


@app.command("list")
def list_(
    period: Annotated[str | None, typer.Option("--period", help="期间 Only this period, e.g. 2026-Q4.")] = None,
    format: Annotated[SupplierListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """供方列表 Each supplier: its evaluations (score, conclusion) and the quarters over without one at --at."""
    store = open_records(records)
    now = parse_at(at)
    today = (now.astimezone(store.zone) if store.zone is not None else now).date()
    coverage = core.suppliers(_evaluations(store), today, period)
    emit(SUPPLIER_LIST_REPORTERS[str(getattr(format, "value", format))](coverage))
    return finish(CommandResult(left_out=store.left_out()))
