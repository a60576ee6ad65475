"""Reading the free-text cells of the EU Official Journal annexes (as OpenSanctions tabulates
them): several values in one cell, dates in many spellings, ``(a) ..., (b) ...`` enumerations.

Not a format: the helper :mod:`countersight.sources.eu_journal` uses.

What the cells look like (measured over the 45 regulations):

- values are separated by ``;`` (``Fdlr@fmx.de; fldrrse@yahoo.fr``), and often also enumerated
  ``(a) 17.8.1957, (b) 17.8.1958`` or ``a) 1964 b) 1966`` (the annex's own notation);
- some cells keep the quotes of the Official Journal's table around them (``"(a) ...; (b) ..."``);
- names in original script follow the transliteration in brackets
  (``Sergei Valerievich AKSENOV (Сергей Валерьевич АКСЁНОВ)``);
- the alias cells carry a few rendering artefacts: language labels (``Chinese:``) and the
  placeholder ``Text of image`` where the Journal prints an image of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from countersight.model import CountryRef, CountryRole, DateFact, DateKind, Identifier, Name
from countersight.model import NameKind as Kind
from countersight.sources.values import clean, country_code, parse_date

_ENUM = re.compile(r"(?:^|(?<=[\s,;]))\(?(?:[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\)\s*")
"""An enumeration marker: ``(a)``, ``b)``, ``(iii)``; single letters up to ``h`` and roman
numerals, so that ``(probably)`` or ``(USA)`` never split a cell."""
_LABEL = re.compile(r"^[A-Z][a-z]+:$")
_ARTEFACTS = frozenset({"text of image"})
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_TRAILING_REMARK = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")


def pieces(text: str | None) -> list[str]:
    """The values of a cell: split on ``;`` and on ``(a) ..., (b) ...`` enumerations."""
    if text is None:
        return []
    out: list[str] = []
    for part in text.split(";"):
        for value in _ENUM.split(part.strip().strip('"')):
            value = clean(value.strip().strip('"').strip(" ,;")) or ""
            if value:
                out.append(value)
    return out


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (with or without diacritics)."""
    letters = _LETTER.findall(text)
    return all(_LATIN.match(c) for c in letters)


@dataclass
class NameParts:
    names: list[Name]
    dropped: int
    """Artefacts left out: language labels and ``Text of image`` placeholders."""


def names(text: str | None, kind: Kind) -> NameParts:
    """The names in a name or alias cell. ``Latin (Кириллица)`` gives two names: the bracketed
    one in original script. A name wholly in a non-Latin script is in original script too."""
    found: list[Name] = []
    dropped = 0
    for part in (text or "").split(";"):
        value = clean(part.strip().strip('"'))
        if value is None:
            continue
        value = _ENUM.sub("", value, count=1) if _ENUM.match(value) else value
        value = value.strip().strip('"').strip()
        if _LABEL.match(value) or value.casefold() in _ARTEFACTS or not _LETTER.search(value):
            dropped += 1
            continue
        value = value.rstrip(":").strip()
        if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
            value = value[1:-1].strip()  # "(金铁三)"
        match = _TRAILING_REMARK.match(value)
        if match and is_latin(match.group(1)) and not is_latin(match.group(2)):
            found.append(Name(match.group(1), kind=kind))
            if _LETTER.search(match.group(2)):
                found.append(Name(match.group(2), kind=kind, original_script=True))
            continue
        found.append(Name(value, kind=kind, original_script=not is_latin(value)))
    return NameParts(found, dropped)


