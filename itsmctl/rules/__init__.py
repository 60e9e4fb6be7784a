"""The rule book: every lifecycle and process rule, one predicate each, for files and verbs alike.

``validate`` runs ``violations`` on each record it loads (``itsmctl.checks.rulebook``);
every verb runs ``added_violations`` on the record as it would be after the action and
refuses what it would break (``itsmctl.tickets.edit``).  docs/rules.md lists the book,
rendered from ``RULES``.
"""

from __future__ import annotations

from itsmctl.rules import (  # noqa: F401  (registers the rules)
    change,
    cmdb,
    eventlog,
    people,
    priority,
    quality,
    release,
    repairs,
    support,
    tacit,
)
from itsmctl.rules.base import RULES, Rule, RuleContext, Violation, added_violations, rules_for, violations

SUMMARIES: dict[str, str] = {}
for _rule in RULES:
    SUMMARIES.setdefault(_rule.code, _rule.summary)


def render_markdown() -> str:
    """The rule book as docs/rules.md shows it: code, kinds, rule."""
    lines = ["| code | applies to | rule |", "|---|---|---|"]
    for r in RULES:
        lines.append(f"| `{r.code}` | {', '.join(sorted(r.kinds))} | {r.summary} |")
    return "\n".join(lines) + "\n"


__all__ = [
    "RULES",
    "SUMMARIES",
    "Rule",
    "RuleContext",
    "Violation",
    "added_violations",
    "render_markdown",
    "rules_for",
    "violations",
]
