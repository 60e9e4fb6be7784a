"""Priority: the policy's matrix over its dimensions, shipped presets, and explanations."""

from itsmctl.priority.lookup import (
    Decision,
    Explanation,
    PriorityStep,
    decide,
    explain,
    opening_priority,
    priority_history,
    resolve_dimension,
    resolve_level,
)
from itsmctl.priority.presets import PRESETS, Preset

__all__ = [
    "PRESETS",
    "Decision",
    "Explanation",
    "Preset",
    "PriorityStep",
    "decide",
    "explain",
    "opening_priority",
    "priority_history",
    "resolve_dimension",
    "resolve_level",
]
