"""Row mappers for the non-US tables: Bulgaria's national terrorism-financing list, Swiss FIAA
asset freezes, the PRC's counter-sanctions and export-control lists, and Pakistan's Fourth
Schedule (proscribed persons)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from countersight.model import Address, Evidence, Identifier, NameKind, Record
from countersight.sources.base import slug
from countersight.sources.opensanctions_common import (
    Context,
    Draft,
    Drafts,
    Rows,
    emit,
    ended,
    schema_of,
    short_hash,
    topics,
    when,
)
from countersight.sources.values import clean, split

# The grounds of each section of the Bulgarian list (Council of Ministers Decision 265/2003).
_BG_SECTIONS = {
    "III": "list section III: criminal proceedings for terrorism or its financing in Bulgaria",
    "IV": "list section IV: sufficient data of activity related to terrorism or its financing",
}

_BG_NAMES: tuple[tuple[str, NameKind], ...] = (("Alias", "alias"), ("Previous name", "previous"))


def _unique_ref(ref: str, used: set[str], *parts: str | None) -> str:
    """``ref``, or ``ref`` plus a short hash of the row when another row has the same one."""
    if slug(ref) in used:
        ref = f"{ref} {short_hash(ref, *parts)}"
    used.add(slug(ref))
    return ref


def bg_mft(ctx: Context, rows: Rows) -> Iterator[Record]:
    used: set[str] = set()
    drafts: list[Draft] = []
    for number, row in rows:
        section, position = clean(row["Section"]), clean(row["Number"])
        schema = schema_of(row["Type"], "Person")
        if not (clean(row["Name"]) or clean(row["Name BG"])) or not section or not position:
            ctx.warn(number, "row without a name, section or number skipped")
            continue
        if schema is None:
            ctx.warn(number, f"unknown type {row['Type']!r}; kept as LegalEntity")
            schema = "LegalEntity"
        # source_ref: the list's own numbering, section and number within it ('III-1').
        ref = _unique_ref(f"{section}-{position}", used, *row.values())
        draft = Draft(schema, ref)
        # The decision is in Bulgarian: 'Name BG' is its verbatim name, 'Name' a Latin one it
        # sometimes gives too.
        draft.name(row["Name"])
        draft.name(row["Name BG"], lang="bul", original_script=True)
        for column, kind in _BG_NAMES:
            for value in split(row[column]):
                draft.name(value, kind)
            for value in split(row[f"{column} BG"]):
                draft.name(value, kind, lang="bul", original_script=True)
        birth = when(row["DOB"])
        if clean(row["DOB"]) and birth is None:
            ctx.warn(number, f"unreadable date of birth {row['DOB']!r}; kept as a note")
            draft.note(f"date of birth as listed: {row['DOB']}")
        draft.date("birth", birth)
        if place := clean(row["POB"]):
            draft.birth_places.append(place)
        draft.country(row["Country"], "citizenship" if schema == "Person" else "country")
        for scheme, column in (("passport", "Passport"), ("national_id", "ID Number")):
            for value in split(row[column]):
                if re.search(r"[^\x00-\x7f]", value):
                    # e.g. a Cyrillic EM (U+041C) opening an Australian passport number.
                    ctx.warn(number, f"{scheme} {value!r} has non-Latin letters; kept as listed")
                draft.identifiers.append(Identifier(scheme, value))
        if address := clean(row["Address"]):
            draft.addresses.append(Address(full=address))
        draft.note(row["Notes"])
        draft.note(_BG_SECTIONS.get(section, f"list section {section}"))
        listed, delisted = when(row["Listed"]), when(row["Delisted"])
        draft.date("listed", listed)
        if delisted:
            draft.note(ended(delisted))
        if gazette := clean(row["Gazette"]):
            draft.note(f"State Gazette: {gazette}")
            draft.evidence.append(
                Evidence(publisher="Council of Ministers of Bulgaria", date=listed, title=gazette)
            )
        draft.topics.append("sanction")
        draft.programs.append("BG-MFT")
        drafts.append(draft)
    yield from emit(ctx.dataset, drafts)


def ch_fiaa(ctx: Context, rows: Rows) -> Iterator[Record]:
    used: set[str] = set()
    drafts: list[Draft] = []
    for number, row in rows:
        name = clean(row["Name"])
        if name is None:
            ctx.warn(number, "row without a name skipped")
            continue
        # source_ref: the list gives no identifier; the name (unique on the list), with a
        # hash of the birth date and programme should two people share one.
        ref = _unique_ref(name, used, row["Birth date"], row["Program"])
        # FIAA freezes concern politically exposed persons and their relatives; the table has
        # no type column and every entry is a natural person.
        draft = Draft("Person", ref)
        draft.name(name)
        for alias in split(row["Alias"]):
            draft.name(alias, "alias")
        for previous in split(row["Previous name"]):
            draft.name(previous, "previous")
        birth = when(row["Birth date"])
        if clean(row["Birth date"]) and birth is None:
            ctx.warn(number, f"unreadable birth date {row['Birth date']!r}; kept as a note")
            draft.note(f"date of birth as listed: {row['Birth date']}")
        draft.date("birth", birth)
        if place := clean(row["Birth place"]):
            draft.birth_places.append(place)
        draft.country(row["Nationality"], "nationality")
        draft.country(row["Country"], "country")
        for passport in split(row["Passport numbers"]):
            draft.identifiers.append(Identifier("passport", passport))
        draft.note(row["Notes"])
        listed, delisted = when(row["Listed"]), when(row["Delisted"])
        draft.date("listed", listed)
        if delisted:
            draft.note(ended(delisted))
        draft.programs.extend(split(row["Program"]))
        draft.topics.append("sanction")
        draft.url(row["Source URL"], listed)
        drafts.append(draft)
    yield from emit(ctx.dataset, drafts)


def cn_sanctions(ctx: Context, rows: Rows) -> Iterator[Record]:
    """One row per designation; rows of one entity (same QID or name) merge."""
    drafts = Drafts()
    by_qid: dict[str, Draft] = {}
    for number, row in rows:
        name, qid = clean(row["Name"]), clean(row["QID"])
        schema = schema_of(row["Type"], "LegalEntity")
        if name is None or schema is None:
            ctx.warn(number, f"row skipped: no name or unknown type {row['Type']!r}")
            continue
        key = slug(name)
        draft = (by_qid.get(qid) if qid else None) or drafts.by_key.get(key)
        if draft is None:
            # source_ref: the Wikidata QID the table gives, else the English name.
            draft = drafts.get(key, schema, qid or name)
        drafts.by_key.setdefault(key, draft)
        if qid:
            if not re.fullmatch(r"Q\d+", draft.source_ref):
                draft.source_ref = qid
            elif draft.source_ref != qid:
                ctx.warn(number, f"{name}: QID {qid} differs from {draft.source_ref}; kept")
            by_qid.setdefault(qid, draft)
        draft.name(name)
        for alias in split(row["Alias"]):
            draft.name(alias, "alias")
        # The official notices are Chinese; the Chinese name is the notice's own rendering.
        draft.name(row["Chinese name"], "alias", lang="zho", original_script=True)
        draft.country(row["Country"], "country")
        draft.topics.extend(topics(row["Topics"], ctx, number, ["sanction.counter"]))
        draft.note(row["Summary"])
        draft.note(row["Chinese summary"])
        body, program = clean(row["Body"]), clean(row["List"])
        if program or body:
            draft.programs.append(program or body or "")
        listed, end = when(row["Date"], short_year=True), when(row["End date"], short_year=True)
        for label, value, parsed in (
            ("Date", row["Date"], listed),
            ("End date", row["End date"], end),
        ):
            if clean(value) and parsed is None:
                ctx.warn(number, f"unreadable {label} {value!r}")
        draft.date("listed", listed)
        if end:
            draft.note(ended(end, listed))
        if address := clean(row["Address"]):
            draft.addresses.append(Address(full=address))
        draft.evidence.append(
            Evidence(
                publisher=body or "Government of the PRC",
                url=clean(row["Source URL"]),
                date=listed,
                title=program,
            )
        )
        draft.url(row["Source URL"], listed)
    yield from emit(ctx.dataset, drafts)


# -- Pakistan: Fourth Schedule ---------------------------------------------------------------

# 'Hafiz Ur Rehman @ Pakhan@Muhsin', 'Munazzam Ali alias Usama, Shaka, Muhammad, Ali'.
_PK_ALIAS = re.compile(r"\s*@\s*|\s+(?:alias|aka)\s+", re.IGNORECASE)
_PK_NONE = {"nil", "nill", "none", "n/a", "-"}
_CNIC = re.compile(r"^\d{13}$")


def pk_names(text: str) -> tuple[str, list[str]]:
    """The name before ``@``/``alias``, and the aliases after it."""
    parts = [p for p in (clean(x) for x in _PK_ALIAS.split(text)) if p]
    if not parts:
        return text, []
    aliases = [a for part in parts[1:] for a in split(part, ",")]
    return parts[0], aliases


def _cnic(text: str | None) -> str | None:
    """A CNIC that can identify someone: 13 digits (dashes allowed), not a placeholder such as
    ``1111111111111`` or ``1234567890000``."""
    value = re.sub(r"[\s-]", "", text or "")
    if not _CNIC.match(value) or len(set(value)) == 1 or value.startswith("123456789"):
        return None
    return value


def pk_proscribed(ctx: Context, items: Rows) -> Iterator[Record]:
    seen: dict[str, int] = {}
    holders: dict[str, list[int]] = defaultdict(list)
    drafts: list[Draft] = []
    for number, item in items:
        full = clean(item["Name"])
        if full is None:
            ctx.warn(number, "entry without a name skipped")
            continue
        father = clean(item["FatherName"])
        father = None if father and father.lower() in _PK_NONE else father
        cnic_text = clean(item["CNIC"])
        province, district = clean(item["Province"]), clean(item["District"])
        # source_ref: the list gives no identifier and names repeat (13 'Abdullah'): the name
        # plus a hash of the whole entry, so that the same entry keeps its id across versions.
        ref = f"{full} {short_hash(full, father, cnic_text, province, district)}"
        if slug(ref) in seen:
            ctx.warn(number, f"duplicate of item {seen[slug(ref)]} ({full}) skipped")
            continue
        seen[slug(ref)] = number
        draft = Draft("Person", ref)
        primary, aliases = pk_names(full)
        draft.name(primary)
        for alias in aliases:
            draft.name(alias, "alias")
        if father:
            draft.note(f"father: {father}")
        cnic = _cnic(cnic_text)
        if cnic:
            draft.identifiers.append(Identifier("national_id", cnic, country="pk", note="CNIC"))
            holders[cnic].append(number)
        elif cnic_text:
            ctx.warn(number, f"{full}: CNIC {cnic_text!r} is not a usable number; kept as a note")
            draft.note(f"CNIC as listed: {cnic_text}")
        place = ", ".join(p for p in (district, province) if p)
        if place:
            draft.addresses.append(Address(full=place, region=province, country="pk"))
        draft.country("pk", "country")
        draft.topics.extend(["sanction", "crime.terror"])
        draft.programs.append("Fourth Schedule, Anti-Terrorism Act 1997")
        drafts.append(draft)
    for cnic, numbers in holders.items():
        if len(numbers) > 1:
            ctx.warn(None, f"CNIC {cnic} is given for items {numbers}: kept on each entry")
    yield from emit(ctx.dataset, drafts)
