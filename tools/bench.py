"""Time the main commands on a synthetic store; prints figures, asserts nothing.

    python tools/bench.py --tickets 10000            # builds /tmp/itsmctl-bench-10000 once
    python tools/bench.py --store records --month 2026-10

Each command runs as a separate process (as cron or CI would run it), ``--repeat``
times; the table shows the best and the median wall time and the largest peak memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-20T15:00:00+08:00"


def commands(month: str) -> list[tuple[str, list[str]]]:
    return [
        ("validate", ["validate"]),
        ("summary", ["summary"]),
        ("sla status --open-only", ["sla", "status", "--open-only", "--format", "json"]),
        ("ticket list --format json", ["ticket", "list", "--format", "json"]),
        ("escalate --dry-run", ["escalate", "--dry-run", "--by", "zhao.li"]),
        (f"report monthly --month {month}", ["report", "monthly", "--month", month]),
    ]


def run(store: Path, args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, exit code and this child's own peak memory (KiB, from wait4)."""
    env = {**os.environ, "ITSMCTL_RECORDS": str(store), "ITSMCTL_NOW": NOW}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "itsmctl", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, child.returncode, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=10000)
    parser.add_argument("--store", type=Path, help="an existing store (default: build a synthetic one)")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = args.store
    if store is None:
        store = Path(f"/tmp/itsmctl-bench-{args.tickets}")
        if not store.exists():
            subprocess.run(
                [sys.executable, str(HERE / "synth_store.py"), "--tickets", str(args.tickets), "--out", str(store)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
    files = sum(1 for _ in store.rglob("*.yaml"))
    print(f"store {store}: {files} files; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'command':<32} {'best s':>8} {'median s':>9} {'exit':>5} {'peak MB':>8}")
    for name, argv in commands(args.month):
        times, codes, peak = [], set(), 0
        for _ in range(args.repeat):
            elapsed, code, rss = run(store, argv)
            times.append(elapsed)
            codes.add(code)
            peak = max(peak, rss)
        exits = ",".join(map(str, sorted(codes)))
        print(f"{name:<32} {min(times):>8.2f} {statistics.median(times):>9.2f} {exits:>5} {peak / 1024:>8.0f}")


if __name__ == "__main__":
    main()
