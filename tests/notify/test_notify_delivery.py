"""Recording outcomes: delivered once, failures keep the first time, unchanged failures write nothing."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

from helpers_notify import notice

from itsmctl.notify import (
    Delivery,
    DeliveryFailed,
    NothingToSend,
    Notice,
    Recipient,
    deliver,
    notice_path,
    open_entries,
    write_notice,
)

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 10, 9, 35, tzinfo=CST)
LATER = NOW + timedelta(minutes=5)


class Fake:
    def __init__(self, cid: str, error: Exception | None = None) -> None:
        self.id = cid
        self.error = error
        self.sent: list[str] = []

    def send(self, n: Notice) -> None:
        if self.error:
            raise self.error
        self.sent.append(n.key)


def test_outcomes_per_channel() -> None:
    n = notice(("mail", "hook", "sms", "gone"))
    channels = {
        "mail": Fake("mail"),
        "hook": Fake("hook", DeliveryFailed("connection refused")),
        "sms": Fake("sms", NothingToSend("no phone")),
    }
    outcomes, changed = deliver(n, channels, NOW)
    assert changed
    assert [(o.channel, o.state, o.error) for o in outcomes] == [
        ("mail", "delivered", None),
        ("hook", "failed", "connection refused"),
        ("sms", "skipped", "no phone"),
        ("gone", "failed", "channel gone is no longer in the policy's notifications"),
    ]
    assert n.deliveries["hook"] == Delivery("failed", None, NOW.isoformat(), "connection refused")
    assert n.open_channels() == ["hook", "gone"]


def test_a_delivered_channel_is_never_sent_again() -> None:
    n = notice(("mail",))
    mail = Fake("mail")
    deliver(n, {"mail": mail}, NOW)
    outcomes, changed = deliver(n, {"mail": mail}, LATER)
    assert mail.sent == ["INC-2611-AB3CD.L2.resolution"]
    assert (outcomes, changed) == ([], False)


def test_the_same_failure_again_changes_nothing_and_a_later_success_keeps_the_first_failure() -> None:
    n = notice(("hook",))
    deliver(n, {"hook": Fake("hook", DeliveryFailed("connection refused"))}, NOW)
    _, changed = deliver(n, {"hook": Fake("hook", DeliveryFailed("connection refused"))}, LATER)
    assert not changed
    _, changed = deliver(n, {"hook": Fake("hook")}, LATER)
    assert changed
    assert n.deliveries["hook"] == Delivery("delivered", LATER.isoformat(), NOW.isoformat(), None)


def test_outbox_round_trip_and_open_entries(tmp_path: Path) -> None:
    n = notice(("mail",))
    path = notice_path(tmp_path, n)
    assert path == tmp_path / "outbox" / "2026" / "11" / "INC-2611-AB3CD.L2.resolution.json"
    write_notice(tmp_path, path, n)
    # On disk a recipient is an id and a role only: names and addresses come from the policy.
    stored = dataclasses.replace(n, recipients=[Recipient(r.id, r.id, None, r.role) for r in n.recipients])
    assert [e.notice for e in open_entries(tmp_path)] == [stored]
    assert "@" not in path.read_text(encoding="utf-8")
    deliver(n, {"mail": Fake("mail")}, NOW)
    write_notice(tmp_path, path, n)
    assert list(open_entries(tmp_path)) == []
    (path.parent / "broken.json").write_text("{not json", encoding="utf-8")
    [broken] = open_entries(tmp_path)
    assert broken.notice is None and "not a notice file" in (broken.error or "")
