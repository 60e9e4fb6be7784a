"""How ``ops due`` writes: one line per occurrence (text) or one JSON document."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from itsmctl.escape import json_text, terminal
from itsmctl.models.labels import label
from itsmctl.ops.schedule import Occurrence

MARKS = {"on_time": "✓", "late": "!", "overdue": "✗", "pending": "·"}


def due_text(rows: Sequence[Occurrence], first: str, last: str, now: datetime) -> str:
    if not rows:
        return f"no routine operation is due from {first} to {last}\n"
    lines = []
    for o in rows:
        state = f"{label('zh', 'occurrence', o.status)} {o.status}"
        if o.days_late:
            state += f" ({o.days_late}d)"
        done = f"  {o.operation} {o.done_at:%Y-%m-%d %H:%M}" if o.operation and o.done_at else ""
        lines.append(terminal(f"{MARKS[o.status]} {o.due}  {o.plan}  {o.period}  {state}{done}"))
    counts = {s: sum(1 for o in rows if o.status == s) for s in MARKS}
    summary = ", ".join(f"{label('en', 'occurrence', s)} {n}" for s, n in counts.items())
    lines.append(f"{len(rows)} due from {first} to {last} at {now.isoformat(timespec='minutes')}: {summary}")
    return "\n".join(lines) + "\n"


def due_json(rows: Sequence[Occurrence], first: str, last: str, now: datetime) -> str:
    return (
        json_text(
            {
                "from": first,
                "to": last,
                "at": now.isoformat(),
                "occurrences": [
                    {
                        "plan": o.plan,
                        "period": o.period,
                        "due": o.due.isoformat(),
                        "status": o.status,
                        "days_late": o.days_late,
                        "operation": o.operation,
                        "done_at": o.done_at.isoformat() if o.done_at else None,
                    }
                    for o in rows
                ],
            }
        )
        + "\n"
    )


OPS_DUE_REPORTERS: dict[str, Callable[[Sequence[Occurrence], str, str, datetime], str]] = {
    "text": due_text,
    "json": due_json,
}
