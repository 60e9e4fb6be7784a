"""Whatever bytes a file holds, loading gives a record or findings, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itsmctl.checks import run_checks
from itsmctl.store import RecordBytes, load_record, load_snapshot
from tests.conftest import EXAMPLE_STORE

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"
ORIGINAL = (EXAMPLE_STORE / TICKET).read_bytes()
STORE_FILES = [
    RecordBytes(p.relative_to(EXAMPLE_STORE).as_posix(), p.as_posix(), p.read_bytes())
    for p in sorted(EXAMPLE_STORE.rglob("*.yaml"))
    if p.relative_to(EXAMPLE_STORE).as_posix() != TICKET
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(ORIGINAL)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        chunk = draw(
            st.one_of(
                st.binary(max_size=8),
                st.sampled_from(
                    [b":", b"- ", b"&a ", b"*a", b"!!python/object ", b"{", b"]", b"\t", b"\n  ", b"'", b"\xff"]
                ),
            )
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + len(chunk) + 1]
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_ticket_loads_or_reports(data: bytes) -> None:
    loaded = load_record(TICKET, TICKET, data)
    assert loaded.record is not None or loaded.findings
    for finding in loaded.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_cross_record_checks_survive_any_file(data: bytes) -> None:
    snapshot = load_snapshot([*STORE_FILES, RecordBytes(TICKET, TICKET, data)])
    run_checks(snapshot)  # must not raise, whatever the mutated file became


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    loaded = load_record("cmdb/X.yaml", "cmdb/X.yaml", data)
    assert loaded.record is not None or loaded.findings
