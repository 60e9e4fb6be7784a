"""The one comparison of "an event rewritten under the same id" (tamper evidence)."""

from __future__ import annotations

from itsmctl.revisions import EventEdit, edited_events

OPENED = {"id": "E1", "at": "2026-11-02T09:00:00+08:00", "by": "zhou.min", "type": "opened"}
NOTE = {"id": "E2", "at": "2026-11-02T09:05:00+08:00", "by": "wang.qiang", "type": "note", "note": "已处理"}


def test_appended_and_removed_events_are_not_edits() -> None:
    assert edited_events([OPENED], [OPENED, NOTE]) == []
    assert edited_events([OPENED, NOTE], [OPENED]) == []
    assert edited_events([], []) == []


def test_a_changed_field_is_named_with_both_values() -> None:
    forged = {**NOTE, "by": "li.na", "note": "没处理"}
    assert edited_events([OPENED, NOTE], [OPENED, forged]) == [
        EventEdit("E2", {"by": ("wang.qiang", "li.na"), "note": ("已处理", "没处理")})
    ]


def test_a_field_added_or_dropped_is_an_edit() -> None:
    dropped = {k: v for k, v in NOTE.items() if k != "note"}
    (edit,) = edited_events([NOTE], [dropped])
    assert edit.changes == {"note": ("已处理", None)} and edit.fields == ["note"]
    (edit,) = edited_events([OPENED], [{**OPENED, "priority": "P1"}])
    assert edit.changes == {"priority": (None, "P1")}


def test_reordering_alone_is_not_an_edit() -> None:
    reordered = dict(reversed(list(NOTE.items())))
    assert edited_events([OPENED, NOTE], [NOTE, OPENED]) == []
    assert edited_events([NOTE], [reordered]) == []
