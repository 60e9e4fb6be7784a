"""Recording the satisfaction callback (回访) on a resolved ticket as a survey record.

The survey goes where hand-written ones are (``surveys/YYYY/MM/SUR-YYMM-XXXXX.yaml``, the
policy's survey prefix), and it is what the SLA's ``callback`` clock stops on.  A score at or
below the policy's ``quality_goals.low_score`` opens a complaint that follows it up (seed
000 §4.4.1: low scores are investigated, confirmed with the customer, acted on); the survey
names it (``follow_up``) and the complaint names the ticket (``related``).  Nothing is
written when anything is refused; the complaint is written first, then the survey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from itsmctl import roundtrip
from itsmctl.errors import FieldError, TransitionError, UsageError
from itsmctl.fs import atomic_write
from itsmctl.ids import folded, new_ticket_id
from itsmctl.models import Policy, Survey
from itsmctl.rules import added_violations
from itsmctl.store.loader import load_record
from itsmctl.store.paths import path_for
from itsmctl.store.snapshot import Snapshot
from itsmctl.tickets.action_input import require_person
from itsmctl.tickets.create import NewTicket, open_ticket, reference_snapshot
from itsmctl.tickets.edit import (
    _refuse_findings,
    policy_zone,
    read_ticket,
    refuse_violations,
    stamp,
    store_rule_context,
)

CALLED_BACK_STATUSES = ("resolved", "closed")
"""A callback follows the resolution: only a ticket in one of these is called back."""

SCALE = (1, 5)


@dataclass(frozen=True)
class Callback:
    """What the person calling back says."""

    ticket_id: str
    reached: bool = True
    score: int | None = None
    contact: str | None = None
    """Who was called; default the ticket's requester."""
    note: str | None = None
    channel: str = "phone"


@dataclass(frozen=True)
class Recorded:
    survey_id: str
    path: Path
    follow_up: str | None = None
    """The complaint opened for a low score."""
    follow_up_path: Path | None = None

    @property
    def paths(self) -> list[Path]:
        return [self.path, *([self.follow_up_path] if self.follow_up_path else [])]


def survey_id_taken(root: Path) -> Callable[[str], bool]:
    """Whether a survey id is taken in the store at ``root`` (also by a file differing only in case)."""

    def exists(candidate: str) -> bool:
        rel = path_for("survey", candidate)
        assert rel is not None
        path = root / rel
        try:
            names = {folded(n) for n in (p.name for p in path.parent.iterdir())}
        except (FileNotFoundError, NotADirectoryError):
            names = set()
        return path.exists() or folded(path.name) in names

    return exists


def record_callback(root: Path, policy: Policy, spec: Callback, *, actor: str, now: datetime) -> Recorded:
    """Write the callback survey (and a follow-up complaint for a low score)."""
    require_person(policy, actor, "by")
    zone = policy_zone(policy)
    _, _, ticket = read_ticket(
        root, spec.ticket_id, default_tz=zone, advice="fix the ticket first; nothing was written"
    )
    if ticket.status not in CALLED_BACK_STATUSES:
        raise TransitionError(
            f"{ticket.id} is {ticket.status}: a callback follows the resolution (status resolved or closed)"
        )
    resolved = [e.at for e in ticket.events if e.type == "resolved"]
    if resolved and now < max(resolved):
        raise FieldError("at", f"{stamp(now)} is before the resolution at {stamp(max(resolved))}")
    contact = spec.contact or ticket.requester
    if contact is not None:
        require_person(policy, contact, "contact")
    if spec.reached:
        if spec.score is None:
            raise FieldError("score", f"a reached callback records the score ({SCALE[0]}–{SCALE[1]})")
        if not SCALE[0] <= spec.score <= SCALE[1]:
            raise FieldError("score", f"{spec.score} is outside the scale {SCALE[0]}–{SCALE[1]}")
    elif spec.score is not None:
        raise FieldError("score", "the customer was not reached: there is no score to record")
    survey_id = new_ticket_id(policy.prefix("survey"), now, exists=survey_id_taken(root))
    record: dict[str, Any] = {
        "kind": "survey",
        "id": survey_id,
        "survey_type": "callback",
        "ticket": ticket.id,
        "at": stamp(now),
        "by": actor,
    }
    optional = {"respondent": contact, "channel": spec.channel, "score": spec.score, "comment": spec.note}
    record.update((k, v) for k, v in optional.items() if v is not None)
    if not spec.reached:
        record["reached"] = False
    rel = path_for("survey", survey_id)
    assert rel is not None
    low = spec.score is not None and spec.score <= policy.quality_goals.low_score
    placeholder = f"{policy.prefix('complaint')}-{now:%y%m}-00000"
    data = _checked(root, policy, rel, {**record, **({"follow_up": placeholder} if low else {})})
    follow_up = None
    if low:
        complaint = _complaint(ticket, survey_id, spec, contact)
        opened = open_ticket(root, reference_snapshot(root, complaint), complaint, actor=actor, now=now)
        follow_up = opened
        record["follow_up"] = opened.ticket_id
        data = _checked(root, policy, rel, record)
    atomic_write(root / rel, data, root=root)
    if follow_up is None:
        return Recorded(survey_id, root / rel)
    return Recorded(survey_id, root / rel, follow_up.ticket_id, follow_up.path)


def _complaint(ticket: Any, survey_id: str, spec: Callback, contact: str | None) -> NewTicket:
    said = f"：{spec.note}" if spec.note else ""
    return NewTicket(
        kind="complaint",
        title=f"回访低分跟进 Low callback score {spec.score}/5: {ticket.id}",
        service=ticket.service,
        dimensions={},
        description=f"回访 {survey_id} 评分 {spec.score} 分{said}。须调查原因、与客户确认、采取措施并跟踪至关闭。",
        requester=contact,
        priority=ticket.priority,
        about=(ticket.assignee,) if ticket.assignee else (),
        related=(ticket.id,),
    )


def _checked(root: Path, policy: Policy, rel: Any, record: dict[str, Any]) -> bytes:
    """The survey file's bytes, refused if it would not load cleanly or breaks a rule."""
    data = roundtrip.render(record, flow_keys=frozenset())
    loaded = load_record(str(rel), str(root / rel), data, default_tz=policy_zone(policy))
    _refuse_findings(loaded, "the callback was not recorded")
    if not isinstance(loaded.record, Survey):  # pragma: no cover - the record says kind: survey
        raise UsageError("not a survey")
    refuse_violations(str(record["id"]), added_violations(None, loaded.record, store_rule_context(root, policy)))
    return data


def survey_rows(snapshot: Snapshot, month: str | None, zone: tzinfo | None) -> list[dict[str, Any]]:
    """The store's surveys (of ``month``, YYYY-MM, in the policy's zone), oldest first, as plain data."""
    if month is not None and not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month):
        raise UsageError(f"--month {month!r}: write the month as YYYY-MM, e.g. 2026-11")
    rows = []
    for survey in sorted(snapshot.of_kind(Survey, "survey"), key=lambda s: (s.at, s.id)):
        local = survey.at.astimezone(zone) if zone is not None else survey.at
        if month is not None and f"{local:%Y-%m}" != month:
            continue
        rows.append(
            {
                "id": survey.id,
                "type": survey.survey_type,
                "ticket": survey.ticket,
                "at": stamp(local),
                "by": survey.by,
                "respondent": survey.respondent,
                "reached": survey.reached,
                "score": survey.score,
                "follow_up": survey.follow_up,
            }
        )
    return rows
