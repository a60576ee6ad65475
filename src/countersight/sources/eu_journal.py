"""EU sanctions annexes from the Official Journal, one CSV per regulation, as OpenSanctions
tabulates them (``eu_journal_sanctions/32014R0269.csv``: 45 columns, ``celex, recordId,
programKey, annex, measure, startDate, reason, schema, name, alias, ...``).

What the files are like:

- ``recordId`` is the entry's number *within its annex section*, not within the regulation:
  in 32014R0269, ``1`` is Sergey AKSYONOV in ``I.PERSONS`` and Chernomorneftegaz in
  ``I.ENTITIES``. An entry is therefore identified by annex and number; ``source_ref`` is
  ``I.PERSONS/1``, which is how the annex itself is cited. No two rows share annex and number in
  the published files; if a file ever repeats one, its rows are merged into one entity.
- Some sections are not numbered (Regulation 881/2002's Al-Qaida annex, Belarus annexes V, IX
  and XV, North Korean vessels): those entries get a reference made from the annex and the IMO
  number or the name (``XIII.B/IMO 8606173``, ``I/abu-sayyaf-group``), stable across versions
  as long as the name is.
- Several files are the header alone: a dataset with no entities.
- Multiple values in one cell are separated by ``;`` (see :mod:`countersight.sources.eu_text`).
- Schemas are FollowTheMoney's; an ``Asset`` (the Belarusian digital rouble) is not a party
  that can be screened and is skipped with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import (
    SCHEMAS,
    Address,
    CountryRef,
    CountryRole,
    DatasetInfo,
    DateKind,
    Entity,
    Evidence,
    Name,
    NameKind,
    Record,
)
from countersight.sources import eu_text
from countersight.sources.base import (
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
from countersight.sources.draft import EntityDraft
from countersight.sources.values import clean

PUBLISHER = "Official Journal of the European Union (tabulated by OpenSanctions)"
LICENCE = "CC BY-NC 4.0"
EURLEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"

LEADING = ("celex", "recordId", "programKey", "annex", "measure", "startDate")
"""The first header cells of every file of this layout."""
REQUIRED = ("celex", "recordId", "annex", "schema", "name")

# Countersight never profiles people: the physical description (``appearance``) and the
# ``ethnicity`` some annexes give are deliberately not read, and nothing of them is stored.
PROFILING = frozenset({"appearance", "ethnicity"})

_NAME_COLUMNS: tuple[tuple[str, NameKind], ...] = (
    ("alias", "alias"),
    ("weakAlias", "weak_alias"),
    ("previousName", "previous"),
)
_DATE_COLUMNS: dict[str, tuple[DateKind, str]] = {
    "birthDate": ("birth", "date of birth"),
    "incorporationDate": ("incorporation", "incorporation date"),
}
_ID_COLUMNS = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "taxNumber": "tax_id",
    "registrationNumber": "registration",
    "innCode": "inn",
    "ogrnCode": "ogrn",
    "kppCode": "kpp",
    "okpoCode": "okpo",
    "leiCode": "lei",
    "swiftBic": "swift",
    "ticker": "ticker",
    "imoNumber": "imo",
    "mmsi": "mmsi",
}
_COUNTRY_COLUMNS: dict[str, CountryRole] = {
    "nationality": "nationality",
    "country": "country",
    "jurisdiction": "jurisdiction",
    "flag": "flag",
}
_NOTE_COLUMNS = {
    "position": "position",
    "legalForm": "legal form",
    "sector": "sector",
    "fatherName": "father's name",
    "motherName": "mother's name",
    "phone": "phone",
    "email": "email",
    "website": "website",
}
_TOPICS = {"export control": "export.control"}
_CELEX = re.compile(r"^\d{5}[A-Z]\d{4}$")
_KINDS = {"R": "Regulation", "D": "Decision", "L": "Directive"}


def sniff(sample: Sample) -> Sniffed | None:
    first = sample.text.split("\n", 1)[0].strip().split(",")
    if tuple(c.strip().strip('"') for c in first[: len(LEADING)]) != LEADING:
        return None
    return Sniffed(family="eu_journal") if "name" in first and "schema" in first else None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    header, celex = _head(path)
    info = DatasetInfo(
        name=options.dataset or f"eu_journal_{celex.lower()}",
        title=_title(celex),
        publisher=PUBLISHER,
        url=EURLEX.format(celex=celex) if _CELEX.match(celex) else None,
        issued=date_in_filename(path),
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(path, header, celex, info.name, warnings), warnings)


def _head(path: Path) -> tuple[list[str], str]:
    """The header, and the CELEX number (from the first row, else from the file name)."""
    rows = csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise SourceError("the file is empty", path=str(path))
    header = [cell.strip() for cell in first[1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SourceError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(header)}",
            path=str(path),
            line=1,
            hint="expected the OpenSanctions eu_journal_sanctions layout",
        )
    second = next(rows, None)
    celex = ""
    if second is not None and len(second[1]) == len(header):
        celex = second[1][header.index("celex")].strip().upper()
    if not celex:
        stem = path.name.split(".")[0].upper()
        celex = stem if _CELEX.match(stem) else slug(path.name.split(".")[0])
    return header, celex


def _title(celex: str) -> str:
    if not _CELEX.match(celex):
        return f"EU sanctions annexes ({celex})"
    year, kind, number = celex[1:5], _KINDS.get(celex[5], "act"), int(celex[6:])
    cited = f"{number}/{year}" if int(year) < 2015 else f"{year}/{number}"
    return f"EU sanctions: annexes to Council {kind} {cited} (CELEX {celex})"


Row = tuple[int, dict[str, str]]
"""A data row with its line number, as column -> value."""


def _records(
    path: Path, header: list[str], celex: str, dataset: str, warnings: list[str]
) -> Iterator[Record]:
    unread = [c for c in header if c not in _KNOWN and c not in PROFILING]
    if unread:
        warnings.append(f"column(s) not read: {', '.join(unread)}")
    numbered: dict[str, list[Row]] = {}
    unnumbered: list[tuple[str, list[Row]]] = []
    for line, cells in csv_rows(path, columns=len(header)):
        if line == 1:
            continue
        row = {column: value.strip() for column, value in zip(header, cells, strict=True)}
        if row.get("recordId"):
            ref = f"{row.get('annex', '')}/{row['recordId']}"
            numbered.setdefault(ref, []).append((line, row))
        else:
            unnumbered.append((_derived_ref(row), [(line, row)]))
    for ref, rows in numbered.items():
        if len(rows) > 1:
            lines = ", ".join(str(line) for line, _ in rows)
            warnings.append(f"{ref}: rows on lines {lines} merged into one entry")
    ids: set[str] = set()
    skipped: Counter[str] = Counter()
    dropped = 0
    for ref, rows in [*numbered.items(), *unnumbered]:
        schema = rows[0][1].get("schema", "")
        if schema not in SCHEMAS:
            skipped[schema] += 1
            continue
        entity_id = make_id(dataset, ref)
        if entity_id in ids:
            line = rows[0][0]
            warnings.append(
                f"line {line}: {ref} has the reference of an earlier entry (the same name in "
                f"an unnumbered annex); kept apart as {ref}/{line}"
            )
            ref = f"{ref}/{line}"
            entity_id = make_id(dataset, ref)
        ids.add(entity_id)
        builder = _Builder(schema, ref, celex=celex, warnings=warnings)
        for line, row in rows:
            builder.add(line, row)
        dropped += builder.dropped
        if not builder.names:
            warnings.append(f"line {rows[0][0]}: {ref} has no name; skipped")
            continue
        yield builder.entity(dataset)
    for schema, count in sorted(skipped.items()):
        warnings.append(f"skipped {count} {schema or 'schema-less'} record(s): not a party")
    if dropped:
        warnings.append(
            f"left out {dropped} alias fragment(s) that are not names "
            "(language labels such as 'Chinese:', 'Text of image' placeholders)"
        )


_KNOWN = frozenset(
    {
        *LEADING,
        *("reason", "schema", "name", "birthPlace", "gender", "address", "notes"),
        *(c for c, _ in _NAME_COLUMNS),
        *_DATE_COLUMNS,
        *_ID_COLUMNS,
        *_COUNTRY_COLUMNS,
        *_NOTE_COLUMNS,
    }
)


def _derived_ref(row: dict[str, str]) -> str:
    """For entries the annex does not number: the IMO number of a vessel, else the name."""
    annex = row.get("annex", "")
    imo = clean(row.get("imoNumber"))
    if imo:
        return f"{annex}/IMO {imo}"
    name = slug(row.get("name", ""))[:48].strip("-")
    return f"{annex}/{name or 'unnamed'}"


@dataclass(slots=True, kw_only=True)
class _Builder(EntityDraft):
    """Gathers what the rows of one entry say."""

    celex: str
    warnings: list[str]
    dropped: int = 0
    """Alias fragments left out (see ``eu_text.names``)."""

    @property
    def url(self) -> str | None:
        return EURLEX.format(celex=self.celex) if _CELEX.match(self.celex) else None

    def add(self, line: int, row: dict[str, str]) -> None:
        self._names(row)
        self._countries(row)
        for column, scheme in _ID_COLUMNS.items():
            self.identifiers.extend(eu_text.identifiers(row.get(column), scheme))
        for column, (kind, label) in _DATE_COLUMNS.items():
            facts, unread = eu_text.dates(row.get(column), kind)
            self.dates.extend(facts)
            for text in unread:
                self.notes.append(f"{label} as listed: {text}")
                self.warnings.append(f"line {line}: {self.source_ref}: {column} {text!r} not read")
        listed, unread = eu_text.dates(row.get("startDate"), "listed")
        self.dates.extend(listed)
        for text in unread:
            self.warnings.append(f"line {line}: {self.source_ref}: startDate {text!r} not read")
        self.birth_places.extend(eu_text.pieces(row.get("birthPlace")))
        for column, label in _NOTE_COLUMNS.items():
            if value := clean(row.get(column)):
                self.notes.append(f"{label}: {value}")
        self.notes.append(clean(row.get("notes")) or "")
        self.gender = self.gender or (clean(row.get("gender")) or "").casefold().strip(".") or None
        self.programs.append(row.get("programKey", ""))
        measure = clean(row.get("measure")) or ""
        self.topics.append(_TOPICS.get(measure.casefold(), "sanction"))
        self.evidence.append(
            Evidence(
                publisher="Official Journal of the European Union",
                url=self.url,
                date=listed[0].value if listed else None,
                title=f"CELEX {self.celex}, annex {row.get('annex', '')}"
                + (f": {measure}" if measure else ""),
                excerpt=clean(row.get("reason")),
            )
        )

    def _names(self, row: dict[str, str]) -> None:
        primary = eu_text.names(row.get("name"), "primary")
        # A name cell holding two names ("CAGL; GREAT LAKES BUSINESS COMPANY"): the first is
        # the name of the entry, the rest are aliases. So is the name of a merged second row.
        for position, name in enumerate(primary.names):
            if self.names or position > 0:
                name = Name(name.value, "alias", original_script=name.original_script)
            self.names.append(name)
        self.dropped += primary.dropped
        for column, kind in _NAME_COLUMNS:
            found = eu_text.names(row.get(column), kind)
            self.names.extend(found.names)
            self.dropped += found.dropped

    def _countries(self, row: dict[str, str]) -> None:
        for column, role in _COUNTRY_COLUMNS.items():
            self.countries.extend(eu_text.countries(row.get(column), role))
        for text in eu_text.pieces(row.get("address")):
            country = eu_text.code(text)
            if country:  # an address that only names a country
                self.countries.append(CountryRef("country", country))
            else:
                last = eu_text.code(re.sub(r"[\d-]+", " ", text.rsplit(",", 1)[-1]))
                self.addresses.append(Address(full=text, country=last))

    def entity(self, dataset: str) -> Entity:
        names: dict[str, Name] = {}
        for name in self.names:  # one name per spelling; the first kind given wins
            names.setdefault(name.value, name)
        finished = replace(
            self, names=list(names.values()), topics=sorted(self.topics), source_url=self.url
        )
        return finished.build(dataset)


FORMATS = (
    Format(
        name="eu_journal",
        title="EU Official Journal sanctions annexes (OpenSanctions tables)",
        sniff=sniff,
        read=read,
        extensions=(".csv",),
    ),
)
