"""Document control (文档控制) of a report the contract requires: number, version, who prepared,
reviewed and approved it, and who signs for the customer — from the SLA's ``reporting`` duty."""

from __future__ import annotations

from typing import Any

from itsmctl.reports.common import Period, ReportInput


def document_control(inp: ReportInput, report: str, period: Period) -> dict[str, Any] | None:
    """The control block of ``report`` for ``period``; None when no SLA's duty for it names any.

    The number is the duty's ``document_code`` and the period (``HXB-YW-YDZJ-202610`` for a
    month, ``…-2026`` for a year).  With several SLAs, the first (by id) whose duty names any.
    """
    for sla in sorted(inp.snapshot.slas, key=lambda s: s.id):
        for duty in sla.reporting:
            if duty.report != report:
                continue
            people = (duty.prepared_by, duty.reviewed_by, duty.approved_by, duty.received_by)
            if duty.document_code is None and not any(people):
                continue
            stamp = period.name.replace("-", "")
            return {
                "number": f"{duty.document_code}-{stamp}" if duty.document_code else "",
                "version": duty.version,
                "prepared_by": inp.person(duty.prepared_by) if duty.prepared_by else "",
                "reviewed_by": inp.person(duty.reviewed_by) if duty.reviewed_by else "",
                "approved_by": inp.person(duty.approved_by) if duty.approved_by else "",
                "received_by": inp.person(duty.received_by) if duty.received_by else "",
            }
    return None
