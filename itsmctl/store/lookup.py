"""One record by id, read from its one file: what a verb's cross-record rule looks at.

A verb checks one record; a rule that reads another (``RuleContext.record_for``: a CI's
change, a closed change's CIs) gets it here, one file per id, so a verb costs the same in a
store of ten CIs or ten thousand.  The path follows from the id: a ticket id places its
file under ``tickets/`` by its year and month, any other id is looked for under the
folders of the kinds a rule may name (CIs first).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from pydantic import BaseModel

from itsmctl.fs import RefusedFile, read_regular
from itsmctl.models.base import MONTHLY_ID_PATTERN
from itsmctl.store.loader import load_record
from itsmctl.store.paths import path_for

_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
LOOKUP_KINDS = ("ci", "service", "sla", "calendar")
"""Where an id that is no ticket id is looked for, in this order."""


def record_reader(root: Path, zone: tzinfo | None = None) -> Callable[[str], BaseModel | None]:
    """``record_for(id)``: the record of that id in the store at ``root``, or None when its file
    is missing or does not load cleanly (its own findings say why); each file read once."""
    seen: dict[str, BaseModel | None] = {}

    def record_for(record_id: str) -> BaseModel | None:
        if record_id in seen:
            return seen[record_id]
        found: BaseModel | None = None
        if _PLAIN_ID.fullmatch(record_id) and ".." not in record_id:
            kinds = ("incident",) if re.fullmatch(MONTHLY_ID_PATTERN, record_id) else LOOKUP_KINDS
            for kind in kinds:
                rel = path_for(kind, record_id)
                if rel is None:
                    continue
                try:
                    data = read_regular(root / rel, root=root)
                except RefusedFile:
                    continue
                loaded = load_record(str(rel), str(root / rel), data, default_tz=zone)
                if not loaded.findings and loaded.record is not None:
                    found = loaded.record
                break
        seen[record_id] = found
        return found

    return record_for
