"""Data-driven examples: every class of bad input gives exit 1, a finding with file and
line, no traceback, and never hides the findings of another file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itsmctl.yamlio import parse_document
from tests.conftest import EXAMPLES, Cli

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
SENTINEL = "services/SVC-SENTINEL.yaml"
SENTINEL_TEXT = (
    "kind: service\nid: SVC-SENTINEL\nname: 哨兵\nclass: reactive\ndeliverable: 无\nservice_level: 无\ncolour: red\n"
)


def overlay(case: Path, store: Path) -> None:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.yaml":
            target = store / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def test_example_store_is_valid(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store)
    assert result.code == 0, result
    assert "0 error(s)" in result.stderr


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example(case: Path, cli: Cli, store: Path) -> None:
    expected = parse_document((case / "expected.yaml").read_bytes()).data
    overlay(case, store)
    (store / SENTINEL).write_text(SENTINEL_TEXT, encoding="utf-8")
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    assert "Traceback" not in result.stderr + result.stdout
    findings = json.loads(result.stdout)
    wanted_file = f"{store}/{expected['file']}"
    matching = [
        f
        for f in findings
        if f["file"] == wanted_file
        and f["code"] == expected["code"]
        and expected.get("message", "") in f["message"]
        and (not expected.get("field") or f["field"] == expected["field"])
    ]
    assert matching, f"no finding like {expected} in:\n{json.dumps(findings, ensure_ascii=False, indent=1)}"
    if "line" in expected:
        assert any(f["line"] == expected["line"] for f in matching), matching
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in findings)
    # the sentinel's finding is never hidden by the broken file
    assert any(f["file"].endswith(SENTINEL) and f["field"] == "colour" for f in findings), findings


def test_examples_cover_every_finding_code() -> None:
    codes = {parse_document((c / "expected.yaml").read_bytes()).data["code"] for c in INVALID}
    assert {
        "yaml",
        "schema",
        "ref",
        "path",
        "duplicate-id",
        "events",
        "status",
        "confirmation",
        "priority",
        "nested-store",
    } <= codes
