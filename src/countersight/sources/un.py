"""The UN Security Council Consolidated List, XML in the official schema (``sc-sanctions.xsd``).

``<CONSOLIDATED_LIST dateGenerated=...>`` holds ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``. Each becomes a Person or an Organization whose ``source_ref`` is the UN
reference number (``QDi.001``, ``KPe.012``): the number the Security Council cites.

What is read, and where it goes:

- ``FIRST_NAME`` .. ``FOURTH_NAME``: the primary name, the parts joined. The UN does not say
  which part is the family name, so ``given``/``family`` are set only where the naming order is
  plain (see ``_split_name``); ``NAME_ORIGINAL_SCRIPT``: an alias with ``original_script=True``
  and, when the script tells, the language (``_script_lang``).
- ``INDIVIDUAL_ALIAS``/``ENTITY_ALIAS``: ``QUALITY`` Good or a.k.a. -> alias, Low -> weak alias,
  f.k.a. -> previous name. An alias's own date and place of birth join the person's; its note is
  kept, and an Arabic name written in the note ("In Arabic: ...") becomes an original-script name.
- ``INDIVIDUAL_DATE_OF_BIRTH``: ``EXACT`` (``DATE`` or ``YEAR``), ``APPROXIMATELY``, ``BETWEEN``
  (``FROM_YEAR``..``TO_YEAR``); a date written only in ``NOTE`` ("Nov. 1973") is read from there,
  and a note that is no date ("30-35 years old", a Hijri date) is kept as a note, with a warning.
- places of birth, ``NATIONALITY``, addresses (their country also as residence/country),
  ``INDIVIDUAL_DOCUMENT`` (passport, national id, other; documents without a number are kept as
  notes), ``LISTED_ON``, ``LAST_DAY_UPDATED``, ``UN_LIST_TYPE`` (programme), ``COMMENTS1``,
  ``DESIGNATION`` and ``TITLE`` (notes), ``GENDER``.
- Topics: ``sanction``; ``crime.terror`` too for the ISIL (Da'esh) and Al-Qaida list (QDi/QDe).

Not read, being bookkeeping of the UN's database: ``DATAID``, ``VERSIONNUM``, ``SORT_KEY``,
``SORT_KEY_LAST_MOD``, ``LIST_TYPE`` (always "UN List"). Any other element that carries data is
reported once in the warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
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
from countersight.sources.values import add_country, clean, country_ref, parse_date
from countersight.sources.xml import (
    children,
    iter_elements,
    local,
    require_root,
    root_attributes,
    root_name,
    text,
    warn_unread,
)

DEFAULT_DATASET = "un_sc"
TITLE = "UN Security Council Consolidated List"
PUBLISHER = "United Nations Security Council"
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
ROOT = "CONSOLIDATED_LIST"

_COMMON = frozenset(
    {
        "DATAID",
        "VERSIONNUM",
        "FIRST_NAME",
        "SECOND_NAME",
        "THIRD_NAME",
        "FOURTH_NAME",
        "UN_LIST_TYPE",
        "REFERENCE_NUMBER",
        "LISTED_ON",
        "COMMENTS1",
        "NAME_ORIGINAL_SCRIPT",
        "LIST_TYPE",
        "LAST_DAY_UPDATED",
        "SORT_KEY",
        "SORT_KEY_LAST_MOD",
    }
)
_KNOWN = {
    "INDIVIDUAL": _COMMON
    | {
        "GENDER",
        "DESIGNATION",
        "TITLE",
        "NATIONALITY",
        "INDIVIDUAL_ALIAS",
        "INDIVIDUAL_ADDRESS",
        "INDIVIDUAL_DATE_OF_BIRTH",
        "INDIVIDUAL_PLACE_OF_BIRTH",
        "INDIVIDUAL_DOCUMENT",
    },
    "ENTITY": _COMMON | {"ENTITY_ALIAS", "ENTITY_ADDRESS"},
    "ALIAS": frozenset(
        {"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"}
    ),
    "ADDRESS": frozenset({"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"}),
    "DATE_OF_BIRTH": frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"}),
    "PLACE_OF_BIRTH": frozenset({"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"}),
    "DOCUMENT": frozenset(
        {
            "TYPE_OF_DOCUMENT",
            "TYPE_OF_DOCUMENT2",
            "NUMBER",
            "ISSUING_COUNTRY",
            "COUNTRY_OF_ISSUE",
            "CITY_OF_ISSUE",
            "DATE_OF_ISSUE",
            "NOTE",
        }
    ),
}

_QUALITY: dict[str, NameKind] = {
    "good": "alias",
    "a.k.a.": "alias",
    "low": "weak_alias",
    "low quality": "weak_alias",
    "f.k.a.": "previous",
}
_IN_ARABIC = re.compile(r"\bin arabic(?: script)?\s*:\s*(.+)$", re.IGNORECASE)

# Lists whose two-part names are plainly "given name, family name" (ERIC BADEGE, JIMMY
# CHERIZIER). Elsewhere the parts after the first are mostly a father's and grandfather's names
# (the Arabic nasab: SALIM AHMAD SALIM HAMDAN), not a family name.
_GIVEN_THEN_FAMILY = frozenset({"DRC", "CAR", "GB", "Haiti", "Iran"})
# The DPRK list writes the family name first (KIM, RI, PAK ...): YUN HO-JIN.
_FAMILY_THEN_GIVEN = frozenset({"DPRK"})

# Letters of the Arabic script used for Persian, Pashto and Urdu but not for Arabic: a name
# written with them is not in Arabic, so no language is claimed.
_NOT_ARABIC_LETTERS = frozenset("پچژگکیټډړږښځڅېۍںےہ")

_DOCUMENT_SCHEMES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("passport", "passeport", "pasaporte"), "passport"),
    (("fiscal code", "tax"), "tax_id"),
    (
        (
            "birth certificate",
            "ration card",
            "driver",
            "voter",
            "student",
            "certificate of",
            "residential card",
            "military",
            "serviceman",
            "other id",
        ),
        "other",
    ),
    (
        (
            "identification",
            "identity",
            "national id",
            "id card",
            "tazkira",
            "social security",
            "national number",
            "civil",
        ),
        "national_id",
    ),
)


def sniff(sample: Sample) -> Sniffed | None:
    return Sniffed(family="un_sc") if root_name(sample.text) == ROOT else None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    require_root(path, ROOT, what="a UN Security Council consolidated list")
    generated = root_attributes(path).get("dateGenerated")
    name = dataset_name(options, DEFAULT_DATASET)
    info = DatasetInfo(
        name=name,
        title=TITLE,
        publisher=PUBLISHER,
        url=URL,
        issued=parse_date(generated) or date_in_filename(path),
    )
    warnings: list[str] = []
    return Reading(info, _records(path, name, warnings), warnings)


def _records(path: Path, dataset: str, warnings: list[str]) -> Iterator[Record]:
    seen_refs: set[str] = set()
    unread: set[str] = set()
    for elem in iter_elements(path, {"INDIVIDUAL", "ENTITY"}):
        ref = clean(text(elem, "REFERENCE_NUMBER")) or clean(text(elem, "DATAID"))
        if ref is None:
            warnings.append(
                f"skipped an {local(elem.tag)} with neither REFERENCE_NUMBER nor DATAID"
            )
            continue
        if not clean(text(elem, "REFERENCE_NUMBER")):
            warnings.append(f"{ref}: no REFERENCE_NUMBER; the UN DATAID is the source_ref")
        if ref in seen_refs:
            warnings.append(f"{ref}: listed twice; the second entry is skipped")
            continue
        seen_refs.add(ref)
        try:
            entity = _entity(elem, ref, dataset, warnings, unread)
        except ValueError as exc:
            raise SourceError(str(exc), path=str(path), element=ref) from None
        if entity is not None:
            yield entity


def _all(elem: Element, name: str, inner: str = "VALUE") -> list[str]:
    """The texts of every ``name/inner`` (NATIONALITY/VALUE, DESIGNATION/VALUE ...)."""
    values: list[str] = []
    for outer in children(elem, name):
        for node in children(outer, inner):
            value = clean(node.text)
            if value is not None:
                values.append(value)
    return values


def _entity(
    elem: Element, ref: str, dataset: str, warnings: list[str], unread: set[str]
) -> Entity | None:
    kind = local(elem.tag)
    warn_unread(elem, _KNOWN[kind], ref, unread, warnings)
    person = kind == "INDIVIDUAL"
    program = clean(text(elem, "UN_LIST_TYPE"))
    names = _names(elem, program if person else None)
    if not names:
        warnings.append(f"{ref}: skipped, the record gives no name")
        return None
    terror = ref.upper().startswith("QD") or program == "Al-Qaida"
    gender = clean(text(elem, "GENDER"))
    draft = EntityDraft(
        "Person" if person else "Organization",
        ref,
        names=names,
        topics=["crime.terror", "sanction"] if terror else ["sanction"],
        programs=[program] if program else [],
        gender=gender.lower() if gender else None,
    )
    if comment := clean(text(elem, "COMMENTS1")):
        draft.notes.append(comment)
    prefix = "INDIVIDUAL" if person else "ENTITY"
    for alias in children(elem, f"{prefix}_ALIAS"):
        warn_unread(alias, _KNOWN["ALIAS"], ref, unread, warnings)
        _alias(alias, ref, draft, warnings)
    for node in children(elem, f"{prefix}_ADDRESS"):
        warn_unread(node, _KNOWN["ADDRESS"], ref, unread, warnings)
        _address(node, "residence" if person else "country", draft)
    if person:
        for value in _all(elem, "NATIONALITY"):
            add_country(draft.countries, "nationality", value)
        for node in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
            warn_unread(node, _KNOWN["DATE_OF_BIRTH"], ref, unread, warnings)
            _birth_date(node, ref, draft, warnings)
        for node in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
            warn_unread(node, _KNOWN["PLACE_OF_BIRTH"], ref, unread, warnings)
            _birth_place(node, draft)
        for node in children(elem, "INDIVIDUAL_DOCUMENT"):
            warn_unread(node, _KNOWN["DOCUMENT"], ref, unread, warnings)
            _document(node, draft)
        draft.notes.extend(f"title: {value}" for value in _all(elem, "TITLE"))
        draft.notes.extend(f"designation: {value}" for value in _all(elem, "DESIGNATION"))
    _dated(draft, "listed", text(elem, "LISTED_ON"), ref, warnings)
    for value in _all(elem, "LAST_DAY_UPDATED"):
        _dated(draft, "modified", value, ref, warnings)
    return draft.build(dataset)


def _names(elem: Element, program: str | None) -> list[Name]:
    parts = [
        part
        for part in (clean(text(elem, tag)) for tag in _NAME_PARTS)
        if part is not None and part != "-"
    ]
    names: list[Name] = []
    if parts:
        given, family = _split_name(parts, program) if program is not None else (None, None)
        names.append(Name(" ".join(parts), "primary", given=given, family=family))
    original = clean(text(elem, "NAME_ORIGINAL_SCRIPT"))
    if original is not None:
        names.append(Name(original, "alias", lang=_script_lang(original), original_script=True))
    return names


_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _split_name(parts: list[str], program: str) -> tuple[str | None, str | None]:
    """``(given, family)`` where the list's naming order is plain, else ``(None, None)``."""
    if len(parts) != 2:
        return None, None
    if program in _GIVEN_THEN_FAMILY:
        return parts[0], parts[1]
    if program in _FAMILY_THEN_GIVEN:
        return parts[1], parts[0]
    return None, None


