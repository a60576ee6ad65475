"""The data model: listed entities, their relationships and the evidence behind them.

Plain frozen dataclasses, no I/O. Every entity keeps the dataset it came from and the identifier
its source gives it (``source_ref``), so that an analyst can cite the listing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, cast, get_args

Schema = Literal["Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane"]
SCHEMAS: tuple[Schema, ...] = get_args(Schema)

NameKind = Literal["primary", "alias", "weak_alias", "previous"]
"""``primary``: the name the source lists the entity under; ``alias``: another strong name (a.k.a.);
``weak_alias``: a low-quality alias the source itself flags (OFAC "weak", UN "low quality");
``previous``: a former name (f.k.a.)."""

DateKind = Literal["birth", "death", "incorporation", "dissolution", "listed", "modified", "other"]

CountryRole = Literal[
    "nationality", "citizenship", "jurisdiction", "residence", "birth", "country", "flag"
]

RelationKind = Literal["ownership", "parent", "partner", "director", "associate", "family"]
"""``ownership``: source owns (a share of) target; ``parent``: source is the parent company of
target; ``partner``: a business partnership; ``director``: source directs or manages target;
``associate`` and ``family``: ties between people named by a source."""

TOPICS: frozenset[str] = frozenset(
    {
        # The FollowTheMoney topic vocabulary that screening uses, plus ``surveillance``.
        "sanction",
        "sanction.linked",
        "sanction.counter",
        "export.control",
        "export.risk",
        "debarment",
        "crime",
        "crime.fin",
        "crime.fraud",
        "crime.cyber",
        "crime.terror",
        "crime.war",
        "wanted",
        "mil",
        "gov.soe",
        "role.pep",
        "role.rca",
        "role.oligarch",
        "poi",
        "corp.disqual",
        "reg.action",
        "reg.warn",
        "surveillance",
    }
)

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def is_partial_date(value: str) -> bool:
    """True for ISO dates of year, month or day precision: ``1971``, ``1971-05``, ``1971-05-02``."""
    return bool(_PARTIAL_DATE.match(value))


@dataclass(frozen=True, slots=True)
class Name:
    value: str
    kind: NameKind = "primary"
    lang: str | None = None
    """ISO 639-3 code when the source says which language the name is in (``zho``, ``rus``)."""
    original_script: bool = False
    """The source gives this as the name in its original script (UN ``NAME_ORIGINAL_SCRIPT``)."""
    given: str | None = None
    family: str | None = None

    def __post_init__(self) -> None:
        if not self.value.strip():
            raise ValueError("a name cannot be empty")


@dataclass(frozen=True, slots=True)
class Identifier:
    scheme: str
    """What kind of number: ``passport``, ``national_id``, ``tax_id``, ``registration``, ``lei``,
    ``imo``, ``mmsi``, ``swift``, ``duns``, ``call_sign``, ``other``."""
    value: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DateFact:
    kind: DateKind
    value: str
    """ISO date of the precision the source gives: a bare year stays a bare year."""
    end: str | None = None
    """For a range (UN ``BETWEEN``): the last year or date of the range; ``value`` is the first."""
    approximate: bool = False

    def __post_init__(self) -> None:
        for date in (self.value, self.end):
            if date is not None and not is_partial_date(date):
                raise ValueError(f"not an ISO date of year, month or day precision: {date!r}")


@dataclass(frozen=True, slots=True)
class CountryRef:
    role: CountryRole
    code: str | None
    """ISO 3166-1 alpha-2, lower case; ``None`` when the source's text names no known country."""
    label: str | None = None
    """The source's own text, kept when it is not simply the code."""


