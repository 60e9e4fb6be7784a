"""``itsmctl supplier …``: supplier evaluations (供方评价, docs/quality.md) by command.

``evaluate`` writes one quarter's evaluation of a supplier through ``itsmctl.quality.supplier``
and commits it (``--commit/--no-commit``; ``--by`` is the evaluator); ``list`` shows each
supplier's evaluations and the quarters over without one.
"""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, ByOption, CommitOption, RecordsOption, choice
from itsmctl.cli.output import emit_listing
from itsmctl.cli.record_verbs import Acting, run_verb
from itsmctl.cli.records import open_records
from itsmctl.clock import local_day, parse_at
from itsmctl.editing.record import RecordWritten
from itsmctl.models import SupplierEvaluation
from itsmctl.models.labels import id_of, label
from itsmctl.quality import supplier as core
from itsmctl.reporters.suppliers import SUPPLIER_LIST_REPORTERS
from itsmctl.store.store import Store

app = typer.Typer(
    help="供方评价 Supplier evaluations: 评价 evaluate (each supplier, each quarter); list.",
    no_args_is_help=True,
)

SupplierListFormat = choice("SupplierListFormat", SUPPLIER_LIST_REPORTERS)
PeriodHelp = "期间 The period, e.g. 2026-Q4 (or 2026-H1, 2026-Y)."


def _evaluations(store: Store) -> list[SupplierEvaluation]:
    return store.without_tickets().of_kind(SupplierEvaluation, core.KIND)


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
    criteria = [core.parse_criterion(c) for c in criterion]
    chosen = id_of("conclusion", conclusion) or conclusion

    def verb(who: Acting) -> tuple[RecordWritten, str, str]:
        request = core.Evaluation(
            supplier=supplier,
            period=period,
            evaluator=who.actor,
            evaluated_on=who.day(on, "--on"),
            criteria=criteria,
            conclusion=chosen,
            notes=notes,
            record_id=record_id,
        )
        written = core.evaluate(records, request, _evaluations(who.store), policy=who.policy)
        e = written.record
        assert isinstance(e, SupplierEvaluation)
        line = (
            f"{e.supplier} {e.period} scored {round(e.weighted_score, 2):g}, "
            f"{label('zh', 'conclusion', e.conclusion)} {e.conclusion}"
        )
        return written, "evaluate", line

    return run_verb("supplier", records, at, by, commit, verb)


@app.command("list")
def list_(
    period: Annotated[str | None, typer.Option("--period", help="期间 Only this period, e.g. 2026-Q4.")] = None,
    format: Annotated[SupplierListFormat, typer.Option("--format", help="输出格式 Output format.")] = "text",  # type: ignore[valid-type]
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """供方列表 Each supplier: its evaluations (score, conclusion) and the quarters over without one at --at."""
    now = parse_at(at)
    store = open_records(records)
    coverage = core.suppliers(_evaluations(store), local_day(now, store.zone), period)
    return emit_listing(SUPPLIER_LIST_REPORTERS, format, coverage, store=store)
