"""Screening a party against the lists: candidates from the index, each scored and explained,
the best first. Every hit carries the versions that replay it: algorithm, configuration hash,
and the content hash of each dataset screened against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from countersight.matching.index import Index, Listed, building, normal_identifier
from countersight.matching.names import words_of
from countersight.matching.score import ALGORITHM, CONFIG_HASH, Party, Result, score_party
from countersight.model import DatasetVersion
from countersight.store.base import Store


@dataclass(frozen=True, slots=True)
class Hit:
    listed: Listed
    result: Result


@dataclass(frozen=True, slots=True)
class Versions:
    algorithm: str
    config: str
    datasets: tuple[tuple[str, str], ...]
    """(dataset name, content hash) of every dataset in the index."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "config": self.config,
            "datasets": dict(self.datasets),
        }


class Screener:
    def __init__(self, index: Index, datasets: Sequence[DatasetVersion]) -> None:
        self.index = index
        self.versions = Versions(
            ALGORITHM, CONFIG_HASH, tuple((d.name, d.version) for d in datasets)
        )

    @classmethod
    def from_store(cls, store: Store, datasets: Sequence[str] | None = None) -> Screener:
        versions = [v for v in store.datasets() if datasets is None or v.name in datasets]
        with building():  # the entities read as well
            index = Index(store.iter_entities([v.name for v in versions]))
        return cls(index, versions)

    def screen(self, party: Party, limit: int = 5) -> list[Hit]:
        forms = tuple(f for f in party.forms() if f.tokens)
        if not forms:
            return []
        candidates = self.index.candidates(forms, sounds=party.schema != "Person")
        words = words_of(
            (t for f in forms for t in f.tokens),
            (t for listed in candidates for t in self.index.words[listed.number]),
            self.index.rarity,
        )
        hits = []
        group = self.index.names_group
        # Candidates with the same names and the same features that count against this party
        # (several lists list the same person) have the same result: scored once.
        results: dict[tuple[object, ...], Result] = {}
        for listed in candidates:
            key = _result_key(party, listed, group[listed.number])
            result = results.get(key)
            if result is None:
                result = results[key] = score_party(
                    party, forms, listed.party, listed.forms, words=words
                )
            hits.append(Hit(listed, result))
        hits.sort(key=lambda h: (-h.result.similarity, h.listed.entity_id))
        return hits[:limit]


def _result_key(party: Party, listed: Listed, names: int) -> tuple[object, ...]:
    """What ``score_party`` reads of a candidate, for this party: its names (the number of its
    group of equal forms), its schema, and its birth years, countries and identifiers where the
    party has some to weigh them against."""
    candidate = listed.party
    return (
        names,
        candidate.schema,
        candidate.birth_years if party.birth_years else None,
        candidate.countries if party.countries else None,
        candidate.identifiers if party.identifiers else None,
    )


def party_from_row(
    name: str,
    schema: str | None = None,
    birth_date: str | None = None,
    countries: Sequence[str] = (),
    identifiers: Sequence[str] = (),
) -> Party:
    years = (int(birth_date[:4]),) if birth_date and birth_date[:4].isdigit() else ()
    return Party(
        name=name,
        schema=schema or "LegalEntity",
        birth_years=years,
        countries=tuple(dict.fromkeys(c.strip().lower() for c in countries if c.strip())),
        identifiers=tuple(dict.fromkeys(normal_identifier(i) for i in identifiers if i.strip())),
    )


def explain(hit: Hit) -> dict[str, Any]:
    """The structured explanation of one hit."""
    result = hit.result
    return {
        "entity_id": hit.listed.entity_id,
        "dataset": hit.listed.dataset,
        "source_ref": hit.listed.source_ref,
        "caption": hit.listed.caption,
        "score": result.score,
        "similarity": result.similarity,
        "match": result.match,
        "query_name": result.query_name,
        "matched_name": result.candidate_name,
        "tokens": [
            {"query": p.query, "listed": p.candidate, "similarity": p.similarity}
            for p in result.names.pairs
        ],
        "coverage": {
            "query": round(result.names.query_coverage, 4),
            "listed": round(result.names.candidate_coverage, 4),
        },
        "features": [
            {"feature": f.name, "value": f.value, "contribution": round(f.contribution, 4)}
            for f in result.features
        ],
    }
