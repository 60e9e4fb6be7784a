"""``itsmctl validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, FindingsFormatOption, RecordsOption
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.exits import CommandResult
from itsmctl.reporters.findings import FINDINGS_REPORTERS
from itsmctl.validation import validate_store
from itsmctl.vcs import changes_since

ChangedSinceOption = Annotated[
    str | None,
    typer.Option(
        "--changed-since",
        metavar="REV",
        help="只报变更 Report only what the files changed since commit REV (and untracked ones) can have "
        "caused: their findings, and references to records removed since.",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="严格模式 Warnings count as findings too: exit 1 on any finding.")
]


def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="检查范围 Files or folders to report on (default: all).")
    ] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    format: FindingsFormatOption = "text",
    at: AtOption = None,
    strict: StrictOption = False,
    changed_since: ChangedSinceOption = None,
) -> int:
    """校验 Check every record: schema, references, event logs, priorities.

    Exit 0 when clean, 1 when there are errors (with --strict: errors or warnings),
    2 when the store cannot be read.
    """
    store = open_records(records)
    changes = changes_since(store.folder.root, changed_since) if changed_since is not None else None
    result = validate_store(store, paths or None, now=parse_at(at), changes=changes)
    emit(FINDINGS_REPORTERS[format](result.findings))
    errors = len(result.errors)
    cached = " (nothing changed since the last check: findings from the cache)" if result.from_cache else ""
    note(f"checked {result.files_checked} files: {errors} error(s), {len(result.findings) - errors} warning(s){cached}")
    return finish(CommandResult(findings=result.findings), strict=strict)
