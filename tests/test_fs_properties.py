"""kill -9 at a random point of a write leaves the old or the new file, byte for byte:
never a mixture, a truncated or an empty file.

Writers run in subprocesses that write in a loop and are SIGKILLed after a random delay:
``fs.atomic_write`` alone (two versions of different sizes, alternately, with and without
a pause in its ``before_replace`` hook, so kills land in every step: writing the
temporary file, fsync, chmod, rename, folder fsync), and ``ticket note`` end to end.
The seed is printed on failure; ``ITSMCTL_KILL_SEED`` replays it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from itsmctl.store.loader import load_record
from itsmctl.yamlio import parse_document
from tests.conftest import EXAMPLE_STORE, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

KILLS = int(os.environ.get("ITSMCTL_KILLS", "24"))
TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"

LOOP_WRITER = """
import random, sys, time
from pathlib import Path
from itsmctl.fs import atomic_write

target, ready, pause = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[5])
versions = [Path(sys.argv[3]).read_bytes(), Path(sys.argv[4]).read_bytes()]
hook = (lambda tmp: time.sleep(random.random() * pause)) if pause else None
ready.write_text("writing", encoding="utf-8")
n = 0
while True:
    atomic_write(target, versions[n % 2], before_replace=hook)
    n += 1
"""

NOTE_WRITER = """
import sys
from datetime import datetime
from pathlib import Path
from itsmctl.tickets.edit import apply_event

store, ready = Path(sys.argv[1]), Path(sys.argv[2])
now = datetime.fromisoformat("2026-10-10T09:00:00+08:00")
ready.write_text("writing", encoding="utf-8")
n = 0
while True:
    apply_event(store, "INC-2610-7KQ3P", {"by": "wang.qiang", "type": "note", "note": f"n{n}"}, {}, now=now)
    n += 1
"""


def _seed() -> int:
    return int(os.environ.get("ITSMCTL_KILL_SEED") or random.SystemRandom().randrange(2**32))


def _kill_after(args: list[str], ready: Path, delay: float) -> None:
    ready.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", *args], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else writer.returncode
            assert time.monotonic() < deadline, "the writer never started"
            time.sleep(0.005)
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        if writer.stderr:
            writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL, "the writer stopped before it was killed"


@pytest.mark.parametrize("pause", [0.0, 0.002])
def test_a_killed_atomic_write_leaves_the_old_or_the_new_file(tmp_path: Path, pause: float) -> None:
    seed = _seed()
    rng = random.Random(seed)
    old, new = tmp_path / "old.bin", tmp_path / "new.bin"
    old.write_bytes(b"kind: note\n" + b"o" * 256 * 1024 + b"\n")
    new.write_bytes(b"kind: note\n" + b"n" * 384 * 1024 + b"\n")
    folder = tmp_path / "store"
    folder.mkdir()
    target = folder / "record.yaml"
    target.write_bytes(old.read_bytes())
    versions = {old.read_bytes(), new.read_bytes()}
    damaged = 0
    for _ in range(KILLS):
        delay = rng.uniform(0, 0.03)
        _kill_after([LOOP_WRITER, str(target), str(tmp_path / "ready"), str(old), str(new), str(pause)],
                    tmp_path / "ready", delay)  # fmt: skip
        damaged += target.read_bytes() not in versions
        leftovers = [p.name for p in folder.iterdir() if p != target]
        assert all(name.startswith(".record.yaml.tmp-") for name in leftovers), leftovers
    print(f"\natomic_write (pause {pause}): kills {KILLS}, files damaged {damaged}, seed {seed}")
    assert damaged == 0, f"seed {seed}"


def test_a_killed_ticket_note_leaves_a_valid_ticket_with_every_note_it_wrote(tmp_path: Path) -> None:
    seed = _seed()
    rng = random.Random(seed)
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    seen = len(parse_document((store / TICKET).read_bytes()).data["events"])
    kills = max(KILLS // 3, 4)
    damaged = 0
    for _ in range(kills):
        _kill_after([NOTE_WRITER, str(store), str(tmp_path / "ready")], tmp_path / "ready", rng.uniform(0, 0.4))
        data = (store / TICKET).read_bytes()
        loaded = load_record(TICKET, TICKET, data)
        if loaded.record is None or loaded.findings:
            damaged += 1
            continue
        events = parse_document(data).data["events"]
        assert len(events) >= seen  # nothing written before is ever lost
        seen = len(events)
    print(f"\nticket note: kills {kills}, files damaged {damaged}, events at the end {seen}, seed {seed}")
    assert damaged == 0, f"seed {seed}"
