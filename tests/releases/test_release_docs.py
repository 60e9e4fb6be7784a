"""docs/releases.md shows the release lifecycle table as the code has it."""

from __future__ import annotations

from itsmctl.rules import SUMMARIES
from itsmctl.rules.lifecycle import render_markdown
from itsmctl.rules.release import RELEASE
from tests.conftest import ROOT


def test_the_releases_page_shows_the_table() -> None:
    page = (ROOT / "docs" / "releases.md").read_text(encoding="utf-8")
    assert render_markdown(RELEASE, SUMMARIES) in page
    for code in {code for t in RELEASE.transitions for code in t.rules}:
        assert f"`{code}`" in page, code
