"""Readable ids that never collide across branches, without a shared counter.

A ticket id is ``PREFIX-YYMM-XXXXX``: the kind's prefix from the policy, the year and
month it was opened (which also places the file), and five random Crockford base32
characters from ``secrets``.  That is 32**5 = 33.5 million ids per prefix and month; a
new id is checked against the files already present, so only tickets opened at the same
time on different branches can meet: with a thousand such tickets in one month the chance
that any two share an id is about 1.5 % (n**2 / 2N), and ``validate`` reports the
duplicate when the branches merge.  Event ids are ``E`` + six
random characters, unique within their ticket.

Ids name files, and a checkout on macOS or Windows sees ``CI-SRV-01.yaml`` and
``ci-srv-01.yaml`` (or a name in NFC and the same in NFD) as one file: ``folded`` is the
name as such a file system compares it, and two ids or paths that fold alike are one.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Callable, Container
from datetime import datetime

from itsmctl.errors import StoreError
from itsmctl.models.base import CROCKFORD

TICKET_RANDOM_CHARS = 5
EVENT_RANDOM_CHARS = 6
MAX_ATTEMPTS = 50
"""Tries before giving up; reaching it means the random source or the month is broken."""


def folded(name: str) -> str:
    """``name`` as a case- and normalisation-insensitive file system compares it (NFD, case folded)."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name).casefold())


def random_base32(length: int) -> str:
    """``length`` characters of Crockford base32 from the operating system's CSPRNG."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(length))


def derived_base32(key: str, length: int) -> str:
    """``length`` Crockford base32 characters drawn from the SHA-256 of ``key``: the same key, the same characters.

    For imports: a ticket brought from another tool gets the id its source number derives,
    so importing the same export twice finds the same file instead of drawing a new id.
    """
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(length):
        chars.append(CROCKFORD[number & 31])
        number >>= 5
    return "".join(chars)


def derived_ticket_id(prefix: str, when: datetime, key: str, attempt: int = 0) -> str:
    """The id like ``INC-1602-7KQ3P`` that ``key`` (the source system and number) derives, for a
    ticket opened at ``when``; ``attempt`` draws the next candidate when one is taken by another ticket."""
    return f"{prefix}-{when:%y%m}-" + derived_base32(f"{key}#{attempt}", TICKET_RANDOM_CHARS)


def derived_event_id(key: str, taken: Container[str] = ()) -> str:
    """The event id ``key`` derives (``E`` + six characters), another one derived from it if taken."""
    for attempt in range(MAX_ATTEMPTS):
        candidate = "E" + derived_base32(f"{key}#{attempt}", EVENT_RANDOM_CHARS)
        if candidate not in taken:
            return candidate
    raise StoreError(f"could not derive a free event id for {key} after {MAX_ATTEMPTS} tries")  # pragma: no cover


def new_ticket_id(prefix: str, when: datetime, *, exists: Callable[[str], bool] = lambda _id: False) -> str:
    """A fresh id like ``INC-2611-7KQ3P`` for a ticket opened at ``when``.

    ``exists`` answers whether an id is already taken (a file at its path); a taken id
    is drawn again.
    """
    stem = f"{prefix}-{when:%y%m}-"
    for _ in range(MAX_ATTEMPTS):
        candidate = stem + random_base32(TICKET_RANDOM_CHARS)
        if not exists(candidate):
            return candidate
    raise StoreError(f"could not find a free id for {stem}* after {MAX_ATTEMPTS} tries")


def new_event_id(taken: Container[str] = ()) -> str:
    """A fresh event id like ``E7KQ3PZ``, not in ``taken`` (the ticket's event ids)."""
    for _ in range(MAX_ATTEMPTS):
        candidate = "E" + random_base32(EVENT_RANDOM_CHARS)
        if candidate not in taken:
            return candidate
    raise StoreError(f"could not find a free event id after {MAX_ATTEMPTS} tries")  # pragma: no cover


def new_numbered_id(stem: str, *, exists: Callable[[str], bool]) -> str:
    """The first of ``stem-01``, ``stem-02``, … not taken: a release's ``REL-2026-11-01``.

    For records few enough a month to be numbered by hand (releases), where a readable
    number matters more than never colliding: two branches numbering the same month write
    the same file, and git's merge stops on it instead of keeping both.
    """
    for n in range(1, 100):
        candidate = f"{stem}-{n:02d}"
        if not exists(candidate):
            return candidate
    raise StoreError(f"{stem}-01 to {stem}-99 are all taken; give the id")
