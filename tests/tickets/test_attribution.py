"""A dozen ``itsmctl`` processes at once: each commit holds exactly its own command's change.

The processes are forked from the test's, all started together, each running one command
(``tests.hostile.runner.run_at_once``): processes of their own, racing for the same lock,
index and branch, without an interpreter start each.

On one ticket and on a dozen tickets, every note is in the file once, and every commit's
author, subject, ``Itsm-Actor``/``Itsm-Events`` trailers and diff name the same person and
the same event.  The figures (processes, events written and found, seconds) are printed
with ``-s``.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from helpers_tickets import WANG, git, load_ticket

from itsmctl import vcs
from itsmctl.tickets.edit import ticket_path, write_events
from tests.conftest import Cli
from tests.hostile.runner import run_at_once

PROCESSES = 12
TICKET = "INC-2610-7KQ3P"
AT = "2026-11-02T10:00:00+08:00"


def engineer(n: int) -> tuple[str, str, str]:
    """(id, name, email) of the n-th engineer added to the policy for these tests."""
    return f"eng{n:02d}", f"工程师{n:02d}", f"eng{n:02d}@hengyun.example"


@pytest.fixture
def crowd(repo: Path) -> Path:
    """The repository with a dozen more engineers, each with an email (so each is a commit author)."""
    policy = repo / "policy.yaml"
    lines = [
        f"  - {{id: {pid}, name: {name}, org: 恒运信息, roles: [engineer], email: {email}}}"
        for pid, name, email in map(engineer, range(PROCESSES))
    ]
    text = policy.read_text(encoding="utf-8").replace("people:\n", "people:\n" + "\n".join(lines) + "\n", 1)
    policy.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a dozen engineers")
    return repo


def _note(repo: Path, ticket_id: str, n: int) -> tuple[str, ...]:
    pid = engineer(n)[0]
    return ("ticket", "note", ticket_id, f"备注 by {pid}", "--records", str(repo), "--by", pid, "--at", AT, "--commit")


def _run_all(repo: Path, tickets: list[str]) -> float:
    started = time.monotonic()
    outcomes = run_at_once([_note(repo, tickets[n % len(tickets)], n) for n in range(PROCESSES)], timeout=120)
    elapsed = time.monotonic() - started
    assert [o.code for o in outcomes] == [0] * PROCESSES, [str(o) for o in outcomes]
    return elapsed


def _check_commits(repo: Path, base: str, tickets: list[str]) -> int:
    """Every commit after ``base`` adds one note, by the commit's author, named in its trailers."""
    trailer = "%(trailers:key={},valueonly,separator=%x2c)"
    fmt = "%x1f".join(["%H", "%ae", "%s", trailer.format("Itsm-Actor"), trailer.format("Itsm-Events")]) + "%x1e"
    log = git(repo, "log", f"--format={fmt}", f"{base}..HEAD")
    commits = [c.strip("\n").split("\x1f") for c in log.split("\x1e") if c.strip()]
    added = {}
    for ticket_id in set(tickets):
        for revision in vcs.history(repo, str(ticket_path(ticket_id))):
            added[revision.commit] = revision.added
    for sha, email, subject, actor, events in commits:
        pid = email.split("@")[0]
        assert email == engineer(int(pid[3:]))[2]
        assert subject.endswith(f": note by {pid}"), subject
        assert actor == pid
        assert len(added[sha]) == 1, (sha, added[sha])
        (event,) = added[sha]
        assert event["by"] == pid and event["note"] == f"备注 by {pid}"
        assert events == event["id"]
    return len(commits)


def _notes_found(repo: Path, tickets: list[str]) -> list[str]:
    return [
        str(e["by"])
        for ticket_id in sorted(set(tickets))
        for e in load_ticket(repo, ticket_id)["events"]
        if e["type"] == "note" and str(e.get("note", "")).startswith("备注 by ")
    ]


