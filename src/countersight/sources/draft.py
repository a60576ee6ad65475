"""An entity being gathered from one or more rows or elements of a list, before it is made.

Readers collect what the rows or elements of one entry say into an ``EntityDraft`` and then
``build`` it: every list is de-duplicated keeping the order in which the source first gives each
value, and texts (birth places, topics, programmes, notes) are stripped, empty ones left out. A
reader that wants another order (topics sorted, primary names first) arranges the lists first.

Not a format: the helper the readers share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from countersight.model import (
    Address,
    CountryRef,
    CountryRole,
    DateFact,
    Entity,
    Evidence,
    Identifier,
    Name,
    Schema,
    unique,
)
from countersight.sources.base import make_id
from countersight.sources.values import country_ref

T = TypeVar("T")


def distinct(items: Iterable[T]) -> tuple[T, ...]:
    """The items without repeats, in the order first given."""
    return tuple(dict.fromkeys(items))


@dataclass(slots=True)
class EntityDraft:
    schema: Schema
    source_ref: str
    names: list[Name] = field(default_factory=list)
    countries: list[CountryRef] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    gender: str | None = None
    source_url: str | None = None

    def add_address(
        self,
        role: CountryRole,
        *,
        street: str | None,
        city: str | None,
        region: str | None,
        postal_code: str | None,
        country: str | None,
        note: str | None = None,
    ) -> bool:
        """Add an address from its parts, and its country as a ``role`` country when the text
        names a known one; a ``note`` follows the full address in brackets. False when all the
        parts are empty (nothing is added)."""
        full = ", ".join(unique([street, city, region, postal_code, country]))
        if not full:
            return False
        ref = country_ref(role, country)
        self.addresses.append(
            Address(
                full=f"{full} ({note})" if note else full,
                street=street,
                city=city,
                region=region,
                postal_code=postal_code,
                country=ref.code if ref else None,
            )
        )
        if ref is not None and ref.code is not None:
            self.countries.append(ref)
        return True

    def entity_id(self, dataset: str) -> str:
        return make_id(dataset, self.source_ref)

    def build(self, dataset: str) -> Entity:
        return Entity(
            id=self.entity_id(dataset),
            schema=self.schema,
            dataset=dataset,
            source_ref=self.source_ref,
            names=distinct(self.names),
            countries=distinct(self.countries),
            identifiers=distinct(self.identifiers),
            dates=distinct(self.dates),
            addresses=distinct(self.addresses),
            birth_places=unique(self.birth_places),
            topics=unique(self.topics),
            programs=unique(self.programs),
            gender=self.gender,
            notes=unique(self.notes),
            source_url=self.source_url,
            evidence=distinct(self.evidence),
        )
