"""``itsmctl merge-driver %O %A %B %P``: git's merge driver for record files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.output import note
from itsmctl.merge.files import merge_files


def merge_driver(
    base: Annotated[Path, typer.Argument(help="基线 %O: the common ancestor's version.")],
    ours: Annotated[Path, typer.Argument(help="我方 %A: our version; the merge is written here.")],
    theirs: Annotated[Path, typer.Argument(help="对方 %B: their version.")],
    name: Annotated[str, typer.Argument(help="路径 %P: the file's path in the repository (for messages).")] = "",
) -> int:
    """合并 Merge a record file for git: event logs as the union by id, other fields three-way.

    Register it once per clone: git config merge.itsmctl.driver "itsmctl merge-driver %O %A %B %P",
    and in .gitattributes: *.yaml merge=itsmctl. Exit 0 merged, 1 conflicts left marked.
    """
    outcome = merge_files(base, ours, theirs)
    shown = name or str(ours)
    if outcome.by_lines:
        note(f"{shown}: merged line by line ({outcome.reason})")
    for conflict in outcome.conflicts:
        note(f"{shown}: conflict: {conflict} (both sides changed it; resolve the markers)")
    return 1 if outcome.conflicts else 0
