"""The verification view (``ci verify``): what the twice-yearly asset check has to look at.

CIs in service not verified within the policy's interval (``cmdb.verify_days``), warranties
and licences running out within N days (``cmdb.expiry_days`` unless asked) or already out,
and CIs in service that no ticket or change has ever named: each either idle or missing
from the records that should name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from itsmctl.models import ConfigurationItem, TicketBase
from itsmctl.models.policy import CmdbPolicy

IN_USE = ("in_use", "changed")
"""A CI in service; ``ordered``/``received``/``testing`` are not yet, ``retired``/``disposed`` no more."""
GONE = ("retired", "disposed")


@dataclass(frozen=True)
class Unverified:
    ci: ConfigurationItem
    days: int | None
    """Days since it was last verified; None when it never was."""


@dataclass(frozen=True)
class Expiring:
    ci: ConfigurationItem
    what: str
    """``warranty`` or ``licence``."""
    until: date
    days: int
    """Days left; negative once it has run out."""


@dataclass(frozen=True)
class Verification:
    today: date
    verify_days: int
    within_days: int
    unverified: tuple[Unverified, ...]
    expiring: tuple[Expiring, ...]
    untouched: tuple[ConfigurationItem, ...]

    @property
    def clean(self) -> bool:
        return not (self.unverified or self.expiring or self.untouched)


def touched(tickets: Sequence[TicketBase]) -> set[str]:
    """CI ids some ticket names: in ``cis`` or a ``linked`` event's ``ref``."""
    named: set[str] = set()
    for t in tickets:
        named.update(t.cis)
        for event in t.events:
            if event.type == "linked":
                named.add(event.ref)
    return named


def verification(
    cis: Sequence[ConfigurationItem],
    tickets: Sequence[TicketBase],
    today: date,
    policy: CmdbPolicy,
    *,
    within_days: int | None = None,
) -> Verification:
    """The verification view of ``cis`` on ``today``; ``within_days`` overrides the policy's notice."""
    horizon = policy.expiry_days if within_days is None else within_days
    every = timedelta(days=policy.verify_days)
    unverified: list[Unverified] = []
    expiring: list[Expiring] = []
    untouched: list[ConfigurationItem] = []
    named = touched(tickets)
    for ci in sorted(cis, key=lambda c: c.id):
        if ci.status in IN_USE and (ci.last_verified is None or ci.last_verified + every < today):
            days = (today - ci.last_verified).days if ci.last_verified else None
            unverified.append(Unverified(ci, days))
        if ci.status not in GONE:
            for what, until in (("warranty", ci.warranty_until), ("licence", ci.licence_until)):
                if until is not None and (until - today).days <= horizon:
                    expiring.append(Expiring(ci, what, until, (until - today).days))
        if ci.status in IN_USE and ci.id not in named and not ci.changes:
            untouched.append(ci)
    unverified.sort(key=lambda u: (u.days is not None, -(u.days or 0), u.ci.id))
    expiring.sort(key=lambda e: (e.until, e.ci.id, e.what))
    return Verification(today, policy.verify_days, horizon, tuple(unverified), tuple(expiring), tuple(untouched))