def _script_lang(value: str) -> str | None:
    """ISO 639-3 language of a name when its script leaves no doubt: Arabic script without
    Persian, Pashto or Urdu letters -> ``ara``; Cyrillic -> ``rus``; Han -> ``zho``."""
    scripts = {unicodedata.name(ch, "?").split(" ")[0] for ch in value if ch.isalpha()}
    if scripts == {"ARABIC"}:
        return None if _NOT_ARABIC_LETTERS & set(value) else "ara"
    if scripts == {"CYRILLIC"}:
        return "rus"
    if scripts == {"CJK"}:
        return "zho"
    return None


def _alias(alias: Element, ref: str, draft: EntityDraft, warnings: list[str]) -> None:
    value = clean(text(alias, "ALIAS_NAME"))
    note = clean(text(alias, "NOTE"))
    if value is not None:
        _alias_name(value, clean(text(alias, "QUALITY")), note, ref, draft, warnings)
    elif note is not None:
        warnings.append(f"{ref}: an alias without a name; its note is kept")
        draft.notes.append(f"alias without a name: {note}")
    born = clean(text(alias, "DATE_OF_BIRTH"))
    if born is not None:
        _dated(draft, "birth", born, ref, warnings)
    city, country = clean(text(alias, "CITY_OF_BIRTH")), clean(text(alias, "COUNTRY_OF_BIRTH"))
    if city or country:
        draft.birth_places.append(", ".join(unique([city, country])))
        add_country(draft.countries, "birth", country)


