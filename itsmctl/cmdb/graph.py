"""Which CIs and relations ``ci graph`` draws: the whole CMDB, or one CI's neighbourhood.

The drawing (Mermaid) is a reporter's; this only picks nodes and edges, each edge as the CI
that lists it states it (``source type target``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from itsmctl.models import ConfigurationItem


@dataclass(frozen=True)
class Edge:
    source: str
    type: str
    target: str


@dataclass(frozen=True)
class Drawing:
    """The CIs to draw (in id order), the relations between them, and the CI it centres on."""

    cis: tuple[ConfigurationItem, ...]
    edges: tuple[Edge, ...]
    missing: tuple[str, ...]
    """Relation targets that are no CI of the store (drawn as bare ids)."""
    centre: str | None = None


def drawing(cis: Iterable[ConfigurationItem], centre: str | None = None, depth: int = 2) -> Drawing:
    """All of ``cis``, or those within ``depth`` relations of ``centre`` (either way along each)."""
    by_id = {ci.id: ci for ci in cis}
    edges = [Edge(ci.id, rel.type, rel.target) for ci in by_id.values() for rel in ci.relations]
    chosen: set[str]
    if centre is None:
        chosen = set(by_id) | {e.target for e in edges}
    else:
        near: dict[str, set[str]] = {}
        for e in edges:
            near.setdefault(e.source, set()).add(e.target)
            near.setdefault(e.target, set()).add(e.source)
        chosen = {centre}
        frontier = deque([(centre, 0)])
        while frontier:  # each CI enters once: cycles end
            ci_id, hops = frontier.popleft()
            if hops >= depth:
                continue
            for other in sorted(near.get(ci_id, ())):
                if other not in chosen:
                    chosen.add(other)
                    frontier.append((other, hops + 1))
    kept = sorted({(e.source, e.type, e.target) for e in edges if e.source in chosen and e.target in chosen})
    return Drawing(
        tuple(by_id[i] for i in sorted(chosen) if i in by_id),
        tuple(Edge(*e) for e in kept),
        tuple(sorted(i for i in chosen if i not in by_id)),
        centre,
    )


def select(
    cis: Sequence[ConfigurationItem],
    *,
    classes: Sequence[str] = (),
    statuses: Sequence[str] = (),
    owners: Sequence[str] = (),
    text: str | None = None,
) -> list[ConfigurationItem]:
    """The CIs ``ci list`` shows: each filter a set of allowed values (empty: any), ``text`` in id or name."""
    needle = text.casefold() if text else None
    return [
        ci
        for ci in sorted(cis, key=lambda c: c.id)
        if (not classes or ci.ci_class in classes)
        and (not statuses or ci.status in statuses)
        and (not owners or ci.owner in owners)
        and (needle is None or needle in ci.id.casefold() or needle in ci.name.casefold())
    ]
