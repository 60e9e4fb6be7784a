"""A new store (``itsmctl init``) whose policy uses the ``itil`` preset: ServiceNow's impact x urgency."""

from __future__ import annotations

import subprocess
from pathlib import Path

from itsmctl.priority import PRESETS
from itsmctl.scaffold import scaffold
from itsmctl.yamlio import emit as yamltext

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Import Test",
    "GIT_AUTHOR_EMAIL": "import@example.com",
    "GIT_COMMITTER_NAME": "Import Test",
    "GIT_COMMITTER_EMAIL": "import@example.com",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def itil_store(folder: Path, year: int = 2016) -> Path:
    """The records folder of a scaffolded repository at ``folder``, priority from the itil preset, SLA for P1-P4."""
    scaffold(folder, name="导入 import", year=year)
    records = folder / "records"
    policy = records / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    matrix = PRESETS["itil"].matrix().model_dump(exclude_none=True)
    block = yamltext.render({"priority": matrix}, flow_keys=frozenset({"levels"})).decode("utf-8")
    head, _, tail = text.partition("priority:\n")
    policy.write_text(head + block + tail[tail.index("commit:") :], encoding="utf-8")
    sla = records / "slas" / "SLA-MAIN.yaml"
    sla.write_text(sla.read_text(encoding="utf-8") + "  P4: {response: 2h, resolution: 5bd}\n", encoding="utf-8")
    return records
