"""``itsmctl check --base``: each rule between two revisions, on a real git repository."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers_review import PEOPLE, commit_all, git

INCIDENT = "tickets/2026/10/INC-2610-7KQ3P.yaml"


def check(cli, store: Path, *extra: str):  # type: ignore[no-untyped-def]
    return cli("check", "--base", "main", "--records", str(store), *extra)


def note(event_id: str, at: str) -> str:
    return f"{{id: {event_id}, at: 2026-10-10T{at}:00+08:00, by: wang.qiang, type: note, note: 已复现}}"


def append_event(store: Path, rel: str, line: str) -> None:
    path = store / rel
    path.write_text(path.read_text(encoding="utf-8") + f"  - {line}\n", encoding="utf-8")


def replace(store: Path, rel: str, old: str, new: str) -> None:
    path = store / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def reopen_and_note(store: Path) -> None:
    replace(store, INCIDENT, "status: closed", "status: in_progress")
    append_event(
        store, INCIDENT, "{id: ED0001, at: 2026-10-10T09:00:00+08:00, by: wang.qiang, type: reopened, reason: 复发}"
    )
    append_event(store, INCIDENT, note("ED0002", "09:05"))


def test_a_clean_pull_request_lists_what_it_adds_and_exits_0(cli, pr_repo: Path) -> None:
    reopen_and_note(pr_repo)
    commit_all(pr_repo, "reopen", who="wang.qiang")
    result = check(cli, pr_repo, "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert data["records"] == [
        {"status": "changed", "kind": "incident", "id": "INC-2610-7KQ3P", "path": str(pr_repo / INCIDENT)}
    ]
    assert [(e["id"], e["type"], e["by"]) for e in data["events"]] == [
        ("ED0001", "reopened", "wang.qiang"),
        ("ED0002", "note", "wang.qiang"),
    ]
    assert data["commits"] == 1


def test_an_event_edited_in_place_is_refused_naming_the_event(cli, pr_repo: Path) -> None:
    replace(
        pr_repo, INCIDENT, "{id: E9XY3Z, at: 2026-10-09T09:20:00+08:00", "{id: E9XY3Z, at: 2026-10-09T09:19:00+08:00"
    )
    commit_all(pr_repo, "fix response time")
    result = check(cli, pr_repo, "--format", "json")
    assert result.code == 1, result
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "append-only"]
    assert len(found) == 1 and "E9XY3Z" in found[0]["message"] and "at" in found[0]["message"]
    assert found[0]["line"] == 19 and found[0]["field"] == "events[2]"


def test_a_deleted_and_a_moved_event_are_refused(cli, pr_repo: Path) -> None:
    path = pr_repo / INCIDENT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    responded = next(i for i, line in enumerate(lines) if "E9XY3Z" in line)
    assigned = next(i for i, line in enumerate(lines) if "E8AB2C" in line)
    lines[assigned], lines[responded] = lines[responded], lines[assigned]
    del lines[next(i for i, line in enumerate(lines) if "EA1B2C" in line)]
    path.write_text("".join(lines), encoding="utf-8")
    commit_all(pr_repo, "tidy")
    found = json.loads(check(cli, pr_repo, "--format", "json").stdout)["findings"]
    messages = [f["message"] for f in found if f["code"] == "append-only"]
    assert any("EA1B2C" in m and "deleted" in m for m in messages), messages
    assert any("moved" in m for m in messages), messages


def test_a_closed_ticket_is_edited_only_by_a_reopen(cli, pr_repo: Path) -> None:
    append_event(pr_repo, INCIDENT, note("ED0003", "09:05"))
    commit_all(pr_repo, "late note")
    result = check(cli, pr_repo, "--format", "json")
    assert result.code == 1
    assert "closed-edited" in codes(result)


def test_a_new_id_may_not_collide_with_one_on_the_base(cli, pr_repo: Path) -> None:
    (pr_repo / "services" / "ci-srv-01.yaml").write_text(
        (pr_repo / "services" / "SVC-ONSITE.yaml")
        .read_text(encoding="utf-8")
        .replace("id: SVC-ONSITE", "id: ci-srv-01"),
        encoding="utf-8",
    )
    commit_all(pr_repo, "service")
    result = check(cli, pr_repo, "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "id-collision"]
    assert found and "cmdb/CI-SRV-01.yaml" in found[0]["message"]


def test_escalations_and_outbox_notices_added_by_hand_are_refused(cli, pr_repo: Path) -> None:
    reopen_and_note(pr_repo)
    append_event(
        pr_repo,
        INCIDENT,
        "{id: ED0004, at: 2026-10-10T10:00:00+08:00, by: wang.qiang, type: escalated, level: 1, "
        "target: resolution, actions: [notify_assignee], notified: [wang.qiang]}",
    )
    notice = pr_repo / "outbox" / "2026" / "10" / "INC-2610-7KQ3P.L1.resolution.json"
    notice.parent.mkdir(parents=True)
    notice.write_text("{}", encoding="utf-8")
    commit_all(pr_repo, "forged escalation")
    found = [f for f in json.loads(check(cli, pr_repo, "--format", "json").stdout)["findings"]]
    forged = [f for f in found if f["code"] == "escalation-only"]
    assert {Path(f["file"]).suffix for f in forged} == {".yaml", ".json"}, found


def test_a_ci_changes_only_under_an_approved_change_that_names_it(cli, pr_repo: Path) -> None:
    replace(pr_repo, "cmdb/CI-SRV-01.yaml", "status: in_use", "status: retired")
    commit_all(pr_repo, "retire server")
    result = check(cli, pr_repo, "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "ci-change"]
    assert result.code == 1 and len(found) == 1 and "retired" in found[0]["message"]


def approved_change(cli, pr_repo: Path) -> str:  # type: ignore[no-untyped-def]
    env = {"ITSMCTL_USER": "wang.qiang", "GIT_COMMITTER_NAME": "王强", "GIT_COMMITTER_EMAIL": PEOPLE["wang.qiang"][1]}
    new = cli(
        "ticket", "new", "change", "--title", "服务器下线", "--service", "SVC-ONSITE", "--priority", "P3",
        "--ci", "CI-SRV-01", "--records", str(pr_repo), "--at", "2026-11-02T09:00+08:00", env=env,
    )  # fmt: skip
    assert new.code == 0, new
    change_id = new.stdout.strip()
    plan = [
        "--goal", "下线", "--content", "下线服务器", "--step", "迁移", "--person", "wang.qiang", "--budget", "0",
        "--start", "2026-11-07T20:00+08:00", "--end", "2026-11-07T23:00+08:00", "--risk-plan", "无",
        "--rollback-plan", "重新上线",
    ]  # fmt: skip
    for at, args, by in (
        ("09:10", ["plan", change_id, *plan], "wang.qiang"),
        ("09:20", ["assess", change_id, "--risk", "low"], "zhou.min"),
        ("10:00", ["approve", change_id, "--approver", "li.na", "--method", "mail"], "zhou.min"),
    ):
        person_env = {
            "ITSMCTL_USER": by,
            "GIT_COMMITTER_NAME": PEOPLE[by][0],
            "GIT_COMMITTER_EMAIL": PEOPLE[by][1],
        }
        done = cli("ticket", *args, "--records", str(pr_repo), "--at", f"2026-11-02T{at}+08:00", env=person_env)
        assert done.code == 0, done
    return change_id


def test_an_approved_change_naming_the_ci_lets_it_change(cli, pr_repo: Path) -> None:
    approved_change(cli, pr_repo)
    replace(pr_repo, "cmdb/CI-SRV-01.yaml", "status: in_use", "status: retired")
    git(pr_repo, "add", "-A")
    git(pr_repo, "commit", "-q", "-m", "retire", who="wang.qiang")
    result = check(cli, pr_repo, "--format", "json")
    assert "ci-change" not in codes(result), result


def test_an_approval_rewritten_to_someone_without_the_role_is_refused(cli, pr_repo: Path) -> None:
    change_id = approved_change(cli, pr_repo)
    path = next(pr_repo.glob(f"tickets/*/*/{change_id}.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("approver: li.na", "approver: zhou.min"), encoding="utf-8")
    commit_all(pr_repo, "approval by the manager", who="zhou.min")
    result = check(cli, pr_repo, "--format", "json")
    assert result.code == 1 and "change-approval" in codes(result), result


def test_each_new_event_is_by_the_person_who_committed_it(cli, pr_repo: Path) -> None:
    reopen_and_note(pr_repo)
    commit_all(pr_repo, "notes in someone else's name", who="zhou.min")
    result = check(cli, pr_repo, "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "attribution"]
    assert len(found) == 2 and all("zhou.min" in f["message"] for f in found), found


def test_the_service_desk_records_for_a_caller_but_confirms_for_nobody(cli, pr_repo: Path) -> None:
    reopen_and_note(pr_repo)
    append_event(
        pr_repo,
        INCIDENT,
        "{id: ED0005, at: 2026-10-10T11:00:00+08:00, by: wang.qiang, type: resolved, resolution: 修复}",
    )
    append_event(
        pr_repo,
        INCIDENT,
        "{id: ED0006, at: 2026-10-10T11:30:00+08:00, by: wang.qiang, type: confirmed, contact: li.na, method: phone}",
    )
    replace(pr_repo, INCIDENT, "status: in_progress", "status: resolved")
    commit_all(pr_repo, "desk records", who="desk")
    found = [
        f for f in json.loads(check(cli, pr_repo, "--format", "json").stdout)["findings"] if f["code"] == "attribution"
    ]
    assert len(found) == 1 and "ED0006" in found[0]["message"], found


def test_a_committer_outside_the_policy_is_named(cli, pr_repo: Path) -> None:
    reopen_and_note(pr_repo)
    git(pr_repo, "add", "-A")
    subprocess.run(
        ["git", "-c", "user.name=Mallory", "-c", "user.email=m@evil.example", "commit", "-q", "-m", "x"],
        cwd=pr_repo, check=True,
    )  # fmt: skip
    found = json.loads(check(cli, pr_repo, "--format", "json").stdout)["findings"]
    assert any(f["code"] == "attribution" and "m@evil.example" in f["message"] for f in found)


def test_rule_book_violations_the_pull_request_adds_are_reported(cli, pr_repo: Path) -> None:
    replace(pr_repo, INCIDENT, "status: closed", "status: in_progress")
    append_event(pr_repo, INCIDENT, note("ED0007", "09:00"))
    commit_all(pr_repo, "status by hand")
    assert "status" in codes(check(cli, pr_repo, "--format", "json")) or "lifecycle" in codes(
        check(cli, pr_repo, "--format", "json")
    )


@pytest.mark.parametrize("fmt", ["text", "github", "markdown"])
def test_every_format_names_the_finding(cli, pr_repo: Path, fmt: str) -> None:
    append_event(pr_repo, INCIDENT, note("ED0003", "09:05"))
    commit_all(pr_repo, "late note")
    result = check(cli, pr_repo, "--format", fmt)
    assert result.code == 1
    assert "closed-edited" in result.stdout
    if fmt == "github":
        assert result.stdout.startswith("::error file=") and "::notice" in result.stdout
    if fmt == "markdown":
        assert "| changed | incident | INC-2610-7KQ3P |" in result.stdout


def test_an_unknown_revision_is_a_usage_error(cli, pr_repo: Path) -> None:
    result = cli("check", "--base", "no-such-branch", "--records", str(pr_repo))
    assert result.code == 2 and "no-such-branch" in result.stderr


def _ssh_signing(store: Path, tmp: Path, who: str) -> None:
    key = tmp / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    allowed = tmp / "allowed_signers"
    allowed.write_text(f"{PEOPLE[who][1]} {(tmp / 'key.pub').read_text()}", encoding="utf-8")
    git(store, "config", "gpg.format", "ssh")
    git(store, "config", "user.signingkey", str(key))
    git(store, "config", "gpg.ssh.allowedSignersFile", str(allowed))


@pytest.mark.skipif(not any(Path(p, "ssh-keygen").exists() for p in os.get_exec_path()), reason="needs ssh-keygen")
def test_require_signed_refuses_an_unsigned_confirmation_and_accepts_a_signed_one(
    cli, pr_repo: Path, tmp_path: Path
) -> None:
    reopen_and_note(pr_repo)
    append_event(
        pr_repo,
        INCIDENT,
        "{id: ED0006, at: 2026-10-10T11:30:00+08:00, by: wang.qiang, type: confirmed, contact: li.na, method: phone}",
    )
    commit_all(pr_repo, "confirm, unsigned")
    unsigned = json.loads(check(cli, pr_repo, "--format", "json", "--require-signed").stdout)["findings"]
    assert [f["code"] for f in unsigned].count("signature") == 1
    assert "signature" not in codes(check(cli, pr_repo, "--format", "json"))
    _ssh_signing(pr_repo, tmp_path, "wang.qiang")
    git(pr_repo, "commit", "-q", "--amend", "-S", "--no-edit", who="wang.qiang")
    signed = json.loads(check(cli, pr_repo, "--format", "json", "--require-signed").stdout)["findings"]
    assert "signature" not in [f["code"] for f in signed], signed