def _alias_name(
    value: str,
    quality: str | None,
    note: str | None,
    ref: str,
    draft: EntityDraft,
    warnings: list[str],
) -> None:
    kind = _QUALITY.get((quality or "").lower())
    if kind is None:
        if quality:
            warnings.append(f"{ref}: alias quality {quality!r} unknown; read as a strong alias")
        kind = "alias"
    draft.names.extend(_alias_names(value, kind))
    if note is not None:
        arabic = _IN_ARABIC.search(note)
        if arabic is not None:  # "Previously listed as. In Arabic: ..."
            draft.names.append(_name(arabic.group(1).strip(), kind))
            note = clean(note[: arabic.start()].rstrip(" .;,")) or None
        if note is not None:
            draft.notes.append(f"alias {value}: {note}")


def _alias_names(value: str, kind: NameKind) -> list[Name]:
    """An alias, and the names in another script the UN adds to it in brackets:
    ``Jin Tiesan (金铁三)``, ``Abubakar (original script: Абубакар)``, ``جبهة النصرة (the Victory
    Front; Jabhat al-Nusrah)``. Names wholly in a non-Latin script are original-script names."""
    value = value.rstrip(" ,;")
    outer, inner = _trailing_group(value)
    if outer and inner:
        pieces = [clean(_ANNOTATION.sub(" ", piece)) for piece in inner.split(";")]
        kept = [piece for piece in pieces if piece]
        scripts = {_script(outer), *(_script(piece) for piece in kept)}
        if {"latin", "other"} <= scripts:
            return [_name(outer, kind), *(_name(piece, kind) for piece in kept)]
    return [_name(value, kind)]


