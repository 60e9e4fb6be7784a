"""Import the whole UCI ServiceNow log into a fresh store and say what it took.

    python tools/import_benchmark.py [--zip PATH] [--keep DIR]

Scaffolds a store (``itsmctl init``) with the ``itil`` priority preset, imports the log
through the CLI under ``/usr/bin/time -v`` (time, peak memory), imports it again (it must
change nothing: ``git status`` clean), and prints the import's summary and the figures.
Outside the test suite: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "importers"))
UCI = Path("/work/shared/data/servicenow-uci/incident_event_log.zip")


def timed(args: list[str], cwd: Path) -> tuple[str, str, str]:
    """stdout of the command, its wall time and its peak memory (``/usr/bin/time -v``)."""
    done = subprocess.run(["/usr/bin/time", "-v", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return done.stdout, wall[1] if wall else "?", f"{int(peak[1]) // 1024} MB" if peak else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, default=UCI)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    options = parser.parse_args()
    from itil_store import itil_store

    folder = options.keep or Path(tempfile.mkdtemp(prefix="itsmctl-import-"))
    records = itil_store(folder)
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    os.environ.update(env)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", "store"], cwd=folder, check=True)
    command = [sys.executable, "-m", "itsmctl", "import", "servicenow", str(options.zip), "--records", str(records)]
    summary, wall, peak = timed(command, folder)
    print(summary)
    print(f"first import: {wall} wall, peak {peak}")
    _, wall, peak = timed(command, folder)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=folder, capture_output=True, text=True, check=True)
    changed = len(status.stdout.splitlines())
    print(f"re-import: {wall} wall, peak {peak}; files changed: {changed}")
    print(f"store: {folder}")


if __name__ == "__main__":
    main()
