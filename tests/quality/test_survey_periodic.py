"""Periodic surveys: the sample and per-question tallies recorded by command, results computed from the counts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itsmctl.errors import FieldError
from itsmctl.models import Survey
from itsmctl.models.quality import ANSWER_SCORES, Answers
from itsmctl.quality.survey import parse_tally, period_days, question_results
from itsmctl.rules import RuleContext, violations
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-12-02T10:00:00+08:00"
ROUND = (
    "--period", "2026-Q4", "--distributed", "20", "--returned", "18", "--frame", "信息科技部及各业务部门",
    "--unit", "信息科技部", "--unit", "运营管理部", "--unit", "各支行",
    "--responded", "信息科技部", "--responded", "各支行",
    "--question", "response_speed=响应及时性", "--tally", "response_speed=8,7,2,1,0",
    "--question", "attitude=服务态度", "--tally", "attitude=5:12,4:6", "--score", "4",
)  # fmt: skip


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


def _surveys(store: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (store / "surveys").rglob("*.yaml")}


def _periodic(cli: Cli, store: Path, *args: str) -> Any:
    return cli("survey", "periodic", *args, "--records", str(store), "--by", "he.jing", "--at", AT, "--no-commit")


def test_a_round_recorded_by_command_validates_and_shows_its_results(cli: Cli, sample: Path) -> None:
    before = _surveys(sample)
    done = _periodic(cli, sample, *ROUND)
    assert done.code == 0, done
    [path] = set(_surveys(sample)) - set(before)
    survey_id = path.stem
    assert path.parent == sample / "surveys" / "2026" / "12" and done.stdout.startswith(f"{survey_id}: ")
    # (8*5 + 7*4 + 2*3 + 1*2) / 18 = 76/18; with attitude's 84/18: 160/36 over both questions
    assert "18/20 returned, 2 question(s), mean 4.44" in done.stdout
    loaded = load_record(str(path.relative_to(sample)), str(path), path.read_bytes())
    assert not loaded.findings and isinstance(loaded.record, Survey)
    survey = loaded.record
    assert survey.sample is not None and survey.sample.distributed == 20 and survey.responses == 18
    assert [(q.id, q.text) for q in survey.questions] == [("response_speed", "响应及时性"), ("attitude", "服务态度")]
    assert survey.questions[1].answers == Answers(very_satisfied=12, satisfied=6)
    checked = cli("validate", "--records", str(sample), "--at", AT, "--format", "json")
    assert not [f for f in json.loads(checked.stdout) if survey_id in f["file"]], checked
    shown = json.loads(cli("survey", "show", survey_id, "--records", str(sample), "--format", "json").stdout)
    speed, attitude = shown["questions"]
    assert (speed["answered"], speed["mean"], speed["satisfied"]) == (18, round(76 / 18, 2), 15)
    assert (attitude["answered"], attitude["mean"], attitude["satisfied"]) == (18, round(84 / 18, 2), 18)
    assert shown["overall"] == {"points": 160, "answers": 36, "satisfied": 33, "mean": round(160 / 36, 2)}
    assert shown["sample"]["units_missing"] == ["运营管理部"] and shown["period"] == ["2026-10-01", "2026-12-31"]
    text = cli("survey", "show", survey_id, "--records", str(sample)).stdout
    assert "回收率 returned: 18/20 (90.0%)" in text and "units covered: 2/3 (66.7%)" in text, text
    assert "响应及时性  均分 mean 4.22  满意 satisfied 15/18 (83.3%)" in text, text
    listed = cli("survey", "list", "--records", str(sample), "--month", "2026-12").stdout
    assert survey_id in listed and "periodic" in listed


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--distributed", "10", "--returned", "18", "--tally", "a=8,7,2,1,0"), 1, "18 returned of 10 handed out"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=8,7"), 1, "15 answers to a, more than the 5"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=1", "--unit", "X", "--responded", "Y"), 1,
         "not among sample.units: Y"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=1,x"), 2, "whole numbers"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=6:1"), 2, "whole numbers"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=1", "--tally", "a=2"), 2, "answers given twice"),
        (("--distributed", "20", "--returned", "5", "--tally", "a=1", "--question", "b=题"), 2, "worded but given"),
    ],
)  # fmt: skip
def test_counts_that_do_not_add_up_are_refused_and_nothing_written(
    cli: Cli, sample: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    before = _surveys(sample)
    refused = _periodic(cli, sample, "--period", "2026-Q4", *args)
    assert refused.code == code and said in refused.stderr, refused
    assert _surveys(sample) == before


@pytest.mark.parametrize("period", ["2026-Q5", "2026", "2026-09-30..2026-07-01", "2026-13-01..2026-12-31"])
def test_a_period_not_written_as_one_is_refused(cli: Cli, sample: Path, period: str) -> None:
    before = _surveys(sample)
    refused = _periodic(cli, sample, "--period", period, "--distributed", "20", "--returned", "5", "--tally", "a=1")
    assert refused.code == 2 and "--period" in refused.stderr, refused
    assert _surveys(sample) == before


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-Q1", "2026-01-01", "2026-03-31"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-Y", "2026-01-01", "2026-12-31"),
        ("2028-02-01..2028-02-29", "2028-02-01", "2028-02-29"),
    ],
)
def test_periods(text: str, first: str, last: str) -> None:
    assert tuple(d.isoformat() for d in period_days(text)) == (first, last)


def test_tallies_read_either_way() -> None:
    assert parse_tally("speed=8,7,2,1,0") == ("speed", {"very_satisfied": 8, "satisfied": 7, "neutral": 2,
                                                        "dissatisfied": 1})  # fmt: skip
    assert parse_tally("speed=1:2,5:3") == ("speed", {"very_satisfied": 3, "very_dissatisfied": 2})
    for bad in ("speed", "Speed=1", "speed=1,2,3,4,5,6", "speed=5:1,5:2", "speed=-1", "speed=1:2,3"):
        with pytest.raises(FieldError):
            parse_tally(bad)


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=5, max_size=5))
def test_a_questions_mean_is_its_points_over_its_answers(counts: list[int]) -> None:
    answers = Answers(**dict(zip(ANSWER_SCORES, counts, strict=True)))
    survey = _survey(responses=sum(counts), questions=[{"id": "q", "answers": answers.model_dump()}])
    [result] = question_results(survey)
    assert result.answered == sum(counts)
    assert result.satisfied == counts[0] + counts[1]
    if sum(counts):
        points = sum(c * s for c, s in zip(counts, (5, 4, 3, 2, 1), strict=True))
        assert result.mean == pytest.approx(points / sum(counts))
        assert result.mean is not None and 1 <= result.mean <= 5
    else:
        assert result.mean is None


def _survey(**fields: Any) -> Survey:
    base: dict[str, Any] = {
        "kind": "survey", "id": "SUR-2610-00001", "survey_type": "periodic", "at": "2026-10-16T10:30:00+08:00",
        "by": "he.jing", "period_start": "2026-07-01", "period_end": "2026-09-30",
    }  # fmt: skip
    return Survey.model_validate({**base, **fields})


def _said(survey: Survey) -> list[str]:
    return [v.message for v in violations(survey, RuleContext(None)) if v.code == "survey-sample"]


def test_the_rule_on_records_written_by_hand() -> None:
    assert _said(_survey(responses=18, sample={"distributed": 20}, questions=[
        {"id": "q", "answers": {"satisfied": 18}}])) == []  # fmt: skip
    assert _said(_survey(period_end=None)) == ["a periodic survey names the period it covers (period_start/end)"]
    assert _said(_survey(period_end="2026-06-30")) == ["the period ends before it starts (2026-07-01)"]
    assert _said(_survey(sample={"distributed": 20})) == ["a sample names how many questionnaires came back"]
    assert _said(_survey(questions=[{"id": "q", "answers": {}}])) == ["per-question tallies need responses: (returned)"]
    twice = _said(_survey(responses=3, questions=[{"id": "q", "answers": {}}, {"id": "q", "answers": {}}]))
    assert twice == ["question q is listed twice"]
    callback = _survey(survey_type="callback", ticket="INC-2610-00001", score=5, sample={"distributed": 1})
    assert _said(callback) == ["sample: belongs to a periodic survey; a callback records score:"]


def test_validate_names_file_line_and_field_of_a_hand_edited_tally(cli: Cli, sample: Path) -> None:
    path = sample / "surveys" / "2026" / "10" / "SUR-2610-2DJKW.yaml"
    text = path.read_text(encoding="utf-8")
    assert "responses: 18\n" in text
    path.write_text(text.replace("responses: 18\n", "responses: 12\n"), encoding="utf-8")
    found = json.loads(cli("validate", "--records", str(sample), "--at", AT, "--format", "json").stdout)
    mine = [f for f in found if f["file"].endswith("SUR-2610-2DJKW.yaml") and f["code"] == "survey-sample"]
    assert mine and {f["severity"] for f in mine} == {"error"}, found
    assert any("12 questionnaires returned" in f["message"] and f["field"].startswith("questions[") for f in mine)
    assert all(isinstance(f["line"], int) and f["line"] > 1 for f in mine)


def test_two_rounds_in_one_report_are_separate_blocks_and_a_quarter_shows_the_round_about_it(
    cli: Cli, sample: Path
) -> None:
    """The Q3 round (SUR-2610-2DJKW, held 16 October) is Q3's; a second round held in November asks
    about Q4.  Rendered after both, Q3's report has the first, Q4's the second (it was held in Q4),
    and neither block runs into the next; the callback figures count callbacks only."""
    done = _periodic(cli, sample, "--period", "2026-10-01..2026-11-30", "--distributed", "10", "--returned", "8",
                     "--tally", "speed=4,4")  # fmt: skip
    assert done.code == 0, done
    later = "2026-12-02T12:00:00+08:00"
    q3 = cli("report", "quarterly", "2026-Q3", "--records", str(sample), "--at", later).stdout
    assert "**SUR-2610-2DJKW**" in q3 and "SUR-2612" not in q3
    q4 = cli("report", "quarterly", "2026-Q4", "--records", str(sample), "--at", later, "--lang", "en").stdout
    block = q4.split("### Periodic satisfaction surveys", 1)[1].split("\n## ", 1)[0]
    assert "**SUR-2610-2DJKW**" in block and "**SUR-2612-" in block  # held in Q4 / asks about Q4
    comment = next(line for line in block.splitlines() if line.startswith("Comments: "))
    after = block.split(comment, 1)[1]
    assert after.startswith("\n\n**SUR-2612-"), after[:80]
    october = cli("report", "monthly", "--month", "2026-10", "--records", str(sample)).stdout
    assert "本月回访调查 40 次（未联系上 0 次），有效评分 40 个，平均 4.55 分" in october
