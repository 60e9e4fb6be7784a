"""Outbox files are not trusted: a notice is sent only as the records say, to policy people.

A pull request can add or edit a JSON file under ``records/outbox/``; the cron job must
never turn that into mail to an address of the file's choosing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from escalation_store import PRE_WARNING, TICKET, TICKET_FILE, commits, configure, git, init_repo
from local_servers import Mailbox, Webhook

LATER = "2026-11-09T17:05:00+08:00"
L1_FILE = Path("outbox/2026/11/INC-2611-AB3CD.L1.resolution.json")
FORGED_FILE = Path("outbox/2026/11/INC-2611-ZZZZZ.L1.response.json")


def forged_notice() -> dict[str, Any]:
    """The notice from the review: a ticket that does not exist, an outside address."""
    return {
        "ticket": "INC-2611-ZZZZZ",
        "title": "Urgent wire transfer",
        "event": "EFORGED",
        "level": 1,
        "name": "预警",
        "target": "response",
        "state": "warning",
        "deadline": None,
        "percent": 80.0,
        "priority": "P1",
        "created_at": "2026-11-09T17:00:00+08:00",
        "actions": ["notify_manager"],
        "recipients": [{"id": "cfo", "name": "CFO", "email": "cfo@victim.example", "role": "manager"}],
        "subject": "Urgent wire transfer",
        "message": "Please wire 1,000,000 to account 42 today.",
        "deliveries": {"mail": {"state": "pending"}, "hook": {"state": "pending"}},
    }


@pytest.fixture
def repo(store: Path, smtp_server: Mailbox, webhook_server: Webhook) -> Path:
    configure(store, smtp_port=smtp_server.port, webhook_url=webhook_server.url)
    init_repo(store.parent)
    return store.parent


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_forged_notice_is_refused_reported_and_never_sent(
    cli, repo: Path, smtp_server: Mailbox, webhook_server: Webhook
) -> None:
    records = repo / "records"
    forged = records / FORGED_FILE
    write_json(forged, forged_notice())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a pull request adds a notice")
    before = forged.read_bytes()

    result = cli("escalate", "--records", records, "--at", "2026-11-09T10:00:00+08:00")

    assert result.code == 1, result
    assert smtp_server.messages == [] and webhook_server.posts == []
    finding = f"{records}/{FORGED_FILE}:1:1: ticket: no valid ticket 'INC-2611-ZZZZZ' in the store [outbox]"
    assert finding in result.stderr
    assert f"refused   {records}/{FORGED_FILE}" in result.stdout
    assert result.stdout.endswith("0 rung(s) on 0 ticket(s); 0 delivered, 0 failed, 1 refused\n")
    assert forged.read_bytes() == before  # reported, not rewritten, not deleted
    assert commits(repo)[0] == "a pull request adds a notice"

    checked = cli("validate", "--records", records)
    assert checked.code == 1
    assert finding in checked.stdout


def test_a_dry_run_reports_a_forged_notice_and_does_not_list_it_as_waiting(cli, repo: Path) -> None:
    records = repo / "records"
    write_json(records / FORGED_FILE, forged_notice())
    result = cli("escalate", "--records", records, "--at", PRE_WARNING, "--dry-run", "--format", "json")
    assert result.code == 1, result
    data = json.loads(result.stdout)
    assert data["waiting"] == []
    assert [(f["file"], f["field"], f["code"]) for f in data["refused"]] == [
        (f"{records}/{FORGED_FILE}", "ticket", "outbox")
    ]


def test_an_edited_notice_goes_only_to_policy_addresses_with_the_message_rebuilt(
    cli, repo: Path, smtp_server: Mailbox
) -> None:
    records = repo / "records"
    assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 0
    [(rcpts, sent)] = smtp_server.messages
    assert rcpts == ["wang.qiang@example.com"]
    path = records / L1_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["recipients"] == [{"id": "wang.qiang", "role": "assignee"}]  # no address on disk

    # Someone edits the delivered notice: an outside address, their own words, pending again.
    data["recipients"] = [{"id": "wang.qiang", "name": "王强", "email": "cfo@victim.example", "role": "assignee"}]
    data["subject"], data["message"], data["title"] = "Urgent wire transfer", "Wire 1,000,000 now.", "Wire"
    data["deliveries"]["mail"] = {"state": "pending"}
    write_json(path, data)

    again = cli("escalate", "--records", records, "--at", LATER)
    assert again.code == 0, again
    assert len(smtp_server.messages) == 2
    rcpts, resent = smtp_server.messages[1]
    assert rcpts == ["wang.qiang@example.com"]
    assert resent["Subject"] == sent["Subject"]
    assert resent.get_content() == sent.get_content()
    assert "wire" not in resent.as_string().lower()
    assert "@" not in path.read_text(encoding="utf-8")  # the file is rewritten as sent


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"event": "E0RSP1"}, "event: event E0RSP1 of INC-2611-AB3CD is a 'responded' event, not 'escalated'"),
        ({"event": "ENOPE99"}, "event: ticket INC-2611-AB3CD has no event 'ENOPE99'"),
        ({"level": 2}, "level: level 2 but event {event} records level 1"),
        ({"target": "response"}, "target: target 'response' but event {event} records 'resolution'"),
        ({"recipients": [{"id": "cfo"}]}, "recipients[0]: 'cfo' is not a person of the policy"),
        (
            {"recipients": [{"id": "zhou.min"}]},
            "recipients[0]: 'zhou.min' is not in the notified list of event {event}",
        ),
        ({"state": "Urgent wire transfer"}, "state: 'Urgent wire transfer' is not one of: ok, warning, breached"),
        (
            {"recipients": "cfo@victim.example"},
            "not a notice file: TypeError: recipients must be a list, got 'cfo@victim.example'",
        ),
    ],
)
def test_validate_and_escalate_refuse_a_notice_that_does_not_match_its_event(
    cli, repo: Path, smtp_server: Mailbox, change: dict[str, Any], expected: str
) -> None:
    records = repo / "records"
    assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 0
    assert cli("validate", "--records", records).code == 0  # what the job writes checks out
    path = records / L1_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    event = data["event"]
    data.update(change)
    data["deliveries"] = {"mail": {"state": "pending"}}
    write_json(path, data)

    checked = cli("validate", "--records", records)
    line = f"{records}/{L1_FILE}:1:1: {expected.format(event=event)}"
    assert checked.code == 1 and line in checked.stdout, checked
    result = cli("escalate", "--records", records, "--at", LATER)
    assert result.code == 1 and line in result.stderr, result
    assert len(smtp_server.messages) == 1  # only the first run's own notice


def test_a_notice_in_the_wrong_file_is_refused(cli, repo: Path, smtp_server: Mailbox) -> None:
    records = repo / "records"
    assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 0
    data = json.loads((records / L1_FILE).read_text(encoding="utf-8"))
    data["deliveries"] = {"mail": {"state": "pending"}}
    copy = records / "outbox" / "copy.json"
    write_json(copy, data)
    result = cli("escalate", "--records", records, "--at", LATER)
    assert result.code == 1
    assert f"{records}/outbox/copy.json:1:1: a notice for {TICKET}.L1.resolution belongs in {L1_FILE}" in (
        result.stderr
    )
    assert len(smtp_server.messages) == 1


def test_an_inactive_person_is_not_mailed_even_if_the_event_notified_them(
    cli, repo: Path, smtp_server: Mailbox
) -> None:
    records = repo / "records"
    assert cli("escalate", "--records", records, "--at", PRE_WARNING).code == 0
    policy = records / "policy.yaml"
    text = policy.read_text(encoding="utf-8").replace(
        "email: wang.qiang@example.com}", "email: wang.qiang@example.com, active: false}"
    )
    policy.write_text(text, encoding="utf-8")
    path = records / L1_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["deliveries"]["mail"] = {"state": "pending"}
    write_json(path, data)
    result = cli("escalate", "--records", records, "--at", LATER)
    assert result.code == 1
    assert "recipients[0]: 'wang.qiang' is not active in the policy [outbox]" in result.stderr
    assert len(smtp_server.messages) == 1
    assert (records / TICKET_FILE).is_file()


def test_an_id_the_policy_does_not_know_is_recorded_but_left_out_of_the_notice(
    cli, repo: Path, smtp_server: Mailbox, webhook_server: Webhook
) -> None:
    records = repo / "records"
    sla = records / "slas" / "SLA-MAIN.yaml"
    old, new = "actions: [notify_assignee]}", "actions: [notify_assignee], notify: [ghost]}"
    text = sla.read_text(encoding="utf-8").replace(old, new)
    sla.write_text(text, encoding="utf-8")
    result = cli("escalate", "--records", records, "--at", PRE_WARNING, "--no-commit")
    assert result.code == 0, result
    data = json.loads((records / L1_FILE).read_text(encoding="utf-8"))
    assert data["recipients"] == [{"id": "wang.qiang", "role": "assignee"}]
    assert [r["id"] for r in webhook_server.posts[0]["json"]["recipients"]] == ["wang.qiang"]
    assert [rcpt for rcpt, _ in smtp_server.messages] == [["wang.qiang@example.com"]]
    assert "notify 王强(wang.qiang), ghost(ghost)" in result.stdout  # the event still names ghost


def test_a_linked_outbox_is_refused_before_anything_is_written(cli, repo: Path, tmp_path: Path) -> None:
    """A committed ``outbox -> ../elsewhere``: escalate exits 2 and writes nothing, anywhere."""
    records = repo / "records"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(records / "outbox", ignore_errors=True)
    (records / "outbox").symlink_to(elsewhere, target_is_directory=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a pull request links the outbox away")
    before, ticket = commits(repo), (records / TICKET_FILE).read_bytes()

    for args in ((), ("--dry-run",)):
        result = cli("escalate", *args, "--records", records, "--at", PRE_WARNING)
        assert result.code == 2, result
        assert "outbox" in result.stderr and "symbolic link" in result.stderr

    assert list(elsewhere.iterdir()) == []
    assert (records / TICKET_FILE).read_bytes() == ticket  # no ticket half-escalated
    assert commits(repo) == before
    assert git(repo, "status", "--porcelain") == ""
