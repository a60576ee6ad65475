"""Row mappers for the US tables: DoD Section 1260H, BIS military end users, the State
Department's Cuba Restricted List, the special-legislation lists (NDAA sections 889, 1286, 154,
5949, Section 353, INKSNA) and the FCC Covered List."""

from __future__ import annotations

import re
from collections.abc import Iterator

from countersight.model import Evidence, Record
from countersight.sources.base import slug
from countersight.sources.opensanctions_common import (
    Context,
    Draft,
    Drafts,
    Relations,
    Rows,
    emit,
    ended,
    schema_of,
    topics,
    when,
)
from countersight.sources.values import clean, split

DOD = "US Department of Defense"
_ACRONYM = re.compile(r"^[A-Z0-9&\-]{2,6}$")
# 'Knownsec,Beijing Kownsec': two aliases joined by a bare comma (never inside 'Co., Ltd.').
_GLUED = re.compile(r"(?<=[a-z]),(?=[A-Z])")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def dod_1260h(ctx: Context, rows: Rows) -> Iterator[Record]:
    """One row per listing period; ``Clean Name`` keys the company (see Drafts)."""
    drafts = Drafts()
    parents: list[tuple[int, Draft, str, Evidence]] = []
    for number, row in rows:
        name = clean(row["Clean Name"]) or clean(row["Name"])
        if name is None:
            ctx.warn(number, "row without a name skipped")
            continue
        # source_ref: the list gives no identifier; the clean name is the stable key.
        draft = drafts.get(slug(name), "Company", name)
        draft.name(name)
        for alias in split(_GLUED.sub(";", row["Alias"])):
            # The table's maintainers treat short all-caps acronyms (AVIC, SMIC) as weak.
            draft.name(alias, "weak_alias" if _ACRONYM.match(alias) else "alias")
        for previous in split(row["Previous Name"]):
            draft.name(previous, "previous")
        start, end = when(row["Start date"]), when(row["End date"])
        if row["Start date"].strip() and start is None:
            ctx.warn(number, f"unreadable start date {row['Start date']!r}")
        draft.date("listed", start)
        if end:
            draft.note(ended(end, start))
        draft.note(row["Note"])
        draft.topics.append("mil")
        draft.programs.append("Section 1260H")
        printed = clean(row["Name"])
        proof = Evidence(
            publisher=DOD,
            url=clean(row["Source Url"]),
            date=start,
            title="Entities identified as Chinese military companies (Section 1260H)",
            excerpt=printed if printed != name else None,
        )
        draft.evidence.append(proof)
        draft.url(row["Source Url"], start)
        parent = clean(row["Parent Name"])
        if parent:
            parents.append((number, draft, parent, proof))
    relations = Relations(ctx.dataset)
    for number, child, parent, proof in parents:
        # 'China Aerospace Science and Industry Corporation Limited (CASIC)': try without
        # the parenthesised acronym too.
        owner = drafts.find(parent) or drafts.find(_TRAILING_PAREN.sub("", parent))
        if owner is None:
            child.note(f"parent: {parent}")
            ctx.warn(number, f"parent {parent!r} is not on the list; kept as a note")
        else:
            relations.add("parent", owner, child, evidence=proof)
    yield from emit(ctx.dataset, drafts, relations)


def bis_mieu(ctx: Context, rows: Rows) -> Iterator[Record]:
    drafts = Drafts()
    for number, row in rows:
        name = clean(row["Name"])
        schema = schema_of(row["Type"], "Organization")
        if name is None or schema is None:
            ctx.warn(number, f"row skipped: no name or unknown type {row['Type']!r}")
            continue
        # source_ref: the list gives no identifier; the name is unique on it.
        draft = drafts.get(slug(name), schema, name)
        draft.name(name)
        for alias in split(row["Alias"]):
            draft.name(alias, "alias")
        draft.country(row["Country"], "country")
        draft.topics.extend(topics(row["Topics"], ctx, number, ["export.control"]))
        draft.programs.extend(split(row["Program"]))
        start, end = when(row["Date"]), when(row["End date"])
        draft.date("listed", start)
        if end:
            draft.note(ended(end))
        draft.url(row["Source URL"], start)
    yield from emit(ctx.dataset, drafts)


def cuba_restricted(ctx: Context, rows: Rows) -> Iterator[Record]:
    drafts = Drafts()
    parents: list[tuple[int, Draft, str]] = []
    for number, row in rows:
        ref, name = clean(row["Id"]), clean(row["Company"])
        if ref is None or name is None:
            ctx.warn(number, "row without Id or Company skipped")
            continue
        draft = drafts.get(ref, "Company", ref)
        draft.name(name)
        for acronym in split(row["Acronym"], "/"):  # 'ADESA/ASAT'
            draft.name(acronym, "weak_alias")
        for alias in split(row["Alias"]):
            draft.name(alias, "alias")
        # Every entry is a Cuban ministry, holding, hotel or store: the list is of Cuba.
        draft.country("cu", "country")
        draft.topics.append("sanction")
        draft.programs.append("Cuba Restricted List")
        for label in ("Sector", "Category"):
            if value := clean(row[label]):
                draft.note(f"{label.lower()}: {value}")
        listed = when(row["EffectiveDate"])
        draft.date("listed", listed)
        for url in split(row["SourceURL"]):
            draft.url(url, listed)
        if parent := clean(row["Parent"]):
            parents.append((number, draft, parent))
    relations = Relations(ctx.dataset)
    for number, child, parent in parents:
        owner = drafts.by_key.get(parent)
        if owner is None:
            child.note(f"parent: {parent}")
            ctx.warn(number, f"parent {parent!r} is not an Id in the file; kept as a note")
        else:
            relations.add("parent", owner, child)
    yield from emit(ctx.dataset, drafts, relations)


