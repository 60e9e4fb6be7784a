"""How the CMDB commands write: CI lists and records, impact, the Mermaid graph, verification.

Every text goes out through ``itsmctl.escape``: ``terminal`` for a line or cell,
``json_text`` for JSON, ``mermaid_label`` for every label of a diagram (node ids are
``n0``, ``n1``…, never a CI id, so no name or id can break the diagram's syntax).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from itsmctl.cmdb.graph import Drawing
from itsmctl.cmdb.impact import Affected, Impact, RelationGraph
from itsmctl.cmdb.verify import Verification
from itsmctl.escape import json_text, mermaid_label, terminal
from itsmctl.models import ConfigurationItem
from itsmctl.models.labels import label

STATE_LABELS = {"down": "中断 down", "degraded": "降级 degraded"}


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns, the last one free (it varies most); every cell escaped."""
    table = [list(headers), *[[terminal(c) for c in row] for row in rows]]
    widths = [max(_width(r[i]) for r in table) for i in range(len(headers) - 1)]
    lines = []
    for cells in table:
        padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=False)]
        lines.append("  ".join([*padded, cells[-1]]).rstrip())
    return "\n".join(lines) + "\n"


# --- list and show ------------------------------------------------------------------------

LIST_HEADERS = ("配置项 id", "类别 class", "状态 status", "负责人 owner", "名称 name")


def ci_list_text(cis: Sequence[ConfigurationItem]) -> str:
    rows = [
        (ci.id, label("zh", "ci_class", ci.ci_class), label("zh", "ci_status", ci.status), ci.owner or "-", ci.name)
        for ci in cis
    ]
    return _columns(LIST_HEADERS, rows)


def ci_list_json(cis: Sequence[ConfigurationItem]) -> str:
    return json_text([_row(ci) for ci in cis], indent=2) + "\n"


def _row(ci: ConfigurationItem) -> dict[str, Any]:
    return {"id": ci.id, "name": ci.name, "class": ci.ci_class, "status": ci.status, "owner": ci.owner}


CI_LIST_REPORTERS: dict[str, Callable[[Sequence[ConfigurationItem]], str]] = {
    "text": ci_list_text,
    "json": ci_list_json,
}


def ci_show_text(ci: ConfigurationItem) -> str:
    data = ci.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    head = f"{ci.id}  {label('zh', 'ci_class', ci.ci_class)}  {label('zh', 'ci_status', ci.status)}"
    lines = [terminal(head), terminal(ci.name)]
    for key, value in data.items():
        if key in ("kind", "id", "name", "class", "status", "relations", "changes"):
            continue
        shown = json_text(value) if isinstance(value, (dict, list)) else str(value)
        lines.append(f"{terminal(key)}: {terminal(shown)}")
    lines.append(f"关系 relations ({len(ci.relations)}):")
    lines += [terminal(f"  {rel.type:<13} {rel.target}") for rel in ci.relations]
    lines.append(f"变更记录 changes ({len(ci.changes)}):")
    for entry in ci.changes:
        fields = ", ".join(entry.fields) or "-"
        note = f"  {entry.note}" if entry.note else ""
        lines.append(terminal(f"  {entry.date.isoformat()}  {entry.change}  {entry.by:<12} {fields}{note}"))
    return "\n".join(lines) + "\n"


def ci_show_json(ci: ConfigurationItem) -> str:
    return json_text(ci.model_dump(mode="json", by_alias=True, exclude_none=True), indent=2) + "\n"


CI_SHOW_REPORTERS: dict[str, Callable[[ConfigurationItem], str]] = {"text": ci_show_text, "json": ci_show_json}

# --- impact -------------------------------------------------------------------------------


def _why(a: Affected) -> str:
    causes = ", ".join(a.causes)
    if a.remaining is None:
        return f"{a.relation} {causes} (失去连接 link lost)"
    return f"{a.relation} {causes} (剩余 {a.remaining}, 需要 needs {a.needed})"


def impact_text(result: Impact, graph: RelationGraph) -> str:
    name = graph.name(result.root)
    lines = [terminal(f"影响分析 impact of {result.root} {name}".rstrip())]
    if result.depth is not None:
        more = "; 更远的影响未展开 more lies beyond" if result.cut_off else ""
        lines.append(f"深度 depth: {result.depth}{more}")
    lines.append(f"业务服务 services ({len(result.services)}):")
    lines += [terminal(f"  {a.id}  {STATE_LABELS[a.state]}  {graph.name(a.id)}") for a in result.services]
    lines.append(f"配置项 CIs ({len(result.affected)}):")
    rows = [
        (f"  {a.id}", STATE_LABELS[a.state], str(a.depth), label("zh", "ci_class", graph.ci_class(a.id)), _why(a))
        for a in result.affected
    ]
    if rows:
        lines.append(_columns(("", "状态 state", "层 hop", "类别 class", "原因 via"), rows).rstrip("\n"))
    lines.append(f"未关闭工单 open tickets ({len(result.tickets)}):")
    for t in result.tickets:
        lines.append(terminal(f"  {t.id}  {t.status}  {t.priority}  {', '.join(t.cis)}  {t.title}"))
    return "\n".join(lines) + "\n"


