"""The UK sanctions list summary the FCDO publishes as a spreadsheet (ODS).

One row per designation: ``Unique ID`` (the FCDO's own reference, e.g. ``RUS0001``, one per
designation under one regime), ``OFSI Group ID`` (OFSI's id of the person or thing, shared by
its designations under several regimes; empty for most ships), ``Name``, ``Regime Name``,
``Type`` (Individual, Entity, Ship), ``Designation source`` (UK, UN or ``UK|UN``),
``Date Designated`` (DD-MM-YYYY) and ``Sanctions Imposed``. The summary gives no aliases, dates
of birth or addresses: those are in the FCDO's full list.

Each row becomes one entity (a person designated under two regimes is two entries of the list,
as the FCDO publishes them); the OFSI Group ID is kept as an identifier that ties them together.
Columns are found by their header, so a reordered layout still reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import DatasetInfo, DateFact, Entity, Identifier, Name, Record, Schema
from countersight.sources import sheets
from countersight.sources.base import (
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    date_in_filename,
    make_id,
)
from countersight.sources.values import clean, parse_date

DATASET = "gb_fcdo"
PUBLISHER = "UK Foreign, Commonwealth & Development Office"
URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
LICENCE = "Open Government Licence v3.0"

UNIQUE_ID = "unique id"
GROUP_ID = "ofsi group id"
NAME = "name"
REGIME = "regime name"
TYPE = "type"
SOURCE = "designation source"
DATE = "date designated"
IMPOSED = "sanctions imposed"
REQUIRED = (UNIQUE_ID, NAME, REGIME, TYPE, DATE)
"""The header cells that make a sheet the FCDO summary (compared case-insensitively)."""

_SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    # The summary does not say whether an entity is a company or another organisation.
    "entity": "LegalEntity",
    "ship": "Vessel",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
_HEADER_ROWS = 10


def _key(cell: str) -> str:
    return " ".join(cell.split()).casefold()


def _header_index(cells: list[str]) -> dict[str, int] | None:
    index: dict[str, int] = {}
    for position, cell in enumerate(cells):
        index.setdefault(_key(cell), position)
    return index if all(column in index for column in REQUIRED) else None


def sniff(sample: Sample) -> Sniffed | None:
    if sheets.sheet_kind(sample) != "ods":
        return None
    for cells in sheets.head_rows(sample, _HEADER_ROWS):
        if _header_index(cells) is not None:
            return Sniffed(family="gb_fcdo")
    return None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    info = DatasetInfo(
        name=options.dataset or DATASET,
        title="UK Sanctions List (FCDO summary)",
        publisher=PUBLISHER,
        url=URL,
        issued=date_in_filename(path),
        licence=LICENCE,
    )
    rows = sheets.rows(path)
    index = _header(path, rows)  # now, so that a file of another layout fails at once
    warnings: list[str] = []
    return Reading(info, _records(path, rows, index, info.name, warnings), warnings)


def _header(path: Path, rows: Iterator[sheets.Row]) -> dict[str, int]:
    index: dict[str, int] | None = None
    seen = 0
    for _number, cells in rows:
        if not any(cells):
            continue
        index = _header_index(cells)
        seen += 1
        if index is not None or seen >= _HEADER_ROWS:
            break
    if index is None:
        raise SourceError(
            "no header row with the FCDO columns "
            + ", ".join(repr(c.title()) for c in REQUIRED)
            + " in the first rows of the first sheet",
            path=str(path),
            hint="this reads the FCDO's sanctions list summary; try --format tabular for others",
        )
    return index


def _records(
    path: Path,
    rows: Iterator[sheets.Row],
    index: dict[str, int],
    dataset: str,
    warnings: list[str],
) -> Iterator[Record]:
    ids: set[str] = set()
    for number, cells in rows:
        if not any(cells):
            continue
        entity = _entity(path, number, cells, index, dataset, warnings)
        if entity is None:
            continue
        if entity.id in ids:
            warnings.append(f"row {number}: Unique ID {entity.source_ref} repeats; kept the first")
            continue
        ids.add(entity.id)
        yield entity


def _entity(
    path: Path,
    number: int,
    cells: list[str],
    index: dict[str, int],
    dataset: str,
    warnings: list[str],
) -> Entity | None:
    def cell(column: str) -> str | None:
        position = index.get(column)
        if position is None or position >= len(cells):
            return None
        return clean(cells[position])

    ref = cell(UNIQUE_ID)
    if ref is None:
        raise SourceError(
            "the Unique ID is empty",
            path=str(path),
            line=number,
            hint="every row of the FCDO list carries its Unique ID (e.g. RUS0001)",
        )
    name = cell(NAME)
    notes: list[str] = []
    if name is not None and name.endswith("*"):
        # One entry (MYA0052) ends in an asterisk the summary never explains: kept as a note.
        name = name.rstrip("* ").strip() or None
        notes.append("the name is marked with an asterisk (*) in the FCDO list")
    if name is None:
        warnings.append(f"row {number}: {ref} has no name; skipped")
        return None
    kind = cell(TYPE) or ""
    schema = _SCHEMAS.get(kind.casefold())
    if schema is None:
        warnings.append(f"row {number}: {ref} has unknown type {kind!r}; read as LegalEntity")
        schema = "LegalEntity"
    dates: list[DateFact] = []
    designated = cell(DATE)
    if designated is not None:
        # "Date Designated": the day the designation was made (for a UN listing, the UN's date).
        iso = parse_date(designated)  # the FCDO's 29-06-2012, or ISO from a date cell
        if iso is None:
            warnings.append(f"row {number}: {ref}: unreadable Date Designated {designated!r}")
        else:
            dates.append(DateFact("listed", iso))
    source = cell(SOURCE)
    if source:
        notes.append(f"designated by: {' and '.join(p for p in source.split('|') if p)}")
    imposed = cell(IMPOSED)
    if imposed:
        notes.append(f"sanctions imposed: {imposed}")
    group = cell(GROUP_ID)
    identifiers = (Identifier("other", group, note="OFSI Group ID"),) if group else ()
    regime = cell(REGIME)
    return Entity(
        id=make_id(dataset, ref),
        schema=schema,
        dataset=dataset,
        source_ref=ref,
        names=(Name(name),),
        identifiers=identifiers,
        dates=tuple(dates),
        topics=("sanction",),
        programs=(regime,) if regime else (),
        notes=tuple(notes),
        source_url=URL,
    )


FORMATS = (
    Format(
        name="gb_fcdo",
        title="UK FCDO sanctions list summary (ODS)",
        sniff=sniff,
        read=read,
        extensions=(".ods",),
    ),
)
