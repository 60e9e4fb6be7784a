"""``itsmctl init``: a new records repository that validates clean, with its CI around it.

The store holds a policy to edit (optionally with a shipped priority preset and tacit
confirmation switched on), a 5×8 calendar with the current year's holidays frozen,
an SLA and a service; around it the merge driver's ``.gitattributes`` and git config, a
pre-commit config, a README, and CI workflows for GitHub Actions and GitLab CI.  Nothing
is overwritten: a folder that already holds any of these files is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from itsmctl.calendar.freeze import freeze as freeze_calendar
from itsmctl.errors import FieldError, UsageError
from itsmctl.fs import atomic_write
from itsmctl.models.base import Line, Span
from itsmctl.models.sla import BusinessCalendar
from itsmctl.priority import PRESETS
from itsmctl.scaffold import files
from itsmctl.store.loader import load_record
from itsmctl.vcs import init_repository
from itsmctl.yamlio import emit as yamltext

CALENDAR_PATH = "records/calendars/CAL-CN.yaml"
MERGE_DRIVER = {
    "merge.itsmctl.name": "itsmctl record merge",
    "merge.itsmctl.driver": "itsmctl merge-driver %O %A %B %P",
}


@dataclass(frozen=True)
class Scaffold:
    folder: Path
    written: list[str]
    new_repository: bool
    estimated_year: bool
    """The holidays package's data for the year looked incomplete; the year was frozen as estimated."""


def _calendar(year: int) -> tuple[bytes, bool]:
    data = files.CALENDAR.encode("utf-8")
    record = load_record(CALENDAR_PATH, CALENDAR_PATH, data).record
    assert isinstance(record, BusinessCalendar)
    try:
        return freeze_calendar(record, CALENDAR_PATH, data, year).data, False
    except UsageError:
        return freeze_calendar(record, CALENDAR_PATH, data, year, estimate=True).data, True


@dataclass(frozen=True)
class Choices:
    """What ``itsmctl init`` may be told about the policy beyond the project's name."""

    priority_preset: str | None = None
    """A shipped matrix (``itil``: ServiceNow's impact x urgency) instead of the scaffold's small one."""
    tacit_after: Span | None = None
    """Opt into tacit confirmation after this long (``confirmation.tacit_after``); None: off."""


def _priority(preset: str | None) -> tuple[str, list[str]]:
    """The policy's priority block and its level ids, highest first."""
    if preset is None:
        return files.PRIORITY, ["P1", "P2", "P3"]
    if preset not in PRESETS:
        raise UsageError(f"unknown priority preset {preset!r}; choose one of: {', '.join(PRESETS)}")
    matrix = PRESETS[preset].matrix()
    block = yamltext.render({"priority": matrix.model_dump(exclude_none=True)}).decode("utf-8")
    return block, [level.id for level in matrix.levels]


def _targets(levels: list[str]) -> str:
    missing = [level for level in levels if level not in files.TARGETS]
    if missing:  # pragma: no cover - every shipped preset's levels have a target
        raise UsageError(f"the scaffold has no SLA target for priority {', '.join(missing)}")
    return "".join(f"  {level}: {files.TARGETS[level]}\n" for level in levels)


def _project_name(name: str) -> str:
    """The name as the policy's ``name:`` line (a YAML scalar), or FieldError when the policy's
    schema would refuse it: the scaffold never writes a policy that does not load."""
    try:
        TypeAdapter(Line).validate_python(name)
    except ValidationError:
        raise FieldError(
            "name", f"{name!r} is not one line of visible text (no line break, tab, control character or bidi override)"
        ) from None
    return yamltext.scalar(name)


def plan(name: str, year: int, choices: Choices = Choices()) -> tuple[dict[str, bytes], bool]:
    """Every file of the scaffold by repository path, and whether the year was estimated."""
    quoted = _project_name(name)
    calendar, estimated = _calendar(year)
    priority, levels = _priority(choices.priority_preset)
    tacit = choices.tacit_after
    confirmation = files.CONFIRMATION_ON.format(period=tacit) if tacit else files.CONFIRMATION_OFF
    texts = {
        "records/policy.yaml": files.POLICY.format(name=quoted, priority=priority, confirmation=confirmation),
        "records/slas/SLA-MAIN.yaml": files.SLA.format(year=year, targets=_targets(levels)),
        "records/services/SVC-SUPPORT.yaml": files.SERVICE,
        ".gitattributes": files.GITATTRIBUTES,
        ".pre-commit-config.yaml": files.PRE_COMMIT,
        "README.md": files.README.format(name=name),
        ".github/workflows/itsm.yml": files.GITHUB_WORKFLOW,
        ".gitlab-ci.yml": files.GITLAB_CI,
    }
    out = {path: text.encode("utf-8") for path, text in texts.items()}
    out[CALENDAR_PATH] = calendar
    return dict(sorted(out.items())), estimated


def scaffold(folder: Path, *, name: str, year: int, choices: Choices = Choices()) -> Scaffold:
    """Write the scaffold into ``folder`` (made if missing), ``git init`` it and stage the files."""
    contents, estimated = plan(name, year, choices)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    taken = [path for path in contents if (folder / path).exists() or (folder / path).is_symlink()]
    if taken:
        raise UsageError(f"{folder} already has {', '.join(taken)}; itsmctl init never overwrites a file")
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in contents.items():
        atomic_write(folder / path, data, root=folder)
    new = init_repository(folder, MERGE_DRIVER, list(contents))
    return Scaffold(folder, list(contents), new, estimated)
