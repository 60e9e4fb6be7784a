"""What every report starts from: the records, the as-of moment, the period, the language.

``ReportInput`` is built once by the CLI; report builders turn it into a plain context
(dicts, lists, strings, numbers) for the templates, so templates never touch models.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl.clock import EARLIEST_YEAR, LATEST_YEAR, parse_month
from itsmctl.errors import UsageError
from itsmctl.models import TicketBase
from itsmctl.models.labels import label
from itsmctl.reports.cmdb_as_of import CIBasis
from itsmctl.reports.facts import TicketFacts
from itsmctl.reports.facts import facts as ticket_facts
from itsmctl.sla.memo import ClockMemo
from itsmctl.store.snapshot import Snapshot

DEFAULT_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class Period:
    """A half-open span of time ``[start, end)`` in the report's zone, with a name."""

    start: datetime
    end: datetime
    name: str

    def __contains__(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    @classmethod
    def month(cls, text: str, zone: tzinfo) -> Period:
        year, month = parse_month(text)
        start = datetime(year, month, 1, tzinfo=zone)
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
        return cls(start, end, f"{year:04d}-{month:02d}")

    @classmethod
    def quarter(cls, text: str, zone: tzinfo) -> Period:
        """``2026-Q3``: July to September."""
        found = re.fullmatch(r"([0-9]{4})-Q([1-4])", text.strip())
        if found is None:
            raise UsageError(f"quarter {text!r}: write it as YYYY-Qn, e.g. 2026-Q3")
        year, q = int(found[1]), int(found[2])
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise UsageError(f"quarter {text!r}: the year is out of range")
        first = 3 * q - 2
        end = datetime(year + 1, 1, 1, tzinfo=zone) if q == 4 else datetime(year, first + 3, 1, tzinfo=zone)
        return cls(datetime(year, first, 1, tzinfo=zone), end, f"{year:04d}-Q{q}")

    @classmethod
    def year(cls, year: int, zone: tzinfo) -> Period:
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise UsageError(f"year {year} is out of range")
        return cls(datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone), str(year))

    def months_back(self, count: int) -> list[Period]:
        """This month and the ``count - 1`` before it, oldest first."""
        out = [self]
        while len(out) < count:
            first = out[0].start
            prev = (first - timedelta(days=1)).replace(day=1)
            out.insert(0, Period.month(f"{prev.year:04d}-{prev.month:02d}", first.tzinfo or ZoneInfo("UTC")))
        return out

    def months(self) -> list[Period]:
        """The calendar months inside this period."""
        out: list[Period] = []
        cursor = self.start
        while cursor < self.end:
            month = Period.month(f"{cursor.year:04d}-{cursor.month:02d}", cursor.tzinfo or ZoneInfo("UTC"))
            out.append(month)
            cursor = month.end
        return out

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(seconds=1)).date()