_ANNOTATION = re.compile(r"\(?\boriginal script\b\)?:?|\s-\ssub-unit name\s*$", re.IGNORECASE)


def _trailing_group(value: str) -> tuple[str | None, str | None]:
    """``"A (B (C))"`` -> ``("A", "B (C)")``; ``(None, None)`` without a closing bracket group."""
    if not value.endswith(")"):
        return None, None
    depth = 0
    for index in range(len(value) - 1, -1, -1):
        if value[index] == ")":
            depth += 1
        elif value[index] == "(":
            depth -= 1
            if depth == 0:
                return clean(value[:index]), clean(value[index + 1 : -1])
    return None, None


def _script(value: str) -> str:
    """``latin``, ``other`` (no Latin letter) or ``mixed``."""
    latin = [unicodedata.name(ch, "").startswith("LATIN") for ch in value if ch.isalpha()]
    if not latin:
        return "none"
    if all(latin):
        return "latin"
    return "mixed" if any(latin) else "other"


def _name(value: str, kind: NameKind) -> Name:
    if _script(value) == "other":
        return Name(value, kind, lang=_script_lang(value), original_script=True)
    return Name(value, kind)


def _dated(
    draft: EntityDraft, kind: DateKind, value: str | None, ref: str, warnings: list[str]
) -> None:
    written = clean(value)
    if written is None:
        return
    iso = parse_date(written)  # LISTED_ON may carry a time zone: 2015-07-01-04:00
    if iso is None:
        warnings.append(f"{ref}: {kind} date {written!r} is not a date; left out")
        return
    draft.dates.append(DateFact(kind, iso))


def _address(node: Element, role: CountryRole, draft: EntityDraft) -> None:
    note = clean(text(node, "NOTE"))
    added = draft.add_address(
        role,
        street=clean(text(node, "STREET")),
        city=clean(text(node, "CITY")),
        region=clean(text(node, "STATE_PROVINCE")),
        postal_code=clean(text(node, "ZIP_CODE")),
        country=clean(text(node, "COUNTRY")),
        note=note,
    )
    if not added and note:
        draft.notes.append(f"address: {note}")