def test_a_dozen_processes_on_one_ticket_each_commit_its_own_note(crowd: Path) -> None:
    base = git(crowd, "rev-parse", "HEAD").strip()
    elapsed = _run_all(crowd, [TICKET])
    found = _notes_found(crowd, [TICKET])
    assert sorted(found) == sorted(engineer(n)[0] for n in range(PROCESSES))
    assert _check_commits(crowd, base, [TICKET]) == PROCESSES
    assert git(crowd, "status", "--porcelain") == ""
    print(f"\none ticket: {PROCESSES} processes, {PROCESSES} notes written, {len(found)} found, {elapsed:.1f} s")


def test_a_dozen_processes_on_a_dozen_tickets_each_commit_its_own_note(cli: Cli, crowd: Path) -> None:
    tickets = []
    for n in range(PROCESSES):
        opened = cli(
            "ticket", "new", "incident", "--title", f"故障{n}", "--service", "SVC-ONSITE",
            "--dim", "urgency=high", "--dim", "impact=one", "--records", crowd,
            "--by", "zhou.min", "--at", "2026-11-02T09:00:00+08:00", "--commit",
        )  # fmt: skip
        assert opened.code == 0, opened
        tickets.append(opened.stdout.strip())
    base = git(crowd, "rev-parse", "HEAD").strip()
    elapsed = _run_all(crowd, tickets)
    found = _notes_found(crowd, tickets)
    assert sorted(found) == sorted(engineer(n)[0] for n in range(PROCESSES))
    assert _check_commits(crowd, base, tickets) == PROCESSES
    assert git(crowd, "status", "--porcelain") == ""
    print(f"\na dozen tickets: {PROCESSES} processes, {PROCESSES} notes written, {len(found)} found, {elapsed:.1f} s")


def test_a_killed_commands_uncommitted_edit_is_committed_apart_and_said_so(cli: Cli, repo: Path) -> None:
    """A command stopped between its write and its commit (here: the write alone) leaves an edit;
    the next command commits it first, on its own, then its own change."""
    base = git(repo, "rev-parse", "HEAD").strip()
    left = write_events(
        repo, TICKET, [{"by": "zhou.min", "type": "note", "note": "留下未提交"}], {}, now=datetime.fromisoformat(AT)
    )
    result = cli("ticket", "note", TICKET, "王强的备注", "--records", repo, "--by", "wang.qiang", "--at", AT)
    assert result.code == 0, result
    assert "earlier uncommitted edit of tickets/2026/10/INC-2610-7KQ3P.yaml" in result.stderr
    assert "committed it separately" in result.stderr
    own, earlier = git(repo, "log", "--format=%H", f"{base}..HEAD").split()
    revisions = {r.commit: r for r in vcs.history(repo, str(ticket_path(TICKET)))}
    assert [e["id"] for e in revisions[earlier].added] == [left.events[0]["id"]]
    assert (revisions[earlier].author, revisions[earlier].email) == ("itsmctl", "itsmctl@itsmctl.invalid")
    assert revisions[earlier].subject == f"earlier uncommitted edit of {ticket_path(TICKET)}, committed separately"
    assert [(e["by"], e["note"]) for e in revisions[own].added] == [("wang.qiang", "王强的备注")]
    assert (revisions[own].author, revisions[own].email) == WANG
    assert git(repo, "log", "-1", "--format=%(trailers:key=Itsm-Events,valueonly)", own).strip() == str(
        revisions[own].added[0]["id"]
    )
    assert git(repo, "status", "--porcelain") == ""


def test_other_files_staged_or_edited_stay_out_of_the_commit(cli: Cli, repo: Path) -> None:
    (repo / "cmdb" / "CI-SRV-01.yaml").write_text(
        (repo / "cmdb" / "CI-SRV-01.yaml").read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8"
    )
    git(repo, "add", "cmdb/CI-SRV-01.yaml")
    result = cli("ticket", "note", TICKET, "备注", "--records", repo, "--by", "wang.qiang", "--at", AT)
    assert result.code == 0, result
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [str(ticket_path(TICKET))]
    assert git(repo, "diff", "--cached", "--name-only") == "cmdb/CI-SRV-01.yaml\n"
    assert "earlier uncommitted edit" not in result.stderr
