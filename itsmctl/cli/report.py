"""``itsmctl report``: markdown reports rendered from the records with Jinja.

The as-of moment is ``--at`` when given; otherwise the end of the reported period
(the first moment of the next month or year), so reruns are byte-identical.  A period
that has not ended yet is reported as of the real clock, with a note on stderr.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, LangOption, OutputOption, RecordsOption, ToOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.exits import CommandResult
from itsmctl.fs import atomic_write
from itsmctl.models import Audit
from itsmctl.office import report_document, require_office
from itsmctl.reports import LoadedStore, Period, edition, load_store, produce
from itsmctl.reports.common import latest_moment, report_zone
from itsmctl.reports.major import natural_moment
from itsmctl.reports.render import DETAIL_LIMIT

app = typer.Typer(
    help="报告 Markdown reports: 月度服务总结 monthly, 质量 quality, CMDB, 审核 audit, 维修 repairs, "
    "管理评审 review, 巡检 inspection, 重大事件 major, 季度 quarterly, 年度 yearly.",
    no_args_is_help=True,
)

RevOption = Annotated[
    str | None,
    typer.Option("--rev", help="版本 Render from this git revision of the records (work tree untouched)."),
]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", help="模板 Use this template file (rendered in the sandbox).")
]

AudienceOption = Annotated[
    str | None,
    typer.Option(
        "--audience",
        help="版本 customer (客户版: no internal audit, nonconformity or staff figure) or internal (内部版); "
        "default: customer where the report has a customer edition, else internal.",
    ),
]

FullOption = Annotated[
    bool,
    typer.Option(
        "--full",
        help=f"完整清单 List every row of every detail table (by default each shows the first {DETAIL_LIMIT}).",
    ),
]

Args = Callable[[LoadedStore], tuple[tuple[Any, ...], datetime | None]]
"""From the loaded store: the report's arguments and its natural as-of moment."""


def _run(
    kind: str,
    args: Args,
    *,
    records: Path,
    rev: str | None,
    lang: str,
    at: str | None,
    output: Path | None,
    template: Path | None,
    full: bool,
    audience: str | None,
    to: str,
    unfinished: str,
) -> int:
    pinned = parse_at(at) if at else None
    audience = edition(kind, audience)  # refused before anything is read
    if to == "docx":
        require_office()
        if output is None:
            raise UsageError("--to docx writes a Word file: give it one with -o FILE.docx")
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"-o {output}: the folder {output.parent} does not exist (create it first)")
    records_store = open_records(records, rev)
    store = load_store(records_store)
    report_args, natural = args(store)
    now = pinned
    if now is None:
        wall = parse_at(None)
        if natural is None or natural > wall:
            note(f"itsmctl: {unfinished}; reporting as of now (pass --at to make the output reproducible)")
            now = wall
        else:
            now = natural
    limit = None if full else DETAIL_LIMIT
    text = produce(
        kind, store, lang=lang, now=now, args=report_args, template_file=template, detail_limit=limit, audience=audience
    )
    if output is None:
        emit(text)
    else:
        data = report_document(text, moment=now, lang=lang) if to == "docx" else text.encode("utf-8")
        atomic_write(output, data)
        note(f"wrote {output}")
    return finish(CommandResult(left_out=records_store.left_out()))


Subject = Callable[[Any], Args]
"""From the command's one argument (a month, an id, a year): how the report reads the store."""


def _month(month: str) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        period = Period.month(month, report_zone(store.snapshot))
        return (period,), period.end

    return args


def _cmdb(month: str | None) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        if month is None:
            return (None,), latest_moment(store.snapshot)
        return _month(month)(store)

    return args


def _audit(audit_id: str) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        record = store.snapshot.get(audit_id)
        natural = None
        if isinstance(record, Audit):
            day = record.reported_on or record.plan.end
            zone = report_zone(store.snapshot)
            natural = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(days=1)
        return (audit_id,), natural

    return args


def _major(incident_id: str) -> Args:
    return lambda store: ((incident_id,), natural_moment(store.snapshot, incident_id))


def _quarter(quarter: str) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        period = Period.quarter(quarter, report_zone(store.snapshot))
        return (period,), period.end

    return args


