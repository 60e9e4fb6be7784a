"""The scale benchmark: itsmctl on a generated store of N realistic records, beside the floors
(stat and read every file) and check-jsonschema on the same files.  Prints figures, asserts
nothing; not part of the test run.

    python tools/benchmark.py                       # 100,000 tickets, 3 runs each
    python tools/benchmark.py --tickets 10000 --runs 5
    python tools/benchmark.py --jsonschema-files 5000   # check-jsonschema on a sample, scaled

Every figure is a whole process, as CI or cron runs it: the median wall time over ``--runs``
runs and the largest peak memory (the process and the workers it waited for).  "cold" runs
start from an empty content cache; "warm" ones after a run on the same files.  The table is
markdown, for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOW = "2026-11-20T15:00:00+08:00"
KIND = re.compile(rb"^kind:\s*([a-z_]+)", re.MULTILINE)

STAT_FLOOR = """
import os, sys
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        os.lstat(os.path.join(folder, name)); n += 1
print(n)
"""
READ_FLOOR = """
import os, sys
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(folder, name), "rb") as f:
            n += len(f.read())
print(n)
"""


class Figure:
    def __init__(self, name: str) -> None:
        self.name = name
        self.times: list[float] = []
        self.peak_kib = 0
        self.exits: set[int] = set()
        self.note = ""
        self.failure = ""
        """What a run that crashed said (a traceback, or an exit status above 1): its figure is void."""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def run(argv: list[str], env: dict[str, str], figure: Figure, before: Callable[[], None] | None = None) -> None:
    if before is not None:
        before()
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        figure.times.append(time.perf_counter() - start)
        code = os.waitstatus_to_exitcode(status)
        figure.exits.add(code)
        figure.peak_kib = max(figure.peak_kib, usage.ru_maxrss)
        errors.seek(0)
        said = errors.read()
    if code > 1 or b"Traceback" in said:
        figure.failure = said.decode("utf-8", "replace").strip().splitlines()[-1] if said.strip() else f"exit {code}"


def itsmctl(*args: str) -> list[str]:
    return [sys.executable, "-m", "itsmctl", *args]


def build_store(tickets: int, out: Path) -> None:
    if (out / "policy.yaml").exists():
        return
    print(f"generating {tickets} tickets in {out} …", file=sys.stderr)
    subprocess.run(
        [sys.executable, str(HERE / "synth_store.py"), "--tickets", str(tickets), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def age(store: Path) -> None:
    """Files look written a minute ago, as in a checkout (the stat index skips files written moments ago)."""
    then = time.time() - 60
    for folder, _, files in os.walk(store):
        for name in files:
            os.utime(os.path.join(folder, name), (then, then))
    time.sleep(2.1)  # ctime moved with utime: let it fall outside the racy window


def files_by_kind(store: Path) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(store.rglob("*.yaml")):
        match = KIND.search(path.read_bytes()[:4096])
        if match:
            found[match.group(1).decode()].append(path)
    return found


def jsonschema_command(store: Path, sample: int | None) -> tuple[list[list[str]], int, int]:
    """check-jsonschema invocations (one per kind and batch of files), files checked, files in all."""
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    by_kind = files_by_kind(store)
    total = sum(len(v) for v in by_kind.values())
    rng = random.Random(1)
    commands, checked = [], 0
    for kind, paths in sorted(by_kind.items()):
        chosen = paths
        if sample is not None and sample < total:
            share = max(1, round(len(paths) * sample / total))
            chosen = sorted(rng.sample(paths, min(share, len(paths))))
        checked += len(chosen)
        schema = ROOT / "schemas" / f"{kind}.schema.json"
        for i in range(0, len(chosen), 2000):
            commands.append([exe, "--schemafile", str(schema), *map(str, chosen[i : i + 2000])])
    return commands, checked, total


def run_all(commands: list[list[str]], env: dict[str, str], figure: Figure) -> None:
    """Several processes one after another, timed as one figure."""
    start = time.perf_counter()
    peak = 0
    for argv in commands:
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        figure.exits.add(os.waitstatus_to_exitcode(status))
        peak = max(peak, usage.ru_maxrss)
    figure.times.append(time.perf_counter() - start)
    figure.peak_kib = max(figure.peak_kib, peak)


def touch_files(store: Path, count: int, seed: int) -> list[tuple[Path, bytes]]:
    """Change ``count`` ticket files (a comment line added); returns what to restore."""
    tickets = sorted((store / "tickets").rglob("*.yaml"))
    chosen = random.Random(seed).sample(tickets, min(count, len(tickets)))
    saved = [(p, p.read_bytes()) for p in chosen]
    for path, data in saved:
        path.write_bytes(data + f"# changed {seed}\n".encode())
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="where the generated store is kept (default: /tmp)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument(
        "--jsonschema-files", type=int, help="run check-jsonschema on this many files and scale (default: all)"
    )
    parser.add_argument("--skip-jsonschema", action="store_true")
    args = parser.parse_args()
    store = args.store or Path(tempfile.gettempdir()) / f"itsmctl-benchmark-{args.tickets}"
    build_store(args.tickets, store)
    age(store)
    files = sum(1 for _ in store.rglob("*.yaml"))
    megabytes = sum(p.stat().st_size for p in store.rglob("*.yaml")) / 1e6
    cache = Path(tempfile.mkdtemp(prefix="itsmctl-benchmark-cache-"))
    env = {**os.environ, "ITSMCTL_RECORDS": str(store), "ITSMCTL_NOW": NOW, "ITSMCTL_CACHE_DIR": str(cache)}
    env.pop("ITSMCTL_WORKERS", None)
    env["PYTHONPATH"] = str(ROOT)

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    ticket_id = next(iter(sorted((store / "tickets").rglob("INC-*.yaml")))).stem
    figures: dict[str, Figure] = {}

    def figure(key: str, name: str) -> Figure:
        figures[key] = Figure(name)
        return figures[key]

    for _ in range(args.runs):
        run(
            [sys.executable, "-c", STAT_FLOOR, str(store)],
            env,
            figures.get("stat") or figure("stat", "stat every file"),
        )
        run(
            [sys.executable, "-c", READ_FLOOR, str(store)],
            env,
            figures.get("read") or figure("read", "read every file"),
        )
    cold = figure("cold", "`validate`, cold (empty cache)")
    cold1 = figure("cold1", "`validate`, cold, one process (`ITSMCTL_WORKERS=1`)")
    for _ in range(args.runs):
        run(itsmctl("validate"), env, cold, before=clear)
        run(itsmctl("validate"), {**env, "ITSMCTL_WORKERS": "1"}, cold1, before=clear)
    run(itsmctl("validate"), env, Figure("prime"))
    warm = figure("warm", "`validate`, warm (nothing changed)")
    for _ in range(args.runs):
        run(itsmctl("validate"), env, warm)
    switched = figure("switch", "`validate`, warm, after 100 files switched away and back")
    changed = figure("changed", "`validate`, warm, 10 files changed")
    for n in range(args.runs):
        saved = touch_files(store, 100, seed=100 + n)
        run(itsmctl("validate"), env, Figure("other branch"))
        for path, data in saved:
            path.write_bytes(data)
        run(itsmctl("validate"), env, switched)
        saved = touch_files(store, 10, seed=200 + n)
        run(itsmctl("validate"), env, changed)
        for path, data in saved:
            path.write_bytes(data)
        run(itsmctl("validate"), env, Figure("restore"))
    for key, name, argv in [
        ("report", f"`report monthly --month {args.month}`, warm", itsmctl("report", "monthly", "--month", args.month)),
        ("sla", "`sla status --open-only`, warm", itsmctl("sla", "status", "--open-only", "--format", "json")),
        ("escalate", "`escalate --dry-run`, warm", itsmctl("escalate", "--dry-run", "--by", "zhao.li")),
        ("show", f"`ticket show {ticket_id}`", itsmctl("ticket", "show", ticket_id)),
    ]:
        fig = figure(key, name)
        run(argv, env, Figure("prime"))
        for _ in range(args.runs):
            run(argv, env, fig)
    if not args.skip_jsonschema:
        commands, checked, total = jsonschema_command(store, args.jsonschema_files)
        fig = figure("jsonschema", "check-jsonschema against `schemas/`")
        runs = 1 if checked > 20_000 else args.runs
        for _ in range(runs):
            run_all(commands, env, fig)
        if checked < total:
            fig.times = [t * total / checked for t in fig.times]
            fig.note = f"measured on {checked} of {total} files, scaled"
        elif runs == 1:
            fig.note = "one run"
    shutil.rmtree(cache, ignore_errors=True)
    report(figures, files, megabytes, args)


def report(figures: dict[str, Figure], files: int, megabytes: float, args: argparse.Namespace) -> None:
    cpu = platform.processor() or platform.machine()
    print(
        f"\n{files:,} record files ({megabytes:.0f} MB, {args.tickets:,} tickets); Python {platform.python_version()} "
        f"on {platform.system()} {cpu}, {os.cpu_count()} cores; median of {args.runs} runs\n"
    )
    print("| what | median s | peak MB | exit |")
    print("|---|---:|---:|---|")
    failed = [fig for fig in figures.values() if fig.failure]
    for fig in figures.values():
        exits = ",".join(map(str, sorted(fig.exits)))
        note = f" ({fig.note})" if fig.note else ""
        note += f" **FAILED: {fig.failure}**" if fig.failure else ""
        print(f"| {fig.name}{note} | {fig.median:.2f} | {fig.peak_kib / 1024:.0f} | {exits} |")
    if failed:
        print(f"\n{len(failed)} command(s) failed: their figures and every ratio below are void")
    f = {k: v.median for k, v in figures.items()}
    print("\n| ratio | target | measured | met |")
    print("|---|---|---:|---|")

    def ratio(name: str, value: float, target: str, met: bool) -> None:
        print(f"| {name} | {target} | {value:.1f}x | {'yes' if met else 'no'} |")

    ratio("cold validate / read every file", f["cold"] / f["read"], "≤ 5x", f["cold"] <= 5 * f["read"])
    if "jsonschema" in f:
        ratio(
            "check-jsonschema / cold validate", f["jsonschema"] / f["cold"], "≥ 20x", f["jsonschema"] >= 20 * f["cold"]
        )
    for key in ("warm", "switch", "changed"):
        ratio(f"{figures[key].name} / stat every file", f[key] / f["stat"], "≤ 2x", f[key] <= 2 * f["stat"])
    for key in ("report", "sla", "escalate"):
        ratio(f"{figures[key].name} / warm validate", f[key] / f["warm"], "≤ 3x", f[key] <= 3 * f["warm"])
    worst = max(figures.values(), key=lambda fig: fig.peak_kib if fig.name.startswith("`") else 0)
    print(
        f"\nlargest peak memory of an itsmctl command: {worst.peak_kib / 1024:.0f} MB ({worst.name}); target < 1024 MB"
    )


if __name__ == "__main__":
    main()
