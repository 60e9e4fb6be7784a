"""A new store (``itsmctl init``) whose policy uses the ``itil`` preset: ServiceNow's impact x urgency."""

from __future__ import annotations

import subprocess
from pathlib import Path

from itsmctl.models.base import Span
from itsmctl.scaffold import Choices, scaffold

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Import Test",
    "GIT_AUTHOR_EMAIL": "import@example.com",
    "GIT_COMMITTER_NAME": "Import Test",
    "GIT_COMMITTER_EMAIL": "import@example.com",
}
SERVICENOW_AUTO_CLOSE = "5d"
"""The UCI instance closes a resolved incident itself five days after the resolution."""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def itil_store(folder: Path, year: int = 2016, tacit_after: str | None = SERVICENOW_AUTO_CLOSE) -> Path:
    """The records folder of a repository scaffolded as ``itsmctl init --priority-preset itil
    --tacit-confirmation 5d`` would (``tacit_after=None``: without tacit confirmation)."""
    choices = Choices("itil", Span.parse(tacit_after) if tacit_after else None)
    scaffold(folder, name="导入 import", year=year, choices=choices)
    return folder / "records"
