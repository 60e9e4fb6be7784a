"""``ci impact``: each relation in its direction, redundancy, depth limits, and cycles that end."""

from __future__ import annotations

from typing import Any

from itsmctl.cmdb.impact import RelationGraph, impact
from itsmctl.models import ConfigurationItem, Incident


def ci(ci_id: str, *rels: str, cls: str = "server", status: str = "in_use", **extra: Any) -> ConfigurationItem:
    """``ci("CI-A", "runs_on=CI-B")``: a CI with relations written TYPE=TARGET."""
    relations = [{"type": r.split("=")[0], "target": r.split("=")[1]} for r in rels]
    data = {"kind": "ci", "id": ci_id, "name": ci_id.lower(), "class": cls, "status": status, "relations": relations}
    return ConfigurationItem.model_validate({**data, **extra})


def states(*cis: ConfigurationItem, root: str, depth: int | None = None) -> dict[str, str]:
    result = impact(RelationGraph(cis), root, depth=depth)
    return {a.id: a.state for a in result.affected}


def test_a_chain_follows_each_relation_in_its_direction() -> None:
    cis = (
        ci("CI-BS", cls="business_service"),
        ci("CI-APP", "part_of=CI-BS", "depends_on=CI-DB", cls="application"),
        ci("CI-DB", "runs_on=CI-SRV", cls="database"),
        ci("CI-SRV"),
    )
    assert states(*cis, root="CI-SRV") == {"CI-DB": "down", "CI-APP": "down", "CI-BS": "down"}
    # upwards only: the service failing takes nothing down, the database takes its app
    assert states(*cis, root="CI-BS") == {}
    assert states(*cis, root="CI-DB") == {"CI-APP": "down", "CI-BS": "down"}
    result = impact(RelationGraph(cis), "CI-SRV")
    assert [(a.id, a.depth, a.relation, a.causes) for a in result.affected] == [
        ("CI-DB", 1, "runs_on", ("CI-SRV",)),
        ("CI-APP", 2, "depends_on", ("CI-DB",)),
        ("CI-BS", 3, "part_of", ("CI-APP",)),
    ]
    assert [a.id for a in result.services] == ["CI-BS"]


def test_redundancy_degrades_until_fewer_than_the_minimum_remain() -> None:
    cis = (
        ci("CI-APP", "runs_on=CI-A", "runs_on=CI-B", "runs_on=CI-C", redundancy={"runs_on": 2}),
        ci("CI-A", "runs_on=CI-SAN"),
        ci("CI-B", "runs_on=CI-SAN"),
        ci("CI-C"),
        ci("CI-SAN"),
    )
    result = impact(RelationGraph(cis), "CI-C")
    app = result.affected[0]
    assert (app.id, app.state, app.remaining, app.needed) == ("CI-APP", "degraded", 2, 2)
    # the SAN takes two of the three: fewer than two remain, the app is down
    assert states(*cis, root="CI-SAN") == {"CI-A": "down", "CI-B": "down", "CI-APP": "down"}


def test_without_redundancy_every_provider_is_needed_but_a_retired_one_is_already_gone() -> None:
    cis = (ci("CI-APP", "runs_on=CI-A", "runs_on=CI-B"), ci("CI-A"), ci("CI-B", status="retired"))
    assert states(*cis, root="CI-A") == {"CI-APP": "down"}
    spare = (ci("CI-APP", "runs_on=CI-A", "runs_on=CI-B", "runs_on=CI-C", redundancy={"runs_on": 1}), *cis[1:])
    spare += (ci("CI-C"),)
    # one of two live providers left (the retired one counts for nothing): degraded
    result = impact(RelationGraph(spare), "CI-A")
    assert [(a.state, a.remaining) for a in result.affected] == [("degraded", 1)]


def test_a_lost_backup_or_link_degrades_and_reaches_no_further() -> None:
    cis = (
        ci("CI-DB", "backed_by=CI-BAK", "connected_to=CI-SW", cls="database"),
        ci("CI-APP", "depends_on=CI-DB", cls="application"),
        ci("CI-BAK"),
        ci("CI-SW", cls="network_device"),
    )
    assert states(*cis, root="CI-BAK") == {"CI-DB": "degraded"}
    assert states(*cis, root="CI-SW") == {"CI-DB": "degraded"}  # the link works both ways
    assert states(*cis, root="CI-DB") == {"CI-APP": "down", "CI-SW": "degraded"}
    guarded = (ci("CI-DB", "backed_by=CI-BAK", cls="database", redundancy={"backed_by": 1}), *cis[1:])
    assert states(*guarded, root="CI-BAK") == {"CI-DB": "down", "CI-APP": "down"}


def test_cycles_end_and_the_failed_ci_is_never_its_own_victim() -> None:
    cis = (ci("CI-A", "depends_on=CI-C"), ci("CI-B", "depends_on=CI-A"), ci("CI-C", "depends_on=CI-B"))
    assert states(*cis, root="CI-A") == {"CI-B": "down", "CI-C": "down"}
    ring = [ci(f"CI-{i:04d}", f"runs_on=CI-{(i + 1) % 500:04d}", "connected_to=CI-0000") for i in range(500)]
    found = states(*ring, root="CI-0000")
    assert len(found) == 499 and set(found.values()) == {"down"}


def test_depth_limits_the_walk_and_says_so() -> None:
    chain = [ci(f"CI-{i}", f"depends_on=CI-{i + 1}") for i in range(6)] + [ci("CI-6")]
    assert sorted(states(*chain, root="CI-6", depth=2)) == ["CI-4", "CI-5"]
    cut = impact(RelationGraph(chain), "CI-6", depth=2)
    assert cut.cut_off and [a.depth for a in cut.affected] == [1, 2]
    whole = impact(RelationGraph(chain), "CI-6", depth=6)
    assert not whole.cut_off and len(whole.affected) == 6


def test_open_tickets_on_reached_cis_are_listed() -> None:
    cis = (ci("CI-APP", "runs_on=CI-SRV", cls="application"), ci("CI-SRV"), ci("CI-OTHER"))

    def ticket(tid: str, ci_id: str, closed: bool = False) -> Incident:
        events: list[dict[str, Any]] = [
            {"id": "E00001", "at": "2026-11-02T09:00:00+08:00", "by": "a", "type": "opened"}
        ]
        if closed:
            events.append({"id": "E00002", "at": "2026-11-02T10:00:00+08:00", "by": "a", "type": "closed"})
        return Incident.model_validate(
            {
                "kind": "incident",
                "id": tid,
                "title": "t",
                "service": "SVC",
                "cis": [ci_id],
                "priority": "P3",
                "status": "closed" if closed else "new",
                "events": events,
            }
        )

    tickets = [ticket("INC-2611-AAAAA", "CI-APP"), ticket("INC-2611-BBBBB", "CI-APP", True)]
    tickets.append(ticket("INC-2611-CCCCC", "CI-OTHER"))
    result = impact(RelationGraph(cis), "CI-SRV", tickets=tickets)
    assert [t.id for t in result.tickets] == ["INC-2611-AAAAA"]
