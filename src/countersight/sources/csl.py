"""The US Consolidated Screening List (CSL) of the International Trade Administration, as CSV.

One file gathers the export-control, sanctions and debarment lists of Commerce, State and the
Treasury: a header row of 29 columns (``_id,source,entity_number,type,programs,name,...``), then
one row per listing. Multi-valued cells (``alt_names``, ``addresses``, ``dates_of_birth``,
``nationalities``, ``citizenships``, ``places_of_birth``, ``ids``, ``programs``) are separated by
``; ``; an ``ids`` item is ``Type, Number[, Country][, more]`` with OFAC's labels.

Quirks of the published file: the header row may be repeated (on line 2), and the same OFAC entry
can appear on two sub-lists (SDN and PLC, SSI and NS-MBS) with the same ``_id`` and
``entity_number``: such rows are merged into one entity listed on both (programs, topics, names
and facts of both rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import (
    Address,
    CountryRef,
    CountryRole,
    DatasetInfo,
    DateFact,
    Identifier,
    NameKind,
    Record,
    Schema,
)
from countersight.sources.base import (
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    csv_header,
    csv_rows,
    date_in_filename,
    require_nonempty,
)
from countersight.sources.draft import EntityDraft
from countersight.sources.ofac_remarks import (
    ID_SCHEMES,
    Countries,
    birth_date,
    identifier,
    person_name,
)
from countersight.sources.values import clean, parse_date, split

DATASET = "us_csl"
PUBLISHER = "US International Trade Administration"
URL = "https://www.trade.gov/consolidated-screening-list"
LICENCE = "Public domain (work of the US government)"
# Columns a file must have to be read as the CSL; the others are optional.
REQUIRED = ("_id", "source", "name")
_SNIFF = frozenset({"_id", "source", "entity_number", "name", "alt_names"})

_TYPES: dict[str, Schema] = {
    "individual": "Person",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "": "LegalEntity",  # BIS and State lists do not type their entries
}
# Topics by the sub-list's abbreviation, the text in parentheses in ``source``.
_TOPICS: dict[str, tuple[str, ...]] = {
    "EL": ("export.control",),
    "UVL": ("export.control",),
    "MEU": ("export.control",),
    "DPL": ("export.control",),
    "DTC": ("debarment",),
    "ISN": ("sanction",),
    "SDN": ("sanction",),
    "SSI": ("sanction",),
    "FSE": ("sanction",),
    "PLC": ("sanction",),
    "CAP": ("sanction",),
    "CMIC": ("sanction",),
    "NS-MBS List": ("sanction",),
}
# Sub-lists not in the table above fall back on their publisher.
_PUBLISHER_TOPICS: dict[str, tuple[str, ...]] = {
    "Treasury Department": ("sanction",),
    "Bureau of Industry and Security": ("export.control",),
}
_ABBREVIATION = re.compile(r"\(([^()]+)\)")
_CODE = re.compile(r"^[A-Z]{2}$")
_MULTI = frozenset(
    {"alt_names", "addresses", "dates_of_birth", "nationalities", "citizenships", "ids"}
    | {"places_of_birth", "programs"}
)
_COUNTRY_COLUMNS: tuple[tuple[str, CountryRole], ...] = (
    ("nationalities", "nationality"),
    ("citizenships", "citizenship"),
)
_NOTES = (
    ("title", "Title"),
    ("federal_register_notice", "Federal Register"),
    ("end_date", "End date"),
    ("standard_order", "Standard order"),
    ("license_requirement", "License requirement"),
    ("license_policy", "License policy"),
    ("vessel_type", "Vessel type"),
    ("gross_tonnage", "Tonnage"),
    ("gross_registered_tonnage", "Gross registered tonnage"),
    ("vessel_owner", "Vessel owner"),
    ("remarks", "Remarks"),
)


def sniff(sample: Sample) -> Sniffed | None:
    first = sample.text.split("\n", 1)[0].strip()
    header = {cell.strip().strip('"') for cell in first.split(",")}
    return Sniffed(family="us_csl") if header >= _SNIFF else None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    require_nonempty(group.main)
    name = options.dataset or DATASET
    info = DatasetInfo(
        name=name,
        title="US Consolidated Screening List",
        publisher=PUBLISHER,
        url=URL,
        issued=date_in_filename(group.main),
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(group.main, name, warnings), warnings)


def _rows(path: Path, warnings: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows as dicts. A last row cut short by the end of the file keeps its complete cells
    and, of the cut cell, the complete items of a multi-valued one; a row of the wrong width
    anywhere else is an error."""
    rows = csv_rows(path)
    hint = "expected the CSL header _id,source,entity_number,type,programs,name,..."
    header = csv_header(path, rows, REQUIRED, hint=hint)
    ends_in_line_break = _ends_in_line_break(path)
    pending: tuple[int, list[str]] | None = None
    for item in rows:
        if pending is not None:
            yield _checked(path, header, *pending, last=False, warnings=warnings)
        pending = item
    if pending is not None:
        last = not ends_in_line_break
        yield _checked(path, header, *pending, last=last, warnings=warnings)


