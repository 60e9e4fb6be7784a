"""``ticket confirm --tacit``: refused until the policy's period ran in silence, then closes like any confirmation."""

from __future__ import annotations

from pathlib import Path

import helpers_tickets as yh

from tests.conftest import Cli

NEW = ("new", "incident", "--title", "打印机卡纸", "--service", "SVC-ONSITE",
       "--dim", "urgency=low", "--dim", "impact=one")  # fmt: skip


def _ticket(cli: Cli, store: Path, tacit_after: str | None) -> str:
    if tacit_after:
        policy = store / "policy.yaml"
        policy.write_text(
            policy.read_text(encoding="utf-8") + f"confirmation: {{tacit_after: {tacit_after}}}\n", encoding="utf-8"
        )
    common = ("--records", store, "--by", "wang.qiang")
    tid = cli("ticket", *NEW, *common, "--at", "2026-11-02T09:00+08:00").stdout.strip()
    done = cli("ticket", "resolve", tid, "--resolution", "重启", *common, "--at", "2026-11-02T10:00+08:00")
    assert done.code == 0, done
    return tid


def _confirm(cli: Cli, store: Path, tid: str, at: str, *extra: str):  # type: ignore[no-untyped-def]
    return cli("ticket", "confirm", tid, "--tacit", *extra, "--records", store, "--by", "wang.qiang", "--at", at)


def test_refused_before_the_period_then_recorded_and_closed(cli: Cli, store: Path) -> None:
    tid = _ticket(cli, store, "3d")
    early = _confirm(cli, store, tid, "2026-11-05T09:59+08:00")
    assert early.code == 1, early
    assert "the tacit-confirmation period (3d, confirmation.tacit_after) runs until 2026-11-05T10:00:00+08:00" in (
        early.stderr
    )
    assert "[tacit-confirmation]" in early.stderr and "--contact PERSON --method phone" in early.stderr  # the hint
    done = _confirm(cli, store, tid, "2026-11-05T10:00+08:00")
    assert done.code == 0, done
    event = yh.load_ticket(store, tid)["events"][-1]
    assert (event["type"], event["tacit"], "contact" in event, "method" in event) == ("confirmed", True, False, False)
    closed = cli("ticket", "close", tid, "--records", store, "--by", "wang.qiang", "--at", "2026-11-05T10:01+08:00")
    assert closed.code == 0, closed
    assert cli("validate", "--records", store, "--at", "2026-11-06T00:00+08:00").code == 0


def test_refused_without_the_opt_in_and_with_a_contact(cli: Cli, store: Path) -> None:
    tid = _ticket(cli, store, None)
    refused = _confirm(cli, store, tid, "2026-11-30T10:00+08:00")
    assert refused.code == 1 and "the policy does not opt into tacit confirmation" in refused.stderr, refused
    both = _confirm(cli, store, tid, "2026-11-30T10:00+08:00", "--contact", "li.na")
    assert both.code == 2 and "--contact: a tacit confirmation names no contact" in both.stderr, both
    explicit = cli("ticket", "confirm", tid, "--records", store, "--by", "wang.qiang", "--contact", "li.na")
    assert explicit.code == 2 and "--method: how the customer confirmed" in explicit.stderr, explicit
