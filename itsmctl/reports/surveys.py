"""Periodic surveys in reports: the sample's coverage and each question's results, counts beside every rate."""

from __future__ import annotations

from typing import Any

from itsmctl.models import Survey
from itsmctl.quality.survey import overall, question_results, sample_coverage
from itsmctl.reports.common import Period, ReportInput, percent


def periodic_for(inp: ReportInput, period: Period) -> list[Survey]:
    """The periodic surveys a quarterly or yearly report shows: those asking about a span inside its
    period, or held in it.  A quarter's round is held after the quarter ends, so as of its end the
    report has the previous round (labelled with the span it covers); rendered later, its own."""
    first, last = period.start.date(), period.last_day

    def asks_within(s: Survey) -> bool:
        start, end = s.period_start, s.period_end
        return start is not None and end is not None and first <= start <= end <= last

    return [
        s
        for s in sorted(inp.snapshot.of_kind(Survey, "survey"), key=lambda s: (s.at, s.id))
        if s.survey_type == "periodic" and (s.at in period or asks_within(s))
    ]


def periodic_summary(inp: ReportInput, survey: Survey) -> dict[str, Any]:
    """One periodic survey as a report shows it: when, the period asked about, who answered, per question."""
    cover = sample_coverage(survey)
    results = question_results(survey)
    points, answers, satisfied = overall(results)
    returned = cover.returned
    return {
        "id": survey.id,
        "at": inp.local(survey.at),
        "period": f"{survey.period_start or ''}–{survey.period_end or ''}",
        "score": survey.score,
        "responses": returned,
        "distributed": cover.distributed,
        "return_percent": percent(returned, cover.distributed) if returned is not None and cover.distributed else None,
        "frame": cover.frame or "",
        "units": len(cover.units),
        "units_responded": len(cover.units_responded),
        "units_missing": inp.listing(cover.units_missing),
        "questions": [
            {
                "id": r.id,
                "text": r.text,
                "answered": r.answered,
                "mean": round(r.mean, 2) if r.mean is not None else None,
                "satisfied": r.satisfied,
                "satisfied_percent": percent(r.satisfied, r.answered),
            }
            for r in results
        ],
        "mean": round(points / answers, 2) if answers else None,
        "answers": answers,
        "satisfied": satisfied,
        "satisfied_percent": percent(satisfied, answers),
        "comment": survey.comment or "",
    }
