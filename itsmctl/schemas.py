"""JSON Schemas (2020-12) exported from the models, one file per record kind."""

from __future__ import annotations

import json
from pathlib import Path

from itsmctl.errors import StoreError
from itsmctl.fs import RefusedFile, read_regular
from itsmctl.models import MODEL_BY_KIND

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://itsmctl.example/schemas/"
SCHEMA_COMMENT = (
    "itsmctl validate also checks references and ticket logs across files; on the values of one file "
    "it differs from this schema only where JSON Schema cannot say the rule: it refuses a whole number "
    "written with a decimal point (5.0) where an integer is expected (JSON Schema counts 5.0 as an "
    "integer), and it accepts a timestamp without a UTC offset when the store's policy names "
    "default_timezone (a schema cannot see the policy)."
)
"""Stated in every schema file, so that an editor's user learns where ``itsmctl validate`` differs."""


def build_schemas() -> dict[str, str]:
    """File name -> JSON text, for every record kind; deterministic byte for byte."""
    out: dict[str, str] = {}
    for kind, model in sorted(MODEL_BY_KIND.items()):
        schema = model.model_json_schema(mode="validation", by_alias=True)
        document = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{SCHEMA_BASE}{kind}.schema.json",
            "$comment": SCHEMA_COMMENT,
            **schema,
        }
        out[f"{kind}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in ``folder`` that differ from what the models export (or are missing)."""
    stale = []
    for name, text in build_schemas().items():
        path = folder / name
        try:
            current = read_regular(path).decode("utf-8", errors="replace")
        except RefusedFile as exc:
            if exc.code != "missing":
                raise
            current = None
        if current != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[str]:
    """Write every schema file that changed; return their names."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        changed = stale_schemas(folder)
        texts = build_schemas()
        for name in changed:
            (folder / name).write_text(texts[name], encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write schemas to {folder}: {exc.strerror}") from None
    return changed
