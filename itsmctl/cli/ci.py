"""``itsmctl ci …``: the CMDB from the command line (docs/cmdb.md).

``list``/``show`` read, ``new``/``set``/``retire`` write (each naming the approved change
that authorises it, ``--change``; ``--by``, ``--at`` and ``--commit`` as the ticket verbs
take them), ``impact``, ``graph`` and ``verify`` analyse.  The core is ``itsmctl.cmdb``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli import ci_edit
from itsmctl.cli.options import (
    DEFAULT_RECORDS,
    AtOption,
    CIListFormatOption,
    CIShowFormatOption,
    GraphFormatOption,
    ImpactFormatOption,
    OutputOption,
    RecordsOption,
    VerifyFormatOption,
)
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import local_day, parse_at
from itsmctl.cmdb.edit import read_ci
from itsmctl.cmdb.graph import drawing, select
from itsmctl.cmdb.impact import RelationGraph, impact
from itsmctl.cmdb.verify import verification
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.exits import CommandResult
from itsmctl.fs import atomic_write
from itsmctl.models.labels import id_of
from itsmctl.reporters.cmdb import (
    CI_LIST_REPORTERS,
    CI_SHOW_REPORTERS,
    GRAPH_REPORTERS,
    IMPACT_REPORTERS,
    VERIFY_REPORTERS,
)

app = typer.Typer(
    help="配置管理 The CMDB: 列表 list, 查看 show, 新增 new, 变更 set, 退役 retire; "
    "影响分析 impact, 关系图 graph, 核查 verify.",
    no_args_is_help=True,
)
app.command("new")(ci_edit.new)
app.command("set")(ci_edit.set_ci)
app.command("retire")(ci_edit.retire)

CiArg = Annotated[str, typer.Argument(help="配置项 CI id, e.g. CI-DB-CORE.")]


@app.command("list")
def list_cis(
    ci_class: Annotated[
        list[str] | None, typer.Option("--class", help="类别 Class, e.g. server or 服务器 (repeat for any of).")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="状态 Status, e.g. in_use or 使用中 (repeat for any of).")
    ] = None,
    owner: Annotated[list[str] | None, typer.Option("--owner", help="负责人 Owner (repeat for any of).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="查找 Text in the id or name.")] = None,
    format: CIListFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """配置项列表 The CIs, by id, filtered by class, status, owner or text."""
    store = open_records(records)
    snapshot = store.snapshot()
    classes = [id_of("ci_class", c) or c for c in ci_class or []]
    statuses = [id_of("ci_status", s) or s for s in status or []]
    chosen = select(snapshot.cis, classes=classes, statuses=statuses, owners=owner or [], text=search)
    emit(CI_LIST_REPORTERS[format](chosen))
    return finish(CommandResult(left_out=store.left_out()))


@app.command("show")
def show(ci_id: CiArg, format: CIShowFormatOption = "text", records: RecordsOption = DEFAULT_RECORDS) -> int:
    """查看配置项 One CI: its fields, relations and change log (reads its one file)."""
    store = open_records(records)
    _, _, ci = read_ci(store.root, ci_id, policy=store.policy_or_none)
    emit(CI_SHOW_REPORTERS[format](ci))
    return 0


@app.command("impact")
def impact_of(
    ci_id: CiArg,
    depth: Annotated[
        int | None, typer.Option("--depth", min=1, help="深度 At most this many relations away (default: all).")
    ] = None,
    format: ImpactFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """影响分析 What a failure of the CI reaches: services, CIs (down or degraded) and open tickets."""
    now = parse_at(at)
    store = open_records(records)
    snapshot = store.snapshot()
    graph = RelationGraph(snapshot.cis)
    if ci_id not in graph.cis:
        raise NotFoundError(f"no CI {ci_id} in {records}")
    result = impact(graph, ci_id, depth=depth, tickets=snapshot.tickets, now=now)
    emit(IMPACT_REPORTERS[format](result, graph))
    return finish(CommandResult(left_out=store.left_out()))


@app.command("graph")
def graph(
    ci_id: Annotated[
        str | None, typer.Argument(help="配置项 Draw only this CI's neighbourhood (default: all).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="深度 With a CI: relations away from it to draw.")] = 2,
    format: GraphFormatOption = "mermaid",
    output: OutputOption = None,
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """关系图 The CIs and their relations as a Mermaid flowchart (each arrow as the CI lists it)."""
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"-o {output}: the folder {output.parent} does not exist (create it first)")
    store = open_records(records)
    cis = store.snapshot().cis
    if ci_id is not None and ci_id not in {ci.id for ci in cis}:
        raise NotFoundError(f"no CI {ci_id} in {records}")
    text = GRAPH_REPORTERS[format](drawing(cis, ci_id, depth))
    _write(text, output)
    return finish(CommandResult(left_out=store.left_out()))


@app.command("verify")
def verify(
    days: Annotated[
        int | None,
        typer.Option("--days", min=0, help="天数 Warranties and licences expiring within N days (default: policy's)."),
    ] = None,
    format: VerifyFormatOption = "text",
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """配置核查 CIs overdue for verification, expiring warranties and licences, CIs no ticket names."""
    store = open_records(records)
    snapshot = store.snapshot()
    policy = store.policy
    today = local_day(parse_at(at), store.zone)
    view = verification(snapshot.cis, snapshot.tickets, today, policy.cmdb, within_days=days)
    emit(VERIFY_REPORTERS[format](view))
    return finish(CommandResult(left_out=store.left_out()))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        emit(text)
    else:
        atomic_write(output, text.encode("utf-8"))
        note(f"wrote {output}")
