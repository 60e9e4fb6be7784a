"""schemas/ is what the models export, and a standard JSON Schema client accepts the records."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from itsmctl.models import MODEL_BY_KIND
from itsmctl.yamlio import parse_document
from tests.conftest import EXAMPLE_STORE, ROOT, SAMPLE_RECORDS, Cli
from tests.schema_client import check_jsonschema

SCHEMAS = ROOT / "schemas"


def test_committed_schemas_are_current(cli: Cli) -> None:
    result = cli("schema", "export", "--check", "--out", SCHEMAS)
    assert result.code == 0, f"{result}\nrun: itsmctl schema export"
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(f"{k}.schema.json" for k in MODEL_BY_KIND)


def test_stale_schema_is_detected_and_rewritten(cli: Cli, tmp_path: Path) -> None:
    assert cli("schema", "export", "--out", tmp_path).code == 0
    (tmp_path / "ci.schema.json").write_text("{}", encoding="utf-8")
    result = cli("schema", "export", "--check", "--out", tmp_path)
    assert result.code == 1
    assert "ci.schema.json: stale" in result.stdout
    assert cli("schema", "export", "--out", tmp_path).code == 0
    assert cli("schema", "export", "--check", "--out", tmp_path).code == 0


def _records_by_kind(*roots: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = defaultdict(list)
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            if "templates" in path.relative_to(root).parts:
                continue
            data = parse_document(path.read_bytes()).data
            out[data["kind"]].append(path)
    return out


def _args(kind: str, files: list[Path]) -> list[str]:
    """The command line of check-jsonschema for ``files`` against the kind's schema."""
    return ["--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *map(str, files)]


PER_KIND = 30
"""Files per kind given to check-jsonschema (about 20 ms of CPU a ticket file): the largest
ones, which carry the most fields and events, and an even spread of the rest."""


def _spread(files: list[Path]) -> list[Path]:
    if len(files) <= PER_KIND:
        return files
    by_size = sorted(files, key=lambda p: (-p.stat().st_size, str(p)))
    rest = by_size[PER_KIND // 2 :]
    step = len(rest) / (PER_KIND - PER_KIND // 2)
    return by_size[: PER_KIND // 2] + [rest[int(i * step)] for i in range(PER_KIND - PER_KIND // 2)]


def test_check_jsonschema_accepts_the_records_of_every_kind() -> None:
    roots = [EXAMPLE_STORE] + ([SAMPLE_RECORDS] if SAMPLE_RECORDS.exists() else [])
    by_kind = _records_by_kind(*roots)
    assert by_kind
    kinds = sorted(by_kind)
    results = check_jsonschema([_args(kind, _spread(by_kind[kind])) for kind in kinds])
    for kind, result in zip(kinds, results, strict=True):
        assert result.returncode == 0, f"{kind}: {result.stdout}{result.stderr}"


@pytest.mark.parametrize(
    ("kind", "text", "complaint"),
    [
        ("ci", "kind: ci\nid: CI-X\nname: x\nclass: server\nstatus: in_use\ncolour: red\n", "colour"),
        (
            "sla",
            "kind: sla\nid: S\nname: s\ncustomer: c\nservices: [A]\ncalendar: C\neffective_from: 2026-01-01\n"
            "targets: {P1: {response: 15 minutes}}\n",
            "15 minutes",
        ),
    ],
)
def test_check_jsonschema_rejects_bad_records(tmp_path: Path, kind: str, text: str, complaint: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    (result,) = check_jsonschema([_args(kind, [path])])
    assert result.returncode == 1
    assert complaint in result.stdout + result.stderr
