"""What the XML list readers (UN, OFAC XML, Canada SEMA) share: recognising a list from the name
of its document element, turning a country as written into a ``CountryRef``, and saying when a
file holds elements a reader does not know (so that nothing is dropped silently).

The prolog (XML declaration, comments, processing instructions, a DOCTYPE with its internal
subset) is skipped with regular expressions, never parsed, so a hostile DTD is not expanded
here; readers then refuse it when they parse the file through ``countersight.sources.xml``.

(``root_name`` and ``require_root`` are candidates for ``xml.py``.)
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from countersight.errors import SourceError
from countersight.model import CountryRef, CountryRole
from countersight.sources.base import Sample
from countersight.sources.values import clean, country_code
from countersight.sources.xml import local

_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL)
_START = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_SPACE = re.compile(r"\s*")


def root_name(text: str) -> str | None:
    """The local name of the document element, or None when the text does not reach it (a DTD
    longer than the sample) or is not XML."""
    pos = 0
    while True:
        match = _SPACE.match(text, pos)
        pos = match.end() if match else pos
        prolog = _PROLOG.match(text, pos)
        if prolog is not None:
            pos = prolog.end()
            continue
        start = _START.match(text, pos)
        return start.group(1) if start else None


def require_root(path: Path, expected: str, *, what: str) -> str:
    """Fail unless the document element of ``path`` is ``expected``; returns the head text."""
    head = Sample.of(path).text
    found = root_name(head)
    if found != expected:
        seen = f"<{found}>" if found else "no document element in the first 64 KiB"
        raise SourceError(
            f"expected {what} (document element <{expected}>), found {seen}",
            path=str(path),
            element=found,
            hint="check that this is the list you meant, or name another --format",
        )
    return head


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


def warn_unread(
    elem: Element, known: frozenset[str], where: str, seen: set[str], warnings: list[str]
) -> None:
    """Warn, once per element name, about children of ``elem`` that carry data the reader does
    not read (a field added to the list since the reader was written)."""
    for child in elem:
        name = local(child.tag)
        if name in known or name in seen:
            continue
        if (child.text or "").strip() or len(child):
            seen.add(name)
            warnings.append(f"{where}: element <{name}> is not read (first seen here)")
