"""The knowledge base (知识库): known errors, workarounds and resolutions found by their words.

A search is over what people wrote down to solve things again: a problem's root cause and
workaround (已知错误 when ``known_error: true``), and every ticket's resolution texts.
Chinese is not split into words by spaces, so matching is by substring, after NFKC
folding (full-width ``ＤＢ２`` finds ``DB2``) and case folding; the spaces a person types
separate terms that must all be found in one record.  Known errors come first, then
problems, then the most recent tickets.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from itsmctl.models import Problem, TicketBase
from itsmctl.store.snapshot import Snapshot

EXCERPT = 60
"""Characters of context shown around the first match."""


@dataclass(frozen=True)
class KnowledgeHit:
    """One record that holds every term: where the first one was found, and around it."""

    id: str
    kind: str
    title: str
    status: str
    known_error: bool
    field: str
    excerpt: str
    opened: str


def folded(text: str) -> str:
    """What matching compares: NFKC (full-width to half-width, compatibility forms) and casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def terms_of(query: str) -> list[str]:
    """The terms of a query: separated by the spaces typed (full-width spaces too), never split further."""
    return [t for t in folded(query).split() if t]


def _texts(ticket: TicketBase) -> Iterator[tuple[str, str]]:
    """(field, text) pairs a search looks in, the most telling first."""
    if isinstance(ticket, Problem):
        for name in ("workaround", "root_cause"):
            value = getattr(ticket, name)
            if value:
                yield name, str(value)
    for event in ticket.events:
        resolution = getattr(event, "resolution", None)
        if event.type == "resolved" and resolution:
            yield "resolution", str(resolution)
    yield "title", ticket.title
    if ticket.description:
        yield "description", str(ticket.description)


def _excerpt(text: str, term: str) -> str:
    flat = " ".join(text.split())
    at = folded(flat).find(term)
    start = max(at - EXCERPT // 3, 0) if at >= 0 else 0
    piece = flat[start : start + EXCERPT]
    return ("…" if start else "") + piece + ("…" if start + EXCERPT < len(flat) else "")


def search(snapshot: Snapshot, query: str, *, known_errors_only: bool = False) -> list[KnowledgeHit]:
    """Every ticket whose searched texts hold all terms of ``query``, best first."""
    terms = terms_of(query)
    if not terms:
        return []
    hits: list[KnowledgeHit] = []
    for ticket in snapshot.tickets:
        known = isinstance(ticket, Problem) and ticket.known_error
        if known_errors_only and not known:
            continue
        texts = list(_texts(ticket))
        whole = "\n".join(folded(text) for _, text in texts)
        if not all(term in whole for term in terms):
            continue
        field, text = next(((f, t) for f, t in texts if terms[0] in folded(t)), texts[0])
        hits.append(
            KnowledgeHit(
                id=ticket.id,
                kind=str(getattr(ticket, "kind", "")),
                title=ticket.title,
                status=ticket.status,
                known_error=known,
                field=field,
                excerpt=_excerpt(text, terms[0]),
                opened=ticket.opened_at.isoformat(),
            )
        )
    hits.sort(key=lambda h: h.opened, reverse=True)
    hits.sort(key=lambda h: (not h.known_error, h.kind != "problem"))
    return hits
