"""Out-of-hours coverage (非工作时间/节假日支持, domain §3: "5x8 on-site, phone otherwise",
holiday support on request).

An SLA's ``out_of_hours`` names its own calendar (e.g. a 7x24 calendar record) and
targets per priority.  A ticket opened outside the working day of the SLA's own calendar
(a night, a weekend, a public holiday; not its lunch break) is measured on the coverage calendar for the targets
the coverage defines at its priority; every other target keeps the SLA's own calendar
and goal.  Without coverage such a ticket's clocks start at the next working minute, so
a P1 answered during the National Day holiday shows 0 s elapsed and ``met``.

Each out-of-hours SLA is split into two views of itself with the same id: the coverage
view (coverage calendar, basis and targets; no desk timings, callback or repair terms)
and the rest (the SLA without the targets the coverage takes over).  Clocks of the
coverage view carry ``coverage = "out_of_hours"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from itsmctl.calendar.business import BusinessCalendar, ClockError
from itsmctl.models.sla import PriorityTargets, ServiceDeskTimings, ServiceLevelAgreement

OUT_OF_HOURS = "out_of_hours"
WORK_TARGETS = ("response", "onsite", "spare_part", "recovery", "resolution")


def within_working_day(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether ``moment`` falls inside a working day of ``calendar``: from its first working
    minute to the end of its last, breaks between them included.

    A lunch break (12:00-13:30) is not out of hours: the desk's day goes on, and a ticket
    opened then counts from 13:30 on the SLA's own calendar (docs/sla-rules.md §5.3), as
    one opened at 11:59 is counted on it; the coverage is for nights, weekends and holidays.
    """
    local = moment.astimezone(calendar.zone)
    periods = calendar.day(local.date()).periods
    if not periods:
        return False
    minute = local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
    return min(s for s, _ in periods) <= minute < max(e for _, e in periods)


def label(sla: ServiceLevelAgreement) -> str | None:
    """``out_of_hours`` for the coverage view of an SLA (its calendar is the coverage calendar), else None."""
    ooh = sla.out_of_hours
    return OUT_OF_HOURS if ooh is not None and sla.calendar == ooh.calendar else None


def _without(targets: PriorityTargets, names: Sequence[str]) -> PriorityTargets:
    return targets.model_copy(update=dict.fromkeys(names))


def split(
    opened: datetime, slas: Sequence[ServiceLevelAgreement], calendars: Mapping[str, BusinessCalendar]
) -> list[ServiceLevelAgreement]:
    """The SLAs a ticket opened at ``opened`` is measured under, coverage views included."""
    out: list[ServiceLevelAgreement] = []
    for sla in slas:
        ooh = sla.out_of_hours
        own = calendars.get(sla.calendar)
        if ooh is None or own is None or within_working_day(own, opened):
            out.append(sla)
            continue
        if ooh.calendar not in calendars:  # measuring on the SLA's own calendar would show 0 s again
            raise ClockError(
                f"SLA {sla.id}'s out_of_hours names calendar {ooh.calendar}, which is not in the store "
                "(see itsmctl validate): the clocks of a ticket opened out of hours cannot be computed"
            )
        taken = {
            priority: [name for name in WORK_TARGETS if getattr(targets, name) is not None]
            for priority, targets in ooh.targets.items()
        }
        rest = {priority: _without(targets, taken.get(priority, [])) for priority, targets in sla.targets.items()}
        desk, own_desk = ooh.service_desk, sla.service_desk
        if desk is not None and own_desk is not None:  # the timings the coverage keeps leave the SLA's own view
            named = [name for name in ServiceDeskTimings.model_fields if getattr(desk, name) is not None]
            own_desk = own_desk.model_copy(update=dict.fromkeys(named))
        out.append(sla.model_copy(update={"targets": rest, "service_desk": own_desk}))
        out.append(
            sla.model_copy(
                update={
                    "calendar": ooh.calendar,
                    "basis": ooh.basis,
                    "targets": ooh.targets,
                    "service_desk": ooh.service_desk,
                    "callback": None,
                    "vendor_repair": None,
                    "escalation": [],
                }
            )
        )
    return out
