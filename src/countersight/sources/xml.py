"""Safe, streaming XML reading: entity expansion and external entities are refused.

Also what every XML list reader needs around that: recognising a list from the name of its
document element, and saying when a file holds elements a reader does not know (so that nothing
is dropped silently). The prolog (XML declaration, comments, processing instructions, a DOCTYPE
with its internal subset) is skipped with regular expressions, never parsed, so a hostile DTD is
not expanded there; readers then refuse it when they parse the file with ``iter_elements``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from countersight.errors import SourceError
from countersight.sources.base import Sample

_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL)
_START = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_SPACE = re.compile(r"\s*")


def local(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


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


def iter_elements(path: Path, tags: set[str]) -> Iterator[Element]:
    """Yield each complete element whose local name is in ``tags``, then free it.

    Malformed XML raises SourceError with the file, line and column; a document that declares
    entities (billion laughs) or refers to external ones is refused."""
    # The file opened here, not by iterparse: closed when the caller stops early too, not when
    # the abandoned parser happens to be collected.
    try:
        with path.open("rb") as fh:
            for event, elem in iterparse(fh, events=("end",), forbid_dtd=False):
                if event == "end" and local(elem.tag) in tags:
                    yield elem
                    elem.clear()
    except ParseError as exc:
        line, column = exc.position
        if "undefined entity" in str(exc):
            raise SourceError(
                f"refused: undefined entity at column {column} (the document uses an entity it "
                "does not define)",
                path=str(path),
                line=line,
                hint="entities from an external DTD are never fetched; published lists use none",
            ) from None
        raise SourceError(
            f"malformed XML at column {column}: {exc.msg}",
            path=str(path),
            line=line,
            hint="the file may be cut short; download it again",
        ) from None
    except DefusedXmlException as exc:
        raise SourceError(
            f"refused: the XML declares or refers to entities ({type(exc).__name__})",
            path=str(path),
            hint="published lists never need entity declarations; this file is unsafe",
        ) from None


def root_attributes(path: Path) -> dict[str, str]:
    """The attributes of the document element, read without parsing the whole file."""
    try:
        with path.open("rb") as fh:
            for _event, elem in iterparse(fh, events=("start",), forbid_dtd=False):
                return dict(elem.attrib)
    except (ParseError, DefusedXmlException):
        return {}
    return {}


def text(elem: Element | None, path: str) -> str | None:
    """Stripped text of the first descendant matching ``path`` (local names, ``/``-separated)."""
    if elem is None:
        return None
    node: Element | None = elem
    for part in path.split("/"):
        if node is None:
            return None
        node = next((child for child in node if local(child.tag) == part), None)
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def children(elem: Element, name: str) -> list[Element]:
    return [child for child in elem if local(child.tag) == name]


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