def _year(year: int) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        period = Period.year(year, report_zone(store.snapshot))
        return (period,), period.end

    return args


MonthArg = Annotated[str, typer.Option("--month", help="月份 The month, YYYY-MM.")]
CmdbMonthArg = Annotated[str | None, typer.Option("--month", help="月份 Also list CI changes in this month (YYYY-MM).")]
AuditArg = Annotated[str, typer.Argument(help="审核编号 The audit's id.")]
IncidentArg = Annotated[str, typer.Argument(help="事件编号 The incident's id (INC-…).")]
QuarterArg = Annotated[str, typer.Argument(help="季度 The quarter, YYYY-Qn (2026-Q3).")]
YearArg = Annotated[int, typer.Argument(help="年度 The year, e.g. 2026.")]


@dataclass(frozen=True)
class ReportCommand:
    """One ``itsmctl report`` command: its subject (the one parameter that differs) and the rest
    the options every report shares."""

    doc: str
    subject: str
    annotation: Any
    reads: Subject
    default: Any = inspect.Parameter.empty
    unfinished: str = "the period has not ended"


COMMANDS: dict[str, ReportCommand] = {
    "monthly": ReportCommand(
        "月度服务总结 The monthly service report: SLA achievement, breaches, workload, changes, trends.",
        "month", MonthArg, _month,
    ),
    "quality": ReportCommand(
        "质量月报 The monthly quality report: KPIs against the SLA, improvement actions.", "month", MonthArg, _month
    ),
    "repairs": ReportCommand(
        "月度维修总结 The monthly repair summary: repairs, spare parts, vendor repairs.", "month", MonthArg, _month
    ),
    "inspection": ReportCommand(
        "巡检报告 The monthly inspection report: routine operations due, done, late, overdue; failed items.",
        "month", MonthArg, _month,
    ),
    "cmdb": ReportCommand(
        "配置管理报告 The CMDB report: CIs by class and status, relations, changes, verification and expiry due.",
        "month", CmdbMonthArg, _cmdb, default=None,
    ),
    "audit": ReportCommand(
        "内部审核报告 The internal audit report: plan, checklist, nonconformities, corrective actions.",
        "audit_id", AuditArg, _audit,
    ),
    "major": ReportCommand(
        "重大事件报告 One incident's report: timeline, impact, SLA timings, root cause, actions.",
        "incident_id", IncidentArg, _major, unfinished="the incident is not closed",
    ),
    "quarterly": ReportCommand(
        "季度运维服务报告 The quarterly operations report: SLA per commitment, months, incidents, changes.",
        "quarter", QuarterArg, _quarter,
    ),
    "yearly": ReportCommand(
        "年度运维服务报告 The yearly operations report: SLA per commitment, months, incidents, changes.",
        "year", YearArg, _year,
    ),
    "review": ReportCommand("管理评审输入 The management review input pack for one year.", "year", YearArg, _year),
}  # fmt: skip
"""Every report command, in the order ``itsmctl report --help`` lists them."""

SHARED = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
    for name, annotation, default in (
        ("lang", LangOption, "zh"),
        ("rev", RevOption, None),
        ("output", OutputOption, None),
        ("template", TemplateOption, None),
        ("records", RecordsOption, DEFAULT_RECORDS),
        ("at", AtOption, None),
        ("full", FullOption, False),
        ("audience", AudienceOption, None),
        ("to", ToOption, "md"),
    )
]
"""The options of every report command, as typer reads them from the signature."""


def _register(kind: str, spec: ReportCommand) -> None:
    def command(**options: Any) -> int:
        subject = options.pop(spec.subject)
        return _run(kind, spec.reads(subject), unfinished=spec.unfinished, **options)

    subject = inspect.Parameter(
        spec.subject, inspect.Parameter.KEYWORD_ONLY, annotation=spec.annotation, default=spec.default
    )
    parameters = [subject, *SHARED]
    command.__signature__ = inspect.Signature(parameters, return_annotation=int)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": int}
    command.__doc__ = spec.doc
    command.__name__ = kind
    app.command(kind)(command)


for _kind, _spec in COMMANDS.items():
    _register(_kind, _spec)
