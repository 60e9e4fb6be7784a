"""The neutral form every source is turned into: a ticket draft with its event log, and the notes
on what could not be mapped.

A draft names people and groups by the slugs ``Directory`` gives them; the directory
remembers the ones the store's policy does not know yet, so the writer can add them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itsmctl.findings import Finding
from itsmctl.ids import derived_base32
from itsmctl.models import Policy

REASONS: dict[str, str] = {
    "unknown-state": "状态无法对应 a state with no itsmctl status; the row's other changes were kept",
    "unknown-value": "取值无法对应 a value the mapping has no entry for (left out of the ticket)",
    "impossible-timestamp": "时间无法解析 a time that is not a date of the calendar; the event took the time before it",
    "out-of-order": "时间倒序 an event earlier than the one before it; recorded at the earlier event's time",
    "back-to-new": "退回新建 the state went back to New; the ticket kept its status",
    "closed-unresolved": "未解决即关闭 closed without a resolved state; a resolution was recorded at the closing",
    "closed-unconfirmed": "未确认即关闭 closed before the tacit-confirmation period ran, with no confirmation "
    "in the log; none was written (validate: confirmation)",
    "assignment-cleared": "清空分派 the assignee and group were cleared; itsmctl records no un-assignment",
    "assigned-after-resolution": "解决后改派 reassigned while resolved or closed; recorded as a note",
    "missing-number": "缺少编号 a row without a ticket number; not imported",
    "no-opening-time": "缺少开单时间 a ticket without any readable time; not imported",
    "record-refused": "记录被拒 the ticket built from the rows does not load; not written",
    "undecodable": "编码错误 bytes not valid in the file's encoding, shown as U+FFFD",
    "ragged-row": "列数不符 a row with more or fewer fields than the header",
    "rows-apart": "行不相邻 rows of one ticket apart from its others; the ticket was built again from all of them",
    "id-collision": "编号冲突 the derived id is taken by another ticket; the next one was drawn",
}
"""Every reason a row or value can be left unmapped, with what the import did instead (docs/import.md)."""

EXAMPLES_PER_REASON = 200
"""Findings kept per reason (all are counted): enough to look into, not 100,000 lines of JSON."""


@dataclass
class Notes:
    """What could not be mapped, counted per reason, the first cases kept as findings with file and line."""

    file: str
    rows: int = 0
    """Data rows read from the file (every one is in a ticket or in a note)."""
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def add(self, line: int, column: str, code: str, message: str) -> None:
        assert code in REASONS, code
        self.counts[code] += 1
        if self.counts[code] <= EXAMPLES_PER_REASON:
            self.findings.append(Finding(self.file, line, 0, column, code, message, "warning"))


@dataclass
class EventDraft:
    type: str
    at: datetime
    by: str
    fields: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


@dataclass
class TicketDraft:
    """One ticket as a source tells it, ready for the writer."""

    system: str
    number: str
    kind: str
    line: int
    """The file line of the ticket's first row (findings about the ticket point there)."""
    title: str
    events: list[EventDraft]
    status: str
    priority: str
    dimensions: dict[str, str] = field(default_factory=dict)
    assignee: str | None = None
    group: str | None = None
    channel: str | None = None
    category: str | None = None
    description: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    rows: int = 1


_SLUG_CUT = re.compile(r"[^a-z0-9]+")


def slug_for(name: str, prefix: str = "p") -> str:
    """A policy id for a name from another tool: ``Resolver 183`` -> ``resolver-183``.

    A name with no Latin letters or digits (``张伟``) gets ``p-`` and characters derived from
    it, so two such names never share an id and the same name always gets the same one.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = _SLUG_CUT.sub("-", folded).strip("-")[:48]
    if base and base == _SLUG_CUT.sub("-", name.lower()).strip("-")[:48]:
        return base if base[0].isalpha() else f"{prefix}-{base}"
    tail = derived_base32(name, 6).lower()
    return f"{prefix}-{base}-{tail}" if base else f"{prefix}-{tail}"


@dataclass
class Directory:
    """People and groups by the names a source gives them; new ones are remembered for the policy."""

    org: str
    people: dict[str, str] = field(default_factory=dict)
    """Name in the source -> person id."""
    groups: dict[str, str] = field(default_factory=dict)
    new_people: dict[str, str] = field(default_factory=dict)
    """Person id -> name, for people the policy does not list yet."""
    new_groups: dict[str, str] = field(default_factory=dict)
    known_people: set[str] = field(default_factory=set)
    known_groups: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, policy: Policy, org: str, people: dict[str, str] | None = None) -> Directory:
        """A directory over the policy's people and groups; ``people`` maps source names to existing ids."""
        directory = cls(org, people=dict(people or {}))
        directory.known_people = {p.id for p in policy.people}
        directory.known_groups = {g.id for g in policy.groups}
        for p in policy.people:
            directory.people.setdefault(p.name, p.id)
        for g in policy.groups:
            directory.groups.setdefault(g.name, g.id)
        return directory

    def person(self, name: str | None) -> str | None:
        if not name:
            return None
        found = self.people.get(name)
        if found is None:
            found = self.people[name] = slug_for(name)
            if found not in self.known_people:
                self.new_people.setdefault(found, name)
        return found

    def group(self, name: str | None) -> str | None:
        if not name:
            return None
        found = self.groups.get(name)
        if found is None:
            found = self.groups[name] = slug_for(name, "g")
            if found not in self.known_groups:
                self.new_groups.setdefault(found, name)
        return found
