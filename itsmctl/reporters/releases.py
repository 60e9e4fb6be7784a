"""How ``release list`` and ``release show`` write: one line per release, or one release in full (text or JSON)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from itsmctl.escape import json_text, terminal
from itsmctl.models import Release
from itsmctl.models.labels import label


def _stage(release: Release) -> str:
    return f"{label('zh', 'release_stage', release.stage)} {release.stage}"


def list_text(releases: Sequence[Release]) -> str:
    if not releases:
        return "no release in the store\n"
    lines = []
    for r in releases:
        window = f"{r.plan.window_start:%Y-%m-%d %H:%M}–{r.plan.window_end:%Y-%m-%d %H:%M}"
        lines.append(terminal(f"{r.id}  {window}  {_stage(r)}  {len(r.changes)} change(s)  {r.title}"))
    return "\n".join(lines) + "\n"


def release_data(r: Release) -> dict[str, Any]:
    """The release as a script reads it: the record's own fields (times in ISO 8601) and its stage."""
    data = r.model_dump(mode="json", exclude_none=True)
    return {
        "id": r.id,
        "title": r.title,
        "stage": r.stage,
        **{k: v for k, v in data.items() if k not in ("id", "title")},
    }


def list_json(releases: Sequence[Release]) -> str:
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "stage": r.stage,
            "window_start": r.plan.window_start.isoformat(),
            "window_end": r.plan.window_end.isoformat(),
            "owner": r.plan.owner,
            "changes": list(r.changes),
        }
        for r in releases
    ]
    return json_text({"releases": rows}, indent=2) + "\n"


def show_text(r: Release) -> str:
    lines = [
        f"{r.id}  {r.title}",
        f"阶段 stage: {_stage(r)}",
        f"窗口 window: {r.plan.window_start.isoformat()} – {r.plan.window_end.isoformat()}",
        f"负责人 owner: {r.plan.owner}",
        f"变更 changes: {', '.join(r.changes)}",
    ]
    for i, step in enumerate(r.plan.steps, 1):
        lines.append(f"  步骤 {i}. {step}")
    for known in r.known_errors:
        lines.append(f"已知错误 known error: {known.problem + ' ' if known.problem else ''}{known.description}")
    lines.append(f"回退方案 rollback plan: {r.rollback_plan or '(none)'}")
    for name, signed in (("批准 approved", r.approved), ("部署 deployed", r.deployed)):
        if signed is not None:
            lines.append(f"{name}: {signed.by} {signed.at.isoformat()}{'  ' + signed.notes if signed.notes else ''}")
    if r.verification is not None:
        v = r.verification
        result = f"{label('zh', 'release_result', v.result)} {v.result}"
        lines.append(f"验证 verification: {result}, {v.by} {v.at.isoformat()}{'  ' + v.notes if v.notes else ''}")
    if r.acceptance is not None:
        a = r.acceptance
        lines.append(f"验收 acceptance: {a.by} {a.on.isoformat()}{'  ' + a.conclusion if a.conclusion else ''}")
    if r.rolled_back is not None:
        b = r.rolled_back
        lines.append(f"回退 rolled back: {b.by} {b.at.isoformat()}  {b.reason}")
    return "".join(terminal(line) + "\n" for line in lines)


def show_json(r: Release) -> str:
    return json_text(release_data(r), indent=2) + "\n"


RELEASE_LIST_REPORTERS: dict[str, Callable[[Sequence[Release]], str]] = {"text": list_text, "json": list_json}
RELEASE_SHOW_REPORTERS: dict[str, Callable[[Release], str]] = {"text": show_text, "json": show_json}
