"""``itsmctl ci new/set/retire`` on a real git store: each under an approved change, the file's
formatting and comments kept, the change log growing, ``history`` of the CI from git."""

from __future__ import annotations

import json
from pathlib import Path

from helpers_tickets import WANG, git

from tests.conftest import Cli

DAY = "2026-11-02"
CI_FILE = Path("cmdb") / "CI-SRV-01.yaml"
HAND_WRITTEN = """\
kind: ci
id: CI-SRV-01
# 机房 A 的应用服务器，手工维护
name: 应用服务器01
class: server
status: in_use
owner: wang.qiang   # 负责人
version: "6.5"
relations:
  - {type: runs_on, target: CI-NEW-01}   # 宿主机
"""


def at(hhmm: str) -> str:
    return f"{DAY}T{hhmm}:00+08:00"


def run(cli: Cli, repo: Path, *args: str, when: str, by: str = "wang.qiang") -> tuple[int, str, str]:
    result = cli(*args, "--records", repo, "--at", when, "--by", by)
    return result.code, result.stdout, result.stderr


def change(cli: Cli, repo: Path, *, approve: bool) -> str:
    """A change ticket, planned and assessed, approved by the customer when ``approve``."""
    steps: list[tuple[tuple[str, ...], str, str]] = [
        (("new", "change", "--title", "服务器迁移", "--service", "SVC-ONSITE", "--priority", "P3",
          "--ci", "CI-SRV-01"), "wang.qiang", "09:00"),
        (("plan", "ID", "--goal", "迁移", "--content", "迁移到新宿主机", "--step", "迁移", "--person", "wang.qiang",
          "--budget", "0", "--start", "2026-11-07T20:00+08:00", "--end", "2026-11-07T23:00+08:00",
          "--risk-plan", "待命", "--rollback-plan", "迁回"), "wang.qiang", "09:10"),
        (("assess", "ID", "--risk", "low"), "zhou.min", "09:20"),
    ]  # fmt: skip
    if approve:
        steps.append((("approve", "ID", "--approver", "li.na", "--method", "mail"), "wang.qiang", "10:00"))
    tid = ""
    for words, by, hhmm in steps:
        code, out, err = run(cli, repo, "ticket", *[tid if w == "ID" else w for w in words], when=at(hhmm), by=by)
        assert code == 0, err
        tid = tid or out.strip()
    return tid


def test_new_set_retire_keep_the_file_and_log_each_change(cli: Cli, repo: Path) -> None:
    (repo / CI_FILE).write_text(HAND_WRITTEN, encoding="utf-8")
    git(repo, "commit", "-qam", "CI-SRV-01 by hand")
    draft = change(cli, repo, approve=False)
    # refused: the change is not approved; nothing written
    code, _, err = run(cli, repo, "ci", "set", "CI-SRV-01", "--change", draft, "--version", "7.0", when=at("09:30"))
    assert code == 1 and "[ci-change]" in err and "never approved" in err, err
    assert (repo / CI_FILE).read_text(encoding="utf-8") == HAND_WRITTEN
    # refused: no change named at all (a usage error, exit 2)
    assert cli("ci", "set", "CI-SRV-01", "--version", "7.0", "--records", repo).code == 2

    tid = draft
    approved = run(cli, repo, "ticket", "approve", tid, "--approver", "li.na", "--method", "mail", when=at("10:00"))
    assert approved[0] == 0, approved
    new = ("ci", "new", "CI-NEW-01", "--change", tid, "--name", "新宿主机", "--class", "服务器", "--status", "in_use")
    code, out, err = run(cli, repo, *new, "--ip", "10.0.0.9", "--label", "rack=A3", when=at("10:30"))
    assert code == 0, err
    assert out == f"CI-NEW-01: new: name, class, status, ip, labels ({tid})\n"
    assert "committed" in err
    created = (repo / "cmdb" / "CI-NEW-01.yaml").read_text(encoding="utf-8")
    assert created.endswith(
        f"changes:\n  - {{date: {DAY}, change: {tid}, by: wang.qiang, fields: [name, class, status, ip, labels]}}\n"
    )

    code, out, err = run(cli, repo, "ci", "set", "CI-SRV-01", "--change", tid, "--version", "7.0", "--rel",
                         "backed_by=CI-NEW-01", "--redundancy", "runs_on=1", when=at("10:40"))  # fmt: skip
    assert code == 0, err
    assert out == f"CI-SRV-01: set: version, relations, redundancy ({tid})\n"
    code, out, err = run(
        cli, repo, "ci", "retire", "CI-SRV-01", "--change", tid, "--note", "迁移完成", when=at("11:00")
    )
    assert code == 0, err
    text = (repo / CI_FILE).read_text(encoding="utf-8")
    # every hand-written line stays, comments and quoting included; only the edited value changed
    assert text.splitlines()[:10] == [
        line.replace('version: "6.5"', 'version: "7.0"').replace("status: in_use", "status: retired")
        for line in HAND_WRITTEN.splitlines()
    ]
    assert text.splitlines()[10:] == [
        "  - {type: backed_by, target: CI-NEW-01}",
        "redundancy:",
        "  runs_on: 1",
        "changes:",
        f"  - {{date: {DAY}, change: {tid}, by: wang.qiang, fields: [version, relations, redundancy]}}",
        f"  - {{date: {DAY}, change: {tid}, by: wang.qiang, fields: [status], note: 迁移完成}}",
    ]
    assert run(cli, repo, "ci", "retire", "CI-SRV-01", "--change", tid, when=at("11:05"))[0] == 2
    assert cli("validate", "--records", repo).code == 0

    history = cli("history", "CI-SRV-01", "--records", repo, "--format", "json")
    assert history.code == 0, history
    revisions = json.loads(history.stdout)
    assert [r["subject"] for r in revisions[-2:]] == [
        "CI-SRV-01: ci set by wang.qiang",
        "CI-SRV-01: ci retire by wang.qiang",
    ]
    assert revisions[-1]["author"] == WANG[0] and "status" in revisions[-1]["fields"]
    shown = cli("ci", "show", "CI-SRV-01", "--records", repo)
    assert f"{DAY}  {tid}  wang.qiang   status  迁移完成" in shown.stdout, shown


def test_a_cached_verdict_never_hides_a_change_edited_later(cli: Cli, repo: Path) -> None:
    """The CI file's bytes stay; its change is edited by hand to be approved later: the finding appears."""
    tid = change(cli, repo, approve=True)
    assert run(cli, repo, "ci", "set", "CI-SRV-01", "--change", tid, "--version", "7.0", when=at("10:30"))[0] == 0
    assert cli("validate", "--records", repo).code == 0  # fills the content cache
    ticket = next((repo / "tickets").rglob(f"{tid}.yaml"))
    text = ticket.read_text(encoding="utf-8")
    ticket.write_text(text.replace(f"{DAY}T10:00:00+08:00", "2026-11-03T10:00:00+08:00"), encoding="utf-8")
    result = cli("validate", "--records", repo, "--format", "json")
    found = [(f["file"].split("/")[-1], f["code"]) for f in json.loads(result.stdout)]
    assert ("CI-SRV-01.yaml", "ci-change") in found, found
