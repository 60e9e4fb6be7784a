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
