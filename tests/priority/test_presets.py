"""The shipped priority matrices, cell by cell, against the rules they are documented by."""

from __future__ import annotations

import itertools

import pytest

from itsmctl.errors import UsageError
from itsmctl.priority import PRESETS, decide

SEED = PRESETS["seed"].matrix()


@pytest.mark.parametrize(
    ("urgency", "impact", "importance", "expected"),
    [
        ("very_urgent", "all", "very_important", "P1"),  # 2+2+2 = 6
        ("very_urgent", "all", "important", "P1"),  # 2+2+1 = 5
        ("very_urgent", "some", "very_important", "P1"),  # 2+1+2 = 5
        ("urgent", "all", "important", "P2"),  # 1+2+1 = 4
        ("very_urgent", "all", "not_important", "P2"),  # 2+2+0 = 4
        ("urgent", "some", "important", "P3"),  # 3
        ("very_urgent", "individual", "not_important", "P3"),  # 2
        ("urgent", "individual", "not_important", "P4"),  # 1
        ("not_urgent", "individual", "not_important", "P4"),  # 0
    ],
)
def test_seed_matrix_by_hand(urgency: str, impact: str, importance: str, expected: str) -> None:
    values = {"urgency": urgency, "impact": impact, "importance": importance}
    assert SEED.lookup(values) == expected


def test_seed_matrix_follows_the_score_rule_everywhere() -> None:
    bands = {0: "P4", 1: "P4", 2: "P3", 3: "P3", 4: "P2", 5: "P1", 6: "P1"}
    levels = [[lv.id for lv in d.levels] for d in SEED.dimensions]
    for combo in itertools.product(range(3), repeat=3):
        values = {d.id: levels[i][combo[i]] for i, d in enumerate(SEED.dimensions)}
        assert SEED.lookup(values) == bands[sum(combo)]


def test_itil_servicenow_lookup() -> None:
    matrix = PRESETS["itil"].matrix()
    number = {1: "high", 2: "medium", 3: "low"}
    table = {
        (1, 1): "P1",
        (1, 2): "P2",
        (2, 1): "P2",
        (1, 3): "P3",
        (2, 2): "P3",
        (3, 1): "P3",
        (2, 3): "P4",
        (3, 2): "P4",
        (3, 3): "P4",
    }
    for (impact, urgency), expected in table.items():
        assert matrix.lookup({"impact": number[impact], "urgency": number[urgency]}) == expected


def test_glpi_five_by_five() -> None:
    matrix = PRESETS["glpi"].matrix()
    assert [lv.id for lv in matrix.levels] == ["P1", "P2", "P3", "P4", "P5"]
    assert matrix.lookup({"urgency": "very_high", "impact": "very_high"}) == "P1"
    assert matrix.lookup({"urgency": "very_low", "impact": "very_low"}) == "P5"
    assert matrix.lookup({"urgency": "medium", "impact": "medium"}) == "P3"
    assert matrix.lookup({"urgency": "high", "impact": "very_low"}) == "P4"
    names = [lv.id for lv in matrix.dimensions[0].levels]
    for u, i in itertools.product(names, names):  # GLPI's default matrix is symmetric
        assert matrix.lookup({"urgency": u, "impact": i}) == matrix.lookup({"urgency": i, "impact": u})


def test_decide_accepts_ids_and_names_and_explains_the_rule() -> None:
    d = decide(SEED, {"urgency": "紧急", "impact": "all", "importance": "very important"})
    assert d.values == {"urgency": "urgent", "impact": "all", "importance": "very_important"}
    assert d.priority == "P1"
    assert d.rule == "得分 score = 1 + 2 + 2 = 5; 5–6 -> P1"


def test_decide_errors_name_the_choices() -> None:
    with pytest.raises(UsageError, match="not_urgent"):
        decide(SEED, {"urgency": "hot", "impact": "all", "importance": "important"})
    with pytest.raises(UsageError, match="missing importance"):
        decide(SEED, {"urgency": "urgent", "impact": "all"})
    with pytest.raises(UsageError, match="unknown dimension colour"):
        decide(SEED, {"colour": "red", "urgency": "urgent", "impact": "all", "importance": "important"})


def test_a_changed_matrix_has_no_preset_rule() -> None:
    changed = SEED.model_copy(deep=True)
    changed.matrix["not_urgent"]["individual"]["not_important"] = "P3"
    d = decide(changed, {"urgency": "urgent", "impact": "all", "importance": "important"})
    assert (d.priority, d.rule) == ("P2", None)


def test_numbers_follow_each_tools_own_numbering_never_a_position() -> None:
    itil = PRESETS["itil"].matrix()
    assert decide(itil, {"impact": "1", "urgency": "1"}).priority == "P1"  # ServiceNow: 1 - High
    assert decide(itil, {"impact": "3", "urgency": "3"}).priority == "P4"
    glpi = PRESETS["glpi"].matrix()
    assert decide(glpi, {"urgency": "5", "impact": "5"}).priority == "P1"  # GLPI: 5 - very high
    with pytest.raises(UsageError, match="is not a level"):
        decide(SEED, {"urgency": "1", "impact": "all", "importance": "important"})
