"""Recording a performed operation whose failed checks open their incidents (巡检发现异常转事件).

``ops record … --open-incident ITEM`` opens one incident per failed item named: on the
plan's service (or the one given) and CIs, for the plan's owner group, reported by the
person who performed the check (channel ``inspection``), graded on the priority matrix
like any new incident.  The operation's result names it (``incident:``), which is what
keeps the failed check from the ``ops-unhandled`` warning.

Order, so that a refusal writes nothing: the operation is checked first (with the items'
incidents still unknown), then each incident is checked and written, then the operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from itsmctl.errors import FieldError
from itsmctl.ops.record import ItemInput, PreparedOperation, Recorded
from itsmctl.tickets.create import NewTicket, build_record, open_ticket, reference_snapshot


@dataclass(frozen=True)
class IncidentSpec:
    """How the incidents of failed checks are graded and where they go."""

    items: tuple[str, ...]
    dimensions: dict[str, str] = field(default_factory=dict)
    priority: str | None = None
    reason: str | None = None
    service: str | None = None


@dataclass(frozen=True)
class RecordedWithIncidents:
    recorded: Recorded
    incidents: dict[str, str]
    """Checklist item → the incident it opened."""
    incident_paths: tuple[Path, ...]

    @property
    def paths(self) -> list[Path]:
        return [self.recorded.path, *self.incident_paths]


def _short(title: str) -> str:
    """A bilingual title's Chinese part (``核心系统月度巡检 Monthly inspection…`` → ``核心系统月度巡检``)."""
    head = title.split(" ")[0]
    return head if any(ord(c) > 0x2E7F for c in head) else title


def incident_for(prepared: PreparedOperation, given: ItemInput, spec: IncidentSpec) -> NewTicket:
    """The incident a failed check opens."""
    plan = prepared.plan
    check = next((item for item in plan.checklist if item.id == given.item), None)
    what = check.check if check is not None else given.item
    value = f"（{given.value}）" if given.value else ""
    expected = f"，正常判据：{check.expected}" if check is not None and check.expected else ""
    said = f"\n{given.note}" if given.note else ""
    service = spec.service or plan.service
    if service is None:
        raise FieldError("service", f"{plan.id} names no service: give the incident's --service")
    return NewTicket(
        kind="incident",
        title=f"{_short(plan.title)}异常：{what}{value}",
        service=service,
        dimensions=dict(spec.dimensions),
        description=(
            f"例行操作 {prepared.operation_id}（{plan.id} {prepared.period}）检查项 {given.item}「{what}」"
            f"结果异常{value}{expected}。{said}"
        ).strip(),
        cis=tuple(plan.cis),
        requester=str(prepared.record["by"]),
        group=plan.owner_group,
        channel="inspection",
        priority=spec.priority,
        reason=spec.reason,
    )


def record_with_incidents(
    root: Path,
    prepared: PreparedOperation,
    given: list[ItemInput],
    spec: IncidentSpec,
    *,
    actor: str,
    now: datetime,
) -> RecordedWithIncidents:
    """Open an incident for each failed item of ``spec.items``, then write the operation naming them."""
    by_item = {g.item: g for g in given}
    for item in spec.items:
        if item not in by_item:
            raise FieldError("open-incident", f"{item}: an --open-incident for an item without a --result")
        if by_item[item].result != "fail":
            raise FieldError("open-incident", f"{item} passed: only a failed check opens an incident")
        if by_item[item].incident is not None:
            raise FieldError("open-incident", f"{item} already names its incident {by_item[item].incident}")
    specs = {item: incident_for(prepared, by_item[item], spec) for item in spec.items}
    for ticket in specs.values():  # every refusal (a missing dimension, an unknown service) before any write
        build_record(ticket, reference_snapshot(root, ticket), actor=actor, now=now, ticket_id="INC-0000-00000")
    incidents: dict[str, str] = {}
    paths: list[Path] = []
    for item, ticket in specs.items():
        opened = open_ticket(root, reference_snapshot(root, ticket), ticket, actor=actor, now=now)
        incidents[item] = opened.ticket_id
        paths.append(opened.path)
    return RecordedWithIncidents(prepared.write(incidents), incidents, tuple(paths))