def _ends_in_line_break(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        if fh.tell() == 0:
            return True
        fh.seek(-1, 2)
        return fh.read(1) in (b"\n", b"\r")


def _checked(
    path: Path, header: list[str], line: int, row: list[str], *, last: bool, warnings: list[str]
) -> tuple[int, dict[str, str]]:
    if len(row) != len(header):
        if not (last and len(row) < len(header)):
            raise SourceError(
                f"expected {len(header)} columns as in the header, found {len(row)}",
                path=str(path),
                line=line,
                hint="the file may be cut short, edited, or of another layout",
            )
        cut, after = header[len(row) - 1], len(header) - len(row)
        if cut in _MULTI and "; " in row[-1]:
            # The items of a multi-valued cell before the last separator are whole.
            row = [*row[:-1], row[-1].rsplit("; ", 1)[0]]
            kept = "its last item was dropped"
        else:
            row = row[:-1]
            kept = "it was dropped"
        warnings.append(
            f"line {line}: the file ends inside this row, in column {cut!r} ({kept}); the "
            f"{after} columns after it are missing"
        )
    return line, dict(zip(header, row, strict=False))


def _source_ref(row: dict[str, str]) -> str:
    """The OFAC entry number when the row has one, else the CSL's own ``_id`` (a hash)."""
    return clean(row.get("entity_number")) or clean(row.get("_id")) or ""


def _some(ref: CountryRef | None) -> tuple[CountryRef, ...]:
    return () if ref is None else (ref,)


def _add_name(draft: EntityDraft, value: str | None, kind: NameKind) -> None:
    if not value:
        return
    if any(n.value.casefold() == value.casefold() for n in draft.names):
        return
    if kind == "primary" and any(n.kind == "primary" for n in draft.names):
        kind = "alias"  # the same entry's name as another sub-list spells it
    draft.names.append(person_name(value, kind, draft.schema))


class _Reader:
    def __init__(self, path: Path, warnings: list[str]) -> None:
        self.path = path
        self.warnings = warnings
        self.countries = Countries()
        self.unknown_lists: set[str] = set()
        self.unknown_types: set[str] = set()
        self.unread_dates: list[str] = []

    def add_row(self, draft: EntityDraft | None, line: int, row: dict[str, str]) -> EntityDraft:
        def cell(column: str) -> str | None:
            return clean(row.get(column))

        name = cell("name")
        if name is None:
            raise SourceError("the row has no name", path=str(self.path), line=line)
        type_text = (cell("type") or "").lower()
        schema = _TYPES.get(type_text)
        if schema is None:
            self.unknown_types.add(type_text)
            schema = "LegalEntity"
        if draft is None:
            draft = EntityDraft(schema, _source_ref(row))
        _add_name(draft, name, "primary")
        for alias in split(row.get("alt_names")):
            _add_name(draft, alias, "alias")
        source = cell("source")
        if source:
            draft.programs.append(source)
            draft.topics.extend(self.topics(source))
        draft.programs.extend(split(row.get("programs")))
        for text in split(row.get("addresses")):
            last = text.rsplit(", ", 1)[-1]
            code = last.lower() if _CODE.match(last) else None
            draft.addresses.append(Address(full=text, country=code))
            if code:
                draft.countries.append(CountryRef("country", code))
        for column, role in _COUNTRY_COLUMNS:
            for text in split(row.get(column)):
                if _CODE.match(text):
                    draft.countries.append(CountryRef(role, text.lower()))
                else:
                    draft.countries.extend(_some(self.countries.ref(role, text)))
        if flag := cell("vessel_flag"):
            draft.countries.extend(_some(self.countries.ref("flag", flag)))
        for text in split(row.get("dates_of_birth")):
            fact = birth_date(text)
            if fact is None:
                self.unread_dates.append(text)
                draft.notes.append(f"Date of birth (as given): {text}")
            else:
                draft.dates.append(fact)
        if start := parse_date(cell("start_date")):
            draft.dates.append(DateFact("listed", start))
        draft.birth_places.extend(split(row.get("places_of_birth")))
        if call_sign := cell("call_sign"):
            draft.identifiers.append(Identifier("call_sign", call_sign))
        self.add_ids(draft, row.get("ids") or "")
        for column, label in _NOTES:
            if value := cell(column):
                draft.notes.append(f"{label}: {value}")
        draft.source_url = draft.source_url or cell("source_information_url")
        return draft

    def add_ids(self, draft: EntityDraft, text: str) -> None:
        for item in split(text):
            bits = [b.strip() for b in item.split(", ")]
            label = bits[0]
            rest = bits[1:]
            if label == "Gender" and rest and rest[0].lower() in ("male", "female"):
                draft.gender = rest[0].lower()
            elif label == "Vessel Registration Identification" and rest:
                number = rest[0].removeprefix("IMO").strip()
                draft.identifiers.append(Identifier("imo", number))
            elif label == "Organization Established Date" and rest:
                iso = parse_date(rest[0])
                if iso is None:
                    draft.notes.append(item)
                else:
                    draft.dates.append(DateFact("incorporation", iso))
            elif label in ID_SCHEMES and rest and rest[0]:
                value, others = rest[0], rest[1:]
                country = others.pop(0) if others and _CODE.match(others[0]) else None
                extra = ", ".join(others) or None
                draft.identifiers.append(identifier(label, value, country, extra, self.countries))
            else:
                label = label.rstrip(":- ") or label
                draft.notes.append(f"{label}: {', '.join(rest)}" if rest else label)

    def topics(self, source: str) -> tuple[str, ...]:
        match = _ABBREVIATION.search(source)
        if match and match.group(1) in _TOPICS:
            return _TOPICS[match.group(1)]
        for publisher, topics in _PUBLISHER_TOPICS.items():
            if source.endswith(publisher):
                return topics
        self.unknown_lists.add(source)
        return ()


def _records(path: Path, dataset: str, warnings: list[str]) -> Iterator[Record]:
    reader = _Reader(path, warnings)
    # Rows of the same entry are merged, so the file is read whole first (it is a few MB).
    drafts: dict[str, EntityDraft] = {}
    header_repeats: list[int] = []
    rows = 0
    merged = 0
    for line, row in _rows(path, warnings):
        if row.get("_id", "").strip() == "_id" and row.get("name", "").strip() == "name":
            header_repeats.append(line)
            continue
        ref = _source_ref(row)
        if not ref or "name" not in row:
            if "name" not in row:  # a row cut short before its name: nothing to screen on
                warnings.append(f"line {line}: cut short before the name column: skipped")
                continue
            raise SourceError(
                "the row has neither entity_number nor _id", path=str(path), line=line
            )
        rows += 1
        existing = drafts.get(ref)
        merged += existing is not None
        drafts[ref] = reader.add_row(existing, line, row)
    if header_repeats:
        lines = ", ".join(str(n) for n in header_repeats)
        warnings.append(f"the header row is repeated on line(s) {lines}: skipped")
    for draft in drafts.values():
        yield draft.build(dataset)
    if merged:
        warnings.append(
            f"{merged} rows repeat an entry of another sub-list (same entity_number): merged, "
            f"{rows:,} rows make {len(drafts):,} entities"
        )
    if reader.unknown_lists:
        warnings.append(f"sub-lists without a known topic: {sorted(reader.unknown_lists)}")
    if reader.unknown_types:
        warnings.append(f"unknown entry types read as LegalEntity: {sorted(reader.unknown_types)}")
    if reader.unread_dates:
        warnings.append(
            f"{len(reader.unread_dates)} dates of birth could not be read (kept in the notes): "
            f"{reader.unread_dates[:5]}"
        )
    if (text := reader.countries.warning()) is not None:
        warnings.append(text)


FORMATS = (
    Format(
        name="us_csl",
        title="US Consolidated Screening List (CSV, trade.gov)",
        sniff=sniff,
        read=read,
        extensions=(".csv",),
    ),
)
