"""``fs.read_regular``, the one reader of store files, and ``fs.locked``: never a link, never a block."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from itsmctl.fs import RefusedFile, locked, read_regular


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that blocks fails the test after 10 s instead of stalling the run."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def refusal(path: Path, **kwargs: object) -> str:
    with pytest.raises(RefusedFile) as caught:
        read_regular(path, **kwargs)  # type: ignore[arg-type]
    return caught.value.code


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"kind: ci\n")
    assert read_regular(tmp_path / "a.yaml", root=tmp_path) == b"kind: ci\n"


def test_special_files_and_links_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "folder.yaml").mkdir()
    assert refusal(tmp_path / "pipe.yaml") == "io"
    assert refusal(tmp_path / "zero.yaml") == "symlink"
    assert refusal(Path("/dev/zero")) == "io"
    assert refusal(tmp_path / "folder.yaml") == "io"
    assert refusal(tmp_path / "missing.yaml") == "missing"


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    assert refusal(tmp_path / "big.yaml", limit=100) == "size"
    assert read_regular(tmp_path / "big.yaml", limit=101) == b"x" * 101


def test_a_linked_folder_below_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.yaml").write_bytes(b"secret")
    store = tmp_path / "store"
    store.mkdir()
    (store / "cmdb").symlink_to(outside, target_is_directory=True)
    assert refusal(store / "cmdb" / "a.yaml", root=store) == "symlink"
    assert refusal(store / ".." / "outside" / "a.yaml", root=store) == "io"
    assert read_regular(store / "cmdb" / "a.yaml") == b"secret"  # without a root: only the file itself


def test_locking_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "t.yaml")
    with pytest.raises(RefusedFile), locked(tmp_path / "t.yaml"):
        pass
