"""``itsmctl priority calc`` and ``explain``."""

from __future__ import annotations

import json
from pathlib import Path

from itsmctl.roundtrip import edit, set_field


def test_calc_with_the_seed_preset(cli, tmp_path: Path) -> None:
    r = cli(
        "priority",
        "calc",
        "--urgency",
        "非常紧急",
        "--impact",
        "some",
        "--importance",
        "important",
        "--preset",
        "seed",
        "--records",
        tmp_path,
    )
    assert r.code == 0, r
    assert r.stdout.splitlines()[0] == "优先级 priority: P2 (高)"
    assert "规则 rule: 得分 score = 2 + 1 + 1 = 4; 4 -> P2" in r.stdout


def test_calc_generic_dimensions_with_the_itil_preset(cli, tmp_path: Path) -> None:
    r = cli(
        "priority", "calc", "--dim", "impact=high", "--dim", "urgency=medium", "--preset", "itil", "--records", tmp_path
    )
    assert r.code == 0, r
    assert "impact=high / urgency=medium -> P2" in r.stdout


def test_calc_uses_the_store_policy(cli, store: Path) -> None:
    r = cli("priority", "calc", "--urgency", "high", "--impact", "one", "--records", store)
    assert r.code == 0, r
    assert "P2" in r.stdout.splitlines()[0] and "policy of" in r.stdout


def test_calc_without_a_store_falls_back_to_seed(cli, tmp_path: Path) -> None:
    r = cli(
        "priority",
        "calc",
        "--urgency",
        "不紧急",
        "--impact",
        "individual",
        "--importance",
        "not important",
        "--records",
        tmp_path / "x",
    )
    assert r.code == 0, r
    assert "P4" in r.stdout and "seed" in r.stderr


def test_calc_bad_input_is_a_usage_error(cli, tmp_path: Path) -> None:
    r = cli("priority", "calc", "--urgency", "hot", "--impact", "all", "--importance", "1", "--preset", "seed")
    assert r.code == 2 and "urgency 'hot' is not a level" in r.stderr and "Traceback" not in r.stderr
    r = cli("priority", "calc", "--dim", "urgency", "--preset", "seed")
    assert r.code == 2 and "DIMENSION=LEVEL" in r.stderr
    r = cli("priority", "calc", "--preset", "nope")
    assert r.code == 2 and "'nope' is not one of 'seed', 'itil', 'glpi'" in r.stderr


def test_explain_shows_cell_and_history(cli, store: Path) -> None:
    path = store / "tickets/2026/10/INC-2610-7KQ3P.yaml"

    def change(doc) -> None:  # type: ignore[no-untyped-def]
        set_field(doc, "priority", "P1")
        doc["events"].append(
            {
                "id": "EPR0Q1",
                "at": "2026-10-09T09:30:00+08:00",
                "by": "zhou.min",
                "type": "priority",
                "to": "P1",
                "reason": "影响全部网点",
            }
        )

    path.write_bytes(edit(path.read_bytes(), change))
    r = cli("priority", "explain", "INC-2610-7KQ3P", "--records", store)
    assert r.code == 0, r
    assert "矩阵 matrix: urgency=high / impact=one -> P2" in r.stdout
    assert "2026-10-09T09:12:00+08:00  P2  [matrix]" in r.stdout
    assert "2026-10-09T09:30:00+08:00  P1  [event] by zhou.min: 影响全部网点" in r.stdout
    assert "set by hand" in r.stdout


