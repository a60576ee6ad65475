"""FollowTheMoney JSON lines, the interchange format of this field (OpenSanctions, Aleph, yente).

Reading: one JSON object a line. Persons, companies, organisations, legal entities, vessels and
aircraft become entities; Ownership, Directorship, Family, Associate and UnknownLink become
relationships; Sanction, Identification/Passport and Address records are folded into the entity
they describe. Other schemas (Payment, Position, Occupancy...) are counted and skipped.

Writing: every entity and relationship as an FtM object whose ``properties`` any FtM tool reads.
What FtM cannot say (which name is the primary one, a date range, an identifier's scheme) rides
along under the top-level key ``countersight``, which other tools ignore, so that an export
imported again gives the same entities.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from countersight.errors import SourceError
from countersight.model import (
    SCHEMAS,
    TOPICS,
    Address,
    CountryRef,
    DatasetInfo,
    DateFact,
    DateKind,
    Entity,
    Identifier,
    Name,
    NameKind,
    Record,
    RelationKind,
    Relationship,
    Schema,
    entity_from_dict,
    relationship_from_dict,
    to_dict,
    unique,
)
from countersight.sources.base import (
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    date_in_filename,
    open_text,
    slug,
)
from countersight.sources.values import parse_date

EXTENSION = "countersight"

_NAME_PROPS: dict[str, NameKind] = {
    "name": "primary",
    "alias": "alias",
    "weakAlias": "weak_alias",
    "previousName": "previous",
}
_ID_PROPS: dict[str, str] = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "taxNumber": "tax_id",
    "innCode": "inn",
    "ogrnCode": "ogrn",
    "registrationNumber": "registration",
    "leiCode": "lei",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "swiftBic": "swift",
    "dunsCode": "duns",
    "callSign": "call_sign",
    "uniqueEntityId": "uei",
    "vatCode": "vat",
}
_SCHEME_PROPS = {scheme: prop for prop, scheme in _ID_PROPS.items()}
_COUNTRY_PROPS: dict[str, Any] = {
    "nationality": "nationality",
    "citizenship": "citizenship",
    "jurisdiction": "jurisdiction",
    "birthCountry": "birth",
    "country": "country",
    "flag": "flag",
}
_ROLE_PROPS = {role: prop for prop, role in _COUNTRY_PROPS.items()}
_ROLE_PROPS["residence"] = "country"
_DATE_PROPS: dict[str, DateKind] = {
    "birthDate": "birth",
    "deathDate": "death",
    "incorporationDate": "incorporation",
    "dissolutionDate": "dissolution",
    "createdAt": "listed",
    "modifiedAt": "modified",
}
_KIND_PROPS = {kind: prop for prop, kind in _DATE_PROPS.items()}
_LINKS: dict[str, tuple[RelationKind, str, str]] = {
    "Ownership": ("ownership", "owner", "asset"),
    "Directorship": ("director", "director", "organization"),
    "Family": ("family", "person", "relative"),
    "Associate": ("associate", "person", "associate"),
    "UnknownLink": ("partner", "subject", "object"),
}
_SCHEMA_ALIASES: dict[str, Schema] = {"PublicBody": "Organization"}


# -- reading ---------------------------------------------------------------------------------


def sniff(sample: Sample) -> Sniffed | None:
    first = sample.text.lstrip().split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return None
    try:
        data = json.loads(first)
    except ValueError:
        # A first line longer than the sample: look for the keys instead.
        if '"schema"' in first and '"properties"' in first:
            return Sniffed(family="ftm")
        return None
    if isinstance(data, dict) and "schema" in data and "id" in data:
        return Sniffed(family="ftm")
    return None


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(open_text(path), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(
                f"not a JSON object: {exc.msg} (column {exc.colno})",
                path=str(path),
                line=number,
                hint="FtM files hold one JSON object a line",
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise SourceError("expected an object with an 'id'", path=str(path), line=number)
        if not isinstance(data.get("schema"), str):
            raise SourceError("expected a 'schema'", path=str(path), line=number)
        props = data.get("properties", {})
        if not isinstance(props, dict):
            raise SourceError("'properties' must be an object", path=str(path), line=number)
        yield number, data


def read(group: SourceGroup, options: ReadOptions) -> Reading:
    path = group.main
    name = options.dataset or _default_name(path)
    info = DatasetInfo(
        name=name,
        title=f"FollowTheMoney entities from {path.name}",
        publisher="FollowTheMoney file",
        issued=date_in_filename(path),
    )
    warnings: list[str] = []
    return Reading(info, _records(path, name, warnings), warnings)


def _default_name(path: Path) -> str:
    stem = path.name.split(".")[0]
    return slug(stem).replace("-", "_") or "ftm"


def _records(path: Path, dataset: str, warnings: list[str]) -> Iterator[Record]:
    # First pass: the records that describe other records (addresses, sanctions, documents).
    addresses: dict[str, Address] = {}
    programs: dict[str, list[str]] = defaultdict(list)
    sanctioned: set[str] = set()
    documents: dict[str, list[Identifier]] = defaultdict(list)
    for _number, data in _lines(path):
        schema, props = data["schema"], data.get("properties", {})
        if schema == "Address":
            full = _first(props, "full") or ", ".join(
                unique([*props.get("street", []), *props.get("city", [])])
            )
            if full:
                addresses[data["id"]] = Address(
                    full=full,
                    street=_first(props, "street"),
                    city=_first(props, "city"),
                    region=_first(props, "region"),
                    postal_code=_first(props, "postalCode"),
                    country=_first(props, "country"),
                )
        elif schema == "Sanction":
            for ref in props.get("entity", []):
                sanctioned.add(ref)
                programs[ref].extend(props.get("programId", []) or props.get("program", []))
        elif schema in ("Identification", "Passport"):
            scheme = "passport" if schema == "Passport" else "national_id"
            for ref in props.get("holder", []):
                for number in props.get("number", []):
                    documents[ref].append(
                        Identifier(scheme=scheme, value=number, country=_first(props, "country"))
                    )

    skipped: Counter[str] = Counter()
    for number, data in _lines(path):
        schema = data["schema"]
        try:
            if EXTENSION in data and isinstance(data[EXTENSION], dict):
                yield _from_extension(data, dataset)
            elif schema in SCHEMAS or schema in _SCHEMA_ALIASES:
                yield _entity(data, dataset, addresses, programs, sanctioned, documents, warnings)
            elif schema in _LINKS:
                relation = _relationship(data, dataset)
                if relation is None:
                    skipped[f"{schema} without both ends"] += 1
                else:
                    yield relation
            elif schema not in ("Address", "Sanction", "Identification", "Passport"):
                skipped[schema] += 1
        except (ValueError, TypeError, KeyError) as exc:
            raise SourceError(str(exc), path=str(path), line=number) from None
    for schema, count in sorted(skipped.items()):
        warnings.append(f"skipped {count} {schema} records (not screened)")


def _first(props: dict[str, Any], key: str) -> str | None:
    values = props.get(key) or []
    return str(values[0]) if values else None


def _from_extension(data: dict[str, Any], dataset: str) -> Record:
    ext = dict(data[EXTENSION])
    ext["dataset"] = dataset
    if data["schema"] in _LINKS:
        return relationship_from_dict(ext)
    return entity_from_dict(ext)


def _entity(
    data: dict[str, Any],
    dataset: str,
    addresses: dict[str, Address],
    programs: dict[str, list[str]],
    sanctioned: set[str],
    documents: dict[str, list[Identifier]],
    warnings: list[str],
) -> Entity:
    entity_id = data["id"]
    props: dict[str, list[Any]] = data.get("properties", {})
    schema = _SCHEMA_ALIASES.get(data["schema"], cast(Schema, data["schema"]))
    given, family = _first(props, "firstName"), _first(props, "lastName")
    names: list[Name] = []
    for prop, kind in _NAME_PROPS.items():
        for value in unique(props.get(prop, [])):
            names.append(Name(value=value, kind=kind))
    if not names and data.get("caption"):
        names.append(Name(value=str(data["caption"])))
    if not names and (given or family):
        names.append(Name(value=" ".join(unique([given, family])), given=given, family=family))
    if not names:
        raise ValueError(f"entity {entity_id} has no name")
    if schema == "Person" and (given or family) and names[0].kind == "primary":
        names[0] = replace(names[0], given=given, family=family)
    countries = [
        CountryRef(role=role, code=code.lower())
        for prop, role in _COUNTRY_PROPS.items()
        for code in unique(props.get(prop, []))
    ]
    identifiers = [
        Identifier(scheme=scheme, value=value)
        for prop, scheme in _ID_PROPS.items()
        for value in unique(props.get(prop, []))
    ]
    identifiers.extend(documents.get(entity_id, []))
    dates: list[DateFact] = []
    for prop, date_kind in _DATE_PROPS.items():
        for value in unique(props.get(prop, [])):
            iso = parse_date(value)
            if iso is None:
                warnings.append(f"{entity_id}: unreadable {prop} {value!r}")
            else:
                dates.append(DateFact(kind=date_kind, value=iso))
    entity_addresses = [
        addresses[ref] for ref in props.get("addressEntity", []) if ref in addresses
    ]
    entity_addresses.extend(Address(full=text) for text in unique(props.get("address", [])))
    topics = set(props.get("topics", []))
    if entity_id in sanctioned:
        topics.add("sanction")
    unknown = topics - TOPICS
    if unknown:
        warnings.append(f"{entity_id}: dropped topics not screened on: {sorted(unknown)}")
    return Entity(
        id=entity_id,
        schema=schema,
        dataset=dataset,
        source_ref=entity_id,
        names=tuple(names),
        countries=tuple(countries),
        identifiers=tuple(identifiers),
        dates=tuple(dates),
        addresses=tuple(entity_addresses),
        birth_places=unique(props.get("birthPlace", [])),
        topics=tuple(sorted(topics & TOPICS)),
        programs=unique(programs.get(entity_id, []) + props.get("program", [])),
        gender=_first(props, "gender"),
        notes=unique(props.get("notes", [])),
        source_url=_first(props, "sourceUrl"),
    )


def _relationship(data: dict[str, Any], dataset: str) -> Relationship | None:
    kind, source_prop, target_prop = _LINKS[data["schema"]]
    props: dict[str, list[Any]] = data.get("properties", {})
    source, target = _first(props, source_prop), _first(props, target_prop)
    if source is None or target is None:
        return None
    share: float | None = None
    percentage = _first(props, "percentage")
    if percentage is not None:
        try:
            share = float(percentage.rstrip("%").replace(",", "."))
        except ValueError:
            share = None
        if share is not None and not 0 <= share <= 100:
            share = None
    return Relationship(
        id=data["id"],
        kind=kind,
        source=source,
        target=target,
        dataset=dataset,
        source_ref=data["id"],
        share=share,
        role=_first(props, "relationship") or _first(props, "role"),
        start=parse_date(_first(props, "startDate")),
        end=parse_date(_first(props, "endDate")),
    )


# -- writing ---------------------------------------------------------------------------------


def entity_to_ftm(entity: Entity) -> dict[str, Any]:
    props: dict[str, list[str]] = defaultdict(list)
    for name in entity.names:
        prop = {v: k for k, v in _NAME_PROPS.items()}[name.kind]
        props[prop].append(name.value)
        if name.given:
            props["firstName"].append(name.given)
        if name.family:
            props["lastName"].append(name.family)
    for country in entity.countries:
        if country.code:
            props[_ROLE_PROPS[country.role]].append(country.code)
    for ident in entity.identifiers:
        props[_SCHEME_PROPS.get(ident.scheme, "idNumber")].append(ident.value)
    for fact in entity.dates:
        if fact.kind in _KIND_PROPS:
            props[_KIND_PROPS[fact.kind]].append(fact.value)
    for address in entity.addresses:
        props["address"].append(address.full)
    for key, values in (
        ("birthPlace", entity.birth_places),
        ("topics", entity.topics),
        ("program", entity.programs),
        ("notes", entity.notes),
    ):
        props[key].extend(values)
    if entity.gender:
        props["gender"].append(entity.gender)
    if entity.source_url:
        props["sourceUrl"].append(entity.source_url)
    return {
        "id": entity.id,
        "schema": entity.schema,
        "caption": entity.caption,
        "properties": {key: list(unique(values)) for key, values in props.items() if values},
        "datasets": [entity.dataset],
        EXTENSION: to_dict(entity),
    }


def relationship_to_ftm(relation: Relationship) -> dict[str, Any]:
    schema = {
        "ownership": "Ownership",
        "parent": "Ownership",
        "director": "Directorship",
        "family": "Family",
        "associate": "Associate",
        "partner": "UnknownLink",
    }[relation.kind]
    _kind, source_prop, target_prop = _LINKS[schema]
    props: dict[str, list[str]] = {source_prop: [relation.source], target_prop: [relation.target]}
    if relation.share is not None:
        props["percentage"] = [f"{relation.share:g}"]
    if relation.role:
        props["relationship" if schema in ("Family", "Associate") else "role"] = [relation.role]
    if relation.start:
        props["startDate"] = [relation.start]
    if relation.end:
        props["endDate"] = [relation.end]
    return {
        "id": relation.id,
        "schema": schema,
        "properties": props,
        "datasets": [relation.dataset],
        EXTENSION: to_dict(relation),
    }


def dump_lines(records: Iterable[Record]) -> Iterator[str]:
    """One JSON line (with its newline) per record."""
    for record in records:
        data = entity_to_ftm(record) if isinstance(record, Entity) else relationship_to_ftm(record)
        yield json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


FORMATS = (
    Format(
        name="ftm",
        title="FollowTheMoney JSON lines",
        sniff=sniff,
        read=read,
        extensions=(".ftm.json", ".json", ".ijson", ".jsonl"),
    ),
)
PRIORITY = 10
