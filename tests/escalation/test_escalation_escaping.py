"""A channel's answer and an outbox file's name are not records: escaped in every output of a run."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from itsmctl.escalation.run import EscalationRun, delivery_message
from itsmctl.findings import Finding
from itsmctl.notify.delivery import DeliveryOutcome
from itsmctl.reporters.escalation import ESCALATION_REPORTERS

ANSWER = "HTTP 500 \x1b[2J\u202eoops\n::error file=x::forged"
"""What a hostile webhook may answer (its reason phrase), kept as the delivery's error."""
RAW = ("\x1b", "\u202e", "\x9b")


def _run() -> EscalationRun:
    return EscalationRun(
        at=datetime.fromisoformat("2026-11-10T09:30:00+08:00"),
        dry_run=False,
        outcomes=[DeliveryOutcome("INC-2611-AB3CD.L2.resolution", "hook", "failed", ANSWER)],
        refused=[Finding("outbox/INC-2611-AB3CD\x9b\n::error file=y::f.json", 1, 1, "", "outbox", "not a notice")],
        errors=["cannot write INC-2611-AB3CD\x1b[2J"],
    )


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_run_reports_show_no_raw_control_and_forge_no_line(fmt: str) -> None:
    out = ESCALATION_REPORTERS[fmt](_run())
    assert not [ch for ch in RAW if ch in out], repr(out)
    assert not [line for line in out.splitlines() if line.startswith(("::error file=x", "::error file=y"))], out
    if fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines()), out
    if fmt == "json":
        assert json.loads(out)["deliveries"][0]["error"] == ANSWER


def test_the_delivery_commit_keeps_the_answer_on_its_line() -> None:
    message = delivery_message(_run())
    assert not [ch for ch in RAW if ch in message]
    body = message.split("\n\n")[1].splitlines()
    assert body == ["INC-2611-AB3CD.L2.resolution hook failed: HTTP 500 \\x1b[2J\\u202eoops\\n::error file=x::forged"]
