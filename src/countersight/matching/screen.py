"""Screening a party against the lists: candidates from the index, each scored and explained,
the best first. Every hit carries the versions that replay it: algorithm, configuration hash,
and the content hash of each dataset screened against."""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Final

from rapidfuzz.distance import Indel

from countersight.matching.index import Index, Listed, building, normal_identifier
from countersight.matching.names import (
    Vocabulary,
    Words,
    may_resplit_without,
    meets_nothing_bound,
    score_bound,
    spelt_only,
    total_weight,
    vocabulary_of,
    words_among,
    words_of,
)
from countersight.matching.normalize import NameForm, Token
from countersight.matching.score import (
    ACRONYM_MATCH,
    ALGORITHM,
    BIRTH_AGREES,
    BIRTH_CONFLICT,
    CONFIG_HASH,
    COUNTRY_AGREES,
    COUNTRY_CONFLICT,
    IDENTIFIER_MATCH,
    KIND_CONFLICT,
    ORGANISATIONS,
    Party,
    Result,
    _acronym,
    birth_gap,
    droppable,
    kinds_conflict,
    score_party,
)
from countersight.model import DatasetVersion
from countersight.store.base import Store


@dataclass(slots=True)
class Hit:
    listed: Listed
    result: Result

    def __init__(self, listed: Listed, result: Result) -> None:
        # Not the one ``dataclass`` writes, nor frozen: see ``names.Words``.
        self.listed = listed
        self.result = result


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
            "lists": self.lists,
            "datasets": dict(self.datasets),
        }

    @property
    def lists(self) -> str:
        """A short digest of the datasets and their content hashes: two screenings with the
        same digest were screened against the same lists."""
        digest = hashlib.sha256()
        for name, version in sorted(self.datasets):
            digest.update(f"{name}={version}\n".encode())
        return digest.hexdigest()[:16]


_indel_similarity: Final = Indel.normalized_similarity


def written_alike(result: Result) -> float:
    """How alike the two names a result compared are as written, case aside (0 to 1): what
    tells apart hits of equal similarity (Splendent Technologies before SPLENDENT
    TECHNOLOGIES PTE LTD, for "Splendent Technologies")."""
    return _indel_similarity(result.query_name.casefold(), result.candidate_name.casefold())


def _alike_first(hits: list[tuple[int, Hit]], limit: int) -> None:
    """Within each run of ``hits`` (sorted by similarity) of equal similarity that reaches the
    first ``limit``, the names written most like the party's first, keeping the order
    otherwise: as sorting by ``written_alike`` after the similarity would, looked at only
    where names differ (most runs are one name, listed by several lists)."""
    start = 0
    while start < min(limit, len(hits)):
        similarity = hits[start][1].result.similarity
        end = start + 1
        while end < len(hits) and hits[end][1].result.similarity == similarity:
            end += 1
        run = hits[start:end]
        if len({h.result.candidate_name for _, h in run}) > 1:
            run.sort(key=lambda h: -written_alike(h[1].result))
            hits[start:end] = run
        start = end


