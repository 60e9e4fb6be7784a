"""Service level agreements and business calendars."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, field_validator

from itsmctl.models.base import Code, Day, Duration, Line, Percent, Prose, RecordId, RecordModel, Slug, Text
from itsmctl.models.events import EscalationAction

Basis = Literal["business", "clock"]
"""Whether a target counts business time on the SLA's calendar or plain clock time."""

TargetName = Literal["response", "onsite", "spare_part", "recovery", "resolution"]


class TargetSpec(RecordModel):
    """A target with its own basis or warning threshold."""

    within: Duration
    basis: Basis | None = None
    warning_percent: Percent | None = None


Target = Annotated[Duration | TargetSpec, Field(union_mode="left_to_right")]
"""``1h`` (on the SLA's basis) or ``{within: 1h, basis: clock, warning_percent: 80}``."""


class PriorityTargets(RecordModel):
    """The committed times for one priority (响应/现场/备件/恢复/解决)."""

    response: Target | None = None
    onsite: Target | None = None
    spare_part: Target | None = None
    recovery: Target | None = None
    resolution: Target | None = None
    warning_percent: Percent | None = None


class ServiceDeskTimings(RecordModel):
    """Service-desk commitments from the bid (domain §3), measured from the ticket's opening."""

    remote_guidance: Duration | None = None
    dispatch: Duration | None = None
    execution_confirmed: Duration | None = None
    redispatch: Duration | None = None
    escalate_to_manager: Duration | None = None


class VendorRepairTerms(RecordModel):
    """Vendor warranty repairs (厂商保修维修, domain §3): written progress every few working
    days, the device back before the Nth weekend after sending, a loaner where agreed."""

    progress_every: Annotated[Duration, Field(validate_default=True)] = "3bd"  # type: ignore[assignment]
    """Longest gap between written progress reports (from sending, then from each report)."""
    return_before_weekend: Annotated[int, Field(ge=1, le=8)] = 2
    """The device is back before the start (Saturday 00:00) of this weekend after the sending day."""
    loaner: bool = False
    """A loaner unit (备用机) is agreed while a device is away."""


class OutOfHours(RecordModel):
    """Coverage outside the SLA calendar's working time (非工作时间/节假日支持): its own calendar
    (e.g. 7x24) and targets, used for the tickets opened when the SLA's calendar is not working."""

    calendar: RecordId
    basis: Basis = "business"
    """Counted on the coverage calendar's hours (business) or as plain clock time."""
    targets: dict[Code, PriorityTargets]
    """Targets per priority for out-of-hours tickets; a target not named here keeps the SLA's own."""
    service_desk: ServiceDeskTimings | None = None
    """Service-desk timings kept out of hours on the coverage calendar (the hotline answers and
    guides at night too); a timing not named here keeps the SLA's own, on its own calendar."""


class EscalationStep(RecordModel):
    """One rung of the ladder: at what share of a target, which actions, to whom."""

    level: Annotated[int, Field(ge=1, le=9)]
    name: Line
    at_percent: Percent
    targets: list[TargetName] = []
    """Targets this rung watches; empty means all."""
    actions: list[EscalationAction]
    manager: Slug | None = None
    expert: Slug | None = None
    notify: list[Slug] = []


class ReportingDuty(RecordModel):
    """A periodic report the contract requires, the day of the next month it is due, and its
    document control (文档控制): the number, version and people a signed report names."""

    report: Literal["monthly", "repairs", "quality", "quarterly", "yearly"]
    due_day: Annotated[int, Field(ge=1, le=28)]
    description: Prose | None = None
    document_code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")] | None = None
    """The report's document number before its period: ``HXB-YW-YDZJ`` numbers October 2026's
    ``HXB-YW-YDZJ-202610``."""
    version: Annotated[str, Field(pattern=r"^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$")] = "1.0"
    prepared_by: Slug | None = None
    """编制: who writes the report (a person of the policy)."""
    reviewed_by: Slug | None = None
    """审核."""
    approved_by: Slug | None = None
    """批准."""
    received_by: Slug | None = None
    """客户签收: the customer's person who signs for it."""


class Staffing(RecordModel):
    resident: Annotated[int, Field(ge=0)] = 0
    roaming: Annotated[int, Field(ge=0)] = 0


