#!/usr/bin/env python3
"""Time ``itsmctl ci impact`` on a generated CMDB of 10,000 CIs and print the figures.

    python tools/cmdb_bench.py [--cis 10000] [--keep DIR]

The graph is layered like a bank's: business services made of applications (``part_of``),
applications on two VMs each (``runs_on``, ``redundancy: {runs_on: 1}``) and depending on
databases and on each other (a few ``depends_on`` circles among them), databases on two
servers each, VMs on hosts, hosts on two SANs (``redundancy``) with a backup server
(``backed_by``), all linked to core switches (``connected_to``); workstations fill the rest.
Measured: loading the store, the impact walk alone (in process) from a SAN, a host and a
core switch, and the whole command (a fresh process) with and without the content cache.
Outside the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storegen import static


def ci_text(ci_id: str, name: str, cls: str, rels: list[tuple[str, str]], redundancy: str = "") -> str:
    lines = [f"kind: ci\nid: {ci_id}\nname: {name}\nclass: {cls}\nstatus: in_use\nowner: wang.qiang"]
    if rels:
        lines.append("relations:")
        lines += [f"  - {{type: {t}, target: {target}}}" for t, target in rels]
    if redundancy:
        lines.append(f"redundancy: {{{redundancy}}}")
    return "\n".join(lines) + "\n"


def build(folder: Path, total: int, seed: int = 7) -> dict[str, str]:
    """Write the store; returns a few roots worth failing."""
    rng = random.Random(seed)
    files: dict[str, str] = {"policy.yaml": static.policy_text()}
    switches = [f"CI-NET-{i:02d}" for i in range(4)]
    sans = ["CI-SAN-01", "CI-SAN-02"]
    hosts = [f"CI-HOST-{i:03d}" for i in range(100)]
    vms = [f"CI-VM-{i:04d}" for i in range(1000)]
    db_servers = [f"CI-DBS-{i:03d}" for i in range(200)]
    dbs = [f"CI-DB-{i:03d}" for i in range(300)]
    apps = [f"CI-APP-{i:03d}" for i in range(500)]
    services = [f"CI-BS-{i:02d}" for i in range(20)]

    def add(ci_id: str, name: str, cls: str, rels: list[tuple[str, str]], redundancy: str = "") -> None:
        files[f"cmdb/{ci_id}.yaml"] = ci_text(ci_id, name, cls, rels, redundancy)

    for s in switches:
        add(s, f"核心交换机 {s}", "network_device", [("connected_to", x) for x in switches if x > s])
    add("CI-BAK-01", "备份服务器", "server", [("connected_to", switches[0])])
    for s in sans:
        add(s, f"SAN 存储 {s}", "storage", [("connected_to", switches[1])])
    for h in hosts:
        add(h, f"宿主机 {h}", "server", [("runs_on", s) for s in sans] + [("backed_by", "CI-BAK-01"),
            ("connected_to", rng.choice(switches))], "runs_on: 1")  # fmt: skip
    for v in vms:
        add(v, f"虚拟机 {v}", "virtual_machine", [("runs_on", rng.choice(hosts))])
    for d in db_servers:
        add(d, f"数据库服务器 {d}", "server", [("runs_on", s) for s in sans] + [("connected_to", rng.choice(switches))])
    for d in dbs:
        pair = rng.sample(db_servers, 2)
        add(d, f"数据库 {d}", "database", [("runs_on", p) for p in pair] + [("backed_by", "CI-BAK-01")], "runs_on: 1")
    for i, a in enumerate(apps):
        rels = [("part_of", services[i % len(services)])] + [("runs_on", v) for v in rng.sample(vms, 2)]
        rels += [("depends_on", d) for d in rng.sample(dbs, rng.randint(1, 2))]
        if i % 10 == 0:  # a circle of three every thirty apps
            rels.append(("depends_on", apps[(i // 10 * 10 + 10) % len(apps)] if i % 30 else apps[i + 1]))
        add(a, f"应用 {a}", "application", rels, "runs_on: 1")
    for s in services:
        add(s, f"业务服务 {s}", "business_service", [])
    left = total - len(files) + 1
    for i in range(max(left, 0)):
        ws = f"CI-WS-{i:05d}"
        add(ws, f"终端 {ws}", "workstation", [("depends_on", rng.choice(apps)), ("connected_to", rng.choice(switches))])
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {"san": sans[0], "host": hosts[0], "switch": switches[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cis", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="itsmctl-cmdb-"))
    roots = build(folder, options.cis)

    from itsmctl.cmdb.impact import RelationGraph, impact
    from itsmctl.store.store import Store

    started = time.perf_counter()
    snapshot = Store.open(folder).snapshot()
    cis = snapshot.cis
    print(f"store: {folder}, {len(cis)} CIs, {sum(len(c.relations) for c in cis)} relations")
    print(f"load (in process, no cache): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    graph = RelationGraph(cis)
    print(f"relation graph built: {(time.perf_counter() - started) * 1000:.1f} ms")
    for what, root in roots.items():
        for depth in (None, 2):
            started = time.perf_counter()
            result = impact(graph, root, depth=depth)
            took = (time.perf_counter() - started) * 1000
            down = sum(1 for a in result.affected if a.state == "down")
            print(
                f"impact of {root} ({what}, depth {depth or 'all'}): {took:.1f} ms, "
                f"{down} down, {len(result.affected) - down} degraded, {len(result.services)} services"
            )
    env = {**os.environ, "ITSMCTL_CACHE": "off"}
    command = [
        sys.executable,
        "-m",
        "itsmctl",
        "ci",
        "impact",
        roots["san"],
        "--records",
        str(folder),
        "--format",
        "json",
    ]
    for label, extra in (("no cache", env), ("cold cache", dict(os.environ)), ("warm cache", dict(os.environ))):
        started = time.perf_counter()
        done = subprocess.run(command, env=extra, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(done.stderr)
        print(f"itsmctl ci impact {roots['san']} ({label}): {time.perf_counter() - started:.2f} s wall")


if __name__ == "__main__":
    main()
