"""Where a record lives: the path is a function of its kind and id.

Tickets, surveys and performed operations are sharded by the year and month in their id, so a directory never
holds more than one month of them; everything else sits in one folder per kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from itsmctl.models import TICKET_KINDS

KIND_DIRS: dict[str, str] = {
    **{kind: "tickets" for kind in TICKET_KINDS},
    "survey": "surveys",
    "ci": "cmdb",
    "service": "services",
    "sla": "slas",
    "calendar": "calendars",
    "audit": "audits",
    "review": "reviews",
    "supplier_evaluation": "suppliers",
    "operation_plan": "operation_plans",
    "operation": "operations",
    "release": "releases",
}
SHARDED_KINDS = frozenset((*TICKET_KINDS, "survey", "operation"))
POLICY_PATH = PurePosixPath("policy.yaml")
RECORD_SUFFIX = ".yaml"
_MONTH = re.compile(r"^[A-Z]{2,6}-(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])-")


STORE_MARKERS = frozenset({str(POLICY_PATH), *KIND_DIRS.values()})
"""Names that only the top of a store holds: ``policy.yaml`` and the record folders."""
TOP_FOLDERS = frozenset({*KIND_DIRS.values(), "templates", "reports", "outbox"})
"""Folders a store's top may hold."""
_YEAR = re.compile(r"^20[0-9]{2}$")


def copy_inside(folder: str, names: Iterable[str]) -> str | None:
    """What the store-relative ``folder`` is a copy of, judging by its entry ``names``; None if records.

    A folder below the top holding ``policy.yaml`` or a record folder is a copy of (part
    of) a store — after ``cp -r records records/``, an editor's backup, a ``tmp/``
    checkout.  So is a top-level folder the layout does not know that is named after a
    record folder (``tickets.bak``, ``cmdb~``) or holds year folders like a ticket folder.
    """
    names = set(names)
    markers = sorted(names & STORE_MARKERS, key=lambda m: (m != str(POLICY_PATH), m != "tickets", m))
    if markers:
        shown = ", ".join(m if m.endswith(RECORD_SUFFIX) else m + "/" for m in markers[:3])
        what = "the store" if str(POLICY_PATH) in markers else "part of a store"
        return f"a copy of {what} (it holds {shown}{', …' if len(markers) > 3 else ''})"
    if "/" in folder or folder in TOP_FOLDERS:
        return None
    named = sorted(d for d in set(KIND_DIRS.values()) if d in folder.lower())
    if named:
        return f"a copy of {named[0]}/"
    if any(_YEAR.match(n) for n in names):
        return "a copy of tickets/ or surveys/ (it holds year folders)"
    return None


def nested_store_message(folder: str, copy_of: str, files: int) -> str:
    """The one finding for a copy of a store inside the store, instead of one per file in it."""
    return (
        f"this folder looks like {copy_of}; its {files} record file(s) were not checked. "
        f"Remove it or move it out of the records folder (e.g. rm -r {folder}); "
        "a store has one policy.yaml and one folder of each kind, at its top"
    )


def path_for(kind: str, record_id: str) -> PurePosixPath | None:
    """The store-relative path a record of ``kind`` with ``record_id`` must have.

    None when the id cannot place the record (a ticket id without its year-month);
    the schema reports that id on its own.
    """
    if kind == "policy":
        return POLICY_PATH
    folder = KIND_DIRS.get(kind)
    if folder is None:
        return None
    if kind in SHARDED_KINDS:
        match = _MONTH.match(record_id)
        if not match:
            return None
        return PurePosixPath(folder, f"20{match['yy']}", match["mm"], record_id + RECORD_SUFFIX)
    return PurePosixPath(folder, record_id + RECORD_SUFFIX)
