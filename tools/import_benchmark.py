"""Import the whole UCI ServiceNow log into a fresh store and say what it took.

    python tools/import_benchmark.py [--zip PATH] [--keep DIR]

Scaffolds a store (``itsmctl init --priority-preset itil --tacit-confirmation 5d``: ServiceNow's
impact x urgency, and its auto-close five days after the resolution), imports the log
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
    parser.add_argument("--tacit", default="5d", help="the policy's confirmation.tacit_after (default: 5d)")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="itsmctl-import-"))
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    os.environ.update(env)
    itsmctl = [sys.executable, "-m", "itsmctl"]
    init = [*itsmctl, "init", str(folder), "--name", "导入 import", "--at", "2016-01-01T00:00+08:00"]
    init += ["--priority-preset", "itil", "--tacit-confirmation", options.tacit]
    subprocess.run(init, check=True, capture_output=True)
    records = folder / "records"
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", "store"], cwd=folder, check=True)
    command = [*itsmctl, "import", "servicenow", str(options.zip.resolve()), "--records", str(records)]
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
