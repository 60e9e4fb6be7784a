"""Priority matrices shipped with itsmctl, written out in full as a policy would hold them.

* ``seed`` — the seed procedure's three dimensions (紧急程度 x 影响范围 x 重要程度), each of
  three levels indexed 0..2.  Rule: score = sum of the three indexes (0..6);
  5–6 -> P1, 4 -> P2, 2–3 -> P3, 0–1 -> P4.  Any two dimensions at their top level with
  the third at least middle make P1; one dimension at the top with the other two at the
  bottom stays P3.
* ``itil`` — ITIL impact x urgency with ServiceNow's default lookup (1 = high):
  (1,1)->1; (1,2),(2,1)->2; (1,3),(2,2),(3,1)->3; (2,3),(3,2),(3,3)->4.
* ``glpi`` — a 5x5 urgency x impact matrix as GLPI ships it by default
  (``priority_matrix`` in GLPI's ``install/empty_data.php``; its priorities
  5 very high .. 1 very low become P1..P5).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from itsmctl.models.policy import Dimension, Level, PriorityLevel, PriorityMatrix


def _dimension(dim_id: str, name: str, name_en: str, levels: list[tuple[str, str, str]]) -> Dimension:
    return Dimension(
        id=dim_id, name=name, name_en=name_en, levels=[Level(id=i, name=n, name_en=e) for i, n, e in levels]
    )


def _nest(dimensions: list[Dimension], decide: Callable[[tuple[int, ...]], str]) -> dict[str, Any]:
    """The nested matrix of every combination, decided from the level indexes (lowest = 0)."""
    matrix: dict[str, Any] = {}
    for combo in itertools.product(*[list(enumerate(d.levels)) for d in dimensions]):
        cell = matrix
        for _, level in combo[:-1]:
            cell = cell.setdefault(level.id, {})
        cell[combo[-1][1].id] = decide(tuple(i for i, _ in combo))
    return matrix


SEED_DIMENSIONS = [
    _dimension(
        "urgency",
        "紧急程度",
        "urgency",
        [
            ("not_urgent", "不紧急", "not urgent"),
            ("urgent", "紧急", "urgent"),
            ("very_urgent", "非常紧急", "very urgent"),
        ],
    ),
    _dimension(
        "impact",
        "影响范围",
        "impact scope",
        [
            ("individual", "个别对象", "individual objects"),
            ("some", "部分对象", "some objects"),
            ("all", "全部对象", "all objects"),
        ],
    ),
    _dimension(
        "importance",
        "重要程度",
        "importance",
        [
            ("not_important", "不重要", "not important"),
            ("important", "重要", "important"),
            ("very_important", "非常重要", "very important"),
        ],
    ),
]
P1_P4 = [
    PriorityLevel(id="P1", name="紧急", name_en="critical"),
    PriorityLevel(id="P2", name="高", name_en="high"),
    PriorityLevel(id="P3", name="中", name_en="medium"),
    PriorityLevel(id="P4", name="低", name_en="low"),
]


def seed_priority(indexes: tuple[int, ...]) -> str:
    """The seed rule: sum of level indexes; 5–6 P1, 4 P2, 2–3 P3, 0–1 P4."""
    score = sum(indexes)
    return "P1" if score >= 5 else "P2" if score == 4 else "P3" if score >= 2 else "P4"


def seed_rule(indexes: tuple[int, ...]) -> str:
    score = sum(indexes)
    band = "5–6" if score >= 5 else "4" if score == 4 else "2–3" if score >= 2 else "0–1"
    return f"得分 score = {' + '.join(map(str, indexes))} = {score}; {band} -> {seed_priority(indexes)}"


ITIL_DIMENSIONS = [
    _dimension(
        "impact",
        "影响",
        "impact",
        [("low", "低", "3 - low"), ("medium", "中", "2 - medium"), ("high", "高", "1 - high")],
    ),
    _dimension(
        "urgency",
        "紧急度",
        "urgency",
        [("low", "低", "3 - low"), ("medium", "中", "2 - medium"), ("high", "高", "1 - high")],
    ),
]


def itil_priority(indexes: tuple[int, ...]) -> str:
    """ServiceNow: with 1 = high, priority = impact + urgency - 1, at most 4."""
    impact, urgency = (3 - i for i in indexes)
    return f"P{min(4, impact + urgency - 1)}"


def itil_rule(indexes: tuple[int, ...]) -> str:
    impact, urgency = (3 - i for i in indexes)
    total = impact + urgency - 1
    return f"ServiceNow: impact {impact} + urgency {urgency} - 1 = {total} (max 4) -> {itil_priority(indexes)}"


FIVE = [
    ("very_low", "很低", "1 - very low"),
    ("low", "低", "2 - low"),
    ("medium", "中", "3 - medium"),
    ("high", "高", "4 - high"),
    ("very_high", "很高", "5 - very high"),
]
GLPI_DIMENSIONS = [
    _dimension("urgency", "紧急度", "urgency", FIVE),
    _dimension("impact", "影响", "impact", FIVE),
]
GLPI_MATRIX = {
    # GLPI default priority_matrix: key urgency(1..5) x impact(1..5) -> priority (5 very high .. 1 very low)
    (1, 1): 1,
    (1, 2): 1,
    (1, 3): 2,
    (1, 4): 2,
    (1, 5): 2,
    (2, 1): 1,
    (2, 2): 2,
    (2, 3): 2,
    (2, 4): 3,
    (2, 5): 3,
    (3, 1): 2,
    (3, 2): 2,
    (3, 3): 3,
    (3, 4): 4,
    (3, 5): 4,
    (4, 1): 2,
    (4, 2): 3,
    (4, 3): 4,
    (4, 4): 4,
    (4, 5): 5,
    (5, 1): 2,
    (5, 2): 3,
    (5, 3): 4,
    (5, 4): 5,
    (5, 5): 5,
}
P1_P5 = [*P1_P4, PriorityLevel(id="P5", name="很低", name_en="planning")]


def glpi_priority(indexes: tuple[int, ...]) -> str:
    urgency, impact = (i + 1 for i in indexes)
    return f"P{6 - GLPI_MATRIX[(urgency, impact)]}"


def glpi_rule(indexes: tuple[int, ...]) -> str:
    urgency, impact = (i + 1 for i in indexes)
    glpi = GLPI_MATRIX[(urgency, impact)]
    return f"GLPI: urgency {urgency} x impact {impact} -> GLPI priority {glpi} -> P{6 - glpi}"


@dataclass(frozen=True)
class Preset:
    """A shipped matrix and the rule that generated it (for ``explain``)."""

    name: str
    title: str
    dimensions: list[Dimension]
    levels: list[PriorityLevel]
    decide: Callable[[tuple[int, ...]], str]
    rule: Callable[[tuple[int, ...]], str]

    def matrix(self) -> PriorityMatrix:
        return PriorityMatrix(
            preset=self.name,
            dimensions=self.dimensions,
            levels=self.levels,
            matrix=_nest(self.dimensions, self.decide),
        )


PRESETS: dict[str, Preset] = {
    "seed": Preset(
        "seed", "三维优先级（紧急程度 x 影响范围 x 重要程度）", SEED_DIMENSIONS, P1_P4, seed_priority, seed_rule
    ),
    "itil": Preset(
        "itil", "ITIL impact x urgency (ServiceNow default)", ITIL_DIMENSIONS, P1_P4, itil_priority, itil_rule
    ),
    "glpi": Preset("glpi", "5x5 urgency x impact (GLPI default)", GLPI_DIMENSIONS, P1_P5, glpi_priority, glpi_rule),
}
