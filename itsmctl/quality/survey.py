"""Periodic satisfaction surveys (定期满意度调查) by command, and their per-question results.

A periodic survey is one record for one round of the questionnaire: the period it covers, the
sample asked (``sample``: the frame in words, how many questionnaires were handed out, the
departments or sites of the frame and those that answered) and, per question, how many
respondents gave each answer of the five-point scale (``questions[].answers``).  What the
reports show — each question's mean, its share of 4–5 point answers, the return rate and the
units covered — is computed here from those counts, never typed in, so a reviewer reads the
tally and the figures cannot disagree with it.

``record_periodic`` writes the record through ``itsmctl.editing.record.create_record``, so the
rule book (``survey-sample``: the counts add up) refuses what ``validate`` would report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from itsmctl.editing.record import RecordWritten, create_record
from itsmctl.errors import FieldError
from itsmctl.ids import new_ticket_id
from itsmctl.models import Policy, Survey
from itsmctl.models.quality import ANSWER_SCORES, Answers
from itsmctl.tickets.callback import survey_id_taken
from itsmctl.tickets.edit import stamp

KIND = "survey"
SATISFIED_FROM = 4
"""Answers of this score or more count as satisfied (满意、非常满意)."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_BY_SCORE = {score: name for name, score in ANSWER_SCORES.items()}


@dataclass(frozen=True)
class QuestionResult:
    """One question over every answer to it."""

    id: str
    text: str
    answers: Answers

    @property
    def answered(self) -> int:
        return self.answers.answered

    @property
    def mean(self) -> float | None:
        """The mean score (1–5) over those who answered; None when nobody did."""
        return self.answers.points / self.answered if self.answered else None

    @property
    def satisfied(self) -> int:
        return self.answers.satisfied_count


@dataclass(frozen=True)
class SampleCoverage:
    """How much of the sample frame a periodic survey reached."""

    distributed: int | None
    returned: int | None
    units: tuple[str, ...]
    units_responded: tuple[str, ...]
    frame: str | None

    @property
    def units_missing(self) -> tuple[str, ...]:
        answered = set(self.units_responded)
        return tuple(u for u in self.units if u not in answered)


def question_results(survey: Survey) -> list[QuestionResult]:
    """Each question of ``survey`` with its answers, in the questionnaire's order."""
    return [QuestionResult(q.id, q.text or q.id, q.answers) for q in survey.questions]


def overall(results: Sequence[QuestionResult]) -> tuple[int, int, int]:
    """Points, answers and satisfied answers over every question: the survey's pooled mean is points/answers."""
    return (
        sum(r.answers.points for r in results),
        sum(r.answered for r in results),
        sum(r.satisfied for r in results),
    )


def sample_coverage(survey: Survey) -> SampleCoverage:
    """The sample as recorded; without a ``sample`` block only the number returned is known."""
    sample = survey.sample
    if sample is None:
        return SampleCoverage(None, survey.responses, (), (), None)
    return SampleCoverage(
        sample.distributed, survey.responses, tuple(sample.units), tuple(sample.units_responded), sample.frame
    )


def parse_question(text: str) -> tuple[str, str]:
    """``ID=问题`` (``response_speed=响应及时性``) as the question's id and wording."""
    key, sep, wording = text.partition("=")
    key, wording = key.strip(), wording.strip()
    if not sep or not _SLUG.match(key) or not wording:
        raise FieldError("question", f"{text!r}: write ID=WORDING, e.g. response_speed=响应及时性")
    return key, wording


def parse_tally(text: str) -> tuple[str, dict[str, int]]:
    """``ID=C5,C4,C3,C2,C1`` (how many answered 5, 4, 3, 2 and 1 points) or ``ID=5:8,4:7,2:1`` as id and answers."""
    key, sep, counts = text.partition("=")
    key = key.strip()
    example = "e.g. response_speed=8,7,2,1,0 (how many gave 5, 4, 3, 2, 1 points) or response_speed=5:8,4:7,3:2"
    if not sep or not _SLUG.match(key):
        raise FieldError("tally", f"{text!r}: write ID=COUNTS, {example}")
    parts = [p.strip() for p in counts.split(",") if p.strip()]
    pairs: list[tuple[int, int]] = []
    try:
        if parts and all(":" in p for p in parts):
            pairs = [(int(s), int(c)) for s, c in (p.split(":", 1) for p in parts)]
        elif 0 < len(parts) <= len(ANSWER_SCORES) and not any(":" in p for p in parts):
            pairs = [(5 - i, int(c)) for i, c in enumerate(parts)]
    except ValueError:
        pairs = []
    scores = [s for s, _ in pairs]
    if not pairs or any(s not in _BY_SCORE or c < 0 for s, c in pairs) or len(set(scores)) != len(scores):
        raise FieldError("tally", f"{text!r}: counts are whole numbers of 5-point answers, {example}")
    return key, {_BY_SCORE[s]: c for s, c in sorted(pairs, reverse=True) if c}


