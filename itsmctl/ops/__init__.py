"""Routine operations: when each plan's occurrences are due, and which record fulfils them."""

from itsmctl.ops.schedule import Occurrence, OccurrenceStatus, occurrences, period_bounds, period_of, schedule

__all__ = ["Occurrence", "OccurrenceStatus", "occurrences", "period_bounds", "period_of", "schedule"]
