"""Canada's Consolidated Autonomous Sanctions List (SEMA and JVCFOR), XML from Global Affairs
Canada: ``<data-set>`` of ``<record>`` elements, each a flat set of fields:

``Country`` (the regulation, bilingual: "Russia / Russie", or a thematic regime such as
"Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / Règlement ..."),
``Schedule`` and ``Item`` (where the regulation lists the entry), ``LastName``, ``GivenName``,
``EntityOrShip``, ``TitleOrShip`` (a person's title, or a ship's type), ``Aliases`` (free text),
``DateOfBirthOrShipBuildDate``, ``ShipIMONumber``, ``DateOfListing``. These are all the elements
the published file holds; any other is reported once in the warnings.

- Schema from the fields that are filled: an IMO number makes a Vessel, a last or given name a
  Person, ``EntityOrShip`` alone a LegalEntity.
- ``Country`` is the sanctions regime, not the entity's country: it becomes the programme (its
  English half), not a CountryRef.
- The source gives no identifier. ``source_ref`` is derived from where the regulation lists the
  entry: regime, schedule and item (``Russia; Schedule 1, Part 1; Item 12``), unique in the file;
  should a key ever repeat, the later entry gets `` (2)``, `` (3)`` ... and a warning.
- ``Aliases`` is free text: names separated by ``;``, `` / ``, commas, ``or``, labels such as
  ``Russian:`` (which give the language), and changes of script. ``split_aliases`` cuts it with
  care not to make fragments of one name (legal forms such as ``, LLC`` stay attached, a
  "Surname, Given Patronymic" stays whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from countersight.errors import SourceError
from countersight.model import (
    DatasetInfo,
    DateFact,
    Entity,
    Identifier,
    Name,
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
from countersight.sources.values import clean, parse_date
from countersight.sources.xml import iter_elements, local, require_root, root_name, warn_unread

DEFAULT_DATASET = "ca_sema"
TITLE = "Consolidated Canadian Autonomous Sanctions List"
PUBLISHER = "Global Affairs Canada"
URL = (
    "https://www.international.gc.ca/world-monde/assets/office_docs/"
    "international_relations-relations_internationales/sanctions/sema-lmes.xml"
)
LICENCE = "Open Government Licence - Canada"
ROOT = "data-set"
FIELDS = frozenset(
    {
        "Country",
        "LastName",
        "GivenName",
        "EntityOrShip",
        "TitleOrShip",
        "Aliases",
        "DateOfBirthOrShipBuildDate",
        "ShipIMONumber",
        "Schedule",
        "Item",
        "DateOfListing",
    }
)


def sniff(sample: Sample) -> Sniffed | None:
    head = sample.text
    if root_name(head) != ROOT or "<record" not in head:
        return None
    if "<DateOfListing>" in head or ("<Item>" in head and "<Country>" in head):
        return Sniffed(family="ca_sema")
    return None


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    require_root(path, ROOT, what="Canada's consolidated sanctions list")
    name = dataset_name(options, DEFAULT_DATASET)
    info = DatasetInfo(
        name=name,
        title=TITLE,
        publisher=PUBLISHER,
        url=URL,
        issued=date_in_filename(path),  # the file carries no date of its own
        licence=LICENCE,
    )
    warnings: list[str] = []
    return Reading(info, _records(path, name, warnings), warnings)


def _records(path: Path, dataset: str, warnings: list[str]) -> Iterator[Record]:
    seen: dict[str, int] = {}
    unread: set[str] = set()
    number = 0
    for elem in iter_elements(path, {"record"}):
        number += 1
        where = f"record {number}"
        warn_unread(elem, FIELDS, where, unread, warnings)
        fields = _fields(elem)
        ref = source_ref(fields)
        if ref is None:
            ref = _fallback_ref(fields)
            if ref is None:
                warnings.append(f"{where}: skipped, it gives no name")
                continue
            warnings.append(f"{where}: no Country or Item to cite it by; cited as {ref!r}")
        if ref in seen:
            seen[ref] += 1
            unique_ref = f"{ref} ({seen[ref]})"
            warnings.append(f"{where}: {ref!r} is listed again; this entry is {unique_ref!r}")
            ref = unique_ref
        else:
            seen[ref] = 1
        try:
            entity = _entity(fields, ref, dataset, warnings)
        except ValueError as exc:
            raise SourceError(str(exc), path=str(path), element=f"record {number}") from None
        if entity is not None:
            yield entity


def _fields(elem: Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for child in elem:
        value = clean(child.text)
        if value is not None:
            out[local(child.tag)] = value
    return out


def regime(country: str) -> str:
    """The English half of a bilingual label: "Russia / Russie" -> "Russia"."""
    return country.split(" / ", 1)[0].strip()


def source_ref(fields: dict[str, str]) -> str | None:
    """Where the regulation lists the entry: ``Russia; Schedule 1, Part 1; Item 12``. The list
    gives no identifier; regime, schedule and item are unique in it and stay put while the
    entry is listed. Spacing in the schedule ("1,Part 3") is normalised."""
    country, item = fields.get("Country"), fields.get("Item")
    if not country or not item:
        return None
    schedule = fields.get("Schedule")
    parts = [regime(country)]
    if schedule:
        schedule = re.sub(r"\s*,\s*", ", ", schedule)
        parts.append(f"Schedule {schedule}" if schedule[0].isdigit() else schedule)
    parts.append(f"Item {item}")
    return "; ".join(parts)


def _fallback_ref(fields: dict[str, str]) -> str | None:
    """For an entry without regime or item: regime and name, stable while neither changes."""
    name = fields.get("EntityOrShip") or " ".join(
        unique([fields.get("GivenName"), fields.get("LastName")])
    )
    if not name:
        return None
    return "; ".join(unique([regime(fields.get("Country", "")), name]))


def _entity(fields: dict[str, str], ref: str, dataset: str, warnings: list[str]) -> Entity | None:
    last, given = fields.get("LastName"), fields.get("GivenName")
    entity_name, title = fields.get("EntityOrShip"), fields.get("TitleOrShip")
    imo = fields.get("ShipIMONumber")
    schema: Schema
    if imo or (entity_name and not (last or given) and _is_ship(fields)):
        schema = "Vessel"
    elif last or given:
        schema = "Person"
    else:
        schema = "LegalEntity"
    draft = EntityDraft(
        schema,
        ref,
        identifiers=[Identifier("imo", imo)] if imo else [],
        topics=["sanction"],
        programs=list(unique([regime(fields.get("Country", ""))])),
    )
    if schema == "Person":
        name = " ".join(unique([given, last]))
        draft.names.append(Name(name, "primary", given=given, family=last))
        if entity_name:
            draft.names.append(Name(entity_name, "alias"))
        if title:
            draft.notes.append(f"title: {title}")
    elif entity_name:
        draft.names.append(Name(entity_name, "primary"))
        if title:
            draft.notes.append(f"vessel type: {title}" if schema == "Vessel" else f"title: {title}")
    if not draft.names:
        warnings.append(f"{ref}: skipped, the record gives no name")
        return None
    for alias, lang in split_aliases(fields.get("Aliases", "")):
        draft.names.append(Name(alias, "alias", lang=lang))
    born = fields.get("DateOfBirthOrShipBuildDate")
    if born:
        _born_or_built(born, ref, draft, warnings)
    listed = fields.get("DateOfListing")
    if listed:
        iso = parse_date(listed)
        if iso is None:
            warnings.append(f"{ref}: DateOfListing {listed!r} is not a date; kept as a note")
            draft.notes.append(f"listed: {listed}")
        else:
            draft.dates.append(DateFact("listed", iso))
    return draft.build(dataset)


def _is_ship(fields: dict[str, str]) -> bool:
    # A ship without an IMO number: its build date and type fill the ship fields.
    return "DateOfBirthOrShipBuildDate" in fields and "TitleOrShip" in fields


_YEAR_RANGE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")


def _born_or_built(written: str, ref: str, draft: EntityDraft, warnings: list[str]) -> None:
    """``1972``, ``1965-04-29``, ``1963-1964`` (a range), ``1963 or 1964`` (two dates)."""
    facts: list[DateFact] = []
    for part in re.split(r"\s+or\s+", written, flags=re.IGNORECASE):
        span = _YEAR_RANGE.match(part.strip())
        if span is not None:
            facts.append(DateFact("birth", span.group(1), end=span.group(2)))
            continue
        iso = parse_date(part)
        if iso is None:
            facts = []
            break
        facts.append(DateFact("birth", iso))
    vessel = draft.schema == "Vessel"
    if not facts:
        label = "build date" if vessel else "date of birth"
        warnings.append(f"{ref}: {label} {written!r} is not a date; kept as a note")
        draft.notes.append(f"{label}: {written}")
        return
    if vessel:
        # The model has no build date: an ``other`` date, with a note saying what it is.
        draft.dates.extend(DateFact("other", f.value, end=f.end) for f in facts)
        draft.notes.append(f"build date: {written}")
    else:
        draft.dates.extend(facts)


# -- aliases -----------------------------------------------------------------------------------

_LANGS = {
    "russian": "rus",
    "belarusian": "bel",
    "belarussian": "bel",
    "ukrainian": "ukr",
    "arabic": "ara",
    "persian": "fas",
    "farsi": "fas",
    "chinese": "zho",
    "hebrew": "heb",
    "armenian": "hye",
}
_LABEL = re.compile(r"(?:^|(?<=[\s,]))(" + "|".join(_LANGS) + r")\s*:\s*", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r";|\s/\s")
_OR = re.compile(r"\s+or\s+")
# Legal forms a name may carry after a comma ("Example Plant, AO"), in Cyrillic and Latin.
_LEGAL_FORMS = frozenset(
    "ао|ооо|оао|пао|зао|сао|нао|фгуп|фгбу|мк|некоммерческое партнерство"  # noqa: RUF001, SIM905
    "|llc|jsc|pjsc|ojsc|cjsc|fsue|ao|ooo|pao|oao|zao|ltd|limited|inc|co|corp|gmbh|plc".split("|")
)
_NON_LATIN = "\u0590-\u08ff\u3400-\u9fff\uac00-\ud7af"
_SCRIPT_CHANGE = re.compile(
    rf"(?<=[A-Za-z\u00c0-\u024f.)\"”])\s+(?=[{_NON_LATIN}])"
    rf"|(?<=[{_NON_LATIN}])\s+(?=[A-Za-z\u00c0-\u024f])"
)
# A piece that goes on the previous one ("Ministry of education, science and youth"): it starts
# in lower case (Latin or Cyrillic), unless with a French article (l'Armée).
_CONTINUATION = re.compile("^(?![ld]['\u2019])[a-z\u0430-\u044f\u0451]")


def split_aliases(text: str) -> list[tuple[str, str | None]]:
    """The names in Canada's free-text ``Aliases`` field, each with the language its label
    gives (``Russian: ...`` -> ``rus``), else None."""
    out: list[tuple[str, str | None]] = []
    for chunk in _NAME_SEPARATORS.split(clean(text) or ""):
        pieces = _LABEL.split(chunk)
        # [before the first label, label, text, label, text ...]
        labelled = [(pieces[0], None)] + [
            (pieces[i + 1], _LANGS[pieces[i].lower()]) for i in range(1, len(pieces) - 1, 2)
        ]
        for segment, lang in labelled:
            for alternative in _alternatives(segment):
                for name in _comma_names(alternative):
                    for part in _SCRIPT_CHANGE.split(name):
                        value = part.strip(" ,;:")
                        if value:
                            out.append((value, lang))
    return list(dict.fromkeys(out))


def _tokens(text: str) -> list[str]:
    return text.replace(",", " ").split()


def _acronym(text: str) -> bool:
    tokens = _tokens(text)
    return len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 6


def _alternatives(text: str) -> list[str]:
    """Split on " or " only when every side is a whole name (two words or more) or an acronym:
    "Nikolay or Nikolai Ivanov" stays whole, "Bank of Examples or BOE" splits."""
    parts = [p.strip(" ,") for p in _OR.split(text)]
    if len(parts) > 1 and all(len(_tokens(p)) >= 2 or _acronym(p) for p in parts):
        return parts
    return [text]


def _split_commas(text: str) -> list[str]:
    """Split on commas outside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _legal_form(text: str) -> bool:
    return text.lower().replace(".", "").strip() in _LEGAL_FORMS


def _comma_names(text: str) -> list[str]:
    pieces = _split_commas(text)
    if (
        len(pieces) == 2
        and len(_tokens(pieces[0])) == 1
        and not _acronym(pieces[0])
        and 2 <= len(_tokens(pieces[1])) <= 3
        and not _legal_form(_tokens(pieces[1])[0])
    ):
        return [text]  # "Surname, Given Patronymic": one name
    names: list[str] = []
    carry: str | None = None  # a legal form written first: "OAO, Example"
    for piece in pieces:
        if carry is not None:
            piece, carry = f"{carry}, {piece}", None
        if names and (_legal_form(piece) or _CONTINUATION.match(piece)):
            names[-1] = f"{names[-1]}, {piece}"
        elif not names and _legal_form(piece):
            carry = piece
        else:
            names.append(piece)
    if carry is not None:
        names.append(carry)
    return names


FORMATS = (
    Format(
        name="ca_sema",
        title="Canada: Consolidated Canadian Autonomous Sanctions List (XML)",
        sniff=sniff,
        read=read,
        extensions=(".xml",),
    ),
)
