"""Routine operations (例行操作): the plan of a recurring check and the record of one done.

An ``operation_plan`` says what is done (an inspection 巡检, a backup check, an emergency
drill 应急演练…), on which service and CIs, how often in the terms contracts use, within
which window of working days of each period, and what its checklist is.  An ``operation``
records one performance of a plan: who, when, for which period, and each checklist item's
result.  ``itsmctl.ops`` turns the two into due, done, late and overdue occurrences.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from itsmctl.models.base import Day, Line, MonthlyId, Prose, RecordId, RecordModel, Slug, Text, Timestamp
from itsmctl.models.cron import parse_cron

OperationType = Literal["inspection", "monitoring", "backup_check", "drill", "maintenance", "cleaning"]
"""巡检、监控检查、备份检查、应急演练、预防性维护、清洁."""

OperationFrequency = Literal["daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly", "cron"]
"""How often, in the contract's words: 每日、每周、每月、每季度、每半年、每年; or ``cron``: on the days
the plan's ``cron`` expression names."""


def _cron(text: str) -> str:
    parse_cron(text)  # CronError is a ValueError: a finding at the field, naming the cron field
    return text


Cron = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_cron)]
"""A crontab(5) expression of five fields (``0 9 * * mon``) or a shorthand (``@monthly``)."""

PERIOD_PATTERN = (
    r"^20[0-9]{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|-W(?:0[1-9]|[1-4][0-9]|5[0-3])|-Q[1-4]|-H[12])?$"
)
Period = Annotated[str, Field(pattern=PERIOD_PATTERN)]
"""Which occurrence of a plan: ``2026-10-09`` (daily), ``2026-W41`` (ISO week), ``2026-10``,
``2026-Q4``, ``2026-H2`` or ``2026`` (yearly)."""


class PlanItem(RecordModel):
    """One line of the checklist: what to check and what a normal state is (正常判据)."""

    id: Slug
    check: Text
    expected: Prose | None = None


class OperationPlan(RecordModel):
    """A recurring routine operation and its schedule (例行操作计划)."""

    kind: Literal["operation_plan"]
    id: RecordId
    title: Line
    operation_type: OperationType
    service: RecordId | None = None
    cis: list[RecordId] = []
    frequency: OperationFrequency
    cron: Cron | None = None
    """With ``frequency: cron``: the days it is due (``0 9 * * mon``: every Monday).  A day the
    calendar does not work moves to its next working day (顺延); each matched day is one
    period, keyed by its date."""
    window_working_days: Annotated[int, Field(ge=1, le=260)] | None = None
    """Due by the end of the N-th working day of the period (``10``: within the first 10
    working days of the month); without it, by the period's last working day."""
    calendar: RecordId
    """The business calendar the working days are counted on."""
    owner_group: Slug
    checklist: Annotated[list[PlanItem], Field(min_length=1)]
    deliverable: Line | None = None
    instructions: Prose | None = None
    effective_from: Day
    effective_until: Day | None = None

    @model_validator(mode="after")
    def _cron_or_frequency(self) -> OperationPlan:
        """``cron`` goes with ``frequency: cron`` and only with it; a cron day has no window."""
        wrong: list[tuple[str, str]] = []
        if self.frequency == "cron" and self.cron is None:
            wrong.append(("cron", "frequency: cron needs the cron expression, e.g. cron: '0 9 * * mon'"))
        if self.frequency != "cron" and self.cron is not None:
            wrong.append(("cron", f"a cron expression goes with frequency: cron (this plan is {self.frequency})"))
        if self.frequency == "cron" and self.window_working_days is not None:
            wrong.append(("window_working_days", "a cron plan is due on the days it names: it has no window"))
        if wrong:
            raise ValidationError.from_exception_data(
                "OperationPlan",
                [InitErrorDetails(type=PydanticCustomError("cron", why), loc=(f,), input=None) for f, why in wrong],
            )
        return self


class ItemResult(RecordModel):
    """One checklist item's result; a failed one names the incident it opened, or says why not."""

    item: Slug
    result: Literal["pass", "fail"]
    value: Line | None = None
    note: Prose | None = None
    incident: MonthlyId | None = None


class Operation(RecordModel):
    """One performance of an operation plan (例行操作记录), e.g. the October inspection."""

    kind: Literal["operation"]
    id: MonthlyId
    plan: RecordId
    period: Period
    by: Slug
    at: Timestamp
    results: Annotated[list[ItemResult], Field(min_length=1)]
    findings: list[Text] = []
