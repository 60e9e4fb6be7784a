"""Every case of the hostile corpus through the real CLI: validate (text, json, github),
sla status, every report, ticket list/show, ticket note and escalate --dry-run.

For each case: no command hangs or crashes (no traceback, never exit 3), validate exits 1
with the case's finding at its file and line and still reports a known-bad sibling file,
the other commands exit 0, 1 or 2, nothing is written outside the store, and a file that
does not parse is never rewritten.  Cases of links and special files (``only_survive``)
are held only to no hang, no traceback and nothing written outside the store.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_STORE
from tests.hostile.cases import CASES
from tests.hostile.corpus import Case
from tests.hostile.runner import Outcome, run_cli, standard_commands

SENTINEL = "services/SVC-SENTINEL.yaml"
SENTINEL_TEXT = (
    "kind: service\nid: SVC-SENTINEL\nname: 哨兵\nclass: reactive\ndeliverable: 无\nservice_level: 无\ncolour: red\n"
)
"""The known-bad sibling: its finding (``colour``, line 7) must survive every hostile file."""

Snapshot = dict[str, tuple[int, int, int]]


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        marks: list[pytest.MarkDecorator] = []
        if case.xfail:
            marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
        if case.skip:
            marks.append(pytest.mark.skip(reason=case.skip))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def _snapshot(root: Path, skip: Path) -> Snapshot:
    """Every entry under ``root`` but ``skip``: kind, size and modification time, links not followed."""
    seen: Snapshot = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != skip]
        for name in [*dirs, *files]:
            info = (here / name).lstat()
            seen[str((here / name).relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return seen


def _store(tmp_path: Path) -> tuple[Path, Path]:
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    (store / SENTINEL).write_text(SENTINEL_TEXT, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "gitconfig").write_text("[user]\n\tname = Corpus\n\temail = corpus@hengyun.example\n", encoding="utf-8")
    return store, home


def _findings(outcome: Outcome) -> list[dict[str, object]]:
    try:
        data = json.loads(outcome.stdout)
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def _check_validate(case: Case, store: Path, runs: dict[str, Outcome], problems: list[str]) -> None:
    text, as_json, github = runs["validate"], runs["validate json"], runs["validate github"]
    for outcome in (text, as_json, github):
        if outcome.code != 1:
            problems.append(f"validate must exit 1 (findings), got:\n{outcome}")
    findings = _findings(as_json)
    sentinel = str(store / SENTINEL)
    if not any(f["file"] == sentinel and f["field"] == "colour" and f["line"] == 7 for f in findings):
        problems.append(f"the sibling's finding is hidden:\n{as_json}")
    if f"{sentinel}:7:1: colour" not in text.stdout or f"file={sentinel},line=7" not in github.stdout:
        problems.append(f"the sibling's finding is missing from text or github:\n{text}\n{github}")
    if any(not isinstance(f["line"], int) or f["line"] < 1 for f in findings):
        problems.append(f"a finding without a line:\n{as_json}")
    if case.only_survive:
        return
    others = [f for f in findings if f["file"] != sentinel]
    expect = case.expect
    if expect is None:
        if others:
            problems.append(f"a valid hostile input got findings:\n{json.dumps(others, ensure_ascii=False)}")
        return
    wanted = str(store / expect.file)
    mine = [
        f
        for f in others
        if f["file"] == wanted
        and f["code"] == expect.code
        and (expect.field is None or f["field"] == expect.field)
        and (expect.line is None or f["line"] == expect.line)
        and expect.words in str(f["message"])
    ]
    if not mine:
        problems.append(f"no finding like {expect} in:\n{json.dumps(others, ensure_ascii=False, indent=1)}")
    elif expect.file.isascii() and expect.file.isprintable():
        line = mine[0]["line"]
        if f"{wanted}:{line}:" not in text.stdout or f"file={wanted},line={line}" not in github.stdout:
            problems.append(f"the finding is missing from text or github:\n{text}\n{github}")


@pytest.mark.parametrize("case", _params())
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    store, home = _store(tmp_path)
    case.plant(store)
    hostile = store / case.expect.file if case.expect else None
    before = hostile.read_bytes() if hostile and hostile.is_file() and not hostile.is_symlink() else None
    outside = _snapshot(tmp_path, store)
    commands = [*standard_commands(case.show, case.show), *case.commands]
    outcomes = run_cli(store, home, commands)
    runs = dict(zip(["validate", "validate json", "validate github"], outcomes, strict=False))
    problems: list[str] = []
    for outcome in outcomes:
        if outcome.code is None:
            problems.append(f"hung:\n{outcome}")
        elif outcome.code in (3, -1) or "Traceback" in outcome.stderr + outcome.stdout:
            problems.append(f"crashed:\n{outcome}")
        elif not case.only_survive and outcome.code not in (0, 1, 2):
            problems.append(f"exit outside 0/1/2:\n{outcome}")
    if not case.only_survive or all(o.code is not None for o in outcomes[:3]):
        _check_validate(case, store, runs, problems)
    after = _snapshot(tmp_path, store)
    if after != outside:
        changed = sorted(set(after.items()) ^ set(outside.items()))
        problems.append(f"written outside the store: {changed}")
    if before is not None and case.expect and case.expect.code == "yaml" and hostile and hostile.read_bytes() != before:
        problems.append(f"{case.expect.file} does not parse, yet was rewritten")
    assert not problems, f"{case.name}: {case.description}\n\n" + "\n\n".join(problems)


def test_the_corpus_has_sixty_classes_each_named_and_described() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)), "two cases share a name"
    assert len(CASES) >= 60
    for case in CASES:
        assert case.description and "\n" not in case.description, case.name


def test_the_example_store_runs_clean_through_every_command(tmp_path: Path) -> None:
    """The baseline: the sibling is left out of every reader (exit 1), the ticket verbs work (0)."""
    store, home = _store(tmp_path)
    outcomes = run_cli(store, home, standard_commands("INC-2610-7KQ3P", "INC-2610-7KQ3P"))
    codes = {" ".join(o.command[:2]): o.code for o in outcomes}
    assert codes.pop("report audit") == 2, codes  # the example store has no audit: a clear refusal
    assert codes.pop("ticket show") == 0 and codes.pop("ticket note") == 0, [str(o) for o in outcomes]
    assert set(codes.values()) == {1}, [str(o) for o in outcomes]
