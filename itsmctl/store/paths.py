"""Where a record lives: the path is a function of its kind and id.

Tickets and surveys are sharded by the year and month in their id, so a directory never
holds more than one month of them; everything else sits in one folder per kind.
"""

from __future__ import annotations

import re
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
}
SHARDED_KINDS = frozenset((*TICKET_KINDS, "survey"))
POLICY_PATH = PurePosixPath("policy.yaml")
RECORD_SUFFIX = ".yaml"
_MONTH = re.compile(r"^[A-Z]{2,6}-(?P<yy>[0-9]{2})(?P<mm>0[1-9]|1[0-2])-")


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