@dataclass
class ReportInput:
    """The records and the moment a report describes."""

    snapshot: Snapshot
    now: datetime
    """The as-of moment: ``--at``, or derived from the period (see ``as_of``)."""
    zone: tzinfo
    lang: str = "zh"
    source: str = "records"
    """Where the records came from, for the report's header (folder, or folder@rev)."""
    audience: str = "internal"
    """``customer`` (the edition handed to the customer: nothing of the provider's internal quality
    system or staff figures) or ``internal`` (the provider's own edition)."""
    clocks: ClockMemo | None = None
    """The settled SLA clocks kept in the content cache (None: every clock is worked out)."""
    ci_basis: CIBasis = field(default_factory=lambda: CIBasis("now"))
    """Where the CIs come from: the commit the branch stood at the moment, or as they are now."""
    _facts: dict[int, TicketFacts] = field(default_factory=dict, repr=False)

    def facts(self, ticket: TicketBase) -> TicketFacts:
        """The ticket's log facts, read once per report run."""
        found = self._facts.get(id(ticket))
        if found is None:
            found = self._facts[id(ticket)] = ticket_facts(ticket)
        return found

    def heading(self) -> dict[str, str]:
        """What every report's header says of itself: as of when, from which records, whose."""
        policy = self.snapshot.policy
        return {
            "as_of": self.local(self.now),
            "source": self.source,
            "organisation": policy.organisation if policy else "",
            "project": policy.name if policy else "",
            "cis": self.ci_heading(),
        }

    def ci_heading(self) -> str:
        """How the report's CIs stand at its moment, in a sentence of its language."""
        basis, zh = self.ci_basis, self.lang == "zh"
        when = self.local(basis.committed)
        short = (basis.commit or "")[:12]
        if basis.source == "now":
            return (
                "当前状态（记录库在该时刻之前没有 git 提交历史）"
                if zh
                else "as they are now (the records have no git history before this moment)"
            )
        if basis.source == "records":
            return (
                f"记录库读取时的内容（该时刻之后没有新提交；最近提交 {short}，{when}）"
                if zh
                else f"the records as read (no commit after this moment; latest commit {short}, {when})"
            )
        text = f"截至提交 {short}（{when}）" if zh else f"as of commit {short} ({when})"
        if basis.unreadable:
            text += (
                f"；该提交中 {basis.unreadable} 个配置项文件无法读取，未计入"
                if zh
                else f"; {basis.unreadable} CI file(s) of that commit could not be read and are left out"
            )
        return text

    def local(self, moment: datetime | None) -> str:
        """A moment as ``YYYY-MM-DD HH:MM`` in the report's zone."""
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    def label(self, group: str, value: Any) -> str:
        return label(self.lang, group, value)

    def listing(self, names: Iterable[str]) -> str:
        """Names in running text: ``何静、吴刚`` in Chinese, ``He Jing, Wu Gang`` in English."""
        return ("、" if self.lang == "zh" else ", ").join(names)

    def person(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        policy = self.snapshot.policy
        for person in policy.people if policy else []:
            if person.id == person_id:
                return (person.name_en or person.id) if self.lang == "en" else person.name
        return person_id

    def group(self, group_id: str | None) -> str:
        if not group_id:
            return ""
        policy = self.snapshot.policy
        for group in policy.groups if policy else []:
            if group.id == group_id:
                return (group.name_en or group.id) if self.lang == "en" else group.name
        return group_id

    def service(self, service_id: str | None) -> str:
        if not service_id:
            return ""
        for service in self.snapshot.services:
            if service.id == service_id:
                name = (service.name_en or service.name) if self.lang == "en" else service.name
                return f"{name} ({service.id})"
        return service_id

    def priority_name(self, priority: str) -> str:
        policy = self.snapshot.policy
        for level in policy.priority.levels if policy else []:
            if level.id == priority:
                return (level.name_en or level.name) if self.lang == "en" else level.name
        return priority

    def priorities(self) -> list[str]:
        """Priority ids highest first, as the policy lists them."""
        policy = self.snapshot.policy
        return [level.id for level in policy.priority.levels] if policy else []


def report_zone(snapshot: Snapshot) -> tzinfo:
    """The policy's default zone, else the first SLA calendar's zone, else Asia/Shanghai."""
    policy = snapshot.policy
    if policy and policy.default_timezone:
        return ZoneInfo(policy.default_timezone)
    for calendar in sorted(snapshot.calendars, key=lambda c: c.id):
        return ZoneInfo(calendar.timezone)
    return ZoneInfo(DEFAULT_ZONE)


def left_out(snapshot: Snapshot) -> list[dict[str, str]]:
    """Files the report could not use, each with the first reason (file:line, message), named
    by their path in the store: a report never shows the path of the machine it ran on."""
    root = snapshot.source.display_root.rstrip("/") + "/" if snapshot.source is not None else ""

    def in_store(display: str) -> str:
        return display[len(root) :] if root and display.startswith(root) else display

    out: list[dict[str, str]] = []
    for finding in snapshot.findings:
        out.append({"file": in_store(finding.file), "reason": f"{finding.location()}: {finding.message}"})
    for loaded in snapshot.files:
        if loaded.record is None and loaded.findings:
            first = loaded.findings[0]
            where = f"line {first.line}" + (f", {first.field}" if first.field else "")
            out.append({"file": loaded.path, "reason": f"{where}: {first.message}"})
    return sorted(out, key=lambda item: item["file"])


def latest_moment(snapshot: Snapshot) -> datetime | None:
    """The latest event time recorded in the store: a deterministic 'now' for undated reports."""
    moments = [event.at for ticket in snapshot.tickets for event in ticket.events]
    return max(moments) if moments else None


def counted(values: Iterable[Any], order: list[Any] | None = None) -> list[tuple[Any, int]]:
    """Counts of each value, in ``order`` first, then by count (desc) and value."""
    counter = Counter(v for v in values if v is not None and v != "")
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if order is None:
        return ranked
    head = [(v, counter[v]) for v in order if counter.get(v)]
    return head + [(v, n) for v, n in ranked if v not in order]


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def trend_start(inp: ReportInput) -> tuple[str, str] | None:
    """The first month a trend has data for, and why: ``(YYYY-MM, "sla"|"first_ticket")``.

    Months before the service started are not zero months, they are no months: a trend
    starts at the later of the earliest SLA's ``effective_from`` and the first ticket
    recorded (a store often begins mid-contract).  ``None`` when there is neither."""
    candidates: list[tuple[date, str]] = []
    if inp.snapshot.slas:
        candidates.append((min(s.effective_from for s in inp.snapshot.slas), "sla"))
    opened = [t.opened_at for t in inp.snapshot.tickets]
    if opened:
        candidates.append((min(opened).astimezone(inp.zone).date(), "first_ticket"))
    if not candidates:
        return None
    day, why = max(candidates)
    return f"{day.year:04d}-{day.month:02d}", why


def since_start(inp: ReportInput, months: list[Period]) -> tuple[list[Period], dict[str, str] | None]:
    """``months`` without those before ``trend_start``, and a note for the template."""
    start = trend_start(inp)
    if start is None:
        return months, None
    kept = [m for m in months if m.name >= start[0]]
    dropped = len(kept) < len(months)
    return kept, ({"month": start[0], "why": start[1]} if dropped else None)
