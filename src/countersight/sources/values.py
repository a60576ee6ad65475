"""Parsing the values lists carry: dates in many spellings, country names, plain text."""

from __future__ import annotations

import re
from datetime import date

import countrynames

from countersight.model import CountryRef, CountryRole, is_partial_date

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_DMY_NAMED = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$")
_MY_NAMED = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{4})$")
_MDY_NAMED = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]")
_ISO_ZONED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})$")


def _valid(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None, *, month_first: bool = False) -> str | None:
    """A date as written in a list, to an ISO date of the precision given, or None.

    Understands ``1971``, ``1971-05``, ``1971-05-02``, ``2024-05-03T10:00:00``, an XML Schema
    date with a time zone (``2015-07-01-04:00``, ``2015-07-01Z``: the zone is dropped),
    ``02 May 1971``, ``May 1971``, ``May 2, 1971``, ``02.05.1971``, ``02-05-1971`` and
    ``02/05/1971`` (day first unless ``month_first``, as in OFAC's ``03/28/2025``)."""
    if text is None:
        return None
    value = text.strip().strip(".").strip()
    if not value:
        return None
    if is_partial_date(value):
        year, *rest = (int(part) for part in value.split("-"))
        return _valid(year, *rest)
    if m := _ISO_DATETIME.match(value):
        return m.group(1)
    if m := _ISO_ZONED.match(value):
        return _valid(*(int(g) for g in m.groups()))
    if m := _YEAR.match(value):
        return _valid(int(m.group(1)))
    if m := _YMD.match(value):
        y, mo, d = m.groups()
        return _valid(int(y), int(mo), int(d) if d else None)
    if m := _DMY.match(value):
        a, b, y = (int(g) for g in m.groups())
        day, month = (b, a) if month_first else (a, b)
        return _valid(y, month, day)
    if m := _DMY_NAMED.match(value):
        d, name, y = m.groups()
        named = _MONTHS.get(name[:3].lower())
        return _valid(int(y), named, int(d)) if named else None
    if m := _MDY_NAMED.match(value):
        name, d, y = m.groups()
        named = _MONTHS.get(name[:3].lower())
        return _valid(int(y), named, int(d)) if named else None
    if m := _MY_NAMED.match(value):
        name, y = m.groups()
        named = _MONTHS.get(name[:3].lower())
        return _valid(int(y), named) if named else None
    return None


_COUNTRY_ALIASES = {"rok": "kr", "republic of korea": "kr"}


def country_code(text: str | None) -> str | None:
    """A country name or code as written in a list to ISO 3166-1 alpha-2, lower case.

    Territories without an alpha-2 code (``EU``, the Crimea region, the Soviet Union) give None:
    readers keep the text as the country's label."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    alias = _COUNTRY_ALIASES.get(value.lower())
    if alias is not None:
        return alias
    code = countrynames.to_code(value, fuzzy=False)
    if not code or len(code) != 2 or code.upper() == "EU":
        return None
    return code.lower()


def country_ref(role: CountryRole, written: str | None) -> CountryRef | None:
    """A country as the list writes it: ISO 3166-1 alpha-2 code, or None when the text names no
    known country; the source's text is kept as the label unless it is simply the code."""
    label = clean(written)
    if label is None:
        return None
    code = country_code(label)
    return CountryRef(role=role, code=code, label=None if label.lower() == code else label)


def add_country(countries: list[CountryRef], role: CountryRole, written: str | None) -> None:
    """Add the country as written; one that names no known country is kept with code None and
    the text as label."""
    ref = country_ref(role, written)
    if ref is not None:
        countries.append(ref)


_SPACE = re.compile(r"\s+")


def clean(text: str | None, *, empty: tuple[str, ...] = ()) -> str | None:
    """Collapse whitespace; None for empty text or a placeholder such as OFAC's ``-0-``."""
    if text is None:
        return None
    value = _SPACE.sub(" ", text).strip()
    if not value or value in empty:
        return None
    return value


def split(text: str | None, separator: str = ";") -> list[str]:
    """The values of a multi-valued cell (``A; B;; C`` -> ``["A", "B", "C"]``), each cleaned."""
    if text is None:
        return []
    return [value for part in text.split(separator) if (value := clean(part))]