class Screener:
    def __init__(self, index: Index, datasets: Sequence[DatasetVersion]) -> None:
        self.index = index
        self._weights: dict[str, float] = {}
        """The weights of words (``names.words_among``): those of the index's as queries meet
        them, and the queries'."""
        # Kept per listed entity in lists by its number, not dictionaries: a number as a key is
        # an object made at every look-up.
        self._vocabularies: list[Vocabulary | None] = [None] * len(index.listed)
        """Per listed entity, as queries meet them: ``_vocabulary``."""
        self._forms_by_word: list[dict[str, int] | None] = [None] * len(index.listed)
        """For candidates with ``MANY_FORMS`` names or more, as queries meet them: each word of
        their names, and which names have it (bits by place in ``Listed.forms``)."""
        self._totals: list[list[float] | None] = [None] * len(index.listed)
        """The total weight of the words of each name of each listed entity, by its number, as
        queries meet them (``names.score_bound``'s ``c_total``)."""
        self.versions = Versions(
            ALGORITHM, CONFIG_HASH, tuple((d.name, d.version) for d in datasets)
        )

    @classmethod
    def from_store(cls, store: Store, datasets: Sequence[str] | None = None) -> Screener:
        versions = selected(store, datasets)
        return cls(build_index(store, versions), versions)

    def screen(self, party: Party, limit: int = 5) -> list[Hit]:
        forms = tuple(f for f in party.forms() if f.tokens)
        if not forms:
            return []
        candidates = self.index.candidates(
            forms, party.schema == "Person", identifiers=party.identifiers
        )
        # For a Chinese or Korean person's name in characters, only its syllables' spellings
        # count, against names in characters (``Words.same``) or romanised (``Words.spelt``)
        # alike: no typos are looked for, and a name of a candidate must meet one of them to
        # be bounded above 0 (``_meeting``).
        spelt = all(spelt_only(f) for f in forms)
        words = self._words(forms, candidates, alike=not spelt)
        group = self.index.names_group
        met = words.spelt() if spelt else words.near
        # Candidates with the same names and the same features that count against this party
        # (several lists list the same person) have the same result: scored once. By names
        # first, a number: most candidates share their names with none of the others.
        by_names: dict[int, list[tuple[int, Listed]]] = {}
        for position, listed in enumerate(candidates):
            names = group[listed.number]
            found = by_names.get(names)
            if found is None:
                by_names[names] = [(position, listed)]
            else:
                found.append((position, listed))
        keyed: list[list[tuple[int, Listed]]] = []
        for same_names in by_names.values():
            if len(same_names) == 1:
                keyed.append(same_names)
            else:
                keyed.extend(_by_result_key(party, same_names))
        # The most a candidate can reach, best first: once ``limit`` hits are above what the
        # rest can reach, the rest cannot be among the best and are not scored. Nor is a
        # candidate bounded at 0: it can only score 0, which is no hit.
        # (The bounds of its pairs of names too: ``score_party`` compares them best first.)
        bounds: list[tuple[float, list[float], list[tuple[int, Listed]]]] = []
        for same in keyed:
            first = same[0][1]
            bound, pairs = _similarity_bound(
                party, forms, first, words, self._meeting(first, met), self._totals_of(first)
            )
            if bound > ROUNDING:
                bounds.append((bound, pairs, same))
        bounds.sort(key=itemgetter(0), reverse=True)
        hits: list[tuple[int, Hit]] = []
        best: list[float] = []  # the ``limit`` best similarities so far, lowest first
        for bound, pairs, same in bounds:
            if len(best) >= limit and bound < best[0]:
                break
            first = same[0][1]
            result = score_party(party, forms, first.party, first.forms, words=words, bounds=pairs)
            hits.extend((position, Hit(listed, result)) for position, listed in same)
            for _ in same:
                if len(best) < limit:
                    heapq.heappush(best, result.similarity)
                else:
                    heapq.heappushpop(best, result.similarity)
        # By id where all else is equal, and as the candidates came (one id in several
        # datasets); then among equal similarities the name written most like the party's
        # first (``_alike_first``).
        hits.sort(key=lambda h: (-h[1].result.similarity, h[1].listed.entity_id, h[0]))
        _alike_first(hits, limit)
        # A candidate none of whose words met the party's (similarity 0) is no hit at all.
        return [hit for _, hit in hits[:limit] if hit.result.similarity > 0.0]

    def _words(
        self, forms: tuple[NameForm, ...], candidates: list[Listed], alike: bool = True
    ) -> Words:
        """The words of the query against its candidates' (``names.words_of``), their
        vocabulary put together from what is kept per listed entity (``_vocabulary``); typos
        and sound-alikes only with ``alike`` (``names.words_among``)."""
        query = tuple(t for f in forms for t in f.tokens)
        if any(t.syllables for t in query):
            # Chinese brands, which sound like any of the other tokens: read them all.
            vocabulary = (t for listed in candidates for t in self.index.words[listed.number])
            return words_of(query, vocabulary, self.index.rarity, self._weights)
        longer: list[str] = []
        initials: list[str] = []
        marked: list[Token] = []
        for listed in candidates:
            kept = self._vocabulary(listed.number)
            longer.extend(kept[0])
            # Most listed names have neither (an extension costs as much empty).
            if kept[1]:
                initials.extend(kept[1])
            if kept[2]:
                marked.extend(kept[2])
        return words_among(
            query,
            longer,
            initials,
            marked,
            self.index.rarity,
            self._weights,
            alike=alike,
            spellings=self.index.spellings,
        )

    def _vocabulary(self, number: int) -> Vocabulary:
        """A listed entity's vocabulary (``names.vocabulary_of``), kept as queries meet it, so
        that a query's vocabulary is put together in C, reading no word."""
        kept = self._vocabularies[number]
        if kept is None:
            kept = self._vocabularies[number] = vocabulary_of(
                self.index.words[number], self.index.rarity, self._weights
            )
        return kept

    def _totals_of(self, listed: Listed) -> list[float]:
        """The total weight of the words of each of a listed entity's names, in order, kept as
        queries meet it (the weights of its words, in ``_weights`` once a query has met it,
        are the same for every query)."""
        kept = self._totals[listed.number]
        if kept is None:
            kept = self._totals[listed.number] = [
                total_weight(form, self._weights) for form in listed.forms
            ]
        return kept

    def _meeting(self, listed: Listed, met: dict[str, dict[str, float]]) -> int | None:
        """Which names of a candidate with ``MANY_FORMS`` or more have a word in ``met``, the
        words that met the query's (``Words.near``, or one of its parts that ``score_bound``
        reads for all the query's names): bits by place in ``Listed.forms``, looked up by
        word, not name by name; ``None`` for a candidate with fewer names."""
        if len(listed.forms) < MANY_FORMS:
            return None
        by_word = self._forms_by_word[listed.number]
        if by_word is None:
            by_word = {}
            for place, form in enumerate(listed.forms):
                for t in form.tokens:
                    by_word[t.text] = by_word.get(t.text, 0) | 1 << place
            self._forms_by_word[listed.number] = by_word
        meeting = 0
        for word in by_word.keys() & met.keys():
            meeting |= by_word[word]
        return meeting


