"""What a rule is: a predicate over one record, returning violations with a field path.

Every lifecycle and process rule of itsmctl is one ``Rule`` in this package.  ``validate``
runs the rule book on files; every verb runs the same rule book on the record as it would
be after the action, in memory, and refuses an action that adds a violation.  A rule never
reads files, the clock or the environment: what it may look at besides the record comes in
a ``RuleContext`` (the policy, the ticket's business calendar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from itsmctl.models import Policy

if TYPE_CHECKING:
    from itsmctl.calendar.business import BusinessCalendar
    from itsmctl.models import TicketBase

FieldPath = tuple[str | int, ...]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule: where in the record (a field path), which rule (``code``), why."""

    path: FieldPath
    code: str
    message: str
    severity: Severity = "error"

    def key(self) -> tuple[str, FieldPath]:
        """What makes two violations the same one, before and after an action: the rule and the
        field (events keep their index), not the words, which may name things the action changed."""
        return self.code, self.path


def _no_calendar(ticket: TicketBase) -> BusinessCalendar | None:
    return None


def _no_record(record_id: str) -> BaseModel | None:
    return None


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides the record itself."""

    policy: Policy | None = None
    calendar_for: Callable[[TicketBase], BusinessCalendar | None] = field(default=_no_calendar)
    """The ticket's business calendar (pinned SLA's, else the store's only one), for ``bd`` windows."""
    record_for: Callable[[str], BaseModel | None] = field(default=_no_record)
    """Another record by id (a CI's change, a change's CIs), for the cross-record rules only."""


Check = Callable[[Any, RuleContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """One rule of the book: the kinds it applies to, the predicate, and the sentence docs show."""

    code: str
    kinds: frozenset[str]
    check: Check
    summary: str
    needs_policy: bool = False
    cross_record: bool = False
    """Reads other records (``RuleContext.record_for``): its verdict on a file depends on more than
    the file, so ``validate`` runs it on every check (``checks.crossrules``), never from the verdict cache."""


RULES: list[Rule] = []
"""The rule book, in the order findings are reported."""


def rule(
    code: str, kinds: Iterable[str], *, needs_policy: bool = False, cross_record: bool = False
) -> Callable[[Check], Check]:
    """Register a predicate as a rule; its docstring's first line is the rule as docs state it."""

    def register(check: Check) -> Check:
        summary = (check.__doc__ or code).strip().splitlines()[0]
        RULES.append(Rule(code, frozenset(kinds), check, summary, needs_policy, cross_record))
        return check

    return register


def rules_for(kind: str) -> Iterator[Rule]:
    return (r for r in RULES if kind in r.kinds)


def violations(record: BaseModel, ctx: RuleContext, *, cross_record: bool | None = None) -> list[Violation]:
    """Every violation of the rule book in one valid record (schema findings come before this).

    ``cross_record``: only the rules that read other records (True), only those that do not
    (False), or all of them (None, what a verb runs).
    """
    kind = str(getattr(record, "kind", ""))
    found: list[Violation] = []
    for r in rules_for(kind):
        if r.needs_policy and ctx.policy is None:
            continue
        if cross_record is not None and r.cross_record != cross_record:
            continue
        found.extend(r.check(record, ctx))
    return found


def added_violations(before: BaseModel | None, after: BaseModel, ctx: RuleContext) -> list[Violation]:
    """The violations ``after`` has that ``before`` had not: what an action would add.

    A verb is refused only for what it would break, so a ticket with an old finding can
    still be worked (and fixed) by the verbs.
    """
    old = {v.key() for v in violations(before, ctx)} if before is not None else set()
    return [v for v in violations(after, ctx) if v.key() not in old and v.severity == "error"]
