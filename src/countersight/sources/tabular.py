"""The generic reader for the spreadsheets users bring: lists of bidders, partners, suppliers.

CSV (comma, semicolon, tab or pipe, recognised from the first lines; Excel's ``sep=;`` first
line is understood), XLSX and ODS (the first sheet; ``--sheet NAME`` names another). Tried
after every specific format: it takes any such file whose header row has a name column
(``name``, ``company``, ``supplier``, ``Firma``, ``raison sociale``...).

Columns are recognised by their header; ``--map FIELD=COLUMN`` overrides the recognition field
by field. Fields: ``id`` (the row's reference, kept as ``source_ref``), ``name``, ``alias``
(several separated by ``;``), ``schema``, ``country``, ``birth_date``, ``address``, ``notes``,
and identifiers: ``registration``, ``lei``, ``tax_id``, ``vat``, ``duns``, ``imo``,
``passport``, ``national_id``, ``other``. Columns that no field takes are not read at all (a
benchmark query file's ``expected_ref`` stays unread); the warnings name them.

Rows become entities without topics: they are parties to screen, not list entries.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import (
    SCHEMAS,
    Address,
    CountryRef,
    CountryRole,
    DatasetInfo,
    DateFact,
    Entity,
    Identifier,
    Name,
    Record,
    Schema,
)
from countersight.sources import sheets
from countersight.sources.base import (
    SAMPLE_BYTES,
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    csv_rows,
    date_in_filename,
    make_id,
    slug,
)
from countersight.sources.values import add_country, clean, parse_date, split

PRIORITY = 90
"""Tried last: it takes any spreadsheet with a name column, so every specific format first."""

IDENTIFIER_FIELDS = (
    "registration",
    "lei",
    "tax_id",
    "vat",
    "duns",
    "imo",
    "passport",
    "national_id",
    "other",
)
FIELDS: tuple[str, ...] = (
    *("id", "name", "alias", "schema", "country", "birth_date", "address", "notes"),
    *IDENTIFIER_FIELDS,
)

_NAME_WORDS: tuple[str, ...] = (
    *("party", "company", "organisation", "organization", "supplier", "bidder"),
    *("entity", "partner"),
)
_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Header cells are compared lower-cased, with "_", "-" and "." as spaces.
    "name": (
        "name",
        "full name",
        "legal name",
        *_NAME_WORDS,
        *(f"{word} name" for word in _NAME_WORDS),
        "firma",
        "firmenname",
        "unternehmen",
        "nom",
        "raison sociale",
        "dénomination",
    ),
    "id": (
        *("id", "party id", "query id", "supplier id", "bidder id", "partner id"),
        *("ref", "reference"),
    ),
    "alias": ("alias", "aliases", "aka", "also known as", "other names"),
    "schema": ("schema", "entity type", "party type", "type"),
    "country": (
        "country",
        "country code",
        "nationality",
        "citizenship",
        "jurisdiction",
        "land",
        "pays",
    ),
    "birth_date": ("birth date", "date of birth", "dob", "birthdate", "geburtsdatum"),
    "address": ("address", "full address", "adresse", "anschrift"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "bemerkung", "remarque"),
    "registration": ("registration", "registration number", "company number", "reg no"),
    "lei": ("lei", "lei code"),
    "tax_id": ("tax id", "tax number", "tin"),
    "vat": ("vat", "vat number", "vat id", "ust id", "ust idnr"),
    "duns": ("duns", "duns number"),
    "imo": ("imo", "imo number"),
}
_ROLES: dict[str, CountryRole] = {
    "nationality": "nationality",
    "citizenship": "citizenship",
    "jurisdiction": "jurisdiction",
}
_SCHEMA_VALUES: dict[str, Schema] = {
    **{schema.casefold(): schema for schema in SCHEMAS},
    "individual": "Person",
    "natural person": "Person",
    "legal entity": "LegalEntity",
    "legal person": "LegalEntity",
    "entity": "LegalEntity",
    "organisation": "Organization",
    "ship": "Vessel",
    "aircraft": "Airplane",
}
_DELIMITERS = (",", ";", "\t", "|")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")
_HEADER_ROWS = 10


def _norm(cell: str) -> str:
    return " ".join(re.sub(r"[_.\-]+", " ", cell.lstrip("\ufeff")).split()).casefold()


def _name_column(header: list[str]) -> int | None:
    keys = [_norm(cell) for cell in header]
    for synonym in _SYNONYMS["name"]:
        if synonym in keys:
            return keys.index(synonym)
    return None


# -- recognising -----------------------------------------------------------------------------


def sniff(sample: Sample) -> Sniffed | None:
    kind = sheets.sheet_kind(sample)
    if kind is not None:
        for cells in sheets.head_rows(sample, _HEADER_ROWS):
            if _name_column(cells) is not None:
                return Sniffed(family="tabular")
        return None
    if sample.head.startswith(b"PK\x03\x04") or b"\x00" in sample.head:
        return None
    text = sample.text
    if text.lstrip()[:1] in ("{", "[", "<"):
        return None
    delimiter, skip = _dialect(text, cut=len(sample.head) >= SAMPLE_BYTES)
    lines = [line for line in text.splitlines()[skip:] if line.strip()]
    if not lines:
        return None
    header = next(csv.reader([lines[0]], delimiter=delimiter), [])
    return Sniffed(family="tabular") if _name_column(header) is not None else None


def _dialect(text: str, *, cut: bool) -> tuple[str, int]:
    """The delimiter of a CSV text, and how many lines precede the header (Excel's ``sep=``).

    Each candidate splits the first lines (``cut``: the text is a sample whose last line may be
    incomplete); the one whose header has a name column, then the one that gives most lines the
    header's width, then the widest, wins."""
    lines = text.splitlines()
    if lines and (match := _SEP_LINE.match(lines[0])):
        return match.group(1), 1
    first = lines[:20]
    if cut and len(lines) <= 20 and len(first) > 1:
        first = first[:-1]
    best: tuple[tuple[bool, int, int], str] | None = None
    for delimiter in _DELIMITERS:
        rows = [r for r in csv.reader(io.StringIO("\n".join(first)), delimiter=delimiter) if r]
        if not rows:
            continue
        width = len(rows[0])
        key = (_name_column(rows[0]) is not None, sum(len(r) == width for r in rows), width)
        if best is None or key > best[0]:
            best = (key, delimiter)
    return (best[1] if best else ","), 0


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Columns:
    header: list[str]
    line: int
    fields: dict[str, int]
    """Field -> column position."""

    def value(self, cells: list[str], field: str) -> str | None:
        position = self.fields.get(field)
        if position is None or position >= len(cells):
            return None
        return clean(cells[position])


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    default = slug(path.name.split(".")[0]).replace("-", "_") or "parties"
    info = DatasetInfo(
        name=options.dataset or default,
        title=f"Parties from {path.name}",
        publisher="Imported file",
        issued=date_in_filename(path),
    )
    schema = _default_schema(options.schema, path)
    mapping = dict(options.mapping or {})
    sheet = options.sheet
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise SourceError(
            f"--map {unknown[0]}=...: no such field",
            path=str(path),
            hint=f"fields: {', '.join(FIELDS)}",
        )
    # The header is read now, so that a wrong --map fails before anything is imported.
    kind, rows = _rows(path, sheet)
    columns = _header(path, kind, rows, mapping)
    warnings: list[str] = []
    return Reading(info, _records(path, kind, rows, columns, schema, info.name, warnings), warnings)


def _default_schema(value: str | None, path: Path) -> Schema:
    if value is None:
        return "LegalEntity"
    schema = _SCHEMA_VALUES.get(value.strip().casefold())
    if schema is None:
        raise SourceError(
            f"--schema {value}: not a schema",
            path=str(path),
            hint=f"one of: {', '.join(SCHEMAS)}",
        )
    return schema


def _rows(path: Path, sheet: str | None) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """``csv`` or ``sheet``, and the file's rows with their line numbers."""
    kind = sheets.sheet_kind(Sample.of(path))
    if kind is not None:
        return "sheet", sheets.rows(path, sheet)
    if sheet is not None:
        raise SourceError(f"--sheet {sheet}: a CSV file has no sheets", path=str(path))
    sample = Sample.of(path)
    delimiter, skip = _dialect(sample.text, cut=len(sample.head) >= SAMPLE_BYTES)
    rows = csv_rows(path, delimiter=delimiter)
    return "csv", (row for row in rows if row[0] > skip)


def _records(
    path: Path,
    kind: str,
    rows: Iterator[tuple[int, list[str]]],
    columns: _Columns,
    default: Schema,
    dataset: str,
    warnings: list[str],
) -> Iterator[Record]:
    unread = [
        cell or f"(column {i + 1})"
        for i, cell in enumerate(columns.header)
        if i not in columns.fields.values() and cell.strip()
    ]
    if unread:
        warnings.append(f"column(s) not read: {', '.join(unread)}")
    if "id" not in columns.fields:
        warnings.append("no id column; rows identified by their line number")
    width = len(columns.header)
    ids: dict[str, int] = {}
    odd_schemas: Counter[str] = Counter()
    for line, cells in rows:
        if kind == "csv" and len(cells) != width:
            raise SourceError(
                f"expected {width} columns as in the header (line {columns.line}), "
                f"found {len(cells)}",
                path=str(path),
                line=line,
                hint="a value with the delimiter inside needs quotes; check this line",
            )
        if not any(cell.strip() for cell in cells):
            continue
        if kind == "sheet" and any(cell.strip() for cell in cells[width:]):
            warnings.append(f"row {line}: values right of the last header column not read")
        entity = _entity(line, cells, columns, default, dataset, ids, odd_schemas, warnings)
        if entity is not None:
            yield entity
    for value, count in sorted(odd_schemas.items()):
        warnings.append(f"{count} row(s) with schema {value!r}, not a schema: read as {default}")


def _header(
    path: Path, kind: str, rows: Iterator[tuple[int, list[str]]], mapping: dict[str, str]
) -> _Columns:
    """The header row: the first row (CSV), or the first of the first rows with a name column
    (spreadsheets often have a title above the header); then which column holds which field."""
    first: tuple[int, list[str]] | None = None
    found: tuple[int, list[str]] | None = None
    seen = 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        first = first or (line, cells)
        seen += 1
        named = mapping.get("name")
        if (named and _position(cells, named) is not None) or _name_column(cells) is not None:
            found = (line, cells)
        if found or kind == "csv" or seen >= _HEADER_ROWS:
            break
    if first is None:
        raise SourceError("no rows", path=str(path), hint="the file holds no header and no data")
    line, header = found or first
    listed = ", ".join(repr(c) for c in header if c.strip()) or "(none)"
    fields: dict[str, int] = {}
    for field, column in mapping.items():
        position = _position(header, column)
        if position is None:
            raise SourceError(
                f"--map {field}={column}: no column {column!r}; the columns are: {listed}",
                path=str(path),
                line=line,
            )
        fields[field] = position
    keys = [_norm(cell) for cell in header]
    for field, synonyms in _SYNONYMS.items():
        if field in fields:
            continue
        for synonym in synonyms:
            if synonym in keys and keys.index(synonym) not in fields.values():
                fields[field] = keys.index(synonym)
                break
    if "name" not in fields:
        raise SourceError(
            f"no name column; the columns are: {listed}",
            path=str(path),
            line=line,
            hint="say which column holds the names: --map name=COLUMN",
        )
    return _Columns(header=header, line=line, fields=fields)


def _position(header: list[str], column: str) -> int | None:
    if column in header:
        return header.index(column)
    keys = [_norm(cell) for cell in header]
    return keys.index(_norm(column)) if _norm(column) in keys else None


def _entity(
    line: int,
    cells: list[str],
    columns: _Columns,
    default: Schema,
    dataset: str,
    ids: dict[str, int],
    odd_schemas: Counter[str],
    warnings: list[str],
) -> Entity | None:
    name = columns.value(cells, "name")
    if name is None:
        warnings.append(f"line {line}: no name; row skipped")
        return None
    ref = columns.value(cells, "id")
    if ref is None or not slug(ref):
        if "id" in columns.fields:
            warnings.append(f"line {line}: empty id; identified by its line number")
        ref = f"line {line}"
    entity_id = make_id(dataset, ref)
    if entity_id in ids:
        warnings.append(f"line {line}: id {ref!r} already on line {ids[entity_id]}; kept apart")
        ref = f"{ref} (line {line})"
        entity_id = make_id(dataset, ref)
    ids[entity_id] = line
    schema = default
    given = columns.value(cells, "schema")
    if given is not None:
        found = _SCHEMA_VALUES.get(given.casefold())
        if found is None:
            odd_schemas[given] += 1
        else:
            schema = found
    names = [Name(name)]
    names += [Name(a, "alias") for a in split(columns.value(cells, "alias")) if a != name]
    notes: list[str] = []
    dates: list[DateFact] = []
    birth = columns.value(cells, "birth_date")
    if birth is not None:
        iso = parse_date(birth)
        if iso is None:
            warnings.append(f"line {line}: unreadable birth date {birth!r}, kept as a note")
            notes.append(f"birth date as given: {birth}")
        else:
            dates.append(DateFact("birth", iso))
    note = columns.value(cells, "notes")
    if note is not None:
        notes.append(note)
    countries = _countries(columns, cells)
    address = columns.value(cells, "address")
    return Entity(
        id=entity_id,
        schema=schema,
        dataset=dataset,
        source_ref=ref,
        names=tuple(names),
        countries=tuple(countries),
        identifiers=tuple(_identifiers(columns, cells)),
        dates=tuple(dates),
        addresses=(Address(full=address),) if address else (),
        notes=tuple(notes),
    )


def _countries(columns: _Columns, cells: list[str]) -> list[CountryRef]:
    position = columns.fields.get("country")
    if position is None:
        return []
    role = _ROLES.get(_norm(columns.header[position]), "country")
    found: list[CountryRef] = []
    for text in split(columns.value(cells, "country")):
        add_country(found, role, text)
    return found


def _identifiers(columns: _Columns, cells: list[str]) -> list[Identifier]:
    found: list[Identifier] = []
    for field in IDENTIFIER_FIELDS:
        for value in split(columns.value(cells, field)):
            note = columns.header[columns.fields[field]] if field == "other" else None
            found.append(Identifier(field, value, note=note))
    return found


FORMATS = (
    Format(
        name="tabular",
        title="Spreadsheet of parties (CSV, XLSX, ODS) with a name column",
        sniff=sniff,
        read=read,
        extensions=(".csv", ".tsv", ".txt", ".xlsx", ".ods"),
    ),
)
