"""Rows of an export, streamed: a CSV file or the one CSV inside a zip, in the encodings teams in China meet.

``encoding: auto`` reads a byte order mark as UTF-8 (Excel's "CSV UTF-8"), takes UTF-8
when the first megabyte decodes as UTF-8, and GB18030 otherwise (Excel's CSV on a
Chinese Windows, a superset of GBK and GB2312).  Bytes that do not decode become U+FFFD
and the row is noted, never a crash.  Each row comes with its file line (a quoted field may
span lines: the line the row starts on).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from itsmctl.errors import UsageError
from itsmctl.fs import RefusedFile, open_regular
from itsmctl.importers.draft import Notes

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "latin-1")
SNIFF_BYTES = 1 << 20
csv.field_size_limit(1 << 24)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def _guess(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


@contextmanager
def _binary(path: Path) -> Iterator[BinaryIO]:
    try:
        handle = open_regular(path)
    except RefusedFile as exc:
        raise UsageError(str(exc)) from None
    with handle:
        if path.suffix.lower() != ".zip":
            yield handle
            return
        try:
            archive = zipfile.ZipFile(handle)
        except zipfile.BadZipFile:
            raise UsageError(f"{path} is not a zip file") from None
        members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        if len(members) != 1:
            raise UsageError(f"{path} must hold exactly one .csv file; it holds {len(members)}")
        with archive.open(members[0]) as member:
            yield member  # type: ignore[misc]


def read_rows(path: Path, notes: Notes, *, encoding: str = "auto", delimiter: str = ",") -> Iterator[Row]:
    """Each data row as ``{header: value}``, with the line it starts on; the header is the first row."""
    if encoding not in ENCODINGS:
        raise UsageError(f"unknown encoding {encoding!r}; choose one of: {', '.join(ENCODINGS)}")
    with _binary(path) as raw:
        buffered = io.BufferedReader(raw, buffer_size=SNIFF_BYTES)  # type: ignore[type-var]
        if encoding == "auto":
            encoding = _guess(buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES])
        text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        except StopIteration:
            return
        except csv.Error as exc:
            raise UsageError(f"{path}: the header row cannot be read: {exc}") from None
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                notes.add(start, "", "ragged-row", f"the row cannot be read as CSV: {exc}")
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not fields:
                continue
            notes.rows += 1
            if len(fields) != len(header):
                notes.add(line, "", "ragged-row", f"{len(fields)} fields, the header has {len(header)}")
            if any("\ufffd" in f for f in fields):
                notes.add(line, "", "undecodable", f"bytes not valid in {encoding}")
            yield Row(line, dict(zip(header, fields, strict=False)))


def ticket_runs(
    read: Callable[[Notes], Iterator[Row]],
    number_of: Callable[[Row], str | None],
    notes: Notes,
    column: str,
    *,
    one_row_each: bool = False,
) -> Iterator[list[Row]]:
    """The rows of each ticket, streamed: a run of rows with one number (or each row alone).

    A ticket whose rows lie apart comes again, whole, after the rest (a second read of
    the file collects its rows), so it is built from all of them; the writer replaces the
    first version.  ``read(notes)`` reads the file once.
    """
    seen: set[str] = set()
    apart: set[str] = set()
    run: list[Row] = []
    for row in read(notes):
        number = number_of(row)
        if number is None:
            notes.add(row.line, column, "missing-number", "a row without a ticket number")
            continue
        if one_row_each:
            yield [row]
            continue
        if run and number_of(run[0]) != number:
            yield run
            run = []
        if not run and number in seen:
            apart.add(number)
            notes.add(row.line, column, "rows-apart", f"{number} has rows before this one, apart from these")
        seen.add(number)
        run.append(row)
    if run:
        yield run
    if apart:
        again: dict[str, list[Row]] = {n: [] for n in sorted(apart)}
        for row in read(Notes(notes.file)):
            number = number_of(row)
            if number in again:
                again[number].append(row)
        yield from again.values()
