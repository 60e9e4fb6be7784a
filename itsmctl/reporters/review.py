"""How ``check --base`` shows a pull request: text, JSON, GitHub annotations, or a markdown comment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from itsmctl.escape import json_text, terminal
from itsmctl.reporters.findings import FINDINGS_REPORTERS, annotation
from itsmctl.reports.escape import cell
from itsmctl.review import Review

ReviewReporter = Callable[[Review], str]


def _counts(review: Review) -> str:
    counts = Counter(r.status for r in review.records)
    return ", ".join(f"{counts[s]} {s}" for s in ("added", "changed", "removed") if counts[s]) or "no record changed"


def _errors(review: Review) -> int:
    return sum(1 for f in review.findings if f.severity == "error")


def text(review: Review) -> str:
    lines = [
        f"{review.base[:12]}..{review.head[:12]}: {review.commits} commit(s); records {_counts(review)}; "
        f"{len(review.events)} event(s) added; {_errors(review)} error(s)"
    ]
    for record in review.records:
        lines.append(terminal(f"  {record.status:<8} {record.kind or '-':<10} {record.id or '-':<20} {record.path}"))
    for event in review.events:
        lines.append(
            terminal(f"  + {event.ticket} {event.event_id} {event.type} by {event.by} ({event.commit.sha[:10]})")
        )
    out = "\n".join(lines) + "\n"
    return out + FINDINGS_REPORTERS["text"](review.findings)


def as_json(review: Review) -> str:
    return json_text(review.as_dict(), indent=2) + "\n"


def github(review: Review) -> str:
    summary = f"{review.commits} commit(s); records {_counts(review)}; {len(review.events)} event(s) added"
    return FINDINGS_REPORTERS["github"](review.findings) + annotation("notice", summary, title="itsmctl check")


def _table(headers: list[str], rows: list[list[str]], limits: dict[int, int | None] | None = None) -> list[str]:
    """A markdown table of escaped cells and a blank line after it; nothing for no rows.
    ``limits``: a column's longest shown text (None: whole), else the cell default."""
    if not rows:
        return []
    limits = limits or {}
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        cells = [cell(value, limits[i]) if i in limits else cell(value) for i, value in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def markdown(review: Review) -> str:
    """A pull-request comment: what changed, the events added, and what the board must fix."""
    errors = _errors(review)
    verdict = "✅ 可合并 ready to merge" if errors == 0 else f"❌ {errors} 项须修改 error(s) to fix"
    out = [
        "### itsmctl check",
        "",
        f"`{review.base[:12]}..{review.head[:12]}` · {review.commits} commit(s) · {_counts(review)} · {verdict}",
        "",
    ]
    out += _table(
        ["变动 change", "类型 kind", "编号 id", "文件 file"],
        [[r.status, r.kind or "-", r.id or "-", r.path] for r in review.records],
    )
    out += _table(
        ["工单 ticket", "事件 event", "类型 type", "记录人 by", "提交 commit"],
        [[e.ticket, e.event_id, e.type, e.by, e.commit.sha[:10]] for e in review.events],
    )
    out += _table(
        ["文件 file", "字段 field", "规则 rule", "说明 reason"],
        [[f"{f.file}:{f.line}", f.field or "-", f.code, f.message] for f in review.findings],
        limits={3: None},
    )
    return "\n".join(out)


REVIEW_REPORTERS: dict[str, ReviewReporter] = {"text": text, "json": as_json, "github": github, "markdown": markdown}