# Topics for special-legislation tables whose rows leave the column empty, by programme.
_LEG_TOPICS = {
    "Section 154": "debarment",  # DoD may not procure batteries from these producers
    "Section 353": "sanction",  # corrupt and undemocratic actors: ineligible for US visas
}


def special_leg(ctx: Context, rows: Rows) -> Iterator[Record]:
    """One row per report; the 1286 list repeats a name in each year's report."""
    drafts = Drafts()
    for number, row in rows:
        name = clean(row["name"])
        schema = schema_of(row["schema"], "LegalEntity")
        if name is None or schema is None:
            ctx.warn(number, f"row skipped: no name or unknown schema {row['schema']!r}")
            continue
        # source_ref: the tables give no identifier; the name keys the entity.
        draft = drafts.get(slug(name), schema, name)
        draft.name(name)
        for alias in split(row["aliases"]):
            draft.name(alias, "alias")
        program = clean(row["program"]) or ""
        default = next((t for p, t in _LEG_TOPICS.items() if program.startswith(p)), "sanction")
        draft.topics.extend(topics(row["topics"], ctx, number, [default]))
        draft.programs.extend(split(row["program"]))
        draft.country(row["country"], "country")
        reported, start, end = (
            when(row["report-date"]),
            when(row["start-date"]),
            when(row["end-date"]),
        )
        for label in ("report-date", "start-date", "end-date"):
            if clean(row[label]) and when(row[label]) is None:
                ctx.warn(number, f"unreadable {label} {row[label]!r}")
        draft.date("listed", reported or start)
        if start and reported and start != reported:
            draft.note(f"in force from: {start}")
        if end:
            draft.note(ended(end, reported or start))
        draft.note(row["reason"])
        draft.note(row["notes"])
        draft.evidence.append(
            Evidence(
                publisher=clean(row["authority"]) or "US Government",
                url=clean(row["source_url"]),
                date=reported or start,
                title=clean(row["program"]),
            )
        )
        draft.url(row["source_url"], reported or start)
    yield from emit(ctx.dataset, drafts)


# -- FCC Covered List -------------------------------------------------------------------------

# The covered list describes equipment, not companies: "Telecommunications equipment produced
# by Huawei Technologies Company, including ...". The name is what follows "produced by",
# "provided by" or "supplied, directly or indirectly, by", up to the clause that ends it.
_BY = re.compile(r"\b(?:produced|provided|supplied)(?:,\s*directly or indirectly,)?\s+by\s+")
_END = re.compile(
    r",?\s+(?:including|to the extent|subject to|or any of its|and any of its)\b|[.,]?\s*$"
)
_SUBSIDIARY = re.compile(r"\s+and its (?:wholly-owned )?subsidiary\s+")
_NOT_A_NAME = {"such entity", "such entities"}
_UPDATED = re.compile(r"Updated:\s*")


def fcc_names(text: str) -> list[str]:
    """Company names in one covered-list entry: ``[owner, subsidiary...]``; [] when the entry
    names a category (``Routers produced in a foreign country``) rather than a producer."""
    for match in _BY.finditer(text):
        rest = text[match.end() :]
        stop = _END.search(rest)
        candidate = rest[: stop.start()] if stop else rest
        names = [n for n in (clean(p) for p in _SUBSIDIARY.split(candidate)) if n]
        if names and names[0].lower() not in _NOT_A_NAME:
            return names
    return []


def fcc_covered(ctx: Context, rows: Rows) -> Iterator[Record]:
    drafts = Drafts()
    relations = Relations(ctx.dataset)
    for number, row in rows:
        text = clean(row["covered_equipment_or_services"]) or ""
        names = fcc_names(text)
        if not names:
            ctx.warn(number, f"no producer or provider named, row skipped: {text[:100]!r}")
            continue
        # 'December 22, 2025Updated:January 7, 2026...': the first date is the inclusion.
        dates = [
            d
            for part in _UPDATED.split(row["date_of_inclusion_on_covered_list"])
            if (d := when(part))
        ]
        included = dates[0] if dates else None
        if included is None:
            ctx.warn(number, f"unreadable date {row['date_of_inclusion_on_covered_list']!r}")
        proof = Evidence(
            publisher="US Federal Communications Commission",
            url="https://www.fcc.gov/supplychain/coveredlist",
            date=included,
            title="FCC Covered List",
            excerpt=text,
        )
        found: list[Draft] = []
        for name in names:
            # source_ref: the list gives no identifier; the extracted name keys the entity.
            draft = drafts.get(slug(name), "Company", name)
            draft.name(name)
            draft.topics.append("debarment")
            draft.programs.append("FCC Covered List")
            draft.date("listed", included)
            draft.note(f"covered: {text}")
            for update in dates[1:]:
                draft.note(f"entry updated: {update}")
            draft.evidence.append(proof)
            found.append(draft)
        for subsidiary in found[1:]:
            relations.add("parent", found[0], subsidiary, evidence=proof)
    yield from emit(ctx.dataset, drafts, relations)
