"""The import's YAML writer: whatever text it writes, the strict reader reads back the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itsmctl.yamlio import emit as yamltext
from itsmctl.yamlio import parse_document

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30)


@settings(max_examples=80, deadline=None)
@given(block=TEXT, flow=TEXT, item=TEXT)
def test_text_reads_back_as_written(block: str, flow: str, item: str) -> None:
    record = {"kind": "x", "title": block, "details": {"k": flow}, "cis": [item], "events": [{"note": block}]}
    data = yamltext.render(record, flow_keys=frozenset({"details"}))
    assert parse_document(data).data == record


def test_house_layout() -> None:
    record = {
        "id": "INC-1603-7KQ3P",
        "dimensions": {"impact": "low"},
        "events": [{"id": "E1", "at": "2016-03-01T09:00:00+08:00"}],
    }
    assert yamltext.render(record, flow_keys=frozenset({"dimensions"})) == (
        b"id: INC-1603-7KQ3P\ndimensions: {impact: low}\nevents:\n  - id: E1\n    at: 2016-03-01T09:00:00+08:00\n"
    )
