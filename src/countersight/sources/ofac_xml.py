"""OFAC's lists in XML: ``<sdnList>`` with ``publshInformation`` (``Publish_Date`` as MM/DD/YYYY,
``Record_Count``) and one ``sdnEntry`` per listing, in the namespace of the Sanctions List
Service (``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML``) or
the older ``http://tempuri.org/sdnList.xsd``: elements are matched by local name, so both read.

The same layout serves the SDN list and the consolidated (non-SDN) list. Which one a file is:

1. content first: a programme that only the non-SDN lists carry (``NS-*`` such as NS-PLC,
   ``FSE-*``, ``CMIC-*``) among the entries in the first 64 KiB -> ``us_ofac_cons``;
2. else OFAC's file name: ``cons*`` or ``ofac_cons*`` -> ``us_ofac_cons``;
3. else ``us_ofac_sdn``.

``source_ref`` is the entry's ``uid`` (OFAC's ent_num), so ids agree with the CSV reader's.
``sdnType`` Individual -> Person, Entity -> LegalEntity (Company when OFAC's "Target Type" says
Public or Private Company), Vessel -> Vessel, Aircraft -> Airplane. ``akaList``: strong ->
alias, weak -> weak alias, f.k.a. -> previous. ``idList`` mixes identifiers with other facts:
identifiers get a scheme (``_SCHEMES``; unknown kinds are ``other`` with OFAC's idType as
note), while listing and founding dates, gender, country of registration and the text of
directives and other notices go where they belong (dates, gender, countries, notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

from countersight.errors import SourceError
from countersight.model import (
    CountryRole,
    DatasetInfo,
    DateFact,
    DateKind,
    Entity,
    Identifier,
    Name,
    NameKind,
    Record,
    Schema,
    unique,
)
from countersight.sources.base import (
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    dataset_name,
    date_in_filename,
)
from countersight.sources.draft import EntityDraft
from countersight.sources.ofac_csv import ENTRY_URL, FAMILIES, LICENCE, PUBLISHER, OfacList
from countersight.sources.ofac_remarks import birth_date as parse_ofac_date
from countersight.sources.values import add_country, clean, country_code, country_ref, parse_date
from countersight.sources.xml import (
    children,
    iter_elements,
    local,
    require_root,
    root_name,
    text,
    warn_unread,
)

ROOT = "sdnList"
_SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


# The lists as the CSV reader names them (same datasets and titles), at their XML addresses.
SDN = replace(FAMILIES["ofac_sdn"], url=_SLS + "SDN.XML")
CONSOLIDATED = replace(FAMILIES["ofac_cons"], url=_SLS + "CONSOLIDATED.XML")
_NON_SDN_PROGRAMS = ("NS-", "FSE-", "CMIC-")
_PROGRAM = re.compile(r"<(?:[\w.\-]+:)?program>\s*([^<]+?)\s*</")

_SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
_TERROR_PROGRAMS = frozenset({"SDGT", "SDT", "FTO"})

_SCHEMES: dict[str, str] = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "identification number": "national_id",
    "cedula no.": "national_id",
    "d.n.i.": "national_id",
    "curp #": "national_id",
    "ssn": "national_id",
    "personal id card": "national_id",
    "national foreign id number": "national_id",
    "tax id no.": "tax_id",
    "v.a.t. number": "tax_id",
    "nit #": "tax_id",
    "ruc #": "tax_id",
    "rfc": "tax_id",
    "registration number": "registration",
    "registration id": "registration",
    "company number": "registration",
    "public registration number": "registration",
    "business registration number": "registration",
    "commercial registry number": "registration",
    "c.r. no.": "registration",
    "unified social credit code (uscc)": "registration",
    "legal entity number": "lei",
    "lei": "lei",
    "swift/bic": "swift",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "other vessel call sign": "call_sign",
    "d-u-n-s number": "duns",
}
# Kinds of ``id`` that are facts written as text, not numbers to match on.
_TEXT_FACTS = re.compile(
    r"date|directive|information|secondary sanctions|caatsa|organization type|issuer name"
    r"|model|operator|year of build|vessel type|executive order|prohibit|additional sanctions",
    re.IGNORECASE,
)
_COUNTRY_FACTS: dict[str, CountryRole] = {
    "nationality of registration": "jurisdiction",
    "nationality country": "nationality",
    "citizenship country": "citizenship",
    "other vessel flag": "flag",
}
_TRAILING_COUNTRY = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")

_KNOWN = {
    "sdnEntry": frozenset(
        {
            "uid",
            "firstName",
            "lastName",
            "title",
            "sdnType",
            "remarks",
            "programList",
            "idList",
            "akaList",
            "addressList",
            "nationalityList",
            "citizenshipList",
            "dateOfBirthList",
            "placeOfBirthList",
            "vesselInfo",
        }
    ),
    "address": frozenset(
        {
            "uid",
            "address1",
            "address2",
            "address3",
            "city",
            "stateOrProvince",
            "postalCode",
            "country",
            "region",
        }
    ),
    "vesselInfo": frozenset(
        {"callSign", "vesselType", "vesselFlag", "vesselOwner", "tonnage", "grossRegisteredTonnage"}
    ),
}


# -- recognising and describing the file -------------------------------------------------------


def sniff(sample: Sample) -> Sniffed | None:
    return Sniffed(family="ofac_xml") if root_name(sample.text) == ROOT else None


def which_list(path: Path, head: str) -> OfacList:
    """The SDN or the consolidated list (see the module notes for the rule)."""
    programs = set(_PROGRAM.findall(head))
    if any(program.startswith(_NON_SDN_PROGRAMS) for program in programs):
        return CONSOLIDATED
    if path.name.lower().startswith(("cons", "ofac_cons")):
        return CONSOLIDATED
    return SDN


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    head = require_root(path, ROOT, what="an OFAC list in XML")
    the_list = which_list(path, head)
    published, expected = _publication(path)
    name = dataset_name(options, the_list.dataset)
    info = DatasetInfo(
        name=name,
        title=the_list.title,
        publisher=PUBLISHER,
        url=the_list.url,
        issued=published or date_in_filename(path),
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(path, name, expected, warnings), warnings)


def _publication(path: Path) -> tuple[str | None, int | None]:
    """``Publish_Date`` and ``Record_Count`` from ``publshInformation``, which comes first: only
    the beginning of the file is parsed."""
    for elem in iter_elements(path, {"publshInformation", "sdnEntry"}):
        if local(elem.tag) != "publshInformation":
            break
        published = parse_date(text(elem, "Publish_Date"), month_first=True)
        count = text(elem, "Record_Count")
        return published, int(count) if count and count.isdigit() else None
    return None, None


# -- the entries -------------------------------------------------------------------------------


def _records(
    path: Path, dataset: str, expected: int | None, warnings: list[str]
) -> Iterator[Record]:
    count = 0
    seen: set[str] = set()
    unread: set[str] = set()
    for elem in iter_elements(path, {"sdnEntry"}):
        count += 1
        uid = clean(text(elem, "uid"))
        if uid is None:
            warnings.append(f"skipped entry {count}: it has no uid")
            continue
        if uid in seen:
            warnings.append(f"uid {uid}: listed twice; the second entry is skipped")
            continue
        seen.add(uid)
        try:
            entity = _entity(elem, uid, dataset, warnings, unread)
        except ValueError as exc:
            raise SourceError(str(exc), path=str(path), element=f"sdnEntry uid {uid}") from None
        if entity is not None:
            yield entity
    if expected is not None and count != expected:
        warnings.append(f"the file says Record_Count {expected} but holds {count} entries")


def _items(elem: Element, outer: str, inner: str) -> Iterator[Element]:
    for container in children(elem, outer):
        yield from children(container, inner)


def _entity(
    elem: Element, uid: str, dataset: str, warnings: list[str], unread: set[str]
) -> Entity | None:
    warn_unread(elem, _KNOWN["sdnEntry"], f"uid {uid}", unread, warnings)
    kind = (clean(text(elem, "sdnType")) or "").lower()
    schema = _SCHEMAS.get(kind)
    if schema is None:
        warnings.append(f"uid {uid}: sdnType {kind!r} unknown; read as a legal entity")
        schema = "LegalEntity"
    person = schema == "Person"
    primary = _name(elem, "primary", person)
    if primary is None:
        warnings.append(f"uid {uid}: skipped, the entry gives no name")
        return None
    draft = EntityDraft(schema, uid, names=[primary], topics=["sanction"])
    draft.source_url = ENTRY_URL.format(uid)
    if remarks := clean(text(elem, "remarks")):
        draft.notes.append(remarks)
    if title := clean(text(elem, "title")):
        draft.notes.append(f"title: {title}")
    for aka in _items(elem, "akaList", "aka"):
        _aka(aka, uid, person, draft, warnings)
    for node in _items(elem, "idList", "id"):
        _id(node, draft)
    for node in _items(elem, "addressList", "address"):
        warn_unread(node, _KNOWN["address"], f"uid {uid}", unread, warnings)
        _address(node, "residence" if person else "country", draft)
    for node in _items(elem, "nationalityList", "nationality"):
        add_country(draft.countries, "nationality", text(node, "country"))
    for node in _items(elem, "citizenshipList", "citizenship"):
        add_country(draft.countries, "citizenship", text(node, "country"))
    for node in _items(elem, "dateOfBirthList", "dateOfBirthItem"):
        _birth_date(clean(text(node, "dateOfBirth")), uid, draft, warnings)
    for node in _items(elem, "placeOfBirthList", "placeOfBirthItem"):
        _birth_place(clean(text(node, "placeOfBirth")), draft)
    for vessel in children(elem, "vesselInfo"):
        warn_unread(vessel, _KNOWN["vesselInfo"], f"uid {uid}", unread, warnings)
        _vessel(vessel, draft)
    programs = unique(node.text for node in _items(elem, "programList", "program"))
    draft.programs.extend(programs)
    if _TERROR_PROGRAMS & set(programs):
        draft.topics.append("crime.terror")
    draft.topics.sort()
    return draft.build(dataset)


def _name(node: Element, kind: NameKind, person: bool) -> Name | None:
    first, last = clean(text(node, "firstName")), clean(text(node, "lastName"))
    value = " ".join(unique([first, last]))
    if not value:
        return None
    if person:
        return Name(value, kind, given=first, family=last)
    return Name(value, kind)


def _aka(aka: Element, uid: str, person: bool, draft: EntityDraft, warnings: list[str]) -> None:
    kind_of = (clean(text(aka, "type")) or "a.k.a.").lower()
    category = (clean(text(aka, "category")) or "strong").lower()
    kind: NameKind
    if kind_of == "f.k.a.":
        kind = "previous"
    elif category == "weak":
        kind = "weak_alias"
    else:
        kind = "alias"
        if kind_of not in ("a.k.a.", "n.k.a.") or category != "strong":
            warnings.append(f"uid {uid}: alias {kind_of} / {category} read as a strong alias")
    name = _name(aka, kind, person)
    if name is not None:
        draft.names.append(name)


def _id(node: Element, draft: EntityDraft) -> None:
    kind = clean(text(node, "idType")) or "identifier"
    value = clean(text(node, "idNumber"))
    if value is None:
        return
    key = kind.lower().rstrip(" :-")
    if key == "gender":
        draft.gender = value.lower()
    elif key.startswith("listing date"):
        _fact_date(draft, "listed", kind, value)
    elif key == "organization established date":
        _fact_date(draft, "incorporation", kind, value)
    elif key in _COUNTRY_FACTS:
        add_country(draft.countries, _COUNTRY_FACTS[key], value)
    elif key == "target type":
        draft.notes.append(f"{kind}: {value}")
        if "state-owned" in value.lower():
            draft.topics.append("gov.soe")
        if value.lower() in ("public company", "private company") and draft.schema == "LegalEntity":
            draft.schema = "Company"
    elif key in _SCHEMES or not _TEXT_FACTS.search(key):
        draft.identifiers.append(_identifier(node, kind, key, value))
    else:
        draft.notes.append(f"{kind.rstrip(' :-')}: {value}")


def _identifier(node: Element, kind: str, key: str, value: str) -> Identifier:
    scheme = _SCHEMES.get(key, "other")
    written_country = clean(text(node, "idCountry"))
    inside = _TRAILING_COUNTRY.match(value) if written_country is None else None
    if inside is not None and country_code(inside.group(2)):  # "1026303117642 (Russia)"
        value, written_country = inside.group(1), inside.group(2)
    if scheme == "imo":
        value = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
    country = country_ref("country", written_country)
    issued, expires = clean(text(node, "issueDate")), clean(text(node, "expirationDate"))
    note = "; ".join(
        unique(
            [
                None if key == scheme else kind,
                f"issued {issued}" if issued else None,
                f"expires {expires}" if expires else None,
            ]
        )
    )
    return Identifier(
        scheme=scheme, value=value, country=country.code if country else None, note=note or None
    )


def _fact_date(draft: EntityDraft, kind: DateKind, label: str, value: str) -> None:
    iso = parse_date(value)
    if iso is None:
        draft.notes.append(f"{label.rstrip(' :-')}: {value}")
    else:
        draft.dates.append(DateFact(kind, iso))


def _address(node: Element, role: CountryRole, draft: EntityDraft) -> None:
    street = ", ".join(unique(text(node, tag) for tag in ("address1", "address2", "address3")))
    draft.add_address(
        role,
        street=street or None,
        city=clean(text(node, "city")),
        region=clean(text(node, "stateOrProvince")),
        postal_code=clean(text(node, "postalCode")),
        country=clean(text(node, "country")),
    )


def _birth_date(written: str | None, uid: str, draft: EntityDraft, warnings: list[str]) -> None:
    if written is None:
        return
    fact = parse_ofac_date(written)
    if fact is None:
        warnings.append(f"uid {uid}: date of birth {written!r} is not a date; kept as a note")
        draft.notes.append(f"date of birth: {written}")
    else:
        draft.dates.append(fact)


def _birth_place(place: str | None, draft: EntityDraft) -> None:
    if place is None:
        return
    draft.birth_places.append(place)
    ref = country_ref("birth", place.rsplit(",", 1)[-1])
    if ref is not None and ref.code is not None:
        draft.countries.append(ref)


def _vessel(vessel: Element, draft: EntityDraft) -> None:
    call_sign = clean(text(vessel, "callSign"))
    if call_sign is not None:
        draft.identifiers.append(Identifier("call_sign", call_sign))
    add_country(draft.countries, "flag", text(vessel, "vesselFlag"))
    for tag, label in (
        ("vesselType", "vessel type"),
        ("vesselOwner", "vessel owner"),
        ("tonnage", "tonnage"),
        ("grossRegisteredTonnage", "gross registered tonnage"),
    ):
        value = clean(text(vessel, tag))
        if value is not None:
            draft.notes.append(f"{label}: {value}")


FORMATS = (
    Format(
        name="ofac_xml",
        title="OFAC SDN or consolidated list (XML)",
        sniff=sniff,
        read=read,
        extensions=(".xml",),
    ),
)
