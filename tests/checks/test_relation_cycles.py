"""CI relations of one direction may not run in a circle: one finding per circle, none for a chain."""

from __future__ import annotations

from itsmctl.checks.references import _relation_cycles
from itsmctl.store.loader import load_record
from itsmctl.store.snapshot import Snapshot


def _store(relations: dict[int, list[int]], kind: str = "runs_on") -> Snapshot:
    snapshot = Snapshot()
    for number, targets in relations.items():
        rels = "".join(f"\n  - {{type: {kind}, target: CI-{t:05d}}}" for t in targets) or " []"
        text = f"kind: ci\nid: CI-{number:05d}\nname: n{number}\nclass: server\nstatus: in_use\nrelations:{rels}\n"
        path = f"cmdb/CI-{number:05d}.yaml"
        snapshot.add(load_record(path, path, text.encode()))
    return snapshot


def test_a_circle_of_three_is_one_finding_naming_the_circle() -> None:
    found = list(_relation_cycles(_store({1: [2], 2: [3], 3: [1], 4: [5], 5: []})))
    assert [f.message for f in found] == [
        "runs_on relations run in a circle: CI-00001 -> CI-00002 -> CI-00003 -> CI-00001"
    ]
    assert found[0].file == "cmdb/CI-00003.yaml" and found[0].field == "relations[0].target"


def test_a_long_chain_and_a_diamond_are_no_circle() -> None:
    assert list(_relation_cycles(_store({i: [i + 1] for i in range(2000)} | {2000: []}))) == []
    assert list(_relation_cycles(_store({1: [2, 3], 2: [4], 3: [4], 4: []}))) == []
    # a diamond whose shared corner walks on: finished corners leave the walk's path
    assert list(_relation_cycles(_store({1: [2, 3], 2: [4], 3: [4], 4: [5], 5: []}))) == []


def test_connected_to_runs_both_ways_and_is_no_circle() -> None:
    assert list(_relation_cycles(_store({1: [2], 2: [1]}, kind="connected_to"))) == []
