"""The monthly quality report (月度质量报告): KPIs against the SLA per project, and the
improvement actions that are open (domain §4: indicator statistics vs the SLA)."""

from __future__ import annotations

from typing import Any

from itsmctl.models import ManagementReview
from itsmctl.models.policy import QualityGoals
from itsmctl.reports import slafigures
from itsmctl.reports.audit import open_actions
from itsmctl.reports.common import Period, ReportInput, left_out
from itsmctl.reports.document import document_control
from itsmctl.reports.monthly import header
from itsmctl.reports.workload import changes, confirmations, major_incidents, problems, satisfaction, workload


def _kpi(name: str, value: float | None, goal: float | None, unit: str = "%") -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "goal": goal,
        "unit": unit,
        "ok": None if value is None or goal is None else value >= goal,
    }


def build(inp: ReportInput, period: Period) -> dict[str, Any]:
    clocks = slafigures.evaluate(inp.snapshot, inp.now, until=period.end, memo=inp.clocks)
    settled = slafigures.settled_in(clocks, period)
    commitments = {s.id: s.achievement_percent for s in inp.snapshot.slas}
    achievement = slafigures.achievement(settled, commitments, inp.priorities())
    work = workload(inp, period)
    satisfied = satisfaction(inp, period, clocks)
    agreed = confirmations(inp, period)
    change_summary = changes(inp, period)
    zh = inp.lang == "zh"
    policy = inp.snapshot.policy
    goals = policy.quality_goals if policy is not None else QualityGoals()
    projects = []
    for sla in sorted(inp.snapshot.slas, key=lambda s: s.id):
        rows = [r for r in achievement["targets"] if r["sla"] == sla.id]
        projects.append(
            {
                "sla": sla.id,
                "name": sla.name,
                "customer": sla.customer,
                "commitment": sla.achievement_percent,
                "kpis": [
                    _kpi(
                        ("达成率：" if zh else "Achievement: ") + inp.label("target", r["target"]),
                        r["percent"],
                        sla.achievement_percent,
                    )
                    | {"detail": f"{r['met']}/{r['total']}"}
                    for r in rows
                ],
            }
        )
    general = [
        _kpi("一线解决率" if zh else "First-line resolution", work["first_line"]["percent"], goals.first_line_percent)
        | {"detail": f"{work['first_line']['first_line']}/{work['first_line']['resolved']}"},
        _kpi("回访覆盖率" if zh else "Callback coverage", satisfied["coverage"], None)
        | {"detail": f"{satisfied['called']}/{satisfied['callbacks']}"},
        _kpi("回访及时率" if zh else "Callbacks on time", satisfied["timely"], goals.callback_percent)
        | {"detail": f"{satisfied['callbacks_on_time']}/{satisfied['callbacks']}"},
        _kpi("回访接通率" if zh else "Callbacks reaching the customer", satisfied["reach_percent"], None)
        | {"detail": f"{satisfied['callback_surveys_reached']}/{satisfied['callback_surveys']}"},
        _kpi("客户明确确认率" if zh else "Closed on explicit confirmation", agreed["explicit_percent"], None)
        | {
            "detail": f"{agreed['explicit']}/{agreed['closed']}"
            + (f"（默认确认 {agreed['tacit']}）" if zh else f" (tacit: {agreed['tacit']})")
        },
        _kpi("变更成功率（已评价）" if zh else "Change success (reviewed)", change_summary["success_percent"], None)
        | {"detail": f"{change_summary['successful']}/{change_summary['reviewed']}" + _unreviewed(change_summary, zh)},
        _kpi("平均满意度" if zh else "Average satisfaction", satisfied["average"], None, unit="/5")
        | {"detail": str(satisfied["scored"])},
    ]
    breaches_by_target: dict[str, int] = {}
    for clock in settled:
        if clock.state in slafigures.MISSED:
            name = inp.label("target", clock.target)
            breaches_by_target[name] = breaches_by_target.get(name, 0) + 1
    review_actions = []
    for review in sorted(inp.snapshot.of_kind(ManagementReview, "review"), key=lambda r: r.held_on):
        for action in review.actions:
            if action.status != "done":
                review_actions.append(
                    {
                        "review": review.id,
                        "id": action.id,
                        "action": action.action,
                        "owner": inp.person(action.owner),
                        "due": action.due.isoformat(),
                        "status": inp.label("action_status", action.status),
                        "overdue": action.due < period.last_day,
                    }
                )
    return {
        "report": header(inp, period),
        "document": document_control(inp, "quality", period),
        "left_out": left_out(inp.snapshot),
        "estimated_years": slafigures.estimated_years(clocks, period),
        "overall": achievement["overall"],
        "projects": projects,
        "general": general,
        "workload": work,
        "major": len(major_incidents(inp, period)),
        "complaints": satisfied["complaints"],
        "breaches_by_target": sorted(breaches_by_target.items()),
        "problems": problems(inp, period),
        "corrective_actions": open_actions(inp, period.end),
        "review_actions": review_actions,
    }


def _unreviewed(change_summary: dict[str, Any], zh: bool) -> str:
    """The changes finished without a review, shown beside the success rate they are not part of."""
    n = change_summary["unreviewed"]
    if not n:
        return ""
    return f"（未评价 {n}）" if zh else f" ({n} not reviewed)"
