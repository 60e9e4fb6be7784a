"""``itsmctl escalate`` end to end: a git store, the SLA engine, real servers on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from escalation_store import PAST_EVERY_RUNG, PRE_WARNING, TICKET, TICKET_FILE, commits, configure, git, init_repo
from local_servers import (
    LOCALHOST,
    Mailbox,
    Webhook,
    free_port,
    start_webhook,
    stop_webhook,
)

from itsmctl.models import Incident
from itsmctl.store.snapshot import open_store


def ticket(records: Path) -> Incident:
    _, snapshot = open_store(records)
    found = snapshot.get(TICKET)
    assert isinstance(found, Incident)
    return found


def escalations(records: Path) -> list[tuple[int, str, list[str]]]:
    return [(e.level, e.target, list(e.notified)) for e in ticket(records).events if e.type == "escalated"]  # type: ignore[union-attr]


@pytest.fixture
def repo(store: Path, smtp_server: Mailbox, webhook_server: Webhook) -> Path:
    configure(store, smtp_port=smtp_server.port, webhook_url=webhook_server.url)
    init_repo(store.parent)
    return store.parent


def test_escalating_twice_changes_nothing(cli, repo: Path, smtp_server: Mailbox, webhook_server: Webhook) -> None:
    records = repo / "records"
    first = cli("escalate", "--records", records, "--at", PRE_WARNING)
    assert first.code == 0, first
    assert "INC-2611-AB3CD  L1 预警  resolution warning 81%" in first.stdout
    assert escalations(records) == [(1, "resolution", ["wang.qiang"])]
    assert [rcpt for rcpt, _ in smtp_server.messages] == [["wang.qiang@example.com"]]
    assert [(p["json"]["ticket"], p["json"]["level"], p["json"]["state"]) for p in webhook_server.posts] == [
        (TICKET, 1, "warning")
    ]
    history = commits(repo)
    assert history[:2] == ["notify: 2 delivered", f"escalate: 1 rung(s) on 1 ticket(s) at {PRE_WARNING}"]
    before = (records / TICKET_FILE).read_bytes()

    for at in (PRE_WARNING, "2026-11-09T17:05:00+08:00"):
        again = cli("escalate", "--records", records, "--at", at)
        assert again.code == 0, again
        assert again.stdout.endswith("0 rung(s) on 0 ticket(s); 0 delivered, 0 failed\n")
    assert (records / TICKET_FILE).read_bytes() == before
    assert commits(repo) == history
    assert git(repo, "status", "--porcelain") == ""
    assert len(smtp_server.messages) == 1 and len(webhook_server.posts) == 1


def test_a_failed_send_is_recorded_and_retried_until_delivered(cli, store: Path, smtp_server: Mailbox) -> None:
    port = free_port()  # nothing listens here yet: the webhook is down
    configure(store, smtp_port=smtp_server.port, webhook_url=f"http://{LOCALHOST}:{port}/hook")
    init_repo(store.parent)

    down = cli("escalate", "--records", store, "--at", PAST_EVERY_RUNG)
    assert down.code == 1, down
    assert "not delivered via hook (retried next run)" in down.stderr
    assert [lv for lv, _, _ in escalations(store)] == [1, 2, 3]
    assert ticket(store).priority == "P1"
    assert len(smtp_server.messages) == 3  # mail works: every rung's notice went out once
    assert cli("validate", "--records", store).code == 0
    outbox = sorted((store / "outbox" / "2026" / "11").glob("*.json"))
    states = [json.loads(p.read_text(encoding="utf-8"))["deliveries"] for p in outbox]
    assert [(d["mail"]["state"], d["hook"]["state"]) for d in states] == [("delivered", "failed")] * 3
    history = commits(store.parent)

    still_down = cli("escalate", "--records", store, "--at", "2026-11-10T11:35:00+08:00")
    assert still_down.code == 1
    assert commits(store.parent) == history  # the same failure again rewrites nothing
    assert len(smtp_server.messages) == 3

    server, hook = start_webhook(port)
    try:
        up = cli("escalate", "--records", store, "--at", "2026-11-10T11:40:00+08:00")
        assert up.code == 0, up
        assert sorted(p["json"]["level"] for p in hook.posts) == [1, 2, 3]
        assert commits(store.parent)[0] == "notify: 3 delivered"
        assert len(smtp_server.messages) == 3  # mail is not sent twice
        settled = cli("escalate", "--records", store, "--at", "2026-11-10T11:45:00+08:00")
        assert settled.code == 0 and len(hook.posts) == 3
        assert commits(store.parent)[0] == "notify: 3 delivered"
    finally:
        stop_webhook(server)


def test_dry_run_writes_commits_and_sends_nothing(cli, repo: Path, smtp_server: Mailbox) -> None:
    records = repo / "records"
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--dry-run")
    assert result.code == 0, result
    assert "dry run" in result.stdout
    assert "L3 升级  resolution breached 125%" in result.stdout and "priority P2 -> P1" in result.stdout
    assert git(repo, "status", "--porcelain") == ""
    assert commits(repo) == ["initial store"]
    assert smtp_server.messages == []


def test_no_commit_writes_and_sends_but_leaves_git_alone(cli, repo: Path, smtp_server: Mailbox) -> None:
    records = repo / "records"
    result = cli("escalate", "--records", records, "--at", PRE_WARNING, "--no-commit", "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert [(e["ticket"], e["level"], e["target"], e["notified"]) for e in data["escalations"]] == [
        (TICKET, 1, "resolution", ["wang.qiang"])
    ]
    assert data["escalations"][0]["event"] == next(e.id for e in ticket(records).events if e.type == "escalated")
    deliveries = sorted((d["channel"], d["state"]) for d in data["deliveries"])
    assert deliveries == [("hook", "delivered"), ("mail", "delivered")]
    assert data["commits"] == []
    assert commits(repo) == ["initial store"]
    assert git(repo, "status", "--porcelain").strip()
    assert len(smtp_server.messages) == 1


def test_an_interrupted_run_is_finished_by_the_next(cli, repo: Path, smtp_server: Mailbox, monkeypatch) -> None:
    records = repo / "records"
    import itsmctl.escalation.run as run_module

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(run_module, "_send", crash)  # killed after writing and committing, before sending
        assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 130
    assert smtp_server.messages == []
    result = cli("escalate", "--records", records, "--at", "2026-11-09T17:05:00+08:00")
    assert result.code == 0, result
    assert len(smtp_server.messages) == 1
    assert escalations(records) == [(1, "resolution", ["wang.qiang"])]
    assert git(repo, "status", "--porcelain") == ""


def test_bad_format_and_unknown_actor_are_usage_errors(cli, repo: Path) -> None:
    records = repo / "records"
    bad = cli("escalate", "--records", records, "--format", "xml")
    assert bad.code == 2 and "'xml' is not one of 'text', 'json', 'github'" in bad.stderr
    nobody = cli("escalate", "--records", records, "--at", PRE_WARNING, "--by", "ghost")
    assert nobody.code == 2 and "not in the policy's people" in nobody.stderr
    assert commits(repo) == ["initial store"]


def test_files_written_before_a_crash_are_committed_by_the_next_run(cli, repo: Path, monkeypatch) -> None:
    records = repo / "records"
    import itsmctl.cli.escalate as cli_module

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(cli_module, "commit_files", crash)  # killed after writing, before the commit
        assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 130
    assert git(repo, "status", "--porcelain").strip()
    result = cli("escalate", "--records", records, "--at", "2026-11-09T17:05:00+08:00")
    assert result.code == 0, result
    assert commits(repo)[:2] == ["notify: 2 delivered", "escalate: record what an interrupted run wrote"]
    assert git(repo, "status", "--porcelain") == ""
    assert escalations(records) == [(1, "resolution", ["wang.qiang"])]


def test_a_second_run_while_one_is_going_does_nothing(cli, repo: Path, smtp_server: Mailbox) -> None:
    from itsmctl.escalation.lock import exclusive_run

    records = repo / "records"
    with exclusive_run(records):
        busy = cli("escalate", "--records", records, "--at", PRE_WARNING)
    assert busy.code == 2 and "another itsmctl escalate is running" in busy.stderr
    assert commits(repo) == ["initial store"] and smtp_server.messages == []


def test_a_raise_leaves_a_persons_priority_override_as_the_measured_priority(cli, repo: Path) -> None:
    records = repo / "records"
    path = records / TICKET_FILE
    text = path.read_text(encoding="utf-8").replace(
        "priority: P2\n",
        "priority: P2\n"
        "priority_override: {priority: P2, reason: 客户要求, by: zhou.min, at: 2026-11-09T09:01:00+08:00}\n",
    )
    path.write_text(text, encoding="utf-8")
    assert cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--no-commit").code == 0
    raised = ticket(records)
    assert raised.priority == "P1"  # the handling priority
    assert raised.priority_override is not None
    assert (raised.priority_override.priority, raised.priority_override.by) == ("P2", "zhou.min")
    assert cli("validate", "--records", records).code == 0
    status = cli("sla", "status", TICKET, "--records", records, "--at", PAST_EVERY_RUNG, "--format", "json")
    rows = {r["target"]: r for r in json.loads(status.stdout)}
    assert {r["priority"] for r in rows.values()} == {"P2"}, "measured on the person's override"
    assert rows["resolution"]["handling_priority"] == "P1"


def test_an_unwritable_ticket_is_reported_and_announces_nothing(cli, repo: Path, smtp_server: Mailbox) -> None:
    records = repo / "records"
    path = records / TICKET_FILE
    later = "  - {id: E0N0TE, at: 2026-11-10T12:00:00+08:00, by: wang.qiang, type: note, note: 等待厂商回复}\n"
    path.write_text(path.read_text(encoding="utf-8") + later, encoding="utf-8")
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--no-commit")
    assert result.code == 1, result
    assert f"{TICKET}: not escalated:" in result.stderr and "append-only" in result.stderr
    assert escalations(records) == []
    assert not list((records / "outbox").rglob("*.json"))
    assert smtp_server.messages == []


def test_validate_accepts_groups_in_a_steps_notify_list(cli, store: Path) -> None:
    configure(store, smtp_port=free_port(), webhook_url=f"http://{LOCALHOST}:{free_port()}/hook")
    sla = store / "slas" / "SLA-MAIN.yaml"
    extra = "expert: chen.gang\n    notify: [onsite, ghost]\n"
    text = sla.read_text(encoding="utf-8").replace("expert: chen.gang\n", extra)
    sla.write_text(text, encoding="utf-8")
    result = cli("validate", "--records", store)
    assert result.code == 1
    assert "escalation[2].notify[1]: unknown person 'ghost'" in result.stdout
    assert "notify[0]" not in result.stdout


def test_no_commit_stages_what_the_run_wrote_and_says_so(cli, repo: Path) -> None:
    records = repo / "records"
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--no-commit")
    assert result.code == 0, result
    assert "staged, not committed (--no-commit):" in result.stderr  # as ticket verbs report it
    assert commits(repo) == ["initial store"]
    staged = [line for line in git(repo, "status", "--porcelain").splitlines() if line[:1] in "AM"]
    assert any(TICKET_FILE.name in line for line in staged), git(repo, "status", "--porcelain")
