"""A writer killed in the middle of a write leaves the old record intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from itsmctl.fs import atomic_write
from tests.conftest import Cli

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"

KILLED_WRITER = """
import functools, sys, time
from datetime import datetime
from pathlib import Path

import itsmctl.tickets.edit as edit
from itsmctl import fs

def stop_before_rename(tmp):
    Path(sys.argv[2]).write_text(str(tmp), encoding="utf-8")  # tell the test where we are
    time.sleep(120)  # the test kills us here: new bytes on disk, rename not done

edit.atomic_write = functools.partial(fs.atomic_write, before_replace=stop_before_rename)
edit.apply_event(
    Path(sys.argv[1]), "INC-2610-7KQ3P", {"by": "wang.qiang", "type": "note", "note": "killed midway"}, {},
    now=datetime.fromisoformat("2026-10-10T09:00:00+08:00"),
)
"""


def _wait_for(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_text(encoding="utf-8")):
        if time.monotonic() > deadline:
            raise AssertionError("the writer never reached the rename")
        time.sleep(0.02)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_during_write_leaves_old_file_intact(cli: Cli, store: Path, tmp_path: Path) -> None:
    original = (store / TICKET).read_bytes()
    marker = tmp_path / "reached"
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(store), str(marker)])
    try:
        _wait_for(marker)
        temp = Path(marker.read_text(encoding="utf-8"))
        assert b"killed midway" in temp.read_bytes()  # the new version was fully written…
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert (store / TICKET).read_bytes() == original  # …but the record is the old one
    assert temp.name.startswith(".INC-2610-7KQ3P.yaml.tmp-")
    assert cli("validate", "--records", store).code == 0  # the hidden leftover is not a record


def test_atomic_write_replaces_keeps_mode_and_cleans_up_on_error(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "a.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640

    def boom(_tmp: Path) -> None:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(target, b"newer\n", before_replace=boom)
    assert target.read_bytes() == b"new\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml"]


def test_concurrent_edits_of_one_ticket_all_land(store: Path) -> None:
    """Eight writers, five notes each, at the same moment: forty notes, none lost."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    from itsmctl.tickets.edit import apply_event
    from itsmctl.yamlio import parse_document

    now = datetime.fromisoformat("2026-10-10T09:00:00+08:00")

    def writer(n: int) -> None:
        for i in range(5):
            apply_event(store, "INC-2610-7KQ3P", {"by": "wang.qiang", "type": "note", "note": f"w{n}-{i}"}, {}, now=now)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(writer, range(8)))
    events = parse_document((store / TICKET).read_bytes()).data["events"]
    notes = sorted(e["note"] for e in events if e["type"] == "note")
    assert notes == sorted(f"w{n}-{i}" for n in range(8) for i in range(5))
    assert len({e["id"] for e in events}) == len(events)
