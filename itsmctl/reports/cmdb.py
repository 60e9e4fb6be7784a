"""The CMDB report: CIs by class and status, relations, changes in the period, CIs
overdue for verification, expiring warranties and licences (ISO/IEC 20000 §8.1)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from itsmctl.models import Change, ConfigurationItem
from itsmctl.models.policy import CmdbPolicy
from itsmctl.reports.common import Period, ReportInput, left_out

IN_USE = ("in_use", "changed")
"""Lifecycle states of a CI in service.  ``ordered``/``received``/``testing`` are not in use
yet and ``retired``/``disposed`` are gone: neither belongs among isolated or overdue CIs."""
GONE = ("retired", "disposed")
"""Warranties and licences still matter for a CI not yet in use, but not for one gone."""


def touched_cis(inp: ReportInput, period: Period) -> dict[str, Any]:
    """CIs named by changes and incidents active in the period, and CIs verified in it."""
    cis = {ci.id: ci for ci in inp.snapshot.cis}
    by_ci: dict[str, dict[str, Any]] = {}
    for t in inp.snapshot.tickets:
        f = inp.facts(t)
        active = t.opened_at in period or f.resolved_at in period or f.closed_at in period
        if not active or not t.cis:
            continue
        for ci_id in t.cis:
            row = by_ci.setdefault(ci_id, {"changes": [], "incidents": 0, "other": 0})
            if isinstance(t, Change):
                row["changes"].append(t.id)
            elif t.kind == "incident":  # type: ignore[attr-defined]
                row["incidents"] += 1
            else:
                row["other"] += 1
    rows = []
    for ci_id, row in sorted(by_ci.items()):
        ci = cis.get(ci_id)
        rows.append(
            {
                "id": ci_id,
                "name": ci.name if ci else "",
                "class": inp.label("ci_class", ci.ci_class) if ci else "",
                "status": inp.label("ci_status", ci.status) if ci else "",
                "changes": ", ".join(sorted(row["changes"])),
                "incidents": row["incidents"],
                "other": row["other"],
                "known": ci is not None,
            }
        )
    verified = sorted(
        ci.id for ci in cis.values() if ci.last_verified and period.start.date() <= ci.last_verified <= period.last_day
    )
    return {
        "rows": rows,
        "changed": sum(1 for r in rows if r["changes"]),
        "verified": len(verified),
    }


def _class_status(inp: ReportInput, cis: list[ConfigurationItem]) -> dict[str, Any]:
    statuses = [
        s
        for s in ("ordered", "received", "testing", "in_use", "changed", "retired", "disposed")
        if any(ci.status == s for ci in cis)
    ]
    counts: Counter[tuple[str, str]] = Counter((ci.ci_class, ci.status) for ci in cis)
    classes = sorted({ci.ci_class for ci in cis})
    return {
        "statuses": [inp.label("ci_status", s) for s in statuses],
        "rows": [
            {
                "class": inp.label("ci_class", c),
                "counts": [counts.get((c, s), 0) for s in statuses],
                "total": sum(counts.get((c, s), 0) for s in statuses),
            }
            for c in classes
        ],
        "totals": [sum(counts.get((c, s), 0) for c in classes) for s in statuses],
        "total": len(cis),
    }


def _relations(inp: ReportInput, cis: list[ConfigurationItem]) -> dict[str, Any]:
    known = {ci.id: ci for ci in cis}
    rows = []
    for ci in cis:
        for rel in ci.relations:
            target = known.get(rel.target)
            rows.append(
                {
                    "source": ci.id,
                    "source_name": ci.name,
                    "type": inp.label("relation", rel.type),
                    "target": rel.target,
                    "target_name": target.name if target else "",
                    "broken": target is None,
                }
            )
    rows.sort(key=lambda r: (r["source"], r["type"], r["target"]))
    return {
        "rows": rows,
        "by_type": sorted(Counter(r["type"] for r in rows).items()),
        "broken": sum(1 for r in rows if r["broken"]),
        "isolated": [
            {"id": ci.id, "name": ci.name}
            for ci in cis
            if not ci.relations and not any(r["target"] == ci.id for r in rows) and ci.status in IN_USE
        ],
    }


def _due(inp: ReportInput, cis: list[ConfigurationItem], today: date, policy: CmdbPolicy) -> dict[str, Any]:
    """Overdue for verification and expiring, by the policy's ``cmdb`` (the same as ``ci verify``)."""
    verify_every = timedelta(days=policy.verify_days)
    horizon = timedelta(days=policy.expiry_days)
    overdue = []
    expiring = []
    for ci in cis:
        in_use = ci.status in IN_USE
        if in_use and (ci.last_verified is None or ci.last_verified + verify_every < today):
            overdue.append(
                {
                    "id": ci.id,
                    "name": ci.name,
                    "class": inp.label("ci_class", ci.ci_class),
                    "last_verified": ci.last_verified.isoformat() if ci.last_verified else "",
                    "days": (today - ci.last_verified).days if ci.last_verified else None,
                }
            )
        for what, until in (("warranty", ci.warranty_until), ("licence", ci.licence_until)):
            if ci.status not in GONE and until is not None and until <= today + horizon:
                expiring.append(
                    {
                        "id": ci.id,
                        "name": ci.name,
                        "what": what,
                        "until": until.isoformat(),
                        "days": (until - today).days,
                        "expired": until < today,
                        "vendor": ci.vendor or ci.supplier or "",
                    }
                )
    return {
        "overdue": sorted(overdue, key=lambda r: (r["last_verified"], r["id"])),
        "expiring": sorted(expiring, key=lambda r: (r["until"], r["id"], r["what"])),
    }


def build(inp: ReportInput, period: Period | None) -> dict[str, Any]:
    cis = sorted(inp.snapshot.cis, key=lambda ci: ci.id)
    today = inp.now.astimezone(inp.zone).date()
    cmdb = inp.snapshot.policy.cmdb if inp.snapshot.policy else CmdbPolicy()
    return {
        "report": {
            **inp.heading(),
            "period": period.name if period else "",
            "today": today.isoformat(),
            "verify_days": cmdb.verify_days,
            "horizon_days": cmdb.expiry_days,
        },
        "left_out": left_out(inp.snapshot),
        "classes": _class_status(inp, cis),
        "relations": _relations(inp, cis),
        "changes": touched_cis(inp, period) if period else None,
        **_due(inp, cis, today, cmdb),
    }
