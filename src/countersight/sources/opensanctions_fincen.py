"""Row mapper for FinCEN's 311/9714 special measures (``us__fincen_special_measures``).

Each row states one fact from one FinCEN document about a measure (``Measure``) and how the
named party relates to the measure's subject (``Relationship``):

- ``self``: the subject itself (a bank, or a jurisdiction such as Burma); ``Type`` is empty.
- ``target``: a party the measure covers without being its table entry (Nauru's banks, mixers).
- ``subsidiary`` / ``owner``: a subsidiary or owner of the subject.
- ``related``: a party the documents connect to the subject without designating it.

Parties become entities (rows naming the same party merge); subsidiaries, owners and related
parties are linked to the subject when the subject has ``self`` rows. Measures on a jurisdiction
or a class (Iran, North Korea, Nauru, convertible virtual currency mixing) have no ``self`` row:
their parties are kept with a note naming the measure, and no link is invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from countersight.model import Address, Evidence, Identifier, Record, Schema
from countersight.sources.base import slug
from countersight.sources.opensanctions_common import (
    Context,
    Draft,
    Drafts,
    Relations,
    Rows,
    country,
    emit,
    schema_of,
    topics,
)
from countersight.sources.values import clean, split

FINCEN = "US Financial Crimes Enforcement Network (FinCEN)"
_FOOTNOTE = re.compile(r"\s*\*+\s*$")
_KINDS = {"self", "target", "subsidiary", "owner", "related"}


def _unmark(text: str | None) -> str | None:
    """``Burma****`` -> ``Burma``: the table's footnote asterisks are not part of the name."""
    value = clean(text)
    return clean(_FOOTNOTE.sub("", value)) if value else None


def fincen_measures(ctx: Context, rows: Rows) -> Iterator[Record]:
    drafts = Drafts()
    typed: set[str] = set()
    """Keys of drafts whose schema a row stated (self rows leave ``Type`` empty)."""
    subjects: dict[str, Draft] = {}
    links: list[tuple[str, str, Draft, Evidence]] = []
    for number, row in rows:
        measure = _unmark(row["Measure"])
        relation = (clean(row["Relationship"]) or "").lower()
        name = _unmark(row["Name"])
        if measure is None or name is None or relation not in _KINDS:
            ctx.warn(number, f"row skipped: no measure or name, or relationship {relation!r}")
            continue
        key = slug(name)
        schema = _schema(row["Type"], name, relation)
        if schema is None:
            ctx.warn(number, f"unknown type {row['Type']!r}; kept as LegalEntity")
            schema = "LegalEntity"
        # source_ref: the table gives no identifier; the name keys the party (a party named
        # under several measures is one entity).
        draft = drafts.get(key, schema, name)
        if clean(row["Type"]) and key not in typed:
            typed.add(key)
            draft.schema = schema
        draft.name(name)
        for alias in split(row["Alias"]):
            draft.name(alias, "alias")
        draft.country(row["Country"], "country")
        if address := clean(row["Address"]):
            ref = country(row["Country"], "country")
            draft.addresses.append(Address(full=address, country=ref.code if ref else None))
        for number_text in split(row["Registration number"]):
            draft.identifiers.append(Identifier("registration", number_text))
        # The measure's subject is sanctioned by it; other rows carry the topics the table
        # states for them, and none when it states none (e.g. Bank of Nauru, excluded).
        default = ["sanction"] if relation == "self" else []
        draft.topics.extend(topics(row["Topics"], ctx, number, default))
        if relation in ("self", "target"):
            draft.programs.append(f"FinCEN special measure: {measure}")
        else:
            draft.note(f"{relation} in FinCEN special measure: {measure}")
        if relation == "self" and draft.schema == "Organization" and key not in typed:
            draft.note("jurisdiction named by a FinCEN special measure")
        draft.note(row["Notes"])
        proof = Evidence(
            publisher=FINCEN,
            url=clean(row["Source URL"]),
            title=f"FinCEN special measure: {measure}",
            excerpt=clean(row["Notes"]),
        )
        draft.evidence.append(proof)
        draft.url(row["Source URL"])
        if relation == "self":
            subjects.setdefault(measure, draft)
        elif relation != "target":
            links.append((measure, relation, draft, proof))
    relations = Relations(ctx.dataset)
    for measure, relation, party, proof in links:
        subject = subjects.get(measure)
        if subject is None:
            continue  # a jurisdiction or class measure: the note on the party says which
        if relation == "subsidiary":
            relations.add("parent", subject, party, evidence=proof)
        elif relation == "owner":
            relations.add("ownership", party, subject, evidence=proof)
        else:
            relations.add("associate", party, subject, role="related", evidence=proof)
    yield from emit(ctx.dataset, drafts, relations)


def _schema(text: str | None, name: str, relation: str) -> Schema | None:
    if clean(text) or relation != "self":
        return schema_of(text, "LegalEntity")
    # A measure's subject: a jurisdiction (Burma) is a public body, anything else a company
    # (banks, money transmitters, exchanges), as OpenSanctions' own crawler types them.
    ref = country(name, "country")
    return "Organization" if ref is not None and ref.code else "Company"