def _birth_date(node: Element, ref: str, draft: EntityDraft, warnings: list[str]) -> None:
    kind = (clean(text(node, "TYPE_OF_DATE")) or "").upper()
    exact, year = clean(text(node, "DATE")), clean(text(node, "YEAR"))
    first, last = clean(text(node, "FROM_YEAR")), clean(text(node, "TO_YEAR"))
    note = clean(text(node, "NOTE"))
    approximate = kind == "APPROXIMATELY"
    if note is not None and note.lower() == "approximately":
        approximate, note = True, None
    span = f"{first or '?'} to {last or '?'}" if first or last else None
    raw = " ".join(unique([exact, year, span, note]))
    if not raw:
        return  # an empty placeholder element
    value: str | None = None
    end: str | None = None
    if first or last:
        value, end = parse_date(first), parse_date(last)
        if value is None:
            value, end = end, None
    elif exact or year:
        value = parse_date(exact or year)
        refined = parse_date(f"{note} {year}") if note and year and not exact else None
        if refined is not None:  # YEAR 1958 with NOTE "Sep." is September 1958
            value, note = refined, None
    elif note is not None:
        value = parse_date(note)
        if value is not None:  # a date written in the note: "Nov. 1973"
            note = None
    if value is None:
        warnings.append(f"{ref}: date of birth {raw!r} is not a date; kept as a note")
        draft.notes.append(f"date of birth: {raw}" + (" (approximately)" if approximate else ""))
        return
    draft.dates.append(
        DateFact("birth", value, end=end if end != value else None, approximate=approximate)
    )
    if note is not None:
        draft.notes.append(f"date of birth {value}: {note}")


def _birth_place(node: Element, draft: EntityDraft) -> None:
    country = clean(text(node, "COUNTRY"))
    parts = [clean(text(node, tag)) for tag in ("STREET", "CITY", "STATE_PROVINCE")]
    place = ", ".join(unique([*parts, country]))
    note = clean(text(node, "NOTE"))
    if place:
        draft.birth_places.append(f"{place} ({note})" if note else place)
    elif note:
        draft.birth_places.append(note)
    add_country(draft.countries, "birth", country)


def _document(node: Element, draft: EntityDraft) -> None:
    kind = clean(text(node, "TYPE_OF_DOCUMENT"))
    detail = clean((text(node, "TYPE_OF_DOCUMENT2") or "").rstrip(" :"))
    number = clean(text(node, "NUMBER"))
    issuing = clean(text(node, "ISSUING_COUNTRY"))
    place = ", ".join(
        unique([clean(text(node, "CITY_OF_ISSUE")), clean(text(node, "COUNTRY_OF_ISSUE"))])
    )
    issued = clean(text(node, "DATE_OF_ISSUE"))
    note = clean(text(node, "NOTE"))
    if detail is not None and kind is not None and detail.lower() == kind.lower():
        detail = None
    scheme = _document_scheme(detail, kind)
    details = [
        detail,
        f"issued {issued}" if issued else None,
        f"issued in {place}" if place else None,
        note,
    ]
    if number is None:
        if kind or detail or note:
            draft.notes.append("document: " + "; ".join(unique([kind, *details])))
        return
    about = unique([kind if scheme == "other" else None, *details])
    country = country_ref("country", issuing or clean(text(node, "COUNTRY_OF_ISSUE")))
    draft.identifiers.append(
        Identifier(
            scheme=scheme,
            value=number,
            country=country.code if country else None,
            note="; ".join(about) or None,
        )
    )


def _document_scheme(*labels: str | None) -> str:
    """``TYPE_OF_DOCUMENT2`` (the UN's free-text detail) decides when it names a kind of
    document; else ``TYPE_OF_DOCUMENT`` (Passport, National Identification Number)."""
    for label in labels:
        if label is None:
            continue
        low = label.lower()
        for words, scheme in _DOCUMENT_SCHEMES:
            if any(word in low for word in words):
                return scheme
    return "other"


FORMATS = (
    Format(
        name="un_sc",
        title="UN Security Council Consolidated List (XML)",
        sniff=sniff,
        read=read,
        extensions=(".xml",),
    ),
)