_QUARTER = re.compile(r"^(?P<year>[0-9]{4})-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<y>Y))$")
_SPAN = re.compile(r"^(?P<start>[0-9]{4}-[0-9]{2}-[0-9]{2})\.\.(?P<end>[0-9]{4}-[0-9]{2}-[0-9]{2})$")


def period_days(text: str) -> tuple[date, date]:
    """``2026-Q3``, ``2026-H1``, ``2026-Y`` or ``2026-07-01..2026-09-30`` as its first and last day."""
    given = text.strip()
    quarter, span = _QUARTER.match(given), _SPAN.match(given)
    try:
        if span is not None:
            first, last = date.fromisoformat(span["start"]), date.fromisoformat(span["end"])
            if last < first:
                raise FieldError("period", f"{text!r} ends before it starts")
            return first, last
        if quarter is not None:
            year = int(quarter["year"])
            if quarter["q"]:
                first_month, months = 3 * int(quarter["q"]) - 2, 3
            elif quarter["h"]:
                first_month, months = 6 * int(quarter["h"]) - 5, 6
            else:
                first_month, months = 1, 12
            after = first_month + months
            end = date(year + 1, 1, 1) if after > 12 else date(year, after, 1)
            return date(year, first_month, 1), end - timedelta(days=1)
    except ValueError:
        pass
    raise FieldError("period", f"{text!r} is not a period like 2026-Q3, 2026-H1, 2026-Y or 2026-07-01..2026-09-30")


@dataclass(frozen=True)
class PeriodicSurvey:
    """What ``survey periodic`` is asked to write."""

    period_start: date
    period_end: date
    distributed: int
    returned: int
    tallies: Sequence[tuple[str, dict[str, int]]]
    wording: dict[str, str]
    frame: str | None = None
    units: Sequence[str] = ()
    units_responded: Sequence[str] = ()
    score: int | None = None
    channel: str = "paper"
    comment: str | None = None


def record_periodic(root: Path, request: PeriodicSurvey, *, actor: str, now: datetime, policy: Policy) -> RecordWritten:
    """Write one periodic survey; the rule book refuses counts that do not add up, nothing written."""
    if not request.tallies:
        raise FieldError("tally", "a periodic survey records at least one question's answers (--tally)")
    unknown = sorted(set(request.wording) - {key for key, _ in request.tallies})
    if unknown:
        raise FieldError("question", f"{', '.join(unknown)}: worded but given no answers (--tally)")
    keys = [key for key, _ in request.tallies]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise FieldError("tally", f"{', '.join(twice)}: answers given twice")
    sample: dict[str, Any] = {"distributed": request.distributed}
    if request.frame:
        sample = {"frame": request.frame, **sample}
    if request.units:
        sample["units"] = list(request.units)
    if request.units_responded:
        sample["units_responded"] = list(request.units_responded)
    record: dict[str, Any] = {
        "id": new_ticket_id(policy.prefix(KIND), now, exists=survey_id_taken(root)),
        "survey_type": "periodic",
        "at": stamp(now),
        "by": actor,
        "channel": request.channel,
    }
    record.update(
        {
            "period_start": request.period_start,
            "period_end": request.period_end,
            "responses": request.returned,
            "sample": sample,
            "questions": [
                {"id": key, **({"text": request.wording[key]} if key in request.wording else {}), "answers": answers}
                for key, answers in request.tallies
            ],
        }
    )
    if request.score is not None:
        record["score"] = request.score
    if request.comment:
        record["comment"] = request.comment
    return create_record(root, KIND, record, policy=policy)
