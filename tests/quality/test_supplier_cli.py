"""Supplier evaluations by command: one written that validate accepts, refusals writing nothing, the list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itsmctl.models import SupplierEvaluation
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-12-02T10:00:00+08:00"
AFTER_Q4 = "2027-01-05T10:00:00+08:00"
BOYUAN = "浙江博远科技有限公司（服务器及网络备件）"
CRITERIA = ("--criterion", "备件到货及时性=40:90", "--criterion", "备件质量=30:95", "--criterion", "技术支持=20:85",
            "--criterion", "价格=10:80")  # fmt: skip


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


def _evaluate(cli: Cli, store: Path, supplier: str, *args: str, by: str = "he.jing") -> tuple[int, str, str]:
    result = cli("supplier", "evaluate", supplier, "--period", "2026-Q4", *args,
                 "--records", str(store), "--by", by, "--at", AT, "--no-commit")  # fmt: skip
    return result.code, result.stdout, result.stderr


def _evaluation(path: Path) -> SupplierEvaluation:
    loaded = load_record(f"suppliers/{path.name}", str(path), path.read_bytes())
    assert not loaded.findings and isinstance(loaded.record, SupplierEvaluation), loaded.findings
    return loaded.record


def _missing(cli: Cli, store: Path) -> list[str]:
    result = cli("validate", "--records", str(store), "--at", AFTER_Q4)
    return [line for line in result.stdout.splitlines() if "[supplier-evaluation-missing]" in line]


def test_an_evaluation_by_the_id_suffix_that_validate_accepts(cli: Cli, sample: Path) -> None:
    before = _missing(cli, sample)
    assert any(BOYUAN in line and "2026-Q4" in line for line in before), before
    code, out, err = _evaluate(cli, sample, "BOYUAN", *CRITERIA, "--conclusion", "合格", "--notes", "到货及时")
    assert code == 0, err
    assert out.startswith(f"SE-2026Q4-BOYUAN: {BOYUAN} 2026-Q4 scored 89.5, 合格 qualified")
    evaluation = _evaluation(sample / "suppliers" / "SE-2026Q4-BOYUAN.yaml")
    assert evaluation.supplier == BOYUAN and evaluation.evaluator == "he.jing" and evaluation.conclusion == "qualified"
    assert [(c.name, c.weight, c.score) for c in evaluation.criteria][1] == ("备件质量", 30, 95)
    assert str(evaluation.evaluated_on) == "2026-12-02" and evaluation.notes == "到货及时"
    checked = cli("validate", "--records", str(sample), "--at", AT)
    assert checked.code == 0 and "SE-2026Q4-BOYUAN" not in checked.stdout and "0 error(s)" in checked.stderr, checked
    after = _missing(cli, sample)
    assert len(after) == len(before) - 1 and not any(BOYUAN in line for line in after), after


def test_an_ascii_supplier_gets_its_slug_and_a_chinese_one_its_given_id(cli: Cli, sample: Path) -> None:
    code, out, err = _evaluate(cli, sample, "Acme Ltd.", "--criterion", "响应=100:70", "--conclusion", "conditional")
    assert code == 0 and out.startswith("SE-2026Q4-ACME-LTD: Acme Ltd. 2026-Q4 scored 70, 有条件合格"), err
    code, out, err = _evaluate(cli, sample, "杭州新华打印耗材有限公司", "--criterion", "响应=100:55",
                               "--conclusion", "不合格", "--id", "SE-2026Q4-XINHUA")  # fmt: skip
    assert code == 0, err
    assert _evaluation(sample / "suppliers" / "SE-2026Q4-XINHUA.yaml").conclusion == "disqualified"


@pytest.mark.parametrize(
    ("supplier", "args", "code", "message"),
    [
        (BOYUAN, ("--period", "2026-Q3"), 2, f"{BOYUAN} is already evaluated for 2026-Q3 (SE-2026Q3-BOYUAN)"),
        ("DINGXIN", ("--criterion", "进度报告=20:60"), 1, "weights add up to 120, not 100"),
        ("DINGXIN", ("--by", "nobody"), 2, "--by: 'nobody' is not a person in the policy"),
        ("杭州新华打印耗材有限公司", (), 2, "--id: '杭州新华打印耗材有限公司' has no earlier evaluation"),
        ("DINGXIN", ("--conclusion", "良好"), 2, "--conclusion: '良好' is not one of qualified"),
        ("DINGXIN", ("--criterion", "价格=10"), 2, "--criterion: '价格=10': write NAME=WEIGHT:SCORE"),
    ],
)
def test_refused_writes_nothing(
    cli: Cli, sample: Path, supplier: str, args: tuple[str, ...], code: int, message: str
) -> None:
    files = sorted((sample / "suppliers").iterdir())
    base = ("--period", "2026-Q4", "--conclusion", "conditional", "--by", "he.jing")  # a flag given again wins
    result = cli("supplier", "evaluate", supplier, *CRITERIA, *base, *args,
                 "--records", str(sample), "--at", AT, "--no-commit")  # fmt: skip
    assert result.code == code and message in result.stderr, result
    assert sorted((sample / "suppliers").iterdir()) == files


def test_list_text_and_json(cli: Cli, sample: Path) -> None:
    assert _evaluate(cli, sample, "BOYUAN", *CRITERIA, "--conclusion", "qualified")[0] == 0
    jiagu = _evaluation(sample / "suppliers" / "SE-2026Q3-JIAGU.yaml")
    text = cli("supplier", "list", "--records", str(sample), "--at", AFTER_Q4)
    assert text.code == 0, text
    lines = text.stdout.splitlines()
    at = lines.index(jiagu.supplier)
    assert (
        lines[at + 1] == f"  2026-Q3  SE-2026Q3-JIAGU  {jiagu.weighted_score:g}  合格 qualified  (he.jing, 2026-10-09)"
    )
    assert lines[at + 2] == "  missing: 2026-Q4"
    assert lines[lines.index(BOYUAN) + 3] == "  missing: none"
    result = cli(
        "supplier", "list", "--records", str(sample), "--at", AFTER_Q4, "--period", "2026-Q4", "--format", "json"
    )
    assert result.code == 0, result
    rows = {row["supplier"]: row for row in json.loads(result.stdout)["suppliers"]}
    assert [(e["id"], e["score"], e["conclusion"]) for e in rows[BOYUAN]["evaluations"]] == [
        ("SE-2026Q4-BOYUAN", 89.5, "qualified")
    ]
    assert rows[jiagu.supplier] == {"supplier": jiagu.supplier, "evaluations": [], "missing": ["2026-Q4"]}
    early = cli("supplier", "list", "--records", str(sample), "--at", AT, "--format", "json")
    assert all(row["missing"] == [] for row in json.loads(early.stdout)["suppliers"]), early  # Q4 not over yet
