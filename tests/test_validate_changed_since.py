"""``validate --changed-since REV``: only what the changes since REV can have caused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import EXAMPLE_STORE, Cli
from tests.review.helpers_review import commit_all, git

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"


def repo_with_store(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_STORE, repo / "records")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "store")
    return repo


def files_of(stdout: str) -> set[str]:
    return {Path(f["file"]).as_posix().split("records/", 1)[-1] for f in json.loads(stdout)}


def test_only_findings_the_changes_can_have_caused(cli: Cli, tmp_path: Path) -> None:
    repo = repo_with_store(tmp_path)
    store = repo / "records"
    # committed before REV: a finding nobody touched since, left out
    service = next((store / "services").glob("*.yaml"))
    service.write_text(service.read_text(encoding="utf-8").replace("name:", "nme:", 1), "utf-8")
    commit_all(repo, "an old mistake")
    # since REV: an untracked broken file, and the CI the ticket names removed
    (store / "tickets/2026/10/INC-2610-ZZZZZ.yaml").write_text("kind: incident\nid: INC-2610-ZZZZZ\n", "utf-8")
    (store / "cmdb/CI-SRV-01.yaml").unlink()

    everything = cli("validate", "--records", str(store), "--format", "json")
    scoped = cli("validate", "--records", str(store), "--format", "json", "--changed-since", "HEAD")
    assert everything.code == scoped.code == 1, (everything, scoped)
    assert service.relative_to(store).as_posix() in files_of(everything.stdout)
    assert files_of(scoped.stdout) == {"tickets/2026/10/INC-2610-ZZZZZ.yaml", TICKET}
    ticket_findings = [f for f in json.loads(scoped.stdout) if f["file"].endswith(TICKET)]
    assert ticket_findings and all("CI-SRV-01" in f["message"] for f in ticket_findings)
    assert "checked 1 files" in scoped.stderr  # the one added; the removed one has no findings of its own


def test_nothing_changed_is_clean_and_a_bad_revision_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    repo = repo_with_store(tmp_path)
    store = repo / "records"
    clean = cli("validate", "--records", str(store), "--changed-since", "HEAD")
    assert clean.code == 0, clean
    bad = cli("validate", "--records", str(store), "--changed-since", "no-such-rev")
    assert bad.code == 2 and "--changed-since" in bad.stderr, bad
    outside = tmp_path / "plain"
    shutil.copytree(EXAMPLE_STORE, outside)
    refused = cli("validate", "--records", str(outside), "--changed-since", "HEAD")
    assert refused.code == 2 and "git" in refused.stderr, refused
