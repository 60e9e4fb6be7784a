"""Any mutation of a valid file is either still valid or reported as a finding with a place:
never an exception, never a hang (``load_record`` and the whole ``validate``).

Mutations: byte flips, line deletions and duplications, truncation, insertion of YAML
punctuation or of a random byte string at a random place, line endings swapped.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itsmctl.store.loader import load_record
from tests.conftest import EXAMPLE_STORE, SAMPLE_RECORDS, Cli

EXAMPLES = int(os.environ.get("ITSMCTL_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SECONDS = 20
"""Longest a single load or validate may take before it counts as a hang."""

SOURCES = sorted(
    [p for p in EXAMPLE_STORE.rglob("*.yaml")]
    + [next((SAMPLE_RECORDS / kind).rglob("*.yaml")) for kind in ("tickets", "cmdb", "slas", "calendars", "services")]
    + [SAMPLE_RECORDS / "policy.yaml"]
)
PUNCTUATION = [b":", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!", b"!!str ", b"|", b">", b"'", b'"',
               b"#", b"%", b"@", b"`", b"? ", b"---\n", b"...\n", b"\t", b"\r", b"\n", b"\xef\xbb\xbf", b"\x00",
               b"\xff", b"\xc3", b"~", b"<<: *a\n", b"9" * 50, b"0x", b".inf", b"\\u"]  # fmt: skip
counts = {"examples": 0, "still valid": 0, "findings": 0}


@contextmanager
def no_hang(seconds: int = SECONDS) -> Iterator[None]:
    if sys.platform == "win32":  # pragma: no cover
        yield
        return

    def stop(*_: object) -> None:
        raise AssertionError(f"took longer than {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        size = len(data)
        at = draw(st.integers(0, max(size - 1, 0)))
        lines = data.split(b"\n")
        line = draw(st.integers(0, len(lines) - 1))
        choice = draw(st.integers(0, 7))
        if choice == 0 and size:  # flip bits of one byte
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif choice == 1:  # delete a line
            data = b"\n".join(lines[:line] + lines[line + 1 :])
        elif choice == 2:  # duplicate a line
            data = b"\n".join(lines[: line + 1] + lines[line:])
        elif choice == 3:  # truncate
            data = data[:at]
        elif choice == 4:  # insert punctuation
            data = data[:at] + draw(st.sampled_from(PUNCTUATION)) + data[at:]
        elif choice == 5:  # insert random bytes
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif choice == 6:  # swap line endings
            data = data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n", b"\x85", "\u2028".encode()])))
        else:  # re-indent a line
            lines[line] = draw(st.sampled_from([b"", b" ", b"  ", b"\t"])) + lines[line].lstrip()
            data = b"\n".join(lines)
    return data


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(SOURCES))
    root = EXAMPLE_STORE if source.is_relative_to(EXAMPLE_STORE) else SAMPLE_RECORDS
    return str(source.relative_to(root)), draw(mutations(source.read_bytes()))


@settings(PROPERTY, max_examples=EXAMPLES * 5)
@given(mutated_files())
def test_a_mutated_file_loads_as_a_record_or_as_findings(mutated: tuple[str, bytes]) -> None:
    rel, data = mutated
    with no_hang():
        loaded = load_record(rel, rel, data)
    counts["examples"] += 1
    errors = [f for f in loaded.findings if f.severity == "error"]
    if errors:
        counts["findings"] += 1
        assert all(f.line >= 1 and f.column >= 1 and f.file == rel and f.message for f in errors)
    else:
        counts["still valid"] += 1
        assert loaded.record is not None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM")
@settings(PROPERTY, max_examples=max(EXAMPLES // 3, 5))
@given(mutated=st.sampled_from(sorted(EXAMPLE_STORE.rglob("*.yaml"))).flatmap(
    lambda p: mutations(p.read_bytes()).map(lambda d: (p, d))))  # fmt: skip
def test_validate_reports_a_mutated_file_and_still_checks_the_others(
    cli: Cli, tmp_path_factory: pytest.TempPathFactory, mutated: tuple[Path, bytes]
) -> None:
    source, data = mutated
    store = tmp_path_factory.mktemp("store") / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    rel = source.relative_to(EXAMPLE_STORE)
    (store / rel).write_bytes(data)
    with no_hang():
        result = cli("validate", "--records", store, "--format", "json")
    assert result.code in (0, 1), result
    assert "Traceback" not in result.stderr
    findings = json.loads(result.stdout)
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in findings)
    if result.code == 1:
        assert findings and all(f["file"] for f in findings)
    # every file was read: the store's files are all counted, whatever one of them says
    assert f"checked {sum(1 for _ in store.rglob('*.yaml'))} files" in result.stderr, result


def test_the_mutations_were_tried() -> None:
    """Runs after the property above in file order; says how many mutations it tried."""
    if counts["examples"]:
        print(f"\nmutations tried: {counts}")  # shown with -s
        assert counts["findings"] > 0
