"""The verbs the service-desk timings and vendor repairs read (domain §3): remote guidance,
execution confirmed, an engineer's exception and the project manager informed, and a
vendor repair's sending, progress, return and loaner.  Each records one fact; the status
stays (pend on the vendor with ``pend --on vendor`` to pause the resolution clock).
"""

from __future__ import annotations

from itsmctl.models.labels import id_of
from itsmctl.tickets import requests as rq
from itsmctl.tickets.action_input import ActionInput, Builder, Events, Updates, require_person, required


def _guide(a: ActionInput) -> tuple[Events, Updates]:
    return [a.event("guided", note=getattr(a.request, "note", None))], {}


def _confirm_execution(a: ActionInput) -> tuple[Events, Updates]:
    return [a.event("execution_confirmed", note=getattr(a.request, "note", None))], {}


def _report_exception(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.ReportException)
    reason = required(r.reason, "reason", "what the exception is (what stops the work)")
    return [a.event("exception", reason=reason, note=r.note)], {}


def _inform_manager(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.InformManager)
    manager = require_person(a.policy, required(r.manager, "manager", "the project manager told"), "manager")
    method = id_of("method", r.method) if r.method else None  # that it is a project manager: rule exception-manager
    return [a.event("manager_informed", manager=manager, method=method, note=r.note)], {}


def _repair_send(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.RepairSend)
    vendor = required(r.vendor, "vendor", "the vendor repairing the device")
    return [a.event("repair_sent", vendor=vendor, device=r.device, note=r.note)], {}


def _repair_progress(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.RepairProgress)
    progress = required(r.progress, "progress", "the vendor's written progress")
    return [a.event("repair_progress", progress=progress)], {}


def _repair_return(a: ActionInput) -> tuple[Events, Updates]:
    return [a.event("repair_returned", note=getattr(a.request, "note", None))], {}


def _loaner_issue(a: ActionInput) -> tuple[Events, Updates]:
    r = a.request
    assert isinstance(r, rq.LoanerIssue)
    return [a.event("loaner_issued", device=r.device, note=r.note)], {}


def _loaner_return(a: ActionInput) -> tuple[Events, Updates]:
    return [a.event("loaner_returned", note=getattr(a.request, "note", None))], {}


DESK_BUILDERS: dict[str, Builder] = {
    "guide": _guide,
    "confirm-execution": _confirm_execution,
    "report-exception": _report_exception,
    "inform-manager": _inform_manager,
    "repair-send": _repair_send,
    "repair-progress": _repair_progress,
    "repair-return": _repair_return,
    "loaner-issue": _loaner_issue,
    "loaner-return": _loaner_return,
}
