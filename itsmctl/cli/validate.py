"""``itsmctl validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption
from itsmctl.cli.output import emit, note
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.reporters.findings import FINDINGS_REPORTERS
from itsmctl.validation import validate_store


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to report on (default: all).")] = None,
    records: RecordsOption = DEFAULT_RECORDS,
    format: Annotated[str, typer.Option("--format", help="text, json or github.")] = "text",
    at: AtOption = None,
) -> int:
    """Check every record: schema, references, event logs, priorities. Exit 1 on findings."""
    reporter = FINDINGS_REPORTERS.get(format)
    if reporter is None:
        raise UsageError(f"--format {format!r}: choose one of {', '.join(FINDINGS_REPORTERS)}")
    result = validate_store(records, paths or None, now=parse_at(at))
    emit(reporter(result.findings))
    errors = len(result.errors)
    note(f"checked {result.files_checked} files: {errors} error(s), {len(result.findings) - errors} warning(s)")
    return 1 if errors else 0
