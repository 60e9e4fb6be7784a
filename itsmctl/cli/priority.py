"""``itsmctl priority``: decide a priority from the matrix, and explain a ticket's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.errors import NotFoundError, UsageError
from itsmctl.models.policy import PriorityMatrix
from itsmctl.models.tickets import TicketBase
from itsmctl.priority import PRESETS, Decision, Explanation, decide, explain
from itsmctl.store.snapshot import open_store

LEVEL_HELP = (
    "{} level: id, 中文名 or English name; a number only where the levels carry one "
    "(itil: 1 = high, glpi: 5 = very high)."
)

app = typer.Typer(help="Priority from urgency, impact and importance (优先级).", no_args_is_help=True)


def _matrix(preset: str | None, records: Path) -> tuple[PriorityMatrix, str]:
    if preset is not None:
        if preset not in PRESETS:
            raise UsageError(f"--preset {preset!r}: choose one of {', '.join(PRESETS)}")
        return PRESETS[preset].matrix(), f"preset {preset}"
    if records.is_dir():
        _, snapshot = open_store(records, need_policy=False)
        if snapshot.policy is not None:
            return snapshot.policy.priority, f"policy of {records}"
        if (records / "policy.yaml").exists():
            snapshot.require_policy()  # it exists but does not load: say why, never guess
    note(f"no policy in {records}; using the seed preset (三维优先级)")
    return PRESETS["seed"].matrix(), "preset seed"


def decision_text(decision: Decision, matrix: PriorityMatrix, source: str) -> str:
    level = next(lv for lv in matrix.levels if lv.id == decision.priority)
    names = {d.id: d for d in matrix.dimensions}
    lines = [f"优先级 priority: {decision.priority} ({level.name})", f"依据 from: {source}"]
    for dim_id, value in decision.values.items():
        dim = names[dim_id]
        lv = next(x for x in dim.levels if x.id == value)
        lines.append(f"  {dim.name} {dim_id}: {lv.name} ({value})")
    lines.append(f"矩阵单元 cell: {decision.cell} -> {decision.priority}")
    if decision.rule:
        lines.append(f"规则 rule: {decision.rule}")
    return "\n".join(lines) + "\n"


@app.command("calc")
def calc(
    urgency: Annotated[str | None, typer.Option("--urgency", help=LEVEL_HELP.format("紧急程度"))] = None,
    impact: Annotated[str | None, typer.Option("--impact", help=LEVEL_HELP.format("影响范围"))] = None,
    importance: Annotated[str | None, typer.Option("--importance", help=LEVEL_HELP.format("重要程度"))] = None,
    dim: Annotated[
        list[str] | None,
        typer.Option("--dim", help="Any dimension, by id or 中文名: --dim urgency=urgent, --dim 紧急程度=紧急."),
    ] = None,
    preset: Annotated[str | None, typer.Option("--preset", help="seed, itil or glpi (default: the policy).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """Print the priority the matrix gives, and which cell and rule decided it."""
    given: dict[str, str] = {}
    for item in dim or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--dim {item!r}: write DIMENSION=LEVEL, like urgency=urgent")
        given[key.strip()] = value.strip()
    for name, shortcut in (("urgency", urgency), ("impact", impact), ("importance", importance)):
        if shortcut is not None:
            given[name] = shortcut
    matrix, source = _matrix(preset, records)
    emit(decision_text(decide(matrix, given), matrix, source))
    return 0


def explanation_text(e: Explanation, matrix: PriorityMatrix | None) -> str:
    lines = [f"{e.ticket_id}: 当前优先级 current priority {e.current}"]
    if e.decision is not None:
        lines.append(f"矩阵 matrix: {e.decision.cell} -> {e.decision.priority}")
        if e.decision.rule:
            lines.append(f"规则 rule: {e.decision.rule}")
    else:
        lines.append(f"矩阵 matrix: not decided ({e.problem})")
    lines.append("历史 history:")
    if not any(s.source in ("opened", "matrix", "field") for s in e.history):
        lines.append("  开单优先级未知 opening priority unknown: the opened event records none (validate reports this)")
    for step in e.history:
        at = step.at.isoformat() if step.at else "-"
        who = f" by {step.by}" if step.by else ""
        why = f": {step.reason}" if step.reason else ""
        lines.append(f"  {at}  {step.priority}  [{step.source}]{who}{why}")
    if e.decision is not None and e.decision.priority != e.current:
        overridden = any(s.source in ("override", "event") for s in e.history)
        lines.append(
            "与矩阵不同 differs from the matrix: "
            + ("set by hand (see history)" if overridden else "no override recorded (validate reports this)")
        )
    return "\n".join(lines) + "\n"


@app.command("explain")
def explain_cmd(
    ticket_id: Annotated[str, typer.Argument(metavar="ID", help="A ticket id.")],
    records: RecordsOption = DEFAULT_RECORDS,
) -> int:
    """Why a ticket has its priority: the matrix cell, overrides and priority events."""
    _, snapshot = open_store(records)
    ticket = snapshot.get(ticket_id)
    if not isinstance(ticket, TicketBase):
        raise NotFoundError(f"no ticket {ticket_id} in {records}")
    matrix = snapshot.policy.priority if snapshot.policy else None
    emit(explanation_text(explain(ticket, matrix), matrix))
    return 0
