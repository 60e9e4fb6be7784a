"""Write a generated store to disk: one file per record, old generated files removed."""

from __future__ import annotations

from pathlib import Path

OWNED = (
    "policy.yaml",
    "calendars",
    "slas",
    "services",
    "cmdb",
    "tickets",
    "surveys",
    "audits",
    "reviews",
    "suppliers",
    "operation_plans",
    "operations",
)


def write_store(root: Path, files: dict[str, str]) -> None:
    """Replace the generated part of ``root`` with ``files`` (path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in OWNED:
        target = root / name
        if target.is_file():
            target.unlink()
        elif target.is_dir():
            for old in sorted(target.rglob("*.yaml"), reverse=True):
                old.unlink()
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    for name in OWNED:
        target = root / name
        if target.is_dir():
            for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
