"""Shared tools of the OpenSanctions source-table readers (``opensanctions.py``).

A *layout* names the exact header of one table and the mapper that turns its rows into records.
Several of these tables hold one row per *listing*, so the same company appears once per edition
of a list (Section 1260H, the PRC lists, FinCEN's notices). A ``Draft`` collects the rows of one
entity and becomes one ``Entity`` when the table has been read; every listing stays visible as a
``listed`` date and an ``Evidence`` record citing its document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal

from countersight.model import (
    TOPICS,
    CountryRef,
    CountryRole,
    DateFact,
    Entity,
    Evidence,
    Name,
    NameKind,
    Record,
    RelationKind,
    Relationship,
    Schema,
)
from countersight.sources.base import make_id, slug
from countersight.sources.draft import EntityDraft, distinct
from countersight.sources.values import add_country, clean, country_ref, parse_date, split

LICENCE = "CC BY-NC 4.0"
VIA = " (via OpenSanctions)"

Row = dict[str, str]
Rows = Iterator[tuple[int, Row]]


@dataclass
class Context:
    """What a row mapper needs: where it reads, the dataset name, and the warnings list."""

    path: Path
    dataset: str
    warnings: list[str]
    unit: Literal["line", "item"] = "line"

    def warn(self, number: int | None, message: str) -> None:
        where = f"{self.unit} {number}: " if number is not None else ""
        self.warnings.append(f"{where}{message}")


Mapper = Callable[[Context, Rows], Iterator[Record]]


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    """The format name (``countersight formats``), e.g. ``os-us-dod-1260h``."""
    title: str
    columns: tuple[str, ...]
    """The header row, exactly: this is how the file is recognised."""
    dataset: str
    """Default dataset name; empty when it comes from the file name (shared layouts)."""
    publisher: str
    url: str | None
    mapper: Mapper
    kind: Literal["csv", "json"] = "csv"


# -- values ------------------------------------------------------------------------------------

_NAME_ORDER: dict[NameKind, int] = {"primary": 0, "alias": 1, "previous": 2, "weak_alias": 3}
_SCHEMAS: dict[str, Schema] = {
    "person": "Person",
    "company": "Company",
    "organization": "Organization",
    "publicbody": "Organization",
    "legalentity": "LegalEntity",
}


def schema_of(text: str | None, default: Schema) -> Schema | None:
    """``Person``/``Company``/``PublicBody``... as the model's schema; None when unknown."""
    value = clean(text)
    if value is None:
        return default
    return _SCHEMAS.get(value.replace(" ", "").lower())


_SHORT_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")


def when(text: str | None, *, short_year: bool = False) -> str | None:
    """A date as these tables write it, to ISO; None when empty or unreadable.

    ``parse_date``, and with ``short_year`` also ``13.07.20`` (the PRC table mixes ``DD.MM.YY``
    and ``DD.MM.YYYY`` for listing dates, all after 2000; never used for birth dates)."""
    value = clean(text)
    if short_year and value and (m := _SHORT_YEAR.match(value)):
        return parse_date(f"{m.group(1)}.{m.group(2)}.20{m.group(3)}")
    return parse_date(value)


def country(text: str | None, role: CountryRole) -> CountryRef | None:
    """An ISO code, a name, ``DPRK`` or ``ROK`` as a country reference; text that names no
    known country (``EU``, ``TRNC``) is kept as the label (see ``values.country_ref``)."""
    return country_ref(role, text)


def topics(text: str | None, ctx: Context, number: int, default: Iterable[str]) -> list[str]:
    """The topics a row gives (``;``-separated), checked against the model's vocabulary;
    the layout's default when the cell is empty."""
    given = split(text)
    if not given:
        return list(default)
    unknown = [t for t in given if t not in TOPICS]
    if unknown:
        ctx.warn(number, f"dropped unknown topics {unknown}")
    return [t for t in given if t in TOPICS]


def ended(end: str, start: str | None = None) -> str:
    """The note for a listing with an end date: the entry is kept (the list shows it)."""
    label = "delisted" if end <= date.today().isoformat() else "listing ends"
    return f"{label}: {end}" + (f" (listed {start})" if start else "")


