"""The whole hostile corpus: every case module's cases, in one list."""

from __future__ import annotations

from tests.hostile import cases_bounds, cases_files, cases_records, cases_text, cases_yaml
from tests.hostile.corpus import Case

CASES: list[Case] = [
    *cases_yaml.CASES,
    *cases_bounds.CASES,
    *cases_text.CASES,
    *cases_records.CASES,
    *cases_files.CASES,
]
