"""OFAC's remark sentences, read into structured facts where the pattern is unambiguous.

The SDN and consolidated CSV files put everything that has no column of its own into one
"remarks" cell of ``; ``-separated sentences: ``DOB 12 Mar 1962; POB Tehran, Iran; nationality
Iran; Passport A123 (Iran); a.k.a. 'ABU X'; Linked To: SOME CO.``. The US Consolidated Screening
List (csl.py) carries the same identifier labels in its ``ids`` column (``Passport, A123, IR``),
so both readers share the label table and the date and country helpers here.

This module defines no format (no ``FORMATS``); the readers import it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from countersight.model import (
    CountryRef,
    CountryRole,
    DateFact,
    DateKind,
    Identifier,
    Name,
    NameKind,
    Schema,
)
from countersight.sources.values import country_code, parse_date

# Identifier labels as OFAC writes them, to the model's schemes. Labels not listed here are not
# turned into identifiers (their text stays in the entity's notes): only labels whose meaning is
# plain are mapped.
ID_SCHEMES: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "D.N.I.": "national_id",
    "C.U.R.P.": "national_id",
    "Personal ID Card": "national_id",
    "Tax ID No.": "tax_id",
    "R.F.C.": "tax_id",
    "NIT #": "tax_id",
    "RUC #": "tax_id",
    "RIF #": "tax_id",
    "C.U.I.T.": "tax_id",
    "Italian Fiscal Code": "tax_id",
    "US FEIN": "tax_id",
    "V.A.T. Number": "vat",
    "Registration Number": "registration",
    "Registration ID": "registration",
    "Company Number": "registration",
    "UK Company Number": "registration",
    "Commercial Registry Number": "registration",
    "Business Registration Document #": "registration",
    "Business Registration Number": "registration",
    "Certificate of Incorporation Number": "registration",
    "Public Registration Number": "registration",
    "Unified Social Credit Code (USCC)": "registration",
    "Chamber of Commerce Number": "registration",
    "Legal Entity Number": "lei",
    "SWIFT/BIC": "swift",
    "MMSI": "mmsi",
    "D-U-N-S Number": "duns",
}
# The label an identifier of each scheme usually has; other labels are kept in the note.
_PLAIN_LABEL = {
    "passport": "Passport",
    "national_id": "National ID No.",
    "tax_id": "Tax ID No.",
    "registration": "Registration Number",
    "lei": "Legal Entity Number",
    "swift": "SWIFT/BIC",
    "mmsi": "MMSI",
    "duns": "D-U-N-S Number",
    "vat": "V.A.T. Number",
}
_LABELS = sorted(ID_SCHEMES, key=len, reverse=True)  # longest first: "UK Company Number"

# OFAC writes IMO numbers of vessels and of shipping companies behind these labels.
_IMO = re.compile(
    r"^(?:Vessel Registration Identification|Identification Number|Company Number)"
    r"\s+IMO\s+(\d{7})\b"
)
# "A123 (Iran) issued 01 Jan 2000 expires 01 Jan 2010": value, country, then issue/expiry text.
_ID_REST = re.compile(
    r"^(?P<value>.+?)(?: \((?P<country>[^()]*)\))?(?P<extra>(?: (?:issued|expires)\b.*)?)$"
)
_WEAK_NAME = re.compile(r"^[afn]\.k\.a\. '(.+)'\.?$")
_CIRCA = re.compile(r"^(?:circa|ca\.|c\.|approximately|approx\.?)\s*(.+)$", re.IGNORECASE)
_RANGE = re.compile(r"^(.+?)\s+to\s+(.+)$|^(\d{4})\s*-\s*(\d{4})$", re.IGNORECASE)
# Words OFAC writes where a country would go when it has none.
_NO_COUNTRY = frozenset({"undetermined", "unknown", "none identified"})


def person_name(value: str, kind: NameKind, schema: Schema) -> Name:
    """A name as OFAC writes it: a person's ``FAMILY, Given Names`` (one comma) gives the family
    and given names too."""
    if schema == "Person" and value.count(", ") == 1:
        family, given = value.split(", ")
        return Name(value, kind=kind, given=given.strip(), family=family.strip())
    return Name(value, kind=kind)


def birth_date(text: str) -> DateFact | None:
    """``1962``, ``12 Mar 1962``, ``Mar 1962``, ``circa 1962`` (also ``ca.``, ``c.``,
    ``approx.``), ``1962 to 1965``, ``1979-1982``, ``01 Jan 1960 to 31 Dec 1962`` (also ISO
    ``1962-03-12``), in the CSV remarks as in the XML; None when unreadable."""
    return date_fact("birth", text)


def date_fact(kind: DateKind, text: str) -> DateFact | None:
    """A date, a ``circa`` date or a range of dates as OFAC writes them; None when unreadable."""
    value = text.strip().rstrip(".").strip()
    approximate = False
    if m := _CIRCA.match(value):
        approximate, value = True, m.group(1)
    if m := _RANGE.match(value):
        first, last = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        start, end = parse_date(first), parse_date(last)
        if start is None or end is None or end < start:
            return None
        return DateFact(kind, start, end=end, approximate=approximate)
    iso = parse_date(value)
    return None if iso is None else DateFact(kind, iso, approximate=approximate)


class Countries:
    """Country names to CountryRefs; remembers the names it could not place, for one warning."""

    def __init__(self) -> None:
        self.unknown: Counter[str] = Counter()

    def code(self, text: str) -> str | None:
        code = country_code(text)
        if code is None:
            self.unknown[text] += 1
        return code

    def ref(self, role: CountryRole, text: str) -> CountryRef | None:
        """None for OFAC's words for "no country" (``undetermined``, ``None Identified``)."""
        if text.strip().lower() in _NO_COUNTRY:
            return None
        code = self.code(text)
        return CountryRef(role, code, label=None if text.lower() == code else text)

    def warning(self) -> str | None:
        if not self.unknown:
            return None
        shown = ", ".join(f"{name!r} ({n})" for name, n in self.unknown.most_common(8))
        more = len(self.unknown) - 8
        tail = f" and {more} more" if more > 0 else ""
        return (
            f"{sum(self.unknown.values())} country mentions name no known country, kept as "
            f"text: {shown}{tail}"
        )