def impact_json(result: Impact, graph: RelationGraph) -> str:
    def row(a: Affected) -> dict[str, Any]:
        return {
            "id": a.id,
            "name": graph.name(a.id),
            "class": graph.ci_class(a.id),
            "state": a.state,
            "depth": a.depth,
            "relation": a.relation,
            "causes": list(a.causes),
            "remaining": a.remaining,
            "needed": a.needed,
        }

    data = {
        "ci": result.root,
        "depth": result.depth,
        "cut_off": result.cut_off,
        "services": [row(a) for a in result.services],
        "cis": [row(a) for a in result.affected],
        "tickets": [
            {"id": t.id, "kind": t.kind, "status": t.status, "priority": t.priority, "title": t.title, "cis": t.cis}  # type: ignore[attr-defined]
            for t in result.tickets
        ],
    }
    return json_text(data, indent=2) + "\n"


IMPACT_REPORTERS: dict[str, Callable[[Impact, RelationGraph], str]] = {"text": impact_text, "json": impact_json}

# --- graph --------------------------------------------------------------------------------

ARROWS = {"connected_to": "---"}
"""A link has no direction; every other relation points from the CI that lists it."""


def graph_mermaid(drawing: Drawing) -> str:
    """A Mermaid flowchart: one node per CI (id and name), one edge per relation as listed."""
    ids: dict[str, str] = {}
    lines = ["flowchart LR"]
    for ci in drawing.cis:
        ids[ci.id] = node = f"n{len(ids)}"
        open_, close = ('(["', '"])') if ci.ci_class == "business_service" else ('["', '"]')
        lines.append(f"    {node}{open_}{mermaid_label(ci.id)}<br/>{mermaid_label(ci.name)}{close}")
    for missing in drawing.missing:
        ids[missing] = node = f"n{len(ids)}"
        lines.append(f'    {node}["{mermaid_label(missing)} (不在 CMDB not in the CMDB)"]')
    for e in drawing.edges:
        arrow = ARROWS.get(e.type, "-->")
        lines.append(f"    {ids[e.source]} {arrow}|{mermaid_label(e.type)}| {ids[e.target]}")
    if drawing.centre is not None and drawing.centre in ids:
        lines.append(f"    style {ids[drawing.centre]} stroke-width:3px")
    return "\n".join(lines) + "\n"


def graph_json(drawing: Drawing) -> str:
    data = {
        "centre": drawing.centre,
        "cis": [_row(ci) for ci in drawing.cis],
        "missing": list(drawing.missing),
        "relations": [{"source": e.source, "type": e.type, "target": e.target} for e in drawing.edges],
    }
    return json_text(data, indent=2) + "\n"


GRAPH_REPORTERS: dict[str, Callable[[Drawing], str]] = {"mermaid": graph_mermaid, "json": graph_json}

# --- verification -------------------------------------------------------------------------


def verify_text(view: Verification) -> str:
    lines = [f"配置核查 CMDB verification on {view.today.isoformat()}"]
    lines.append(
        f"超过 {view.verify_days} 天未核对 not verified within {view.verify_days} days ({len(view.unverified)}):"
    )
    for u in view.unverified:
        when = f"{u.ci.last_verified.isoformat()} ({u.days} 天 days)" if u.ci.last_verified else "从未 never"
        lines.append(terminal(f"  {u.ci.id}  {when}  {u.ci.name}"))
    lines.append(f"{view.within_days} 天内到期 expiring within {view.within_days} days ({len(view.expiring)}):")
    for e in view.expiring:
        state = "已过期 expired" if e.days < 0 else f"剩 {e.days} 天 days left"
        what = "维保 warranty" if e.what == "warranty" else "许可 licence"
        lines.append(terminal(f"  {e.ci.id}  {what}  {e.until.isoformat()}  {state}  {e.ci.name}"))
    lines.append(f"无工单或变更涉及 no ticket or change names them ({len(view.untouched)}):")
    lines += [terminal(f"  {ci.id}  {ci.name}") for ci in view.untouched]
    return "\n".join(lines) + "\n"


def verify_json(view: Verification) -> str:
    data = {
        "today": view.today.isoformat(),
        "verify_days": view.verify_days,
        "within_days": view.within_days,
        "unverified": [
            {
                "id": u.ci.id,
                "name": u.ci.name,
                "last_verified": u.ci.last_verified.isoformat() if u.ci.last_verified else None,
                "days": u.days,
            }
            for u in view.unverified
        ],
        "expiring": [
            {"id": e.ci.id, "name": e.ci.name, "what": e.what, "until": e.until.isoformat(), "days": e.days}
            for e in view.expiring
        ],
        "untouched": [_row(ci) for ci in view.untouched],
    }
    return json_text(data, indent=2) + "\n"


VERIFY_REPORTERS: dict[str, Callable[[Verification], str]] = {"text": verify_text, "json": verify_json}
