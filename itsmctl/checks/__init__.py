"""Cross-record checks: what no single file can tell on its own.

Each check is a function from a snapshot to findings, listed in ``CHECKS``; later
capabilities add theirs to the list.  The rule book (``itsmctl.rules``) runs here through
``check_rules``: the same predicates the verbs run before they write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from itsmctl.checks.identity import check_identity
from itsmctl.checks.operations import check_operations
from itsmctl.checks.outbox import check_outbox
from itsmctl.checks.references import check_references
from itsmctl.checks.rulebook import RuleVerdicts, check_cross_rules, check_rules
from itsmctl.checks.sla import check_sla
from itsmctl.findings import Finding
from itsmctl.store.snapshot import Snapshot

Check = Callable[[Snapshot], Iterable[Finding]]

CHECKS: list[Check] = [
    check_identity,
    check_references,
    check_sla,
    check_outbox,
    check_cross_rules,
    check_operations,
]
"""The cross-record checks; the rule book (``check_rules``) runs before them."""


def run_checks(snapshot: Snapshot, verdicts: RuleVerdicts | None = None) -> list[Finding]:
    """Every finding about the snapshot: per-file ones first, then the rule book (its earlier
    verdicts on unchanged files from ``verdicts``), then cross-record ones."""
    findings = snapshot.load_findings()
    findings.extend(check_rules(snapshot, verdicts))
    for check in CHECKS:
        findings.extend(check(snapshot))
    return sorted(set(findings))