def identifier(
    label: str, value: str, country: str | None, extra: str | None, countries: Countries
) -> Identifier:
    """An identifier of a known label (``ID_SCHEMES``); the label goes to the note when the
    scheme does not say it all (``C.U.R.P.`` is a ``national_id``)."""
    scheme = ID_SCHEMES[label]
    code = countries.code(country) if country else None
    note = [label] if _PLAIN_LABEL.get(scheme) != label else []
    if country and code is None:
        note.append(country)
    if extra:
        note.append(extra)
    return Identifier(scheme, value, country=code, note="; ".join(note) or None)


def remark_identifier(part: str, countries: Countries) -> Identifier | None:
    """``Passport A123 (Iran) issued 2000``, ``MMSI 572469210``, ``... IMO 7406784``."""
    if m := _IMO.match(part):
        return Identifier("imo", m.group(1))
    for label in _LABELS:
        if part.startswith(label + " "):
            rest = _ID_REST.match(part[len(label) + 1 :].strip())
            if rest is None or not rest.group("value").strip():
                return None
            extra = rest.group("extra").strip() or None
            value = rest.group("value").strip().rstrip(".")
            return identifier(label, value, rest.group("country"), extra, countries)
    return None


@dataclass(slots=True)
class Facts:
    """What a remarks cell says, beyond its text (which the reader keeps whole in the notes)."""

    names: list[Name] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    countries: list[CountryRef] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    gender: str | None = None
    links: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    """Sentences that look like a fact (``DOB ...``) but could not be read."""


def parse_remarks(text: str, countries: Countries, *, cut: bool = False) -> Facts:
    """Read the facts of a remarks cell. ``cut``: the text is known to stop mid-sentence (OFAC's
    1,000-character limit with no continuation at hand), so its last sentence is not read."""
    facts = Facts()
    parts = [p.strip() for p in re.split(r";\s+", text.strip()) if p.strip()]
    if cut and parts:
        parts.pop()
    for number, raw in enumerate(parts):
        # Only the last sentence ends with the full stop of the whole cell.
        part = raw.rstrip(".").rstrip() if number == len(parts) - 1 else raw
        if part.startswith("alt. "):
            part = part[5:]
            raw = raw[5:]
        if m := _WEAK_NAME.match(raw):
            # OFAC lists its weak ("low quality") a.k.a., f.k.a. and n.k.a. names only in the
            # remarks (its XML marks exactly these <category>weak</category>).
            facts.names.append(Name(m.group(1).strip(), kind="weak_alias"))
        elif part.startswith("Linked To: "):
            facts.links.append(raw)
        elif part.startswith("DOB "):
            fact = birth_date(part[4:])
            if fact is None:
                facts.unread.append(part)
            else:
                facts.dates.append(fact)
        elif part.startswith("POB "):
            facts.birth_places.append(part[4:].strip())
        elif part.startswith(("nationality ", "citizen ")):
            role: CountryRole = "nationality" if part[0] == "n" else "citizenship"
            if (ref := countries.ref(role, part.split(" ", 1)[1].strip())) is not None:
                facts.countries.append(ref)
        elif part in ("Gender Male", "Gender Female"):
            facts.gender = part[7:].lower()
        elif part.startswith("Organization Established Date "):
            fact = date_fact("incorporation", part[30:])
            if fact is None:
                facts.unread.append(part)
            else:
                facts.dates.append(fact)
        elif (ident := remark_identifier(part, countries)) is not None:
            facts.identifiers.append(ident)
    return facts
