"""SLA clocks computed on read from the event log: one stopwatch per target."""

from itsmctl.sla.evaluate import CLOCKED_KINDS, TARGETS, SlaContext, evaluate_store, evaluate_ticket
from itsmctl.sla.status import STATES, ClockState, ClockStatus

__all__ = [
    "CLOCKED_KINDS",
    "STATES",
    "TARGETS",
    "ClockState",
    "ClockStatus",
    "SlaContext",
    "evaluate_store",
    "evaluate_ticket",
]
