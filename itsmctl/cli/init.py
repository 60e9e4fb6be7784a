"""``itsmctl init [DIR]``: start a new records repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from itsmctl.cli.options import AtOption, PresetName
from itsmctl.cli.output import emit, note
from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from itsmctl.models.base import Span
from itsmctl.scaffold import Choices, scaffold


def _duration(text: str) -> Span:
    try:
        return Span.parse(text)
    except ValueError as exc:
        raise UsageError(f"--tacit-confirmation: {exc}") from None


def init(
    folder: Annotated[Path, typer.Argument(help="目录 The new repository's folder (made if missing).")] = Path("."),
    name: Annotated[str, typer.Option("--name", help="项目名称 The project's name, for the policy and README.")] = (
        "运维服务项目"
    ),
    priority_preset: Annotated[
        PresetName | None,
        typer.Option(
            "--priority-preset",
            help="优先级预设 A shipped priority matrix for the policy: seed, itil (ServiceNow's impact x urgency) "
            "or glpi; the SLA gets a target per level (default: a small 2x2 matrix to edit).",
        ),
    ] = None,
    tacit_confirmation: Annotated[
        str | None,
        typer.Option(
            "--tacit-confirmation",
            metavar="DURATION",
            help="默认确认 Opt into tacit confirmation: silence this long after a resolution counts as the "
            "customer's confirmation (confirmation.tacit_after: 5d, 3bd = business days). Default: off.",
        ),
    ] = None,
    at: AtOption = None,
) -> int:
    """初始化 Start a records repository: a policy, a calendar with this year frozen, an SLA, a service,
    the merge driver, pre-commit, and CI workflows for GitHub Actions and GitLab CI.

    Never overwrites a file. Exit 0 done, 2 when a file is already there.
    """
    now = parse_at(at)
    choices = Choices(priority_preset, _duration(tacit_confirmation) if tacit_confirmation is not None else None)
    made = scaffold(folder, name=name, year=now.year, choices=choices)
    emit("".join(path + "\n" for path in made.written))
    if made.estimated_year:
        note(f"the holidays package's data for {now.year} looks incomplete: the year was frozen as estimated; "
             "check records/calendars/CAL-CN.yaml against the official notice")  # fmt: skip
    where = "a new git repository" if made.new_repository else "the existing git repository"
    note(
        f"initialised {folder} as {where}, files staged; edit records/policy.yaml, then: itsmctl validate && git commit"
    )
    return 0
