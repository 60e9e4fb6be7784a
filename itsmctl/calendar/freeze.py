"""``calendar freeze``: write a year's resolved holidays into the calendar file.

Once frozen, the year's holidays and make-up days come from the file, never again from
the ``holidays`` package, so a library update cannot move a past deadline.  The edit is
a round-trip one (``itsmctl.roundtrip``): comments and layout of the rest of the file
stay as they were, and the new bytes are validated before they replace the old ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsmctl import roundtrip
from itsmctl.calendar.days import estimate_reason, freeze_year
from itsmctl.errors import UsageError
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.models.sla import FrozenYear
from itsmctl.store.loader import load_record


@dataclass(frozen=True)
class FreezeResult:
    data: bytes
    frozen: FrozenYear
    replaced: bool


def _entry(year: FrozenYear) -> roundtrip.Document:
    """One ``frozen`` entry: block style, each day a one-line flow mapping."""
    node = roundtrip.new_mapping()
    node["year"] = year.year
    for key in ("holidays", "workdays"):
        days = [
            roundtrip.new_mapping({"date": day.date.isoformat(), "type": day.type, "name": day.name}, flow=True)
            for day in getattr(year, key)
        ]
        node[key] = roundtrip.new_sequence(days, flow=not days)
    return node


def _refuse_incomplete(record: CalendarRecord, year: int) -> None:
    """A frozen year never changes again, so refuse to freeze what is only an estimate."""
    reason = estimate_reason(record, year, frozen_counts=False)
    if reason is not None:
        raise UsageError(
            f"{reason} (the State Council publishes them late in the year before): nothing trustworthy to "
            "freeze. Freeze after the official arrangement is in the package or in this calendar's overrides; "
            "--estimate freezes the guess anyway"
        )


def freeze(
    record: CalendarRecord, path: str, data: bytes, year: int, *, force: bool = False, estimate: bool = False
) -> FreezeResult:
    """New bytes of the calendar file with ``year`` frozen (validated, not yet written).

    Unless ``estimate``, a year whose holiday data looks incomplete is refused.
    """
    if record.holidays is None:
        raise UsageError(f"calendar {record.id} takes no holidays from the package; there is nothing to freeze")
    already = any(f.year == year for f in record.frozen)
    if already and not force:
        raise UsageError(
            f"calendar {record.id} already has {year} frozen; --force re-resolves it from the holidays package"
        )
    frozen = freeze_year(record, year)
    if not estimate:
        _refuse_incomplete(record, year)

    def change(document: roundtrip.Document) -> None:
        entries = document.get("frozen")
        if not roundtrip.is_sequence(entries):
            entries = roundtrip.new_sequence()
            roundtrip.set_field(document, "frozen", [], order=list(CalendarRecord.model_fields))
            document["frozen"] = entries
        kept = [e for e in entries if not (roundtrip.is_mapping(e) and e.get("year") == year)]
        kept.append(_entry(frozen))
        kept.sort(key=lambda e: int(e.get("year", 0)) if roundtrip.is_mapping(e) else 0)
        del entries[:]
        entries.extend(kept)

    new = roundtrip.edit(data, change)
    loaded = load_record(path, path, new)
    if loaded.record is None:
        problems = "; ".join(f.message for f in loaded.findings) or "invalid"
        raise UsageError(f"freezing {year} would make {path} invalid: {problems}; the file was not changed")
    return FreezeResult(new, frozen, already)