@dataclass(frozen=True, slots=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2, lower case."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sourced statement: who published what, where and when."""

    publisher: str
    url: str | None = None
    date: str | None = None
    title: str | None = None
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    schema: Schema
    dataset: str
    source_ref: str
    """The identifier the source gives the entry (UN REFERENCE_NUMBER, OFAC ent_num, EU recordId,
    FtM id): the reference an analyst cites."""
    names: tuple[Name, ...]
    countries: tuple[CountryRef, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    dates: tuple[DateFact, ...] = ()
    addresses: tuple[Address, ...] = ()
    birth_places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    """The sanctions programmes or regimes of the listing (``SDGT``, ``DPRK``, ``Russia``)."""
    gender: str | None = None
    notes: tuple[str, ...] = ()
    source_url: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an entity needs an id")
        if self.schema not in SCHEMAS:
            raise ValueError(f"unknown schema {self.schema!r}; expected one of {SCHEMAS}")
        if not self.names:
            raise ValueError(f"entity {self.id} has no name")
        unknown = set(self.topics) - TOPICS
        if unknown:
            raise ValueError(f"entity {self.id}: unknown topics {sorted(unknown)}")

    @property
    def caption(self) -> str:
        """The name to show: the first primary name, else the first name."""
        for name in self.names:
            if name.kind == "primary":
                return name.value
        return self.names[0].value

    def dates_of(self, kind: DateKind) -> tuple[DateFact, ...]:
        return tuple(d for d in self.dates if d.kind == kind)


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    kind: RelationKind
    source: str
    """Entity id of the owner, parent, director or first partner."""
    target: str
    """Entity id of the owned company, subsidiary, directed company or second partner."""
    dataset: str
    source_ref: str
    share: float | None = None
    """Ownership share in percent (0-100) when the source gives one."""
    role: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        if self.share is not None and not 0 <= self.share <= 100:
            raise ValueError(f"relationship {self.id}: share {self.share} is not a percentage")
        for date in (self.start, self.end):
            if date is not None and not is_partial_date(date):
                raise ValueError(f"relationship {self.id}: not an ISO date: {date!r}")


Record = Entity | Relationship


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """What a reader knows about a dataset before it is stored."""

    name: str
    title: str
    publisher: str
    url: str | None = None
    issued: str | None = None
    """The date the publisher issued this version, when the file says (ISO date)."""
    licence: str | None = None


@dataclass(frozen=True, slots=True)
class DatasetVersion:
    """A dataset as it is in the store: one version, identified by the hash of its content."""

    name: str
    title: str
    publisher: str
    version: str
    """SHA-256 of the imported files' content (hex)."""
    format: str
    files: tuple[str, ...]
    entity_count: int
    relationship_count: int
    imported_at: str
    url: str | None = None
    issued: str | None = None
    licence: str | None = None
    warnings: tuple[str, ...] = field(default=())


# -- plain-data conversion (for storage and interchange) ---------------------------------------

_NESTED: dict[str, type[Any]] = {
    "names": Name,
    "countries": CountryRef,
    "identifiers": Identifier,
    "dates": DateFact,
    "addresses": Address,
    "evidence": Evidence,
}


def to_dict(record: Record) -> dict[str, Any]:
    """A compact JSON-ready dict: empty and default fields are left out."""
    out: dict[str, Any] = {}
    for f in _fields(type(record)):
        value = getattr(record, f.name)
        if value is None or value == () or value is False:
            continue
        if f.name in _NESTED:
            value = [_compact(item) for item in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _compact(item: Any) -> dict[str, Any]:
    """Leave out optional fields at their defaults; required ones are always kept."""
    return {
        f.name: getattr(item, f.name)
        for f in _fields(type(item))
        if f.default is MISSING or getattr(item, f.name) != f.default
    }


def entity_from_dict(data: Mapping[str, Any]) -> Entity:
    return cast(Entity, _from_dict(Entity, data))


def relationship_from_dict(data: Mapping[str, Any]) -> Relationship:
    return cast(Relationship, _from_dict(Relationship, data))


def _from_dict(cls: type[Any], data: Mapping[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in _fields(cls):
        name = f.name
        if name not in data:
            continue
        value = data[name]
        if name in _NESTED:
            value = tuple(_NESTED[name](**item) for item in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def by_fields(obj: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """A frozen dataclass as ``__reduce__`` gives it to ``pickle``: its class and its fields'
    values, which rebuild it through the constructor. Pickle's default restores attributes one
    by one, which a class compiled by mypyc does not allow and which ``dataclasses`` does
    slowly for a slotted class (the matching core's ``Token``, ``NameForm``, ``Party``,
    ``Listed``)."""
    cls = type(obj)
    values = _VALUES.get(cls)
    if values is None:  # one C call for all the fields (the index's cache pickles 300,000)
        values = _VALUES[cls] = attrgetter(*(f.name for f in _fields(cls)))
    return cls, values(obj)


def _fields(cls: type[Any]) -> tuple[Field[Any], ...]:
    """A dataclass's fields, looked up once per class: ``dataclasses.fields`` is slow, and the
    conversions above call it for every record (a twentieth of building an index)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = fields(cls)
    return found


_FIELDS: dict[type[Any], tuple[Field[Any], ...]] = {}
_VALUES: dict[type[Any], attrgetter[Any]] = {}


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """Strip, drop empties and duplicates, keep the first order."""
    seen: dict[str, None] = {}
    for value in values:
        if value is None:
            continue
        text = value.strip()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)
