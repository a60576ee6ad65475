"""OFAC's legacy CSV files: the SDN list and the consolidated (non-SDN) list.

Each list is a primary file and up to three sidecars, all without a header row, joined on the
entry number (``ent_num``) in column 1:

- primary (``sdn.csv``, ``cons_prim.csv``), 12 columns: ent_num, name, type, programs, title,
  call sign, vessel type, tonnage, gross registered tonnage, vessel flag, vessel owner, remarks;
- ``alt.csv`` / ``cons_alt.csv``, 5 columns: ent_num, alt_num, type (aka/fka/nka), name, remarks;
- ``add.csv`` / ``cons_add.csv``, 6 columns: ent_num, add_num, address, "city, state/province,
  postal code", country, remarks;
- ``sdn_comments.csv`` / ``cons_comments.csv``, 2 columns: ent_num, the part of the remarks that
  the primary file cut off at 1,000 characters.

``-0-`` (mostly ``-0- `` with a space) marks an empty cell; the files end with a DOS end-of-file
byte (0x1A) on a line of its own, which is not a record. The role of a file comes from its
column layout; whether it belongs to the SDN or the consolidated list cannot be told from the
content, so the ``cons_`` prefix of OFAC's file names decides (anything else is SDN).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import (
    Address,
    DatasetInfo,
    Entity,
    Identifier,
    NameKind,
    Record,
    Schema,
    unique,
)
from countersight.sources.base import (
    SAMPLE_BYTES,
    Format,
    Reading,
    ReadOptions,
    Role,
    Sample,
    Sniffed,
    SourceGroup,
    csv_rows,
    date_in_filename,
    require_nonempty,
)
from countersight.sources.draft import EntityDraft
from countersight.sources.ofac_remarks import Countries, Facts, parse_remarks, person_name
from countersight.sources.values import clean

PUBLISHER = "US Treasury OFAC"
LICENCE = "Public domain (work of the US government)"
EMPTY = ("-0-",)
EOF_MARK = "\x1a"  # DOS end-of-file byte OFAC leaves on the last line
REMARKS_LIMIT = 1000  # OFAC cuts the remarks cell here; the rest is in the comments file
ENTRY_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"


@dataclass(frozen=True, slots=True)
class OfacList:
    dataset: str
    title: str
    url: str


FAMILIES: dict[str, OfacList] = {
    "ofac_sdn": OfacList(
        "us_ofac_sdn",
        "OFAC Specially Designated Nationals and Blocked Persons (SDN) list",
        "https://ofac.treasury.gov/"
        "specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
    ),
    "ofac_cons": OfacList(
        "us_ofac_cons",
        "OFAC Consolidated Sanctions List (non-SDN lists)",
        "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
    ),
}
COLUMNS: dict[Role, int] = {"main": 12, "alt": 5, "add": 6, "comments": 2}
_LAYOUT: dict[Role, str] = {
    "main": "ent_num, name, type, programs, title, call sign, vessel type, tonnage, GRT, "
    "vessel flag, vessel owner, remarks",
    "alt": "ent_num, alt_num, alt_type, alt_name, alt_remarks",
    "add": "ent_num, add_num, address, city/state/postal code, country, add_remarks",
    "comments": "ent_num, remarks continued",
}
_TYPES: dict[str, Schema] = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "": "LegalEntity",  # OFAC leaves companies and organisations untyped (-0-)
}
_ALIAS_KINDS: dict[str, NameKind] = {"aka": "alias", "fka": "previous", "nka": "alias"}
_MAIN_LINE = re.compile(r'^\s*\d+\s*,\s*"')


# -- recognising the files ---------------------------------------------------------------------


def family_of(path: Path) -> str:
    """``cons_prim.csv``, ``cons_alt_2025-12.csv`` -> ``ofac_cons``; anything else ``ofac_sdn``."""
    return "ofac_cons" if path.name.lower().startswith("cons_") else "ofac_sdn"


def _role(row: list[str], line: str) -> Role | None:
    cells = [c.strip() for c in row]
    if not cells or not cells[0].isdigit():
        return None
    if len(cells) == 12 and _MAIN_LINE.match(line) and cells[2].lower() in ("-0-", *_TYPES):
        return "main"
    if len(cells) == 5 and cells[1].isdigit() and cells[2].lower() in _ALIAS_KINDS:
        return "alt"
    if len(cells) == 6 and cells[1].isdigit():
        return "add"
    if len(cells) == 2 and _MAIN_LINE.match(line) and cells[1]:
        return "comments"
    return None


def sniff(sample: Sample) -> Sniffed | None:
    lines = sample.text.splitlines()
    if len(sample.head) >= SAMPLE_BYTES:
        lines = lines[:-1]  # the last line may be cut
    lines = [ln for ln in lines if ln.strip() and ln.strip() != EOF_MARK][:10]
    if not lines:
        return None
    roles: list[Role | None] = []
    for line in lines:
        try:
            row = next(csv.reader([line]))
        except (csv.Error, StopIteration):
            return None
        roles.append(_role(row, line))
    first = roles[0]
    # The first row decides; most of the others must agree (a broken row further down is
    # reported by read() with its line number rather than making the file unrecognised).
    if first is None or roles.count(first) * 2 < len(roles):
        return None
    return Sniffed(family=family_of(sample.path), role=first)


# -- reading -----------------------------------------------------------------------------------


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    for path in group.paths:
        require_nonempty(path)
    family = FAMILIES[family_of(group.main)]
    name = options.dataset or family.dataset
    info = DatasetInfo(
        name=name,
        title=family.title,
        publisher=PUBLISHER,
        url=family.url,
        issued=date_in_filename(group.main),
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(group, name, warnings), warnings)


def rows(path: Path, role: Role) -> Iterator[tuple[int, list[str]]]:
    """The rows of one OFAC file, each checked for the column count of its role."""
    expected = COLUMNS[role]
    for line, row in csv_rows(path):
        if len(row) == 1 and row[0].strip() == EOF_MARK:
            continue
        if len(row) != expected:
            raise SourceError(
                f"expected {expected} columns ({_LAYOUT[role]}), found {len(row)}",
                path=str(path),
                line=line,
                hint="the file may be cut short, edited, or not an OFAC CSV file",
            )
        if not row[0].strip().isdigit():
            raise SourceError(
                f"expected an entry number (ent_num) in column 1, found {row[0]!r}",
                path=str(path),
                line=line,
            )
        yield line, row


def _cell(text: str) -> str | None:
    return clean(text, empty=EMPTY)


@dataclass(slots=True)
class _Sidecars:
    aliases: dict[str, list[tuple[NameKind, str, str | None]]]
    addresses: dict[str, list[tuple[Address, str | None, str | None]]]
    comments: dict[str, list[str]]
    rows: dict[Path, dict[str, int]]
    """Per sidecar file: rows per ent_num, to count the rows that join no primary record."""


def _load_sidecars(group: SourceGroup, warnings: list[str]) -> _Sidecars:
    side = _Sidecars(defaultdict(list), defaultdict(list), defaultdict(list), {})
    unknown_kinds: set[str] = set()
    for role, path in group.sidecars:
        counts: dict[str, int] = defaultdict(int)
        side.rows[path] = counts
        for _line, row in rows(path, role):
            ent = row[0].strip()
            counts[ent] += 1
            if role == "alt":
                value = _cell(row[3])
                if value is None:
                    continue
                kind_text = (_cell(row[2]) or "").lower()
                if kind_text not in _ALIAS_KINDS:
                    unknown_kinds.add(kind_text)
                kind = _ALIAS_KINDS.get(kind_text, "alias")
                side.aliases[ent].append((kind, value, _cell(row[4])))
            elif role == "add":
                street, place, country = _cell(row[2]), _cell(row[3]), _cell(row[4])
                full = ", ".join(unique([street, place, country]))
                if full:
                    address = Address(full=full, street=street, city=place)
                    side.addresses[ent].append((address, country, _cell(row[5])))
            elif role == "comments":
                side.comments[ent].append(row[1])
    if unknown_kinds:
        warnings.append(f"unknown alias types read as aliases: {sorted(unknown_kinds)}")
    dated = date_in_filename(group.main)
    others = [
        f"{path.name} ({other})"
        for _, path in group.sidecars
        if dated
        and (other := date_in_filename(path))
        and not (dated.startswith(other) or other.startswith(dated))
    ]
    if others:
        warnings.append(
            f"{group.main.name} is dated {dated}, its sidecars otherwise ({', '.join(others)}): "
            "aliases, addresses and remarks of entries changed in between may not match"
        )
    return side


def _records(group: SourceGroup, dataset: str, warnings: list[str]) -> Iterator[Record]:
    side = _load_sidecars(group, warnings)
    countries = Countries()
    seen: set[str] = set()
    misfit, cut, unread = 0, 0, 0
    for line, row in rows(group.main, "main"):
        ent = row[0].strip()
        seen.add(ent)
        name = _cell(row[1])
        if name is None:
            raise SourceError("the entry has no name (column 2)", path=str(group.main), line=line)
        # Remarks longer than OFAC's limit continue in the comments file, mid-word: join the raw
        # texts. A continuation for remarks that were not cut comes from another date's files.
        remarks = row[11]
        extra_notes: list[str] = []
        continued = side.comments.get(ent, [])
        if continued and len(remarks) >= REMARKS_LIMIT:
            remarks += "".join(continued)
        elif continued:
            misfit += 1
            extra_notes.extend(f"Remarks continued (as given): {text}" for text in continued)
        remarks_text = _cell(remarks)
        is_cut = len(row[11]) >= REMARKS_LIMIT and not continued
        cut += is_cut
        facts = parse_remarks(remarks_text or "", countries, cut=is_cut)
        unread += len(facts.unread)
        schema = _TYPES.get((_cell(row[2]) or "").lower())
        if schema is None:
            raise SourceError(
                f"unknown entry type {row[2]!r} (expected individual, vessel, aircraft or -0-)",
                path=str(group.main),
                line=line,
            )
        yield _entity(
            dataset, ent, schema, name, row, side, countries, facts, remarks_text, extra_notes
        )
    _warn_unjoined(group, side, seen, warnings)
    if misfit:
        warnings.append(
            f"{misfit} remarks continuations are for remarks that were not cut off in "
            f"{group.main.name} (files of different dates?): kept as separate notes"
        )
    if cut:
        warnings.append(
            f"{cut} remarks stop at OFAC's {REMARKS_LIMIT}-character limit and no comments file "
            "continues them: their last sentence was not read"
        )
    if unread:
        warnings.append(f"{unread} dates in remarks could not be read (kept in the notes)")
    if (text := countries.warning()) is not None:
        warnings.append(text)


def _warn_unjoined(
    group: SourceGroup, side: _Sidecars, seen: set[str], warnings: list[str]
) -> None:
    parts: list[str] = []
    for path, counts in side.rows.items():
        total = sum(counts.values())
        orphans = sum(n for ent, n in counts.items() if ent not in seen)
        if orphans:
            parts.append(f"{orphans:,} of {total:,} rows of {path.name}")
    if parts:
        warnings.append(
            f"{'; '.join(parts)} name entries that are not in {group.main.name} and were "
            "ignored (the files may be from different dates)"
        )


def _entity(
    dataset: str,
    ent: str,
    schema: Schema,
    name: str,
    row: list[str],
    side: _Sidecars,
    countries: Countries,
    facts: Facts,
    remarks: str | None,
    extra_notes: list[str],
) -> Entity:
    draft = EntityDraft(
        schema,
        ent,
        names=[person_name(name, "primary", schema)],
        dates=facts.dates,
        birth_places=facts.birth_places,
        topics=["sanction"],
        programs=list(programs(row[3])),
        gender=facts.gender,
        source_url=ENTRY_URL.format(ent),
    )
    side_notes: list[str] = []
    for kind, value, remark in side.aliases.get(ent, []):
        draft.names.append(person_name(value, kind, schema))
        if remark:
            side_notes.append(f"Alias {value}: {remark}")
    draft.names.extend(facts.names)
    title, call_sign, vessel_type, tonnage, grt, flag, owner = (_cell(row[i]) for i in range(4, 11))
    if call_sign:
        draft.identifiers.append(Identifier("call_sign", call_sign))
    draft.identifiers.extend(facts.identifiers)
    draft.countries.extend(facts.countries)
    if flag and (ref := countries.ref("flag", flag)) is not None:
        draft.countries.append(ref)
    for address, country_text, remark in side.addresses.get(ent, []):
        if country_text and (ref := countries.ref("country", country_text)) is not None:
            draft.countries.append(ref)
            address = Address(
                full=address.full, street=address.street, city=address.city, country=ref.code
            )
        draft.addresses.append(address)
        if remark:
            side_notes.append(f"Address {address.full}: {remark}")
    for label, cell in (
        ("Title", title),
        ("Vessel type", vessel_type),
        ("Tonnage", tonnage),
        ("Gross registered tonnage", grt),
        ("Vessel owner", owner),
    ):
        if cell:
            draft.notes.append(f"{label}: {cell}")
    if remarks:
        draft.notes.append(remarks)
    draft.notes.extend([*facts.links, *extra_notes, *side_notes])
    return draft.build(dataset)


def programs(text: str) -> tuple[str, ...]:
    """``SDGT] [IRGC`` (the cell as csv reads it: OFAC writes ``[SDGT] [IRGC]`` around it)."""
    value = _cell(text)
    if value is None:
        return ()
    return unique(part.strip("[] ") for part in re.split(r"\]\s*\[", value))


FORMATS = (
    Format(
        name="ofac_csv",
        title="OFAC SDN / consolidated list, legacy CSV (sdn.csv, alt.csv, add.csv, "
        "sdn_comments.csv, cons_*.csv)",
        sniff=sniff,
        read=read,
        extensions=(".csv",),
    ),
)
