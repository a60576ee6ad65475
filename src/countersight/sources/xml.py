"""Safe, streaming XML reading: entity expansion and external entities are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from countersight.errors import SourceError


def local(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


def iter_elements(path: Path, tags: set[str]) -> Iterator[Element]:
    """Yield each complete element whose local name is in ``tags``, then free it.

    Malformed XML raises SourceError with the file, line and column; a document that declares
    entities (billion laughs) or refers to external ones is refused."""
    try:
        for event, elem in iterparse(str(path), events=("end",), forbid_dtd=False):
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
        for _event, elem in iterparse(str(path), events=("start",), forbid_dtd=False):
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
