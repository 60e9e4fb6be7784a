from __future__ import annotations

import json

from itsmctl.findings import Finding
from itsmctl.reporters.findings import FINDINGS_REPORTERS

ROWS = [
    Finding("r/a.yaml", 3, 5, "events[1].at", "schema", "bad, really: bad\nsecond line"),
    Finding("r/b,c.yaml", 1, 1, "", "yaml", "100% broken", "warning"),
]


def test_text() -> None:
    assert FINDINGS_REPORTERS["text"](ROWS) == (
        # a finding is one line: a newline in its message is shown, never starts a line of its own
        "r/a.yaml:3:5: events[1].at: bad, really: bad\\nsecond line [schema]\n"
        "r/b,c.yaml:1:1: warning: 100% broken [yaml]\n"
    )


def test_json_round_trips() -> None:
    rows = json.loads(FINDINGS_REPORTERS["json"](ROWS))
    assert rows[0] == {
        "file": "r/a.yaml",
        "line": 3,
        "column": 5,
        "field": "events[1].at",
        "code": "schema",
        "message": "bad, really: bad\nsecond line",
        "severity": "error",
    }


def test_github_escapes_properties_and_data() -> None:
    assert FINDINGS_REPORTERS["github"](ROWS) == (
        "::error file=r/a.yaml,line=3,col=5,title=itsmctl schema::events[1].at: bad, really: bad%0Asecond line\n"
        "::warning file=r/b%2Cc.yaml,line=1,col=1,title=itsmctl yaml::100%25 broken\n"
    )


def test_empty() -> None:
    assert FINDINGS_REPORTERS["text"]([]) == ""
    assert FINDINGS_REPORTERS["json"]([]) == "[]\n"
