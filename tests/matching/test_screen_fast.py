"""The shortcuts of screening give the results of the plain path: every candidate scored with
``score_party``, then sorted by similarity and entity id."""

from __future__ import annotations

from countersight.matching.index import Index
from countersight.matching.names import words_of
from countersight.matching.score import Party, score_party
from countersight.matching.screen import Hit, Screener, party_from_row
from countersight.model import CountryRef, DateFact, Entity, Identifier, Name


def _person(
    id: str, dataset: str, names: list[str], born: str | None = None, country: str | None = None
) -> Entity:
    return Entity(
        id=id,
        schema="Person",
        dataset=dataset,
        source_ref=id,
        names=tuple(Name(n, "primary" if i == 0 else "alias") for i, n in enumerate(names)),
        dates=(DateFact("birth", born),) if born else (),
        countries=(CountryRef("nationality", country),) if country else (),
        identifiers=(Identifier("passport", f"P{id}"),),
    )


ENTITIES = [
    # The same person on three lists; the third with another birth date and nationality.
    _person("a1", "list_a", ["Ivan Petrovich Sidorov", "Ivan Sidorov"], "1961", "ru"),
    _person("b1", "list_b", ["Ivan Petrovich Sidorov", "Ivan Sidorov"], "1961", "ru"),
    _person("c1", "list_c", ["Ivan Petrovich Sidorov", "Ivan Sidorov"], "1970", "by"),
    # The same names in another order: another group.
    _person("d1", "list_d", ["Ivan Sidorov", "Ivan Petrovich Sidorov"], "1961", "ru"),
    _person("e1", "list_e", ["Ivan Sidorenko"], "1961", "ru"),
    _person("f1", "list_f", ["Petr Ivanov"]),
    _person("g1", "list_g", ["Petr Ivanov"]),
]

QUERIES = [
    party_from_row("Ivan Sidorov", "Person"),
    party_from_row("Ivan Sidorov", "Person", "1961"),
    party_from_row("Ivan Sidorov", "Person", "1970", ["by"]),
    party_from_row("Ivan Sidorov", "Person", None, ["ru"]),
    party_from_row("Ivan P. Sidorov", "Person", "1962", ["ru"], ["Pb1"]),
    party_from_row("Petr Ivanov", "Person"),
    party_from_row("Petra Ivanova", "LegalEntity", None, ["de"]),
]


def _plain(index: Index, party: Party, limit: int) -> list[Hit]:
    forms = tuple(f for f in party.forms() if f.tokens)
    candidates = index.candidates(forms, sounds=party.schema != "Person")
    words = words_of(
        (t for f in forms for t in f.tokens),
        (t for listed in candidates for f in listed.forms for t in f.tokens),
        index.rarity,
    )
    hits = [
        Hit(listed, score_party(party, forms, listed.party, listed.forms, words=words))
        for listed in candidates
    ]
    hits.sort(key=lambda h: (-h.result.similarity, h.listed.entity_id))
    return hits[:limit]


def test_equal_names_share_a_group_only_when_equal() -> None:
    index = Index(ENTITIES)
    group = {listed.entity_id: index.names_group[listed.number] for listed in index.listed}
    assert group["a1"] == group["b1"] == group["c1"]
    assert len({group["a1"], group["d1"], group["e1"], group["f1"]}) == 4
    assert group["f1"] == group["g1"]


def test_screening_gives_the_plain_results() -> None:
    index = Index(ENTITIES)
    screener = Screener(index, [])
    for party in QUERIES:
        for limit in (1, 3, 10):
            assert screener.screen(party, limit) == _plain(index, party, limit), party