MANY_FORMS: Final = 8
"""A candidate with this many names or more (a head of state written in a dozen scripts, with
as many spellings) has the names that met the query looked up by word (``Screener._meeting``):
most of its names meet nothing, and are not bounded one by one."""


def selected(store: Store, datasets: Sequence[str] | None = None) -> list[DatasetVersion]:
    """The versions of the store's datasets named (all of them for ``None``)."""
    return [v for v in store.datasets() if datasets is None or v.name in datasets]


def build_index(store: Store, versions: Sequence[DatasetVersion]) -> Index:
    with building():  # the entities read as well
        return Index(store.iter_entities([v.name for v in versions]))


def _similarity_bound(
    party: Party,
    forms: tuple[NameForm, ...],
    listed: Listed,
    words: Words,
    meeting: int | None = None,
    totals: list[float] | None = None,
) -> tuple[float, list[float]]:
    """A number above the similarity ``score_party`` gives the candidate: the bound of its best
    pair of names (``names.score_bound``, with the variants ``score_party`` also compares:
    patronymics left out, initials), then what the features add, exactly where they are
    known without the names, else at most; with a margin for the rounding of the similarity.
    And the bound of each pair of names (``score_party``'s ``bounds``).
    ``meeting``: which of the candidate's names have a word that met the query's (bits by
    place, ``Screener._meeting``), or ``None`` for all; the others are bounded at 0 where
    ``names.meets_nothing_bound`` says ``score_bound`` is. ``totals``: the total weight of the
    words of each of the candidate's names, where the caller keeps them
    (``Screener._totals_of``)."""
    candidate = listed.party
    person = "Person" in (party.schema, candidate.schema)
    organisation = party.schema in ORGANISATIONS and candidate.schema in ORGANISATIONS
    score = 0.0
    pairs: list[float] = []
    for q in forms:
        for place, c in enumerate(listed.forms):
            if meeting is not None and not meeting >> place & 1 and meets_nothing_bound(q, c):
                bound = 0.0
            else:
                bound = score_bound(
                    q, c, words, c_total=totals[place] if totals is not None else -1.0
                )
                if person and (q.patronymics or c.patronymics or q.script != c.script):
                    # The names without a word ``score_party`` may leave out (a patronymic, a
                    # given name beside a Chinese name). Where no word met, the names without
                    # a word meet only written as one.
                    met = bound > 0.0
                    q_drops, c_drops = droppable(q, c)
                    for i in q_drops:
                        if met or may_resplit_without(q, c, drop_query=i):
                            bound = max(bound, score_bound(q, c, words, drop_query=i))
                    for j in c_drops:
                        if met or may_resplit_without(q, c, drop_candidate=j):
                            bound = max(bound, score_bound(q, c, words, drop_candidate=j))
            if organisation and bound < ACRONYM_MATCH and _acronym(q, c):
                bound = ACRONYM_MATCH
            pairs.append(bound)
            score = max(score, bound)
    if kinds_conflict(party.schema, candidate.schema):
        score -= score * KIND_CONFLICT
    if party.birth_years and candidate.birth_years:
        gap = birth_gap(party.birth_years, candidate.birth_years)
        if gap == 0:
            score += BIRTH_AGREES
        elif gap > 1:
            score -= BIRTH_CONFLICT
    if party.countries and candidate.countries:
        if any(c in candidate.countries for c in party.countries):
            score += COUNTRY_AGREES
        else:
            score -= COUNTRY_CONFLICT
    if any(i in candidate.identifiers for i in party.identifiers):
        score = max(score, IDENTIFIER_MATCH)
    return min(1.0, max(0.0, score)) + ROUNDING, pairs


ROUNDING: Final = 1e-4
"""More than the similarity's rounding (to four places) and float error can add."""


def _by_result_key(
    party: Party, same_names: list[tuple[int, Listed]]
) -> list[list[tuple[int, Listed]]]:
    """Candidates with the same names, grouped by ``_result_key``, in the order of their
    first. Mostly one key for all (the same person on several lists, as the party sees it):
    compared with the first's, and put in a dictionary only where one differs."""
    key = _result_key(party, same_names[0][1])
    for i in range(1, len(same_names)):
        if _result_key(party, same_names[i][1]) != key:
            break
    else:
        return [same_names]
    split: dict[tuple[object, ...], list[tuple[int, Listed]]] = {}
    for position, listed in same_names:
        split.setdefault(_result_key(party, listed), []).append((position, listed))
    return list(split.values())


def _result_key(party: Party, listed: Listed) -> tuple[object, ...]:
    """What ``score_party`` reads of a candidate besides its names, for this party: its
    schema, and its birth years, countries and identifiers where the party has some to weigh
    them against."""
    candidate = listed.party
    return (
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
