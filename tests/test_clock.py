from __future__ import annotations

import pytest

from itsmctl.clock import parse_at
from itsmctl.errors import UsageError
from tests.conftest import SAMPLE_RECORDS, Cli


@pytest.mark.parametrize(
    "text", ["9999-12-31T00:00:00+08:00", "0001-01-01T00:00:00+00:00", "1969-12-31T23:00:00+00:00"]
)
def test_years_outside_the_range_are_typos(text: str) -> None:
    with pytest.raises(UsageError, match="the year must be between 1970 and 2200"):
        parse_at(text)


def test_environment_variable_is_named() -> None:
    with pytest.raises(UsageError, match=r"--at \(or ITSMCTL_NOW\) 'garbage'"):
        parse_at("garbage")


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2026-13", "2026-1x"])
def test_report_months_outside_the_range_exit_2(cli: Cli, month: str) -> None:
    result = cli("report", "monthly", "--records", SAMPLE_RECORDS, "--month", month)
    assert result.code == 2, result
    assert "is not a month like 2026-10" in result.stderr
