"""Parsing in worker processes gives the same findings, in the same order, as parsing in one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from itsmctl.store.parsing import PARALLEL_MIN, parse_all
from tests.conftest import ROOT, SAMPLE_RECORDS


def _run(store: Path, workers: int, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ITSMCTL_WORKERS": str(workers),
        "ITSMCTL_CACHE_DIR": str(cache),
        "ITSMCTL_NOW": "2026-11-20T10:00:00+08:00",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "itsmctl", "validate", "--records", str(store), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_two_workers_find_what_one_finds(tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, store)
    tickets = sorted((store / "tickets").rglob("*.yaml"))
    assert len(list(store.rglob("*.yaml"))) >= PARALLEL_MIN  # enough misses that the worker pool is used
    # broken files spread through the store: syntax, schema, duplicate key, not UTF-8
    tickets[3].write_text("kind: incident\nid: [unclosed\n", "utf-8")
    tickets[100].write_bytes(tickets[100].read_bytes().replace(b"priority: P", b"priority: X", 1))
    tickets[160].write_bytes(tickets[160].read_bytes() + b"kind: again\n")
    tickets[-1].write_bytes(b"kind: incident\nid: \xff\xfe\n")
    one = _run(store, 1, tmp_path / "cache1")
    two = _run(store, 2, tmp_path / "cache2")
    assert one.returncode == two.returncode == 1, (one.stderr, two.stderr)
    assert one.stdout == two.stdout
    assert one.stdout.count('"file"') >= 4


PARSE_IN_ORDER = """
from itsmctl.store.parsing import PARALLEL_MIN, parse_all
datas = [f"kind: incident\\nid: INC-{n}\\nn: {n}\\n".encode() for n in range(PARALLEL_MIN + 50)]
datas[7] = b"a: [\\n"
parsed = parse_all(datas, workers=2)
assert [p.data["n"] if p.data else None for p in parsed] == [None if n == 7 else n for n in range(len(datas))]
assert parsed[7].error is not None
print("ok", len(parsed))
"""


def test_parse_all_keeps_the_order_of_its_input() -> None:
    # in a process of its own: a pytest-xdist worker runs threads, and the pool forks
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PARSE_IN_ORDER], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ok {PARALLEL_MIN + 50}"
    assert parse_all([b"a: 1\n"], workers=2)[0].data == {"a": 1}  # few files: no pool
