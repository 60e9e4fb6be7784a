"""How ``priority calc`` and ``priority explain`` are written: plain text or JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from itsmctl.escape import json_text, terminal_lines
from itsmctl.models.policy import PriorityMatrix
from itsmctl.priority import Decision, Explanation


@dataclass(frozen=True)
class Calculated:
    """A decision with the matrix it came from and where that matrix came from."""

    decision: Decision
    matrix: PriorityMatrix
    source: str


def decision_text(c: Calculated) -> str:
    decision, matrix = c.decision, c.matrix
    level = next(lv for lv in matrix.levels if lv.id == decision.priority)
    names = {d.id: d for d in matrix.dimensions}
    lines = [f"优先级 priority: {decision.priority} ({level.name})", f"依据 from: {c.source}"]
    for dim_id, value in decision.values.items():
        dim = names[dim_id]
        lv = next(x for x in dim.levels if x.id == value)
        lines.append(f"  {dim.name} {dim_id}: {lv.name} ({value})")
    lines.append(f"矩阵单元 cell: {decision.cell} -> {decision.priority}")
    if decision.rule:
        lines.append(f"规则 rule: {decision.rule}")
    return terminal_lines("\n".join(lines)) + "\n"


def decision_json(c: Calculated) -> str:
    level = next(lv for lv in c.matrix.levels if lv.id == c.decision.priority)
    data = {**dataclasses.asdict(c.decision), "name": level.name, "source": c.source}
    return json_text(data, indent=2) + "\n"


def explanation_text(e: Explanation) -> str:
    lines = [f"{e.ticket_id}: 当前优先级 current priority {e.current}"]
    if e.handling is not None:
        lines.append(
            f"评估优先级 assessed (measured by the SLA) {e.assessed}; "
            f"处理优先级 handling {e.handling} (escalation raise, see history)"
        )
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
    measured = e.assessed if e.assessed is not None else e.current
    if e.decision is not None and e.decision.priority != measured:
        overridden = any(s.source in ("override", "event") for s in e.history)
        lines.append(
            "与矩阵不同 differs from the matrix: "
            + ("set by hand (see history)" if overridden else "no override recorded (validate reports this)")
        )
    return terminal_lines("\n".join(lines)) + "\n"


def explanation_json(e: Explanation) -> str:
    data = dataclasses.asdict(e)
    for step in data["history"]:
        step["at"] = step["at"].isoformat() if step["at"] else None
    return json_text(data, indent=2) + "\n"


CALC_REPORTERS: dict[str, Callable[[Calculated], str]] = {"text": decision_text, "json": decision_json}
EXPLAIN_REPORTERS: dict[str, Callable[[Explanation], str]] = {"text": explanation_text, "json": explanation_json}
