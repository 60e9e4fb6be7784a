"""``itsmctl release …`` on a copy of the sample records: a release's whole life committed step by
step, refusals (exit 1 for a rule or a step out of order, 2 for usage) writing nothing, list
and show in text and JSON, and validate's findings on a bad change reference."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from itsmctl.models import Release
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-11-12T10:00:00+08:00"
NEW_ID = "REL-2026-11-02"
SAMPLE_ID = "REL-2026-11-01"
NEW = ("new", "--title", "核心交换机升级发布", "--change", "CHG-2611-3FBXB",
       "--window-start", "2026-11-21T22:00+08:00", "--window-end", "2026-11-22T03:00+08:00",
       "--rollback", "回退至 V200R020C10 并恢复配置", "--step", "备份配置", "--step", "升级并验证 M-LAG",
       "--known-error", "PRB-2610-51PV1")  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample records in a git repository of their own, with a pinned identity."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Desk\n\temail = desk@hengyun.example\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(var, raising=False)
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    git(target, "init", "-q")
    git(target, "add", ".")
    git(target, "commit", "-q", "-m", "records")
    return target


def run(
    cli: Cli, store: Path, *args: str, by: str = "wang.qiang", at: str = AT, commit: bool = True
) -> tuple[int, str, str]:
    result = cli("release", *args, "--records", str(store), "--by", by, "--at", at,
                 "--commit" if commit else "--no-commit")  # fmt: skip
    assert "Traceback" not in result.stderr, result
    return result.code, result.stdout, result.stderr


def release(store: Path, release_id: str) -> Release:
    path = store / "releases" / f"{release_id}.yaml"
    loaded = load_record(f"releases/{path.name}", str(path), path.read_bytes())
    assert not loaded.findings and isinstance(loaded.record, Release), loaded.findings
    return loaded.record


def test_a_release_from_plan_to_acceptance_one_commit_a_step(cli: Cli, sample: Path) -> None:
    code, out, err = run(cli, sample, *NEW)
    assert code == 0, err
    assert out == f"{NEW_ID}: planned 2026-11-21T22:00:00+08:00–2026-11-22T03:00:00+08:00, 1 change(s)\n"
    steps = [
        (("approve", NEW_ID, "--notes", "客户邮件已批准"), "zhou.min", AT, "已批准 approved by zhou.min"),
        (("deploy", NEW_ID, "--notes", "按计划完成"), "wang.qiang", "2026-11-21T23:50:00+08:00", "已部署 deployed"),
        (("verify", NEW_ID, "--result", "pass"), "sun.wei", "2026-11-22T01:00:00+08:00", "已验证 verified by sun.wei"),
        (
            ("accept", NEW_ID, "--by-customer", "李娜（信息科技部）", "--conclusion", "同意"),
            "wang.qiang",
            "2026-11-30T10:00:00+08:00",
            "已验收 accepted by 李娜（信息科技部） on 2026-11-30",
        ),
    ]
    for args, by, at, line in steps:
        code, out, err = run(cli, sample, *args, by=by, at=at)
        assert code == 0 and out.startswith(f"{NEW_ID}: {line}"), (args, out, err)
    r = release(sample, NEW_ID)
    assert r.stage == "accepted" and r.known_errors[0].problem == "PRB-2610-51PV1"
    assert r.verification is not None and r.verification.by == "sun.wei" and r.acceptance is not None
    assert r.approved is not None and r.approved.notes == "客户邮件已批准"
    subjects = git(sample, "log", "--format=%s", "-5").splitlines()
    assert subjects == [f"{NEW_ID}: release {action} by {by}" for action, by in (
        ("accept", "wang.qiang"), ("verify pass", "sun.wei"), ("deploy", "wang.qiang"), ("approve", "zhou.min"),
        ("new", "wang.qiang"))], subjects  # fmt: skip
    assert git(sample, "status", "--porcelain") == ""
    checked = cli("validate", "--records", str(sample), "--at", "2026-11-30T12:00:00+08:00")
    assert checked.code == 0 and "0 error(s)" in checked.stderr and "releases/" not in checked.stdout, checked


def test_a_failed_release_is_rolled_back(cli: Cli, sample: Path) -> None:
    assert run(cli, sample, *NEW, commit=False)[0] == 0
    assert run(cli, sample, "approve", NEW_ID, by="zhou.min", commit=False)[0] == 0
    assert run(cli, sample, "deploy", NEW_ID, at="2026-11-21T23:50:00+08:00", commit=False)[0] == 0
    code, out, _ = run(cli, sample, "verify", NEW_ID, "--result", "fail", "--notes", "M-LAG 异常", by="sun.wei",
                       at="2026-11-22T01:00:00+08:00", commit=False)  # fmt: skip
    assert code == 0 and "验证未通过 failed" in out
    code, _, err = run(cli, sample, "accept", NEW_ID, "--by-customer", "李娜", commit=False)
    assert code == 1 and "is failed: 'accept' is not allowed now. Allowed now: rollback" in err
    code, out, _ = run(cli, sample, "rollback", NEW_ID, "--reason", "验证未通过，按回退方案回退",
                       at="2026-11-22T01:30:00+08:00", commit=False)  # fmt: skip
    assert code == 0 and "已回退 rolled_back" in out
    assert release(sample, NEW_ID).rolled_back is not None


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("deploy", SAMPLE_ID), 1, "is verified: 'deploy' is not allowed now. Allowed now: accept, rollback"),
        (
            ("accept", SAMPLE_ID, "--by-customer", "李娜", "--on", "2026-11-01"),
            1,
            "accepted before the release was verified (acceptance.on) [release-steps]",
        ),
        (("accept", SAMPLE_ID, "--by-customer", " "), 2, "--by-customer: name the customer's person"),
        (("verify", SAMPLE_ID, "--result", "maybe"), 2, "Invalid value for '--result'"),
        (("approve", "REL-2026-11-77"), 2, "no release REL-2026-11-77"),
        (("approve", "../policy"), 2, "is not a release id"),
        (("rollback", SAMPLE_ID, "--reason", "x", "--by", "nobody"), 2, "--by: 'nobody' is not a person in the policy"),
        (("deploy", SAMPLE_ID, "--at", "2026-11-20T10:00"), 2, "needs a UTC offset"),
        ((*NEW[:4], "CHG-2611-NNNNN", *NEW[5:]), 1, "CHG-2611-NNNNN is no change ticket in the store"),
        ((*NEW[:4], "INC-2611-JZKMW", *NEW[5:]), 1, "INC-2611-JZKMW is an incident, not a change"),
        ((*NEW, "--window-end", "2026-11-21T21:00+08:00"), 2, "--window-end: the window ends"),
        ((*NEW, "--id", SAMPLE_ID), 2, f"release {SAMPLE_ID} already exists"),
        ((*NEW, "--owner", "ghost"), 2, "--owner: 'ghost' is not a person in the policy"),
    ],
)
def test_refusals_write_nothing(cli: Cli, sample: Path, args: tuple[str, ...], code: int, message: str) -> None:
    defaults = [*(() if "--by" in args else ("--by", "wang.qiang")), *(() if "--at" in args else ("--at", AT))]
    result = cli("release", *args, "--records", str(sample), *defaults, "--no-commit")
    assert result.code == code and message in result.stderr and "Traceback" not in result.stderr, result
    assert git(sample, "status", "--porcelain") == "", result


def test_a_hand_edit_naming_no_change_is_a_finding(cli: Cli, sample: Path) -> None:
    path = sample / "releases" / f"{SAMPLE_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("changes: [CHG-2610-YCSFF]", "changes: [CHG-2610-YCSFF, INC-2611-JZKMW, CHG-2611-NNNNN]")
    )
    found = cli("validate", "--records", str(sample), "--at", "2026-11-20T15:00:00+08:00", "--format", "json")
    assert found.code == 1, found
    mine = [
        (f["field"], f["code"], f["line"], f["message"]) for f in json.loads(found.stdout) if f["file"] == str(path)
    ]
    assert mine == [
        ("changes[1]", "release-change", 4, "INC-2611-JZKMW is an incident, not a change"),
        ("changes[2]", "release-change", 4, "CHG-2611-NNNNN is no change ticket in the store (no file, or its file "
         "does not load)"),
    ], mine  # fmt: skip


def test_a_broken_file_is_reported_never_rewritten(cli: Cli, sample: Path) -> None:
    path = sample / "releases" / f"{SAMPLE_ID}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("result: pass", "result: [pass"), encoding="utf-8")
    before = path.read_bytes()
    code, _, err = run(cli, sample, "accept", SAMPLE_ID, "--by-customer", "李娜", commit=False)
    assert code == 1 and "it was not changed" in err and f"{SAMPLE_ID}.yaml:" in err, err
    assert path.read_bytes() == before
    listed = cli("release", "list", "--records", str(sample))
    assert listed.code == 1 and listed.stdout == "no release in the store\n" and "do not load" in listed.stderr
    shown = cli("release", "show", SAMPLE_ID, "--records", str(sample))
    assert shown.code == 1 and "Traceback" not in shown.stderr and "fix the file first" in shown.stderr, shown


def test_list_and_show(cli: Cli, sample: Path) -> None:
    listed = cli("release", "list", "--records", str(sample))
    assert listed.code == 0, listed
    assert listed.stdout == (
        f"{SAMPLE_ID}  2026-11-07 21:00–2026-11-08 00:00  已验证 verified  1 change(s)  网银 Web 应用防火墙上线发布\n"
    )
    data = json.loads(cli("release", "list", "--records", str(sample), "--format", "json").stdout)
    assert data == {"releases": [{
        "id": SAMPLE_ID, "title": "网银 Web 应用防火墙上线发布", "stage": "verified",
        "window_start": "2026-11-07T21:00:00+08:00", "window_end": "2026-11-08T00:00:00+08:00",
        "owner": "wang.qiang", "changes": ["CHG-2610-YCSFF"],
    }]}  # fmt: skip
    assert cli("release", "list", "--records", str(sample), "--stage", "已验收").stdout == "no release in the store\n"
    bad = cli("release", "list", "--records", str(sample), "--stage", "done")
    assert bad.code == 2 and "--stage: 'done' is not a stage" in bad.stderr
    shown = cli("release", "show", SAMPLE_ID, "--records", str(sample))
    assert shown.code == 0 and shown.stdout.splitlines()[:3] == [
        f"{SAMPLE_ID}  网银 Web 应用防火墙上线发布",
        "阶段 stage: 已验证 verified",
        "窗口 window: 2026-11-07T21:00:00+08:00 – 2026-11-08T00:00:00+08:00",
    ]
    assert "验证 verification: 通过 pass, sun.wei 2026-11-08T09:30:00+08:00" in shown.stdout
    full = json.loads(cli("release", "show", SAMPLE_ID, "--records", str(sample), "--format", "json").stdout)
    assert full["stage"] == "verified" and full["verification"]["result"] == "pass"
    assert full["known_errors"][0]["problem"] == "PRB-2610-51PV1" and "acceptance" not in full
