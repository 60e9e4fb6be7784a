"""Out-of-hours coverage (非工作时间/节假日支持, domain §3: "5x8 on-site, phone otherwise",
holiday support on request).

An SLA's ``out_of_hours`` names its own calendar (e.g. a 7x24 calendar record) and
targets per priority.  A ticket opened when the SLA's own calendar is not working (a
night, a weekend, a public holiday) is measured on the coverage calendar for the targets
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
from datetime import datetime, timedelta

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models.sla import PriorityTargets, ServiceLevelAgreement

OUT_OF_HOURS = "out_of_hours"
WORK_TARGETS = ("response", "onsite", "spare_part", "recovery", "resolution")


def working_at(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether the second starting at ``moment`` is working time on ``calendar``."""
    return calendar.seconds_between(moment, moment + timedelta(seconds=1)) > 0


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
        if ooh is None or ooh.calendar not in calendars or own is None or working_at(own, opened):
            out.append(sla)
            continue
        taken = {
            priority: [name for name in WORK_TARGETS if getattr(targets, name) is not None]
            for priority, targets in ooh.targets.items()
        }
        rest = {priority: _without(targets, taken.get(priority, [])) for priority, targets in sla.targets.items()}
        out.append(sla.model_copy(update={"targets": rest}))
        out.append(
            sla.model_copy(
                update={
                    "calendar": ooh.calendar,
                    "basis": ooh.basis,
                    "targets": ooh.targets,
                    "service_desk": None,
                    "callback": None,
                    "vendor_repair": None,
                    "escalation": [],
                }
            )
        )
    return out