class ServiceLevelAgreement(RecordModel):
    """What was promised to one customer for a set of services (服务级别协议)."""

    kind: Literal["sla"]
    id: RecordId
    name: Line
    customer: Text
    services: Annotated[list[RecordId], Field(min_length=1)]
    calendar: RecordId
    effective_from: Day
    effective_to: Day | None = None
    basis: Basis = "business"
    pause_states: list[Slug] = ["pending_customer", "pending_vendor", "pending_change"]
    pause_targets: list[TargetName] = ["resolution", "recovery"]
    """Targets whose clocks stop in ``pause_states`` (docs/sla-rules.md §1): waiting on a
    vendor's part is what the spare-part time measures, so only these pause by default."""
    measure_escalated_priority: bool = False
    """Whether a raise by the escalation ladder also changes the goals measured (default no:
    escalation directs attention and the clocks keep the priority a person assessed;
    docs/sla-rules.md §5.14)."""
    warning_percent: Percent = 75
    achievement_percent: Percent = 95
    """The committed share of tickets that meet their targets, per target."""
    availability: dict[RecordId, Annotated[float, Field(gt=0, le=100)]] = {}
    """Availability targets (可用率, %) of the customer's business services — CIs of class
    ``business_service``: the monthly report measures each against the unplanned outages the
    CMDB's relations carry to it (docs/reports.md)."""
    availability_hours: RecordId | None = None
    """The service hours (服务时间) availability is measured over: a calendar whose working time
    counts (outages outside it cost nothing, and the period's length is its working time).
    Unset: clock time, 7×24."""
    targets: dict[Code, PriorityTargets]
    """Targets per priority id (P1…P4)."""
    callback: Target | None = None

    @field_validator("services")
    @classmethod
    def _services_once(cls, services: list[str]) -> list[str]:
        twice = sorted(s for s, n in Counter(services).items() if n > 1)
        if twice:
            raise ValueError(f"names {', '.join(twice)} more than once")
        return services

    @field_validator("effective_to")
    @classmethod
    def _ends_after_it_starts(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("effective_from")
        if end is not None and isinstance(start, date) and end < start:
            raise ValueError(f"ends ({end.isoformat()}) before it starts (effective_from {start.isoformat()})")
        return end

    """Satisfaction callback after resolution (24h clock time in the seed procedure)."""
    callback_counts_unreached: bool = False
    """Whether a callback survey with ``reached: false`` (the customer could not be reached)
    stops the callback clock.  By default it does not: the callback is still owed, and the
    clock runs on until a reached callback or its deadline (docs/sla-rules.md)."""
    service_desk: ServiceDeskTimings | None = None
    vendor_repair: VendorRepairTerms | None = None
    out_of_hours: OutOfHours | None = None
    escalation: list[EscalationStep] = []
    reporting: list[ReportingDuty] = []
    staffing: Staffing | None = None


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use an IANA name like Asia/Shanghai") from None
    return name


Zone = Annotated[str, AfterValidator(_zone)]

HOURS_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"


def _forward(span: str) -> str:
    """A working period ends after it starts: ``18:00-09:00`` or ``10:00-10:00`` is no period at all."""
    start, end = span.split("-")
    if end <= start:
        raise ValueError(
            f"the working period {span!r} ends before it starts (or when it starts); write it like 09:00-18:00, "
            "and a period past midnight as two: 22:00-24:00 on one day, 00:00-06:00 on the next"
        )
    return span


WorkingHours = Annotated[str, StringConstraints(pattern=HOURS_PATTERN), AfterValidator(_forward)]
"""A working period of one day, ``09:00-12:00``; ``00:00-24:00`` is the whole day."""

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class HolidaySource(RecordModel):
    """Public holidays from the ``holidays`` package (country, optional subdivision)."""

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    subdivision: str | None = None
    use_weekend_workdays: bool = True
    """Take the make-up working days (调休) the package knows as working days."""


class DayOverride(RecordModel):
    """A dated exception: an extra holiday, or a make-up working day on a weekend."""

    date: Day
    type: Literal["holiday", "workday"]
    name: Line
    hours: list[WorkingHours] | None = None
    """Working hours of a make-up day; default: the hours of a normal Monday."""


class FrozenYear(RecordModel):
    """A year's holidays and make-up days as resolved once (``itsmctl calendar freeze``)."""

    year: Annotated[int, Field(ge=1970, le=2200)]
    holidays: list[DayOverride] = []
    workdays: list[DayOverride] = []


class CalendarVersion(RecordModel):
    """Working hours from a date on, so editing hours never rewrites past results."""

    effective_from: Day
    week: dict[Weekday, list[WorkingHours]]


class BusinessCalendar(RecordModel):
    """When business time runs: zone, weekly hours, holidays and their exceptions."""

    kind: Literal["calendar"]
    id: RecordId
    name: Line
    timezone: Zone
    week: dict[Weekday, list[WorkingHours]]
    holidays: HolidaySource | None = None
    overrides: list[DayOverride] = []
    frozen: list[FrozenYear] = []
    versions: list[CalendarVersion] = []
