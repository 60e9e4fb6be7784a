"""What fails when a CI fails: services, CIs and open tickets, following each relation in its direction.

A relation is read from the CI that lists it (``models.catalogue.RelationType``):

* ``A depends_on B``, ``A runs_on B``: B provides A, so B failing reaches A;
* ``A backed_by B`` (备份于): B keeps A's backup, so B failing leaves A unprotected (degraded);
* ``A part_of B``: A makes up B, so A failing reaches B;
* ``A connected_to B``: a link; either failing costs the other a link (degraded), no more.

A CI reached through a relation type is **down** when fewer of its providers of that type
remain than it needs (``redundancy: {runs_on: 1}``; without an entry, all of them, and none
for ``backed_by``: a CI runs on without its backup unless its entry says otherwise), and
**degraded** otherwise.  Providers already retired or disposed count as gone.  Only a down
CI reaches further.  Each CI goes down at most once, so the walk ends on any graph, cycles
included, in time linear in CIs and relations.  ``depth`` bounds the hops from the failed CI.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from itsmctl.models import ConfigurationItem, TicketBase
from itsmctl.models.eventlog import is_open

State = Literal["down", "degraded"]
PROVIDES = ("depends_on", "runs_on", "backed_by")
"""Relation types whose target provides the CI that lists them."""
PART_OF = "part_of"
BACKUP = "backed_by"
LINK = "connected_to"
GONE = ("retired", "disposed")
BUSINESS_SERVICE = "business_service"


class RelationGraph:
    """The CMDB's relations as impact edges (provider → dependent), built once per command."""

    def __init__(self, cis: Iterable[ConfigurationItem]) -> None:
        self.cis = {ci.id: ci for ci in cis}
        self.dependents: dict[str, list[tuple[str, str]]] = {}
        """For each CI, the CIs it provides and through which relation type."""
        self.links: dict[str, set[str]] = {}
        self.providers: dict[tuple[str, str], set[str]] = {}
        """For each (CI, relation type), the CIs that provide it that way."""
        self._live: dict[tuple[str, str], int] = {}
        for ci in self.cis.values():
            for rel in ci.relations:
                if rel.target == ci.id:
                    continue
                if rel.type == LINK:
                    self.links.setdefault(ci.id, set()).add(rel.target)
                    self.links.setdefault(rel.target, set()).add(ci.id)
                elif rel.type == PART_OF:
                    self._provide(ci.id, rel.target, PART_OF)
                else:
                    self._provide(rel.target, ci.id, rel.type)

    def _provide(self, provider: str, dependent: str, kind: str) -> None:
        providers = self.providers.setdefault((dependent, kind), set())
        if provider not in providers:
            providers.add(provider)
            self.dependents.setdefault(provider, []).append((dependent, kind))

    def live(self, ci_id: str, kind: str) -> int:
        """The providers of ``kind`` still in service (a retired or disposed one provides nothing)."""
        key = (ci_id, kind)
        if key not in self._live:
            self._live[key] = sum(1 for p in self.providers[key] if p not in self.cis or self.cis[p].status not in GONE)
        return self._live[key]

    def needed(self, ci_id: str, kind: str) -> int:
        """How many providers of ``kind`` the CI needs: its redundancy entry, else every live one
        (none for ``backed_by``: losing its backup leaves a CI degraded, not down)."""
        ci = self.cis.get(ci_id)
        wanted = ci.redundancy.get(kind) if ci is not None else None  # type: ignore[call-overload]
        if wanted is not None:
            return int(wanted)
        return 0 if kind == BACKUP else self.live(ci_id, kind)

    def name(self, ci_id: str) -> str:
        ci = self.cis.get(ci_id)
        return ci.name if ci is not None else ""

    def ci_class(self, ci_id: str) -> str:
        ci = self.cis.get(ci_id)
        return ci.ci_class if ci is not None else ""


@dataclass(frozen=True)
class Affected:
    """One CI the failure reaches: down or degraded, how many hops away, and why."""

    id: str
    state: State
    depth: int
    relation: str
    """The relation type through which it was reached (``connected_to`` for a lost link)."""
    causes: tuple[str, ...]
    """The failed CIs (its providers of that type, or the linked CI) that reached it."""
    remaining: int | None = None
    """Its providers of that type still up (None for a lost link)."""
    needed: int | None = None


@dataclass(frozen=True)
class Impact:
    """The answer of ``ci impact``: the failed CI, every CI reached, the services, the open tickets."""

    root: str
    affected: tuple[Affected, ...]
    services: tuple[Affected, ...]
    """The business services (``class: business_service``) among the CIs reached."""
    tickets: tuple[TicketBase, ...]
    """Open tickets naming the failed CI or one it reaches."""
    depth: int | None
    cut_off: bool
    """Whether the depth limit stopped the walk before it ended."""


def impact(
    graph: RelationGraph,
    root: str,
    *,
    depth: int | None = None,
    tickets: Sequence[TicketBase] = (),
    now: datetime | None = None,
) -> Impact:
    """Everything a failure of ``root`` reaches within ``depth`` hops (all of it without ``depth``)."""
    state: dict[str, State] = {root: "down"}
    hops: dict[str, int] = {root: 0}
    how: dict[str, str] = {}
    hits: dict[tuple[str, str], list[str]] = {}
    queue = deque([root])
    cut_off = False
    while queue:
        failed = queue.popleft()
        dependents = graph.dependents.get(failed, [])
        links = graph.links.get(failed, set())
        if depth is not None and hops[failed] >= depth:
            cut_off = (
                cut_off or any(state.get(d) != "down" for d, _ in dependents) or any(n not in state for n in links)
            )
            continue
        for dependent, kind in dependents:
            if state.get(dependent) == "down":
                continue
            down = hits.setdefault((dependent, kind), [])
            down.append(failed)
            if graph.live(dependent, kind) - len(down) < graph.needed(dependent, kind):
                state[dependent] = "down"
                hops[dependent] = hops[failed] + 1
                how[dependent] = kind
                queue.append(dependent)
            elif dependent not in state:
                state[dependent] = "degraded"
                hops[dependent] = hops[failed] + 1
                how[dependent] = kind
        for neighbour in sorted(n for n in links if n not in state):
            state[neighbour] = "degraded"
            hops[neighbour] = hops[failed] + 1
            how[neighbour] = LINK
            hits[(neighbour, LINK)] = [failed]
    affected = tuple(
        sorted(
            (_affected(graph, ci_id, state[ci_id], hops[ci_id], how[ci_id], hits) for ci_id in how),
            key=lambda a: (a.depth, a.state != "down", a.id),
        )
    )
    hit = set(state)
    open_tickets = tuple(
        sorted((t for t in tickets if hit.intersection(t.cis) and is_open(t, now)), key=lambda t: t.id)
    )
    services = tuple(a for a in affected if graph.ci_class(a.id) == BUSINESS_SERVICE)
    return Impact(root, affected, services, open_tickets, depth, cut_off)


def _affected(
    graph: RelationGraph, ci_id: str, state: State, depth: int, kind: str, hits: dict[tuple[str, str], list[str]]
) -> Affected:
    causes = tuple(hits[(ci_id, kind)])
    if kind == LINK:
        return Affected(ci_id, state, depth, kind, causes)
    remaining = graph.live(ci_id, kind) - len(causes)
    return Affected(ci_id, state, depth, kind, causes, remaining, graph.needed(ci_id, kind))
