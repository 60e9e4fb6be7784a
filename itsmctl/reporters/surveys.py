"""How ``survey show`` writes one survey: its sample coverage and each question's results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itsmctl.escape import json_text, terminal
from itsmctl.models import Survey
from itsmctl.models.labels import label
from itsmctl.models.quality import ANSWER_SCORES
from itsmctl.quality.survey import QuestionResult, overall, question_results, sample_coverage


def _share(part: int, whole: int | None) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/—"


def _question(r: QuestionResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "text": r.text,
        "answered": r.answered,
        "mean": round(r.mean, 2) if r.mean is not None else None,
        "satisfied": r.satisfied,
        "answers": {name: getattr(r.answers, name) for name in ANSWER_SCORES},
    }


def show_data(survey: Survey) -> dict[str, Any]:
    """The survey as plain data, with every figure's numerator and denominator."""
    results = question_results(survey)
    points, answers, satisfied = overall(results)
    cover = sample_coverage(survey)
    return {
        "id": survey.id,
        "type": survey.survey_type,
        "at": survey.at.isoformat(),
        "by": survey.by,
        "ticket": survey.ticket,
        "score": survey.score,
        "period": [survey.period_start.isoformat(), survey.period_end.isoformat()]
        if survey.period_start and survey.period_end
        else None,
        "sample": {
            "frame": cover.frame,
            "distributed": cover.distributed,
            "returned": cover.returned,
            "units": list(cover.units),
            "units_responded": list(cover.units_responded),
            "units_missing": list(cover.units_missing),
        },
        "questions": [_question(r) for r in results],
        "overall": {"points": points, "answers": answers, "satisfied": satisfied,
                    "mean": round(points / answers, 2) if answers else None},
        "comment": survey.comment,
    }  # fmt: skip


def show_text(survey: Survey) -> str:
    data = show_data(survey)
    kind = f"{label('zh', 'survey_type', survey.survey_type)} {survey.survey_type}"
    lines = [terminal(f"{survey.id}  {kind}  {data['at']}  by {survey.by}")]
    if data["period"]:
        lines.append(f"调查期间 period: {data['period'][0]} – {data['period'][1]}")
    if survey.ticket:
        lines.append(terminal(f"工单 ticket: {survey.ticket}"))
    sample = data["sample"]
    if sample["frame"]:
        lines.append(terminal(f"调查范围 frame: {sample['frame']}"))
    if sample["returned"] is not None:
        lines.append(f"回收率 returned: {_share(sample['returned'], sample['distributed'])}")
    if sample["units"]:
        covered = _share(len(sample["units_responded"]), len(sample["units"]))
        missing = f"; 未回收 nothing back from {', '.join(sample['units_missing'])}" if sample["units_missing"] else ""
        lines.append(terminal(f"单位覆盖 units covered: {covered}{missing}"))
    if survey.score is not None:
        lines.append(f"总体评分 overall score: {survey.score}/5")
    for q in data["questions"]:
        mean = f"{q['mean']:.2f}" if q["mean"] is not None else "—"
        counts = " ".join(f"{ANSWER_SCORES[name]}:{n}" for name, n in q["answers"].items())
        lines.append(
            terminal(
                f"  {q['id']}  {q['text']}  均分 mean {mean}  满意 satisfied {_share(q['satisfied'], q['answered'])}"
                f"  ({counts})"
            )
        )
    pooled = data["overall"]
    if pooled["answers"]:
        lines.append(
            f"合计 all questions: mean {pooled['mean']:.2f} over {pooled['answers']} answers, "
            f"满意 satisfied {_share(pooled['satisfied'], pooled['answers'])}"
        )
    if survey.comment:
        lines.append(terminal(f"意见 comment: {survey.comment}"))
    return "\n".join(lines) + "\n"


def show_json(survey: Survey) -> str:
    return json_text(show_data(survey), indent=2) + "\n"


SURVEY_SHOW_REPORTERS: dict[str, Callable[[Survey], str]] = {"text": show_text, "json": show_json}