def test_explain_after_an_escalation_raise_shows_assessed_and_handling(cli, store: Path) -> None:
    """A raise is the handling priority: the matrix's P2 is still the assessed one, and validate agrees."""
    path = store / "tickets/2026/10/INC-2610-7KQ3P.yaml"

    def raised(doc) -> None:  # type: ignore[no-untyped-def]
        set_field(doc, "priority", "P1")
        rung = {"id": "EESC01", "at": "2026-10-09T10:30:00+08:00", "by": "zhou.min", "type": "escalated",
                "level": 2, "target": "resolution", "actions": ["raise_priority"]}  # fmt: skip
        lift = {"id": "EESC02", "at": "2026-10-09T10:30:00+08:00", "by": "zhou.min", "type": "priority",
                "to": "P1", "reason": "escalation", "escalation": "EESC01"}  # fmt: skip
        doc["events"].insert(3, rung)
        doc["events"].insert(4, lift)

    path.write_bytes(edit(path.read_bytes(), raised))
    assert cli("validate", "--records", store).code == 0
    r = cli("priority", "explain", "INC-2610-7KQ3P", "--records", store)
    assert r.code == 0, r
    assert "当前优先级 current priority P1" in r.stdout
    assert "评估优先级 assessed (measured by the SLA) P2; 处理优先级 handling P1 (escalation raise" in r.stdout
    assert "2026-10-09T10:30:00+08:00  P1  [escalation] by zhou.min" in r.stdout
    assert "与矩阵不同" not in r.stdout and "no override recorded" not in r.stdout
    data = json.loads(cli("priority", "explain", "INC-2610-7KQ3P", "--records", store, "--format", "json").stdout)
    assert (data["current"], data["assessed"], data["handling"]) == ("P1", "P2", "P1")


def test_explain_unknown_ticket(cli, store: Path) -> None:
    r = cli("priority", "explain", "INC-2610-AAAAA", "--records", store)
    assert r.code == 2 and "no ticket INC-2610-AAAAA" in r.stderr


def test_explain_says_when_the_opening_priority_is_unknown(cli, store: Path) -> None:
    path = store / "tickets/2026/10/INC-2610-7KQ3P.yaml"

    def change(doc) -> None:  # type: ignore[no-untyped-def]
        del doc["dimensions"]
        set_field(doc, "priority", "P1")
        doc["events"].append(
            {
                "id": "EPR0Q1",
                "at": "2026-10-09T09:30:00+08:00",
                "by": "zhou.min",
                "type": "priority",
                "to": "P1",
                "reason": "影响全部网点",
            }
        )

    path.write_bytes(edit(path.read_bytes(), change))
    r = cli("priority", "explain", "INC-2610-7KQ3P", "--records", store)
    assert r.code == 0, r
    assert "开单优先级未知 opening priority unknown" in r.stdout
    assert "[field]" not in r.stdout  # the field holds the later P1, not the opening priority
    v = cli("validate", "--records", store, "--format", "json")
    assert any(f["code"] == "priority" and "opening priority is unknown" in f["message"] for f in json.loads(v.stdout))


def test_calc_takes_chinese_dimension_names_and_levels(cli, tmp_path: Path) -> None:
    r = cli(
        "priority",
        "calc",
        "--dim",
        "紧急程度=紧急",
        "--dim",
        "影响范围=全部对象",
        "--dim",
        "重要程度=重要",
        "--preset",
        "seed",
        "--records",
        tmp_path,
    )
    assert r.code == 0, r
    assert "矩阵单元 cell: urgency=urgent / impact=all / importance=important -> P2" in r.stdout


def test_calc_refuses_a_dimension_given_twice(cli, tmp_path: Path) -> None:
    r = cli(
        "priority",
        "calc",
        "--dim",
        "紧急程度=紧急",
        "--urgency",
        "urgent",
        "--impact",
        "all",
        "--importance",
        "important",
        "--preset",
        "seed",
        "--records",
        tmp_path,
    )
    assert r.code == 2, r
    assert "dimension urgency (紧急程度) is given twice" in r.stderr


def test_calc_numbers_as_help_says(cli, tmp_path: Path) -> None:
    """--help: a number only where the levels carry one (itil 1 = high); seed levels carry none."""
    help_text = cli("priority", "calc", "--help").stdout
    assert "a number only where" in " ".join(help_text.split())
    itil = cli("priority", "calc", "--dim", "impact=1", "--dim", "urgency=2", "--preset", "itil", "--records", tmp_path)
    assert itil.code == 0, itil
    assert "impact=high / urgency=medium -> P2" in itil.stdout
    seed = cli(
        "priority",
        "calc",
        "--urgency",
        "2",
        "--impact",
        "all",
        "--importance",
        "important",
        "--preset",
        "seed",
        "--records",
        tmp_path,
    )
    assert seed.code == 2, seed
    assert "urgency '2' is not a level; these levels carry no numbers, so a number is not taken" in seed.stderr
