"""Writing a performed operation: results parsed, the file rendered, loaded and checked, then written.

Like opening a ticket (``itsmctl.tickets.create``): a fresh id with the month of the
moment it was done (``OPR-2610-7KQ3P``), the record rendered in the house layout, loaded
back through ``load_record`` so the file on disk is one ``validate`` accepts, and one
atomic write.  The period defaults to the one of the plan's frequency that holds the day
it was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl import roundtrip
from itsmctl.errors import FieldError, FindingsError, NotFoundError, UsageError
from itsmctl.fs import atomic_write
from itsmctl.ids import folded, new_ticket_id
from itsmctl.models import OperationPlan
from itsmctl.models.labels import id_of
from itsmctl.ops.schedule import fits_plan, plan_period
from itsmctl.store.loader import load_record
from itsmctl.store.paths import KIND_DIRS, POLICY_PATH, path_for
from itsmctl.store.snapshot import Snapshot, load_snapshot
from itsmctl.store.source import FolderSource

OPERATION_PREFIX = "OPR"


@dataclass(frozen=True)
class ItemInput:
    """One ``--result ITEM=pass|fail[:value]`` and the ``--note ITEM=…``/``--incident ITEM=…`` for it."""

    item: str
    result: str
    value: str | None = None
    note: str | None = None
    incident: str | None = None


def parse_result(text: str) -> ItemInput:
    """``disk=pass``, ``disk=fail:93%`` or ``disk=异常:93%`` to an ``ItemInput``."""
    item, sep, rest = text.partition("=")
    verdict, _, value = rest.partition(":")
    verdict = id_of("check_result", verdict.strip()) or ""
    if not sep or not item.strip() or verdict not in ("pass", "fail"):
        raise FieldError("result", f"--result {text!r}: write ITEM=pass or ITEM=fail, with :VALUE if measured")
    return ItemInput(item.strip(), verdict, value.strip() or None)


@dataclass(frozen=True)
class Recorded:
    operation_id: str
    path: Path
    period: str
    failed: tuple[str, ...]


def reference_snapshot(root: Path) -> Snapshot:
    """Only what recording an operation reads: the policy, the plans and the calendars (never
    the tickets: recording costs the same in a store of ten tickets or 100,000)."""
    only = [str(POLICY_PATH), KIND_DIRS["operation_plan"], KIND_DIRS["calendar"]]
    return load_snapshot(FolderSource(root).walk(only=only))


@dataclass(frozen=True)
class PreparedOperation:
    """A performed operation checked and ready to write: its id, path and record (no file yet)."""

    root: Path
    plan: OperationPlan
    operation_id: str
    rel: PurePosixPath
    record: dict[str, Any]
    failed: tuple[str, ...]

    @property
    def period(self) -> str:
        return str(self.record["period"])

    def check(self, incidents: dict[str, str] | None = None) -> bytes:
        """The file's bytes with ``incidents`` (item → incident id) linked; FindingsError if it
        would not load cleanly."""
        record = dict(self.record)
        if incidents:
            record["results"] = [
                {**r, "incident": incidents[r["item"]]} if r["item"] in incidents else r for r in record["results"]
            ]
        data = roundtrip.render(record, flow_keys=frozenset())
        loaded = load_record(str(self.rel), str(self.root / self.rel), data)
        if loaded.findings:
            shown = "; ".join(f"{f.field + ': ' if f.field else ''}{f.message}" for f in loaded.findings[:3])
            raise FindingsError(f"{shown} — the operation was not written")
        return data

    def write(self, incidents: dict[str, str] | None = None) -> Recorded:
        """One atomic write of the file."""
        path = self.root / self.rel
        atomic_write(path, self.check(incidents), root=self.root)
        return Recorded(self.operation_id, path, self.period, self.failed)


def prepare_operation(
    root: Path,
    snapshot: Snapshot,
    plan_id: str,
    results: list[ItemInput],
    *,
    actor: str,
    now: datetime,
    period: str | None = None,
    findings: list[str] | None = None,
) -> PreparedOperation:
    """Check one performance of ``plan_id`` and give it an id; nothing is written."""
    plan = next((p for p in snapshot.of_kind(OperationPlan, "operation_plan") if p.id == plan_id), None)
    if plan is None:
        raise NotFoundError(f"no operation plan {plan_id} in the store")
    calendar = next((c for c in snapshot.calendars if c.id == plan.calendar), None)
    zone = ZoneInfo(calendar.timezone) if calendar is not None else now.tzinfo
    local = now.astimezone(zone)
    key = period or plan_period(plan, local.date())
    if key is None or not fits_plan(plan, key):
        said = f"a day its cron {plan.cron!r} names" if plan.cron else f"a {plan.frequency} period"
        raise FieldError("period", f"{key or local.date().isoformat()!r} is not {said} of {plan.id}")
    known = [item.id for item in plan.checklist]
    seen = [r.item for r in results]
    unknown = [i for i in seen if i not in known]
    if unknown:
        raise FieldError("result", f"{', '.join(unknown)}: not on {plan.id}'s checklist ({', '.join(known)})")
    twice = sorted({i for i in seen if seen.count(i) > 1})
    if twice:
        raise FieldError("result", f"{', '.join(twice)}: given more than once")
    if not results:
        raise UsageError(f"give at least one --result ITEM=pass|fail; {plan.id}'s items: {', '.join(known)}")

    def exists(candidate: str) -> bool:
        rel = path_for("operation", candidate)
        path = root / rel if rel is not None else root / candidate
        names = {folded(p.name) for p in path.parent.iterdir()} if path.parent.is_dir() else set()
        return path.exists() or folded(path.name) in names

    op_id = new_ticket_id(OPERATION_PREFIX, local, exists=exists)
    record: dict[str, Any] = {
        "kind": "operation",
        "id": op_id,
        "plan": plan.id,
        "period": key,
        "by": actor,
        "at": local.isoformat(timespec="seconds"),
        "results": [_result(r) for r in results],
    }
    if findings:
        record["findings"] = list(findings)
    rel = path_for("operation", op_id)
    assert rel is not None
    prepared = PreparedOperation(root, plan, op_id, rel, record, tuple(r.item for r in results if r.result == "fail"))
    prepared.check()
    return prepared


def _result(given: ItemInput) -> dict[str, Any]:
    out: dict[str, Any] = {"item": given.item, "result": given.result}
    for name in ("value", "note", "incident"):
        value = getattr(given, name)
        if value is not None:
            out[name] = value
    return out
