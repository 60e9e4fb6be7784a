"""What the quality report counts as the customer's confirmation: a tacit one never as explicit."""

from __future__ import annotations

from itsmctl.reports.workload import closing_confirmation
from tests.rules.test_rules_unit import CLOSE, CONFIRM, RESOLVE, ev, incident


def test_the_confirmation_of_the_last_closing_decides() -> None:
    tacit = ev("05T10:00", "confirmed", tacit=True)
    assert closing_confirmation(incident("closed", RESOLVE, CONFIRM, CLOSE)) == "explicit"
    assert closing_confirmation(incident("closed", RESOLVE, tacit, ev("05T10:01", "closed"))) == "tacit"
    both = incident("closed", RESOLVE, CONFIRM, ev("05T10:00", "confirmed", tacit=True), ev("05T10:01", "closed"))
    assert closing_confirmation(both) == "explicit"  # the customer did speak
    again = [ev("06T09:00", "reopened", reason="复发", to="in_progress"), ev("06T10:00", "resolved", resolution="换盘")]
    tacitly = [ev("09T10:00", "confirmed", tacit=True), ev("09T10:01", "closed")]
    reclosed = incident("closed", RESOLVE, CONFIRM, CLOSE, *again, *tacitly)
    assert closing_confirmation(reclosed) == "tacit"  # the first closing's explicit word is not the second's
    assert closing_confirmation(incident("resolved", RESOLVE)) is None
