"""docs/rules.md shows the rule book the code enforces."""

from __future__ import annotations

from itsmctl.rules import RULES, render_markdown
from tests.conftest import ROOT


def test_rules_page_is_rendered_from_the_code() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert render_markdown() in page


def test_every_rule_has_a_one_line_summary_and_a_unique_predicate() -> None:
    assert len({r.check for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.summary and "\n" not in r.summary and r.summary.endswith((".", ")")), r