@lru_cache(maxsize=4096)
def code(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or adjective; None for what names no single country
    (``country_code`` answers ``ua-cri`` for Crimea and ``suhh`` for the USSR)."""
    value = country_code((text or "").strip(" .,"))
    return value if value is not None and len(value) == 2 else None


def countries(text: str | None, role: CountryRole) -> list[CountryRef]:
    """``Russian``, ``Ukrainian, Russian``, ``(a) German, (b) Moroccan``, ``Russian and
    Ukrainian``; a remark in brackets is kept in the label of an unknown country."""
    found: list[CountryRef] = []
    for piece in pieces(text):
        remark = _TRAILING_REMARK.match(piece)
        core = remark.group(1) if remark else piece
        whole = code(core)
        if whole:
            found.append(CountryRef(role, whole, label=None if core == piece else piece))
            continue
        split = r",\s*|\s+and/or\s+|\s+and\s+|\s+or\s+|\s*/\s*"
        parts = [p for p in re.split(split, core) if p.strip()]
        codes = [code(p) for p in parts]
        if len(parts) > 1 and all(codes):
            found.extend(CountryRef(role, c) for c in codes)
        else:
            found.append(CountryRef(role, None, label=piece))
    return found


def identifiers(text: str | None, scheme: str) -> list[Identifier]:
    """``C2002515 (Iran)`` -> the number with its country; another bracketed remark
    (``(Libyan passport issued in Tripoli, Libya)``) becomes the identifier's note."""
    found: list[Identifier] = []
    for piece in pieces(text):
        match = _TRAILING_REMARK.match(piece)
        if match is None:
            found.append(Identifier(scheme, piece))
            continue
        value, remark = match.group(1), match.group(2).strip()
        country = code(remark)
        found.append(Identifier(scheme, value, country=country, note=None if country else remark))
    return found


_APPROX_WORDS = r"circa|ca\.?|c\.|approximately|approx\.?|about|(?:on or )?around|probably|possibly"
_APPROX = re.compile(rf"^\(?(?:{_APPROX_WORDS})\)?\s*", re.IGNORECASE)
_APPROX_AFTER = re.compile(rf"\s*\(?(?:{_APPROX_WORDS})\)?$", re.IGNORECASE)
_SINCE = re.compile(r"^(?:established|founded|registered)(?:\s+(?:in|on))?\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"^between\s+(\S.*?)\s+and\s+(.+)$|^(\S.*?)\s+to\s+(.+)$", re.IGNORECASE)
_OR = re.compile(r"^(.*\S)\s*\(or\s+([^()]*)\)$", re.IGNORECASE)
_YEARS = re.compile(r"^(\d{4})\s*[-\u2013]\s*(\d{4})$")


def dates(text: str | None, kind: DateKind) -> tuple[list[DateFact], list[str]]:
    """The dates in a cell, and the pieces that are not a date this can read (kept by the
    caller as a note: the Hijri ``24.6.1402 (Hijri Calendar)``, ``1922 as bank...``)."""
    facts: list[DateFact] = []
    unread: list[str] = []
    for piece in pieces(text):
        one = _date(piece, kind)
        if one is not None:
            facts.append(one)
            continue
        alternative = _OR.match(piece)  # "10.2.1983 (or 10.3.1983)"
        split = r"\s+or\s+|\s*,\s*|\s*/\s*(?=\d)"
        parts = list(alternative.groups()) if alternative else re.split(split, piece)
        several = [_date(p, kind) for p in parts] if len(parts) > 1 else [None]
        if all(several):
            facts.extend(f for f in several if f is not None)
        else:
            unread.append(piece)
    return facts, unread


def _date(text: str, kind: DateKind) -> DateFact | None:
    value = text.strip().strip('"').strip()
    if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
        value = value[1:-1]  # "(Aug. 1961)"
    if "hijri" in value.casefold():
        return None  # not a Gregorian date; parse_date would read 1402 as a year
    approximate = False
    if (match := _APPROX.match(value)) and match.group(0):
        approximate = True
        value = value[match.end() :]
    if (match := _APPROX_AFTER.search(value)) and match.group(0):
        approximate = True  # "1970 circa"
        value = value[: match.start()]
    value = _SINCE.sub("", value)  # "established 2001"
    remark = _TRAILING_REMARK.match(value)
    if remark and remark.group(2).casefold() in ("approximately", "approx.", "circa"):
        approximate = True
        value = remark.group(1)
    elif remark and not re.search(r"\d", remark.group(2)):
        value = remark.group(1)  # "5.9.1990 (Singapore)": a place, not a second date
    value = re.sub(r"\.\s+(?=\d)", ".", value.strip(" .,"))  # "29.6. 2015"
    value = re.sub(r"(?<=[A-Za-z])\.(?=\d)", ". ", value)  # "10 Apr.1960"
    value = re.sub(r"^(\d{1,2}\.\d{1,2})\s+(\d{4})$", r"\1.\2", value)  # "28.01 1966"
    if match := _BETWEEN.match(value):
        start, end = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        return _range(start, end, kind, approximate)
    if match := _YEARS.match(value):
        return _range(match.group(1), match.group(2), kind, approximate)
    iso = parse_date(value)
    return DateFact(kind, iso, approximate=approximate) if iso else None


def _range(start: str, end: str, kind: DateKind, approximate: bool) -> DateFact | None:
    first, last = parse_date(start), parse_date(end)
    if first is None or last is None or last < first:
        return None
    return DateFact(kind, first, end=last, approximate=approximate)
