"""``itsmctl report``: markdown reports rendered from the records with Jinja.

The as-of moment is ``--at`` when given; otherwise the end of the reported period
(the first moment of the next month or year), so reruns are byte-identical.  A period
that has not ended yet is reported as of the real clock, with a note on stderr.
"""

from __future__ import annotations

from collections.abc import Callable
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

MonthOption = Annotated[str, typer.Option("--month", help="月份 The month, YYYY-MM.")]
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
    records: Path,
    rev: str | None,
    lang: str,
    at: str | None,
    output: Path | None,
    template: Path | None,
    full: bool = False,
    audience: str | None = None,
    unfinished: str = "the period has not ended",
    to: str = "md",
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


def _month(month: str) -> Args:
    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        period = Period.month(month, report_zone(store.snapshot))
        return (period,), period.end

    return args


MONTHLY_REPORTS = {
    "monthly": "月度服务总结 The monthly service report: SLA achievement, breaches, workload, changes, trends.",
    "quality": "质量月报 The monthly quality report: KPIs against the SLA, improvement actions.",
    "repairs": "月度维修总结 The monthly repair summary: repairs, spare parts, vendor repairs.",
    "inspection": "巡检报告 The monthly inspection report: routine operations due, done, late, overdue; failed items.",
}
"""The reports of one month: the same options, one command each."""


def _monthly_command(kind: str, doc: str) -> None:
    def command(
        month: MonthOption,
        lang: LangOption = "zh",
        rev: RevOption = None,
        output: OutputOption = None,
        template: TemplateOption = None,
        records: RecordsOption = DEFAULT_RECORDS,
        at: AtOption = None,
        full: FullOption = False,
        audience: AudienceOption = None,
        to: ToOption = "md",
    ) -> int:
        return _run(kind, _month(month), records, rev, lang, at, output, template, full, audience, to=to)

    command.__doc__ = doc
    command.__name__ = kind
    app.command(kind)(command)


for _kind, _doc in MONTHLY_REPORTS.items():
    _monthly_command(_kind, _doc)


@app.command("cmdb")
def cmdb(
    month: Annotated[
        str | None, typer.Option("--month", help="月份 Also list CI changes in this month (YYYY-MM).")
    ] = None,
    lang: LangOption = "zh",
    rev: RevOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    full: FullOption = False,
    audience: AudienceOption = None,
    to: ToOption = "md",
) -> int:
    """配置管理报告 The CMDB report: CIs by class and status, relations, changes, verification and expiry due."""

    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        if month is None:
            return (None,), latest_moment(store.snapshot)
        period = Period.month(month, report_zone(store.snapshot))
        return (period,), period.end

    return _run("cmdb", args, records, rev, lang, at, output, template, full, audience, to=to)


@app.command("audit")
def audit(
    audit_id: Annotated[str, typer.Argument(help="审核编号 The audit's id.")],
    lang: LangOption = "zh",
    rev: RevOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    full: FullOption = False,
    audience: AudienceOption = None,
    to: ToOption = "md",
) -> int:
    """内部审核报告 The internal audit report: plan, checklist, nonconformities, corrective actions."""

    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        record = store.snapshot.get(audit_id)
        natural = None
        if isinstance(record, Audit):
            day = record.reported_on or record.plan.end
            zone = report_zone(store.snapshot)
            natural = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(days=1)
        return (audit_id,), natural

    return _run("audit", args, records, rev, lang, at, output, template, full, audience, to=to)


@app.command("major")
def major(
    incident_id: Annotated[str, typer.Argument(help="事件编号 The incident's id (INC-…).")],
    lang: LangOption = "zh",
    rev: RevOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    full: FullOption = False,
    audience: AudienceOption = None,
    to: ToOption = "md",
) -> int:
    """重大事件报告 One incident's report: timeline, impact, SLA timings, root cause, actions."""

    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        return (incident_id,), natural_moment(store.snapshot, incident_id)

    unfinished = "the incident is not closed"
    return _run("major", args, records, rev, lang, at, output, template, full, audience, unfinished, to=to)


@app.command("quarterly")
def quarterly(
    quarter: Annotated[str, typer.Argument(help="季度 The quarter, YYYY-Qn (2026-Q3).")],
    lang: LangOption = "zh",
    rev: RevOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
    full: FullOption = False,
    audience: AudienceOption = None,
    to: ToOption = "md",
) -> int:
    """季度运维服务报告 The quarterly operations report: SLA per commitment, months, incidents, changes."""

    def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
        period = Period.quarter(quarter, report_zone(store.snapshot))
        return (period,), period.end

    return _run("quarterly", args, records, rev, lang, at, output, template, full, audience, to=to)


YEARLY_REPORTS = {
    "yearly": "年度运维服务报告 The yearly operations report: SLA per commitment, months, incidents, changes.",
    "review": "管理评审输入 The management review input pack for one year.",
}
"""The reports of one year: the same options, one command each."""


def _yearly_command(kind: str, doc: str) -> None:
    def command(
        year: Annotated[int, typer.Argument(help="年度 The year, e.g. 2026.")],
        lang: LangOption = "zh",
        rev: RevOption = None,
        output: OutputOption = None,
        template: TemplateOption = None,
        records: RecordsOption = DEFAULT_RECORDS,
        at: AtOption = None,
        full: FullOption = False,
        audience: AudienceOption = None,
        to: ToOption = "md",
    ) -> int:
        def args(store: LoadedStore) -> tuple[tuple[Any, ...], datetime | None]:
            period = Period.year(year, report_zone(store.snapshot))
            return (period,), period.end

        return _run(kind, args, records, rev, lang, at, output, template, full, audience, to=to)

    command.__doc__ = doc
    command.__name__ = kind
    app.command(kind)(command)


for _kind, _doc in YEARLY_REPORTS.items():
    _yearly_command(_kind, _doc)
