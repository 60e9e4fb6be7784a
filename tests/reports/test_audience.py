"""Two editions: nothing of the provider's internal quality system or staff figures in the customer's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers_reports import REPORT_STORE

from itsmctl.models import Audit, Incident, ManagementReview, SupplierEvaluation
from itsmctl.reports import REPORTS
from itsmctl.store.snapshot import Snapshot, load_snapshot
from itsmctl.store.source import FolderSource
from tests.conftest import SAMPLE_RECORDS

AT = "2026-11-20T15:00:00+08:00"
CUSTOMER_REPORTS = sorted(k for k, r in REPORTS.items() if "customer" in r.audiences)
INTERNAL_ONLY = sorted(k for k, r in REPORTS.items() if "customer" not in r.audiences)


def _internal_marks(snapshot: Snapshot) -> set[str]:
    """What only the provider's own records say: ids of audits, reviews and supplier evaluations,
    nonconformity descriptions, review decisions and actions."""
    marks: set[str] = set()
    for audit in snapshot.of_kind(Audit, "audit"):
        marks.add(audit.id)
        marks.update(nc.description.strip()[:20] for nc in audit.nonconformities)
    for review in snapshot.of_kind(ManagementReview, "review"):
        marks.add(review.id)
        marks.update(d[:20] for d in review.decisions)
        marks.update(a.action[:20] for a in review.actions)
    marks.update(e.id for e in snapshot.of_kind(SupplierEvaluation, "supplier_evaluation"))
    return {m for m in marks if len(m) >= 4}


def _args(kind: str, store: Path) -> list[str]:
    if kind == "major":  # each store's first major incident
        snapshot = load_snapshot(FolderSource(store).walk())
        return [min(t.id for t in snapshot.tickets if isinstance(t, Incident) and t.major)]
    return {"cmdb": [], "quarterly": ["2026-Q4"], "yearly": ["2026"]}.get(kind, ["--month", "2026-10"])


def _render(cli: Any, store: Path, kind: str, lang: str, *extra: str) -> Any:
    return cli("report", kind, *_args(kind, store), "--lang", lang, "--records", store, "--at", AT, *extra)


@pytest.mark.parametrize("store", [SAMPLE_RECORDS, REPORT_STORE], ids=["sample", "report_store"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", CUSTOMER_REPORTS)
def test_no_customer_edition_holds_anything_internal(cli: Any, store: Path, kind: str, lang: str) -> None:
    marks = _internal_marks(load_snapshot(FolderSource(store).walk()))
    assert marks, "the store has internal quality records to look for"
    default = _render(cli, store, kind, lang)
    customer = _render(cli, store, kind, lang, "--audience", "customer")
    assert default.code in (0, 1) and default.stdout == customer.stdout, (default, customer)
    leaked = sorted(m for m in marks if m in customer.stdout)
    assert not leaked, f"report {kind} --lang {lang} (customer) shows internal records: {leaked}"
    assert "### 按工程师" not in customer.stdout and "### By engineer" not in customer.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_internal_edition_adds_nonconformities_and_staff_figures(cli: Any, lang: str) -> None:
    internal = _render(cli, SAMPLE_RECORDS, "monthly", lang, "--audience", "internal").stdout
    assert "AUD-2026-H2" in internal and ("（内部）" in internal or "(internal)" in internal)
    assert ("### 按工程师" if lang == "zh" else "### By engineer") in internal
    assert ("内部版" if lang == "zh" else "internal edition") in internal.splitlines()[0]


@pytest.mark.parametrize("kind", INTERNAL_ONLY)
def test_an_internal_record_has_no_customer_edition(cli: Any, kind: str) -> None:
    args = {"audit": ["AUD-2026-H2"], "review": ["2026"]}.get(kind, ["--month", "2026-10"])
    refused = cli("report", kind, *args, "--records", SAMPLE_RECORDS, "--at", AT, "--audience", "customer")
    assert refused.code == 2 and "no customer edition" in refused.stderr and not refused.stdout, refused
    shown = cli("report", kind, *args, "--records", SAMPLE_RECORDS, "--at", AT)
    assert shown.code == 0 and shown.stdout, shown
