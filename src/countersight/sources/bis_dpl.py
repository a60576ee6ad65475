"""The Denied Persons List of the US Bureau of Industry and Security (BIS), tab-separated.

A header row (``Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation``), fields in double quotes,
dates as ``MM/DD/YYYY`` (``Last_Update`` as ISO). One row per name and address under a denial
order: a person denied at two addresses has two rows, and each other name he is denied under
(an alias) has rows of its own.

The list gives no identifiers. Rows of the same name under the same order (same Federal
Register citation and effective date, spaces collapsed) are one entity with several addresses;
different names stay different entities, since the list does not say which names are one person
(only a name written ``X A/K/A Y`` gives its alias).

The list does not say whether an entry is a person or a company. Entries whose address is a
prison (an inmate or US Marshals number, a correctional institution) and whose name has no
company word (LTD, INC, CO, ...) are people; every other entry stays a LegalEntity, the schema
that claims nothing the list does not say (most of them are people too).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import (
    Address,
    CountryRef,
    DatasetInfo,
    DateFact,
    DateKind,
    Name,
    Record,
    unique,
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
from countersight.sources.ofac_remarks import Countries
from countersight.sources.values import clean, parse_date

DATASET = "us_bis_dpl"
PUBLISHER = "US Bureau of Industry and Security"
URL = (
    "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
    "denied-persons-list"
)
LICENCE = "Public domain (work of the US government)"
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
REQUIRED = ("Name", "Effective_Date", "FR_Citation")
_COMPANY = re.compile(
    r"\b(LTD|LIMITED|INC|CORP|CORPORATION|CO|COMPANY|LLC|GMBH|SA|S\.A|SL|S\.L|FZCO|FZE|GROUP"
    r"|TRADING|AIRLINES?|INTERNATIONAL|ENTERPRISES?|INDUSTRIES|TECHNOLOGY|TECHNOLOGIES)\b"
)
_AKA = re.compile(r"\s+A/K/A\s+", re.IGNORECASE)
_DATES: tuple[tuple[str, DateKind], ...] = (
    ("Effective_Date", "listed"),
    ("Last_Update", "modified"),
)
_NOTES = (
    ("Standard_Order", "Standard order"),
    ("Action", "Action"),
    ("FR_Citation", "Federal Register"),
)
_PRISON = re.compile(
    r"\b(INMATE|INCARCERATED|USM NO|REGISTER NUMBER|CORRECTIONAL|PRISON|PENITENTIARY)\b"
)


def sniff(sample: Sample) -> Sniffed | None:
    first = sample.text.split("\n", 1)[0]
    if "\t" not in first:
        return None
    header = {cell.strip().strip('"').strip() for cell in first.split("\t")}
    return Sniffed(family="us_bis_dpl") if {"Name", "Street_Address", *REQUIRED} <= header else None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    require_nonempty(group.main)
    name = options.dataset or DATASET
    info = DatasetInfo(
        name=name,
        title="BIS Denied Persons List",
        publisher=PUBLISHER,
        url=URL,
        issued=date_in_filename(group.main),
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(group.main, name, warnings), warnings)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    rows = csv_rows(path, delimiter="\t")
    hint = f"expected the tab-separated header {', '.join(COLUMNS)}"
    header = csv_header(path, rows, REQUIRED, hint=hint)
    for line, row in rows:
        if len(row) != len(header):
            raise SourceError(
                f"expected {len(header)} tab-separated columns as in the header, found {len(row)}",
                path=str(path),
                line=line,
                hint="the file may be cut short, edited, or of another layout",
            )
        yield line, {column: clean(value) for column, value in zip(header, row, strict=True)}


def source_ref(name: str, citation: str, effective: str) -> str:
    """The list has no ids: a stable reference is derived from what makes an entry, the name
    and the order it is denied under (Federal Register citation and effective date), with
    spaces collapsed and letters upper-cased. The same entry keeps it from one version of the
    list to the next as long as BIS does not rewrite its name or citation."""
    key = "\t".join(part.upper() for part in (name, citation, effective))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _records(path: Path, dataset: str, warnings: list[str]) -> Iterator[Record]:
    countries = Countries()
    entries: dict[str, EntityDraft] = {}
    rows: Counter[str] = Counter()
    for line, row in _rows(path):
        name = row.get("Name")
        if name is None:
            raise SourceError("the row has no name", path=str(path), line=line)
        citation = row.get("FR_Citation") or ""
        effective = row.get("Effective_Date") or ""
        ref = source_ref(name, citation, effective)
        entry = entries.get(ref)
        if entry is None:
            entry = entries[ref] = EntityDraft(
                "LegalEntity", ref, names=list(_names(name)), topics=["export.control"]
            )
        rows[ref] += 1
        _add_row(entry, name, row, countries, warnings, line)
    for entry in entries.values():
        yield entry.build(dataset)
    merged = sum(1 for n in rows.values() if n > 1)
    if merged:
        warnings.append(
            f"{rows.total():,} rows make {len(entries):,} entries: {merged} entries have several "
            "rows (one per address) under the same name and order, merged"
        )
    if (text := countries.warning()) is not None:
        warnings.append(text)


def _names(text: str) -> tuple[Name, ...]:
    """``FUYI SUN A/K/A FRANK SUN``: the list's own "also known as" inside a name."""
    first, *others = _AKA.split(text)
    if not first.strip() or not all(o.strip() for o in others):
        return (Name(text),)
    return (Name(first.strip()), *(Name(o.strip(), kind="alias") for o in others))


def _add_row(
    entry: EntityDraft,
    name: str,
    row: dict[str, str | None],
    countries: Countries,
    warnings: list[str],
    line: int,
) -> None:
    street, city, state = row.get("Street_Address"), row.get("City"), row.get("State")
    postal, country_text = row.get("Postal_Code"), row.get("Country")
    code = countries.code(country_text) if country_text else None
    full = ", ".join(unique([street, city, state, postal, country_text]))
    if full:
        entry.addresses.append(
            Address(
                full=full,
                street=street,
                city=city,
                region=state,
                postal_code=postal,
                country=code,
            )
        )
    if country_text:
        entry.countries.append(
            CountryRef(
                "country", code, label=None if country_text.lower() == code else country_text
            )
        )
    if street and _PRISON.search(street.upper()) and not _COMPANY.search(name.upper()):
        entry.schema = "Person"
    for column, kind in _DATES:
        text = row.get(column)
        if not text:
            continue
        iso = parse_date(text, month_first=True)
        if iso is None:
            warnings.append(f"line {line}: unreadable {column} {text!r} (kept in the notes)")
            entry.notes.append(f"{column}: {text}")
        else:
            entry.dates.append(DateFact(kind, iso))
    expires = row.get("Expiration_Date")
    if expires:
        iso = parse_date(expires, month_first=True)
        entry.notes.append(f"Denial expires: {iso or expires}")
    for column, label in _NOTES:
        if value := row.get(column):
            entry.notes.append(f"{label}: {value}")


FORMATS = (
    Format(
        name="us_bis_dpl",
        title="BIS Denied Persons List (tab-separated, bis.doc.gov)",
        sniff=sniff,
        read=read,
        extensions=(".txt", ".tsv"),
    ),
)
