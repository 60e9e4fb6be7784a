"""``itsmctl schema export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.output import emit, finish, note
from itsmctl.exits import CommandResult
from itsmctl.schemas import stale_schemas, write_schemas

app = typer.Typer(help="模式 JSON Schemas of the record kinds.", no_args_is_help=True)


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="输出目录 Folder for <kind>.schema.json files.")] = Path("schemas"),
    check: Annotated[
        bool, typer.Option("--check", help="仅检查 Only check that the files are current; exit 1 if stale.")
    ] = False,
) -> int:
    """导出模式 Write schemas/<kind>.schema.json from the models (JSON Schema 2020-12)."""
    if check:
        stale = stale_schemas(out)
        for name in stale:
            emit(f"{out / name}: stale; run 'itsmctl schema export'\n")
        note(f"{len(stale)} stale schema file(s) in {out}")
        return finish(CommandResult(failed=bool(stale)))
    changed = write_schemas(out)
    for name in changed:
        emit(f"wrote {out / name}\n")
    note(f"{len(changed)} schema file(s) updated in {out}")
    return 0
