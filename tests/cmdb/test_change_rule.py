"""``ci-change`` on a change the store cannot give: the reason says the file may be there but broken."""

from __future__ import annotations

from datetime import date

from itsmctl.rules.cmdb import authorisation_gap


def test_an_unreadable_change_is_not_called_missing() -> None:
    # record_for gives None for a broken CHG file too; "no change ticket in the store" alone
    # sent the reader looking for a file that was right there
    gap = authorisation_gap(None, "CHG-2610-Z5JSS", date(2026, 11, 20))
    assert gap is not None and "no change ticket in the store" in gap and "does not load" in gap


def test_a_ticket_of_another_kind_is_named_with_its_article() -> None:
    from types import SimpleNamespace

    gap = authorisation_gap(SimpleNamespace(kind="incident"), "INC-2610-026DZ", date(2026, 11, 20))
    assert gap == "names INC-2610-026DZ, which is an incident, not a change"
