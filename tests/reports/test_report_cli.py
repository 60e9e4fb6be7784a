"""``itsmctl report``: --rev from a commit, -o, as-of defaults, bad input, the sample store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers_reports import AT, CASES, LEFT_OUT_EXIT, REPORT_STORE

SAMPLE = Path(__file__).resolve().parents[2] / "records"
SAMPLE_AT = "2026-11-20T15:00:00+08:00"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the report store under records/, committed once."""
    root = tmp_path / "repo"
    shutil.copytree(REPORT_STORE, root / "records")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "records")
    return root


def test_rev_renders_the_committed_records_not_the_work_tree(cli, repo: Path) -> None:
    records = repo / "records"
    ticket = records / "tickets/2026/10/INC-2610-A0004.yaml"
    committed = cli("report", "monthly", "--month", "2026-10", "--records", records, "--at", AT)
    ticket.write_text(ticket.read_text(encoding="utf-8").replace("备份服务器硬盘告警", "工作区里改过的标题"), "utf-8")
    (records / "templates").mkdir()
    (records / "templates" / "monthly.zh.md.j2").write_text("work tree template\n", encoding="utf-8")
    status_before = _git(repo, "status", "--porcelain")

    from_rev = cli("report", "monthly", "--month", "2026-10", "--records", records, "--at", AT, "--rev", "HEAD")
    from_tree = cli("report", "monthly", "--month", "2026-10", "--records", records, "--at", AT)

    assert from_rev.code == LEFT_OUT_EXIT, from_rev
    sha = _git(repo, "rev-parse", "HEAD").strip()
    body = "## 一、概要"
    assert from_rev.stdout.split(body)[1] == committed.stdout.split(body)[1]
    assert f"@{sha[:12]}）" in from_rev.stdout.split(body)[0]
    assert "备份服务器硬盘告警" in from_rev.stdout and "工作区里改过的标题" not in from_rev.stdout
    assert f"{records}@{sha[:12]}:tickets/2026/10/INC-2610-A000B.yaml" in from_rev.stderr
    assert from_tree.stdout == "work tree template\n"
    assert _git(repo, "status", "--porcelain") == status_before  # work tree untouched


def test_rev_uses_the_templates_of_that_revision(cli, repo: Path) -> None:
    records = repo / "records"
    (records / "templates").mkdir()
    (records / "templates" / "monthly.en.md.j2").write_text("v1 {{ headline.opened }}\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "template v1")
    (records / "templates" / "monthly.en.md.j2").write_text("v2\n", encoding="utf-8")
    result = cli(
        "report", "monthly", "--month", "2026-10", "--lang", "en", "--records", records, "--at", AT, "--rev", "HEAD"
    )
    assert result.stdout == "v1 8\n"


def test_bad_rev_is_a_clean_error(cli, repo: Path) -> None:
    result = cli("report", "monthly", "--month", "2026-10", "--records", repo / "records", "--rev", "no-such-rev")
    assert result.code == 2
    assert "--rev 'no-such-rev' is not a commit" in result.stderr


def test_rev_outside_git_is_a_clean_error(cli, tmp_path: Path) -> None:
    store = tmp_path / "plain"
    shutil.copytree(REPORT_STORE, store)
    result = cli("report", "cmdb", "--records", store, "--rev", "HEAD")
    assert result.code == 2
    assert "not inside a git repository" in result.stderr


def test_output_file_is_written_whole(cli, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "2026-10.md"
    out.parent.mkdir()
    result = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT, "-o", out)
    assert result.code == LEFT_OUT_EXIT, result
    assert result.stdout == ""
    direct = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT)
    assert out.read_text(encoding="utf-8") == direct.stdout
    assert [p.name for p in out.parent.iterdir()] == ["2026-10.md"]


def test_output_folder_is_never_created(cli, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "2026-10.md"
    result = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT, "-o", out)
    assert result.code == 2, result
    assert f"the folder {out.parent} does not exist" in result.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["monthly", "--month", "2026-13"], "--month '2026-13' is not a month"),
        (["monthly", "--month", "october"], "--month 'october' is not a month"),
        (["monthly", "--month", "2026-10", "--lang", "fr"], "'fr' is not one of 'zh', 'en'"),
        (["audit", "AUD-NONE"], "no valid audit 'AUD-NONE'"),
        (["review", "1900"], "year 1900 is out of range"),
        (["monthly", "--month", "2026-10", "--at", "yesterday"], "'yesterday' is not an ISO 8601 time"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(cli, args: list[str], message: str) -> None:
    result = cli("report", *args, "--records", REPORT_STORE)
    assert result.code == 2, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unfinished_period_says_it_is_not_reproducible(cli) -> None:
    result = cli("report", "monthly", "--month", "2199-01", "--records", REPORT_STORE)
    assert result.code == LEFT_OUT_EXIT
    assert "the period has not ended" in result.stderr


def test_every_report_has_help(cli) -> None:
    for name in sorted({args[0] for args in CASES.values()}):
        result = cli("report", name, "--help")
        assert result.code == 0 and "--lang" in result.stdout and "--rev" in result.stdout
        assert "--audience" in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ["monthly", "--month", "2026-10"],
        ["monthly", "--month", "2026-11"],
        ["quality", "--month", "2026-10"],
        ["cmdb"],
        ["repairs", "--month", "2026-10"],
        ["review", "2026"],
        ["audit", "AUD-2026-H2"],
    ],
)
def test_sample_store_renders_without_warnings(cli, args: list[str], lang: str) -> None:
    if not (SAMPLE / "policy.yaml").exists():
        pytest.skip("the sample store records/ is not there")
    result = cli("report", *args, "--lang", lang, "--records", SAMPLE, "--at", SAMPLE_AT)
    assert result.code == 0, result
    assert result.stderr == ""
    assert "left out" not in result.stdout.lower() and "未通过校验" not in result.stdout


def test_the_header_never_prints_the_machines_path(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from helpers_reports import AT, REPORT_STORE

    store = tmp_path / "华信" / "records"
    shutil.copytree(REPORT_STORE, store)
    r = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", AT)
    assert "（记录来源：records）" in r.stdout and str(tmp_path) not in r.stdout  # not in git: the folder's name
