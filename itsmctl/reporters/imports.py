"""How ``itsmctl import`` reports: what it read and wrote, what it could not map (per reason), the priority check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from itsmctl.escape import json_text, terminal_lines
from itsmctl.importers.draft import REASONS
from itsmctl.importers.run import ImportSummary

SHOWN_PER_REASON = 3
"""Cases shown per reason in text (all are in the JSON, up to draft.EXAMPLES_PER_REASON)."""


def text(s: ImportSummary) -> str:
    w = s.written
    lines = [
        f"读取 read {s.file}: {s.rows} rows, {s.tickets} tickets ({s.system}, zone {s.zone}, service {s.service})",
        f"写入 written: {w.created} new, {w.updated} updated, {w.unchanged} unchanged, {w.refused} refused; "
        f"{w.events} events",
    ]
    if w.tacit_confirmations:
        lines.append(
            f"  默认确认 {w.tacit_confirmations} closings confirmed tacitly (closed after the policy's "
            "confirmation.tacit_after without the customer's word)"
        )
    if w.kept_local_events:
        lines.append(f"  kept {w.kept_local_events} events added in this store since the last import")
    if w.people_added or w.groups_added:
        lines.append(f"  policy: {w.people_added} people and {w.groups_added} groups added (inactive, org {s.system})")
    a = s.agreement
    if a is not None:
        lines.append(
            f"优先级 priority from impact x urgency: {a.agree} of {a.incidents} incidents agree with the export, "
            f"{a.disagree} disagree, {a.unreadable} unreadable"
        )
        lines += [f"  {cell}: {n} rows" for cell, n in a.cells.most_common(10)]
        if a.examples:
            lines.append(f"  e.g. {', '.join(a.examples[:10])}")
    lines.append("未能对应 not mapped:" if s.unmapped else "未能对应 not mapped: nothing")
    for code, n in s.unmapped.items():
        lines.append(f"  {code:<26} {n:>7}  {REASONS[code]}")
        for f in [f for f in s.findings if f.code == code][:SHOWN_PER_REASON]:
            lines.append(f"    {f.file}:{f.line}: {f.field}: {f.message}")
    if w.rule_findings:
        lines.append("validate 将报告 validate will report (rule book, by rule):")
        lines += [f"  {code:<26} {n:>7}" for code, n in sorted(w.rule_findings.items())]
    if w.warnings:
        lines.append("validate 将警告 validate will warn (by code):")
        lines += [f"  {code:<26} {n:>7}" for code, n in sorted(w.warnings.items())]
        if w.warnings.get("sla-coverage"):
            lines.append(
                "  无 SLA 覆盖的工单没有时钟 tickets opened when no SLA covered their service have no clocks: to "
                "measure the history, give the SLA an effective_from before the first imported opening"
            )
    return terminal_lines("\n".join(lines)) + "\n"


def as_json(s: ImportSummary) -> str:
    w = s.written
    data: dict[str, Any] = {
        "file": s.file,
        "system": s.system,
        "zone": s.zone,
        "service": s.service,
        "rows": s.rows,
        "tickets": s.tickets,
        "written": {
            "created": w.created,
            "updated": w.updated,
            "unchanged": w.unchanged,
            "refused": w.refused,
            "events": w.events,
            "kept_local_events": w.kept_local_events,
            "tacit_confirmations": w.tacit_confirmations,
            "people_added": w.people_added,
            "groups_added": w.groups_added,
        },
        "unmapped": s.unmapped,
        "findings": [f.as_dict() for f in s.findings],
        "rule_findings": dict(sorted(w.rule_findings.items())),
        "warnings": dict(sorted(w.warnings.items())),
        "priority": None,
    }
    if s.agreement is not None:
        data["priority"] = asdict(s.agreement) | {"cells": dict(s.agreement.cells.most_common())}
    return json_text(data, indent=2) + "\n"


IMPORT_REPORTERS: dict[str, Callable[[ImportSummary], str]] = {"text": text, "json": as_json}
