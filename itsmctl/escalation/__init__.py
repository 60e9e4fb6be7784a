"""Escalation (升级): the SLA's ladder of pre-warning, alarm and escalation, run by cron."""

from __future__ import annotations

from itsmctl.escalation.ladder import RUNNING_STATES, ClockRow, EscalationLadder, Rung, recorded_rungs
from itsmctl.escalation.plan import Escalation, plan_escalations, raised
from itsmctl.escalation.recipients import Directory, resolve_recipients
from itsmctl.escalation.run import EscalationRun, run_escalation

__all__ = [
    "RUNNING_STATES",
    "ClockRow",
    "Directory",
    "Escalation",
    "EscalationLadder",
    "EscalationRun",
    "Rung",
    "plan_escalations",
    "raised",
    "recorded_rungs",
    "resolve_recipients",
    "run_escalation",
]
