"""The models (through the real loader) and the exported JSON Schemas agree on types.

Each case of ``helpers_strict.CASES`` also says which verdict is right, so two sides that
agree on the wrong answer still fail.  The two gaps JSON Schema cannot close (5.0 as an
integer, a timestamp without offset under a policy zone) are pinned by their own tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from itsmctl.schemas import SCHEMA_COMMENT
from itsmctl.store.loader import dotted
from tests.models.helpers_strict import BASE, CASE_IDS, CASES, SCHEMAS, load, record_with, schema_accepts, validator
from tests.schema_client import check_jsonschema


def test_every_base_record_is_valid_on_both_sides() -> None:
    for kind, data in BASE.items():
        loaded = load(kind, data)
        assert loaded.record is not None and not loaded.findings, (kind, loaded.findings)
        assert schema_accepts(kind, data), list(validator(kind).iter_errors(data))


@pytest.mark.parametrize(("type_name", "kind", "path", "value", "good", "schema_good"), CASES, ids=CASE_IDS)
def test_model_and_schema_agree(
    type_name: str, kind: str, path: tuple[str | int, ...], value: Any, good: bool, schema_good: bool
) -> None:
    """Both refuse or both accept; the one exception is ``GAP`` (5.0 for an integer)."""
    data = record_with(kind, path, value)
    loaded = load(kind, data)
    model_ok = loaded.record is not None and not loaded.findings
    assert model_ok is good, loaded.findings
    assert schema_accepts(kind, data) is schema_good, list(validator(kind).iter_errors(data))
    if not good:  # the finding names the field, and says what was found in words, not pydantic's
        named = [f for f in loaded.findings if f.field == dotted(path) and f.code == "schema"]
        assert named, loaded.findings
        assert not any("Input should be a valid" in f.message for f in named), named


@pytest.mark.parametrize(
    ("kind", "path", "value", "message"),
    [
        ("incident", ("major",), "yes", "expected true or false (YAML 1.2), found the text 'yes'"),
        ("policy", ("commit",), 1, "expected true or false (YAML 1.2), found the number 1"),
        (
            "survey",
            ("score",),
            "5",
            "expected a whole number written without quotes or a decimal point, like 5, found the text '5'",
        ),
        ("survey", ("score",), 5.0, "found the number 5.0"),
        (
            "sla",
            ("warning_percent",),
            "80",
            "expected a number written without quotes, like 80 or 87.5, found the text '80'",
        ),
        ("sla", ("warning_percent",), False, "found the boolean false"),
        ("incident", ("title",), 5, "expected text, found the number 5: quote it if it is meant as text"),
        (
            "survey",
            ("at",),
            "2026-11-20",
            "found the date '2026-11-20' without a time: write a date and time like 2026-11-16T12:45:00+08:00",
        ),
        ("survey", ("at",), "2026-11-16 12:45", "with a space between date and time: write a date and time like"),
        ("survey", ("at",), "2026-11-16T12:45", "timestamp has no UTC offset"),
        ("survey", ("at",), 20261116, "found the number 20261116: write a date and time like"),
        ("survey", ("at",), "2026-02-29T10:00Z", "'2026-02-29T10:00Z' is not a day of the calendar"),
        ("ci", ("warranty_until",), "2026-02-30", "'2026-02-30' is not a day of the calendar; expected a date like"),
        (
            "ci",
            ("warranty_until",),
            "2026-11-20T00:00Z",
            "expected a date like 2026-11-16, found the text '2026-11-20T00:00Z'",
        ),
        ("ci", ("warranty_until",), 20261120, "expected a date written as text like 2026-11-16, found the number"),
    ],
)
def test_type_messages_say_what_was_found_and_what_is_allowed(
    kind: str, path: tuple[str | int, ...], value: Any, message: str
) -> None:
    loaded = load(kind, record_with(kind, path, value))
    messages = [f.message for f in loaded.findings if f.field == dotted(path)]
    assert len(messages) == 1 and message in messages[0], loaded.findings


def test_gap_a_whole_number_with_a_decimal_point() -> None:
    """JSON Schema counts 5.0 as an integer; the model refuses it, and every schema says so."""
    data = record_with("survey", ("score",), 5.0)
    assert load("survey", data).record is None
    assert schema_accepts("survey", data)
    assert "5.0" in SCHEMA_COMMENT
    for path in SCHEMAS.glob("*.schema.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["$comment"] == SCHEMA_COMMENT


def test_gap_an_offset_may_be_left_out_under_a_policy_zone() -> None:
    """Without a zone both refuse a timestamp without offset; with one only the model takes it."""
    data = record_with("survey", ("at",), "2026-11-16T12:45")
    zone = ZoneInfo("Asia/Shanghai")
    assert load("survey", data).record is None
    assert not schema_accepts("survey", data)
    loaded = load("survey", data, zone)
    assert loaded.record is not None and loaded.record.at.tzinfo is zone  # type: ignore[attr-defined]
    description = validator("survey").schema["properties"]["at"]["description"]
    assert "default_timezone" in description


# --- property tests: generated values, same verdict on both sides ------------------------


def test_check_jsonschema_cli_agrees_with_the_validator_used_here(tmp_path: Path) -> None:
    """The in-process validator above is what check-jsonschema itself decides."""
    by_kind: dict[str, list[tuple[Path, bool]]] = {}
    for n, (_, kind, path, value, _, _) in enumerate(CASES):
        data = record_with(kind, path, value)
        file = tmp_path / f"case{n}.yaml"
        file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        by_kind.setdefault(kind, []).append((file, schema_accepts(kind, data)))
    kinds = sorted(by_kind)
    runs = [
        ["-o", "json", "--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *(str(f) for f, _ in by_kind[kind])]
        for kind in kinds
    ]
    for kind, result in zip(kinds, check_jsonschema(runs), strict=True):
        files = by_kind[kind]
        report = json.loads(result.stdout)
        assert not report.get("parse_errors"), report
        failing = {Path(e["filename"]).name for e in report["errors"]}
        assert {f.name: f.name not in failing for f, _ in files} == {f.name: ok for f, ok in files}, kind
