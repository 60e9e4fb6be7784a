"""``itsmctl priority``: decide a priority from the matrix, and explain a ticket's."""

from __future__ import annotations

from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, PresetName, PriorityFormatOption, RecordsOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.exits import CommandResult
from itsmctl.models.policy import PriorityMatrix
from itsmctl.models.tickets import TicketBase
from itsmctl.priority import PRESETS, decide, explain
from itsmctl.reporters.priority import CALC_REPORTERS, EXPLAIN_REPORTERS, Calculated
from itsmctl.store.store import Store

LEVEL_HELP = (
    "{} level: id, 中文名 or English name; a number only where the levels carry one "
    "(itil: 1 = high, glpi: 5 = very high)."
)

app = typer.Typer(help="优先级 Priority from urgency, impact and importance.", no_args_is_help=True)


def _matrix(preset: str | None, store: Store | None) -> tuple[PriorityMatrix, str]:
    if preset is not None:
        return PRESETS[preset].matrix(), f"preset {preset}"
    if store is not None:
        if store.policy_or_none is not None:
            return store.policy_or_none.priority, f"policy of {store.root}"
        if (store.root / "policy.yaml").exists():
            store.require_policy()  # it exists but does not load: say why, never guess
    note(f"no policy in {store.root if store else 'the records folder'}; using the seed preset (三维优先级)")
    return PRESETS["seed"].matrix(), "preset seed"


@app.command("calc")
def calc(
    urgency: Annotated[str | None, typer.Option("--urgency", help=LEVEL_HELP.format("紧急程度 Urgency"))] = None,
    impact: Annotated[str | None, typer.Option("--impact", help=LEVEL_HELP.format("影响范围 Impact"))] = None,
    importance: Annotated[
        str | None, typer.Option("--importance", help=LEVEL_HELP.format("重要程度 Importance"))
    ] = None,
    dim: Annotated[
        list[str] | None,
        typer.Option(
            "--dim", help="任一维度 Any dimension, by id or 中文名: --dim urgency=urgent, --dim 紧急程度=紧急."
        ),
    ] = None,
    preset: Annotated[
        PresetName | None,
        typer.Option("--preset", help="预设矩阵 Preset matrix: seed, itil or glpi (default: the policy)."),
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    format: PriorityFormatOption = "text",
) -> int:
    """算优先级 Print the priority the matrix gives, and which cell and rule decided it."""
    given: dict[str, str] = {}
    for item in dim or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--dim {item!r}: write DIMENSION=LEVEL, like urgency=urgent")
        given[key.strip()] = value.strip()
    for name, shortcut in (("urgency", urgency), ("impact", impact), ("importance", importance)):
        if shortcut is not None:
            given[name] = shortcut
    matrix, source = _matrix(preset, open_records(records) if records.is_dir() else None)
    emit(CALC_REPORTERS[format](Calculated(decide(matrix, given), matrix, source)))
    return 0


@app.command("explain")
def explain_cmd(
    ticket_id: Annotated[str, typer.Argument(metavar="ID", help="工单号 A ticket id.")],
    records: RecordsOption = DEFAULT_RECORDS,
    format: PriorityFormatOption = "text",
) -> int:
    """优先级说明 Why a ticket has its priority: the matrix cell, overrides and priority events."""
    store = open_records(records)
    snapshot = store.snapshot()
    matrix = store.require_policy().priority
    ticket = snapshot.require_record(ticket_id, "ticket")
    if not isinstance(ticket, TicketBase):
        raise NotFoundError(f"{ticket_id} is not a ticket")
    emit(EXPLAIN_REPORTERS[format](explain(ticket, matrix)))
    return finish(CommandResult(left_out=store.left_out()))
