"""Options every command shares, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RecordsOption = Annotated[
    Path,
    typer.Option("--records", envvar="ITSMCTL_RECORDS", help="The records folder.", show_default=True),
]
AtOption = Annotated[
    str | None,
    typer.Option("--at", envvar="ITSMCTL_NOW", help="Pin 'now' (ISO 8601 with offset) for reproducible runs."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Report language: zh or en.")]
DEFAULT_RECORDS = Path("records")