def short_hash(*parts: str | None) -> str:
    """Eight hex digits over the parts, case- and space-insensitive: a stable tie-breaker for
    derived references when a name alone is not unique."""
    text = "|".join(" ".join((p or "").split()).casefold() for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


# -- drafts: entities built from one or more rows ---------------------------------------------


@dataclass(slots=True)
class Draft(EntityDraft):
    urls: list[tuple[str, str]] = field(default_factory=list)
    """(listing date or "", url): the newest listing's document becomes ``source_url``."""

    def name(
        self,
        value: str | None,
        kind: NameKind = "primary",
        *,
        lang: str | None = None,
        original_script: bool = False,
    ) -> None:
        text = clean(value)
        if text:
            self.names.append(Name(text, kind, lang=lang, original_script=original_script))

    def country(self, text: str | None, role: CountryRole) -> None:
        add_country(self.countries, role, text)

    def date(self, kind: Literal["birth", "listed"], iso: str | None) -> None:
        if iso is not None:
            self.dates.append(DateFact(kind, iso))

    def note(self, text: str | None) -> None:
        value = clean(text)
        if value:
            self.notes.append(value)

    def url(self, url: str | None, listed: str | None = None) -> None:
        value = clean(url)
        if value:
            self.urls.append((listed or "", value))

    def entity(self, dataset: str) -> Entity:
        """One name per spelling, of its strongest kind, the primary names first; topics
        sorted; the newest listing's document as ``source_url``."""
        names: dict[str, Name] = {}
        for name in self.names:
            kept = names.get(name.value)
            if kept is None or _NAME_ORDER[name.kind] < _NAME_ORDER[kept.kind]:
                names[name.value] = name
        ranked = sorted(names.values(), key=lambda n: _NAME_ORDER[n.kind] > 0)
        newest = max(self.urls, key=lambda pair: pair[0])[1] if self.urls else None
        finished = replace(self, names=ranked, topics=sorted(self.topics), source_url=newest)
        return finished.build(dataset)


class Drafts:
    """Drafts by key, in the order first seen; ``key`` is usually ``slug(name)``, so that a
    company printed as ``Addsino Co., Ltd.`` in one edition and ``Addsino Co. Ltd.`` in the
    next stays one entity."""

    def __init__(self) -> None:
        self.by_key: dict[str, Draft] = {}

    def get(self, key: str, schema: Schema, source_ref: str) -> Draft:
        draft = self.by_key.get(key)
        if draft is None:
            draft = self.by_key[key] = Draft(schema=schema, source_ref=source_ref)
        return draft

    def find(self, name: str) -> Draft | None:
        return self.by_key.get(slug(name))

    def __iter__(self) -> Iterator[Draft]:
        return iter(self.by_key.values())


class Relations:
    """Relationships by id: the same link stated by several rows is one relationship."""

    def __init__(self, dataset: str) -> None:
        self.dataset = dataset
        self.by_id: dict[str, Relationship] = {}

    def add(
        self,
        kind: RelationKind,
        source: Draft,
        target: Draft,
        *,
        role: str | None = None,
        evidence: Evidence | None = None,
    ) -> None:
        if source is target:
            return
        # Derived reference: the kind and the two ends' references (the tables give none).
        ref = f"{kind} {source.source_ref} > {target.source_ref}"
        rel_id = make_id(self.dataset, ref)
        kept = self.by_id.get(rel_id)
        proofs = (*(kept.evidence if kept else ()), *((evidence,) if evidence else ()))
        self.by_id[rel_id] = Relationship(
            id=rel_id,
            kind=kind,
            source=source.entity_id(self.dataset),
            target=target.entity_id(self.dataset),
            dataset=self.dataset,
            source_ref=ref,
            role=role,
            evidence=distinct(proofs),
        )

    def __iter__(self) -> Iterator[Relationship]:
        return iter(self.by_id.values())


def emit(
    dataset: str, drafts: Iterable[Draft], relations: Iterable[Relationship] = ()
) -> Iterator[Record]:
    for draft in drafts:
        yield draft.entity(dataset)
    yield from relations
