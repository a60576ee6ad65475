"""The shortcuts of screening give the results of the plain path: every candidate scored with
``score_party``, then sorted by similarity, how alike the names are written, and entity id."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from countersight import matching
from countersight.matching.index import MAX_CANDIDATE_NAMES, MAX_REPEATS, Index, Listed
from countersight.matching.names import (
    Words,
    compare,
    may_resplit_without,
    score_bound,
    spelt_only,
    words_of,
)
from countersight.matching.normalize import NameForm, prepare
from countersight.matching.score import Party, Result, _without, score_party
from countersight.matching.screen import (
    Hit,
    Screener,
    _similarity_bound,
    party_from_row,
    written_alike,
)
from countersight.model import CountryRef, DateFact, Entity, Identifier, Name


def _entity(
    id: str,
    schema: str,
    dataset: str,
    names: list[str],
    born: str | None = None,
    country: str | None = None,
) -> Entity:
    return Entity(
        id=id,
        schema=schema,  # type: ignore[arg-type]
        dataset=dataset,
        source_ref=id,
        names=tuple(Name(n, "primary" if i == 0 else "alias") for i, n in enumerate(names)),
        dates=(DateFact("birth", born),) if born else (),
        countries=(CountryRef("nationality", country),) if country else (),
        identifiers=(Identifier("passport", f"P{id}"),),
    )


def _person(
    id: str, dataset: str, names: list[str], born: str | None = None, country: str | None = None
) -> Entity:
    return _entity(id, "Person", dataset, names, born, country)


def _org(id: str, names: list[str], country: str | None = None) -> Entity:
    return _entity(id, "Company", "orgs", names, None, country)


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
    _person(
        "h1", "list_h", ["Sergey Viktorovich Lavrov", "Сергей Викторович Лавров"], "1950", "ru"
    ),
    _person("h3", "list_h", ["Лавров Сергей Петрович"], "1951", "ru"),
    _person("h2", "list_h", ["Ivan Ivanovich Petrov"], "1961", "ru"),
    _person("i1", "list_i", ["Mohammed Ali Hassan", "Mohammed Hassan"], "1970", "sy"),
    _person("i2", "list_i", ["Mohammed Ali"], "1971", "iq"),
    _person("i3", "list_i", ["Ali Mohammed Khan"], None, "af"),
    _person("i4", "list_i", ["Pol Pot", "Saloth Sar"]),
    _person("j1", "list_j", ["习近平"]),
    # Chinese people's names in characters and romanised (pinyin, Wade-Giles, Cantonese); one
    # syllable over, a syllable a letter from another (Liu, Yu; Ji, Qi, Chi).
    _person("j2", "list_j", ["许志明", "Hsu Chih-ming"], "1960", "tw"),
    _person("j3", "list_j", ["陳大文", "Chan Tai Man"], None, "hk"),
    _person("j4", "list_j", ["王楠伟", "Wang Nanwei"]),
    _person("j5", "list_j", ["陈波"]),
    _person("j6", "list_j", ["刘吉", "Liu Ji"]),
    # Many names in many scripts, among them a long one in characters, a syllable to a word:
    # screening looks its names up by word (``Screener._meeting``).
    _person(
        "j7",
        "list_j",
        [
            "法赫德·本·阿卜杜勒-阿齐兹·阿勒沙特",
            "Fahd bin Abdulaziz Al Saud",
            "Fahd bin Abd al-Aziz Al Saud",
            "Fahd ibn Abdul Aziz",
            "Fahd Bin Abdel Aziz",
            "Fahad bin Abdulaziz",
            "Фахд ибн Абдул-Азиз Аль Сауд",
            "فهد بن عبد العزيز آل سعود",
            "Fahd",
            "King Fahd",
            "Ji Chi",
        ],
        "1921",
        "sa",
    ),
    # Written as one word, one of many names meets a query none of its words meets.
    _person(
        "j8",
        "list_j",
        [
            "Abdalrahman Hamid",
            "Abd Al Rahman",
            "Abu Hamid",
            "Hamid al-Iraqi",
            "Abu Omar",
            "Omar Hamid",
            "Hamid Omar al-Iraqi",
            "Abu Bakr al-Iraqi",
        ],
    ),
    # A Korean name in Hangul (syllabic, not Chinese) and one romanised with a word over.
    _person("j9", "list_j", ["김정은", "Kim Jong Un Sung"]),
    # Foreign names written in Chinese, a word per part (``foreign``), and one in Latin letters
    # that such a name meets by sound alone.
    _person("j10", "list_j", ["迈克尔·麦考尔"]),
    _person("j11", "list_j", ["Scott Simon", "Scott Simons"]),
    # One that leaves out the middle initial of its Latin spelling (``names``).
    _person("j12", "list_j", ["乔安妮·德雷克", "Joanne M. Drake"]),
    # Latin names that names written in Arabic meet by their consonants (``abjad``).
    _person("k1", "list_k", ["Saddam Hussein al-Tikriti"], "1937", "iq"),
    _person("k2", "list_k", ["Mahmoud Hassan"]),
    _person("k3", "list_k", ["Mohammed Hassan Ali"]),
    _org("o1", ["Siemens AG", "Siemens Aktiengesellschaft"], "de"),
    # A given name of another language beside a Chinese name, which its characters leave out.
    _person("k1", "list_k", ["John Lee Ka-chiu"]),
    _person("k2", "list_k", ["余茂春"]),
    _org("o2", ["People's Liberation Army", "PLA"], "cn"),
    _org("o3", ["Banco Santander Chile S.A."], "cl"),
    _org("o4", ["Banco Santander S.A."], "es"),
    _org("o5", ["Shenzhen Biguang Trading Co. Ltd", "深圳市比广贸易有限公司"], "cn"),
    _org("o6", ["Ivanov Trading LLC"], "ru"),
    _org("o7", ["International Trading Company"]),
]

QUERIES = [
    party_from_row("Ivan Sidorov", "Person"),
    party_from_row("Ivan Sidorov", "Person", "1961"),
    party_from_row("Ivan Sidorov", "Person", "1970", ["by"]),
    party_from_row("Ivan Sidorov", "Person", None, ["ru"]),
    party_from_row("Ivan P. Sidorov", "Person", "1962", ["ru"], ["Pb1"]),
    party_from_row("Petr Ivanov", "Person"),
    party_from_row("Petra Ivanova", "LegalEntity", None, ["de"]),
    party_from_row("Sergei Lavrov", "Person", "1950"),
    party_from_row("Sergey Viktorovich Lavrov", "Person"),
    party_from_row("Ivan Petrov", "Person", "1961", ["ru"]),
    party_from_row("Mohammed Hassan", "Person", "1970", ["sy"]),
    party_from_row("Mohamed Ali", "Person"),
    party_from_row("Ali Khan Mohammed", "Person", None, ["af"]),
    party_from_row("PolPot", "Person"),
    party_from_row("Michael McCaul", "Person"),
    party_from_row("斯科特·西蒙", "Person"),
    party_from_row("Joanne M. Drake", "Person"),
    party_from_row("Drake M. Joanne", "Person"),
    party_from_row("Scott Simon Ltd", "Company"),
    party_from_row("Xi Jinping", "Person"),
    party_from_row("許志明", "Person", "1960"),
    party_from_row("Hsu Chih Ming", "Person"),
    party_from_row("陈大文", "Person", None, ["hk"]),
    party_from_row("Chan Tai Man", "Person"),
    party_from_row("王伟", "Person"),
    party_from_row("Wang Wei", "Person"),
    party_from_row("Chen Po-yuan", "Person"),
    party_from_row("陈波", "Person"),
    party_from_row("刘骥", "Person"),
    party_from_row("Yu Ji", "Person"),
    party_from_row("吉池", "Person", "1921"),
    party_from_row("法赫德", "Person"),
    party_from_row("Fahd bin Abdulaziz", "Person", None, ["sa"]),
    party_from_row("Abdalrahman", "Person"),
    party_from_row("김정은", "Person"),
    party_from_row("Лавров Сергей", "Person"),
    party_from_row("صدام حسين", "Person", "1937"),
    party_from_row("محمد حسن", "Person"),
    party_from_row("Mohammed Hassan", "Person"),
    party_from_row("Sergei Lavrov (Сергей Лавров)", "Person", "1950"),
    party_from_row("SiemensAG", "Company", None, ["de"]),
    party_from_row("PLA", "Organization"),
    party_from_row("Banco Santander Chile", "Company"),
    party_from_row("Banco Santander SA", "Company", None, ["es"]),
    party_from_row("深圳比广贸易", "Company"),
    party_from_row("Shenzhen Bi Guang Trading", "Company"),
    party_from_row("Trading Company International", "Company"),
    party_from_row("Ivanov", "LegalEntity", None, ["ru"]),
    party_from_row("Nobody At All", "Company"),
    party_from_row("李家超", "Person"),
    party_from_row("Lee Ka-chiu", "Person"),
    party_from_row("Miles Yu Maochun", "Person"),
]


def _plain(index: Index, party: Party, limit: int) -> list[Hit]:
    forms = tuple(f for f in party.forms() if f.tokens)
    candidates = index.candidates(forms, person=party.schema == "Person")
    words = words_of(
        (t for f in forms for t in f.tokens),
        (t for listed in candidates for f in listed.forms for t in f.tokens),
        index.rarity,
    )
    hits = [
        Hit(listed, score_party(party, forms, listed.party, listed.forms, words=words))
        for listed in candidates
    ]
    hits.sort(key=lambda h: (-h.result.similarity, -written_alike(h.result), h.listed.entity_id))
    return [hit for hit in hits[:limit] if hit.result.similarity > 0.0]


def test_equal_names_share_a_group_only_when_equal() -> None:
    index = Index(ENTITIES)
    group = {listed.entity_id: index.names_group[listed.number] for listed in index.listed}
    assert group["a1"] == group["b1"] == group["c1"]
    assert len({group["a1"], group["d1"], group["e1"], group["f1"]}) == 4
    assert group["f1"] == group["g1"]


def test_a_name_listed_by_many_lists_takes_one_place_among_the_candidates() -> None:
    """Candidates are the ``MAX_CANDIDATE_NAMES`` best different names: the same name on many
    lists comes along with each of its entities, and leaves room for the next names."""
    repeated = [_person(f"r{i}", f"list_{i}", ["Ivan Petrov"]) for i in range(30)]
    others = [_person(f"o{i}", "others", [f"Ivan Petrov{'v' * (i + 1)}"]) for i in range(30)]
    index = Index([*repeated, *others])
    same = {listed.entity_id: index.name_same[listed.number] for listed in index.listed}
    assert len({same[e.id] for e in repeated}) == 1
    assert len({same[e.id] for e in others}) == len(others)
    forms = tuple(party_from_row("Ivan Petrov", "Person").forms())
    found = [listed.entity_id for listed in index.candidates(forms, person=True)]
    assert set(found[: len(repeated)]) == {e.id for e in repeated}
    # The repeated name counts once: MAX_CANDIDATE_NAMES - 1 of the others come along.
    assert len(found) == len(repeated) + MAX_CANDIDATE_NAMES - 1


def test_a_form_for_other_scripts_only_shares_its_names_group() -> None:
    """김정은's form with its given name as one word is the same name: one place among the
    candidates, not two."""
    index = Index([_person("k1", "list_k", ["김정은"]), _person("k2", "list_k", ["Kim Jongun"])])
    assert [f.across_only for f in index.listed[0].forms] == [False, True]
    assert index.name_same[0] == index.name_same[1] != index.name_same[2]
    found = index.candidates(tuple(party_from_row("Kim Jongun", "Person").forms()))
    assert "k1" in [listed.entity_id for listed in found]


def test_a_key_two_forms_of_a_query_share_counts_once() -> None:
    """Both forms of 김정은 have the surname: counted once, a common surname alone (Kim, in a
    third of the names) weighs less than the rarer given name written as one word (Jongun)."""
    kims = [_person(f"k{i}", "list", [f"Kim Zz{'z' * i}"]) for i in range(10)]
    jonguns = [_person(f"j{i}", "list", [f"Jongun Qq{'q' * i}"]) for i in range(4)]
    others = [_person(f"o{i}", "list", [f"Other Ww{'w' * i}"]) for i in range(16)]
    index = Index([*kims, *jonguns, *others])
    query = tuple(party_from_row("김정은", "Person").forms())
    assert len(query) == 2
    assert index.candidates(query)[0].entity_id == "j0"


def test_a_name_repeated_more_than_max_repeats_times_fills_the_candidates() -> None:
    """However often one name is listed, the work of a query stays bounded."""
    repeated = [_person(f"r{i}", f"list_{i}", ["Ivan Petrov"]) for i in range(100)]
    index = Index([*repeated, _person("o1", "others", ["Ivan Petrovv"])])
    forms = tuple(party_from_row("Ivan Petrov", "Person").forms())
    assert len(index.candidates(forms)) == MAX_CANDIDATE_NAMES * MAX_REPEATS


def _every_pair_of_names(index: Index) -> Iterator[tuple[NameForm, NameForm]]:
    """Every name of the table's queries against every listed name, and every listed name
    against every other, each way."""
    query_forms = [f for party in QUERIES for f in party.forms() if f.tokens]
    listed_forms = [f for listed in index.listed for f in listed.forms]
    return itertools.chain(
        itertools.product(query_forms, listed_forms), itertools.product(listed_forms, listed_forms)
    )


def test_the_bound_is_never_below_the_score() -> None:
    """``score_bound`` against ``compare`` on every pair of names of the table, each way, with
    the words' weights of a list and without, and with a word left out as ``score_party``
    does for lone patronymics."""
    index = Index(ENTITIES)
    checked = 0
    for q, c in _every_pair_of_names(index):
        for rarity in (None, index.rarity):
            words = words_of(q.tokens, c.tokens, rarity)
            assert score_bound(q, c, words) >= compare(q, c, words).score, (q, c)
            for i in range(len(q.tokens)) if len(q.tokens) > 2 else ():
                score = compare(_without(q, i), c, words).score
                assert score_bound(q, c, words, drop_query=i) >= score, (q, c, i)
            for j in range(len(c.tokens)) if len(c.tokens) > 2 else ():
                score = compare(q, _without(c, j), words).score
                assert score_bound(q, c, words, drop_candidate=j) >= score, (q, c, j)
            checked += 1
    assert checked > 1000


def test_the_totals_a_screener_keeps_give_the_same_bounds() -> None:
    """A screener keeps the total weight of each listed name from one query to the next
    (``Screener._totals_of``, handed to ``score_bound`` as ``c_total``): every bound is the
    one worked out afresh."""
    index = Index(ENTITIES)
    screener = Screener(index, [])
    checked = 0
    first_round: dict[int, list[float]] = {}
    for round_ in (1, 2):  # the second time round, every total is kept
        for party in QUERIES:
            forms = tuple(f for f in party.forms() if f.tokens)
            candidates = index.candidates(forms, person=party.schema == "Person")
            words = screener._words(forms, candidates)
            for listed in candidates:
                totals = screener._totals_of(listed)
                assert len(totals) == len(listed.forms)
                if round_ == 1:
                    first_round.setdefault(listed.number, totals)
                else:
                    assert totals is first_round[listed.number]
                for q in forms:
                    for place, c in enumerate(listed.forms):
                        kept = score_bound(q, c, words, c_total=totals[place])
                        assert kept == score_bound(q, c, words), (q, c)
                        checked += 1
    assert checked > 100


def test_the_bounds_of_the_pairs_of_names_change_no_result() -> None:
    """``score_party`` given the bounds of the pairs of names (as screening works them out)
    compares them best bound first and skips those that cannot win: the same result as
    comparing them all, for every candidate of every query of the table."""
    index = Index(ENTITIES)
    checked = skipped = 0
    for party in QUERIES:
        forms, candidates, words = _query_words(index, party)
        for listed in candidates:
            _, pairs = _similarity_bound(party, forms, listed, words)
            assert len(pairs) == len(forms) * len(listed.forms)
            plain = score_party(party, forms, listed.party, listed.forms, words=words)
            bounded = score_party(
                party, forms, listed.party, listed.forms, words=words, bounds=pairs
            )
            assert bounded == plain, (party.name, listed.entity_id)
            checked += 1
            skipped += sum(1 for b in pairs if b < plain.names.score)
    assert checked > 50 and skipped > 10


def test_of_pairs_of_names_that_score_alike_the_first_is_kept_whatever_their_bounds() -> None:
    party = party_from_row("Ivan Sidorov", "Person")
    listed = Party("Ivan Sidorov", "Person", aliases=("Sidorov Ivan",))
    forms, listed_forms = party.forms(), listed.forms()
    plain = score_party(party, forms, listed, listed_forms)
    assert plain.candidate_name == "Ivan Sidorov"
    # Valid bounds (never below the score), the second pair's looser: compared first.
    bounded = score_party(party, forms, listed, listed_forms, bounds=[1.0, 2.0])
    assert bounded.names.score == plain.names.score == 1.0
    assert bounded == plain


@pytest.mark.skipif(
    bool(matching.compiled),
    reason="compiled, score_party calls compare directly (make test runs it COUNTERSIGHT_PURE=1)",
)
def test_pairs_of_names_bounded_below_the_best_score_are_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import countersight.matching.score as score

    compared: list[str] = []

    def counting(q: NameForm, c: NameForm, *args: Any) -> Any:
        compared.append(c.original)
        return compare(q, c, *args)

    monkeypatch.setattr(score, "compare_forms", counting)
    party = party_from_row("Ivan Sidorov", "Person")
    listed = Party("Ivan Sidorov", "Person", aliases=("Petr Ivanov", "Sidorov Ivan"))
    result = score_party(party, party.forms(), listed, listed.forms(), bounds=[1.0, 0.2, 0.9])
    assert result.candidate_name == "Ivan Sidorov" and compared == ["Ivan Sidorov"]


@pytest.mark.parametrize("limit", [1, 2, 3, 10])
def test_screening_the_table_gives_the_plain_results(limit: int) -> None:
    index = Index(ENTITIES)
    screener = Screener(index, [])
    for party in QUERIES:
        assert screener.screen(party, limit) == _plain(index, party, limit), party


def test_a_name_that_met_nothing_meets_without_a_word_only_written_as_one() -> None:
    """``_similarity_bound`` bounds the names without a patronymic only where the names met, or
    where they may meet written as one word (``may_resplit_without``): elsewhere the bound
    without a word is 0. Every pair of names of the table, each way, every word left out."""
    index = Index(ENTITIES)
    skipped = 0
    for q, c in _every_pair_of_names(index):
        words = words_of(q.tokens, c.tokens, index.rarity)
        if score_bound(q, c, words) > 0.0:
            continue
        for i in range(len(q.tokens)) if len(q.tokens) > 2 else ():
            if not may_resplit_without(q, c, drop_query=i):
                assert score_bound(q, c, words, drop_query=i) == 0.0, (q, c, i)
                skipped += 1
        for j in range(len(c.tokens)) if len(c.tokens) > 2 else ():
            if not may_resplit_without(q, c, drop_candidate=j):
                assert score_bound(q, c, words, drop_candidate=j) == 0.0, (q, c, j)
                skipped += 1
    assert skipped > 1000


def test_a_name_without_its_patronymic_may_meet_written_as_one_word() -> None:
    """What ``may_resplit_without`` is there for: no word of the names meets, but without the
    patronymic they are the same written as one word."""
    q = prepare("Ivan Petrovich Sidorovski", "Person")
    c = prepare("Ivansidorovski", "Person")
    words = words_of(q.tokens, c.tokens)
    assert q.patronymics == (1,) and score_bound(q, c, words) == 0.0
    assert may_resplit_without(q, c, drop_query=1)
    assert score_bound(q, c, words, drop_query=1) == 1.0
    party = party_from_row("Ivan Petrovich Sidorovski", "Person")
    listed = Listed(0, "e", "d", "e", "e", party_from_row("Ivansidorovski", "Person"), (c,))
    assert _similarity_bound(party, (q,), listed, words)[0] > 1.0 - 1e-9


def test_names_looked_up_by_word_give_the_same_bound() -> None:
    """A candidate with many names has those that met the query looked up by word
    (``Screener._meeting``); the others bounded at 0 where ``meets_nothing_bound`` says so:
    the bound is the one of every name bounded."""
    index = Index(ENTITIES)
    screener = Screener(index, [])
    many = 0
    for party in QUERIES:
        forms, candidates, words = _query_words(index, party)
        for listed in candidates:
            spelt = all(spelt_only(f) for f in forms)
            meeting = screener._meeting(listed, words.spelt() if spelt else words.near)
            if meeting is not None:
                many += 1
                assert _similarity_bound(party, forms, listed, words, meeting) == (
                    _similarity_bound(party, forms, listed, words)
                ), (party, listed.entity_id)
    assert many >= 5


@pytest.mark.skipif(
    bool(matching.compiled),
    reason="compiled, screen calls score_party directly (make test runs it COUNTERSIGHT_PURE=1)",
)
def test_candidates_that_cannot_be_among_the_best_are_not_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import countersight.matching.screen as screen

    index = Index(ENTITIES)
    scored: list[str] = []

    def counting(*args: Any, **kwargs: Any) -> Result:
        scored.append(args[2].name)
        return score_party(*args, **kwargs)

    monkeypatch.setattr(screen, "score_party", counting)
    party = party_from_row("Sergey Viktorovich Lavrov", "Person", "1950", ["ru"])
    hits = Screener(index, []).screen(party, 1)
    assert hits[0].listed.entity_id == "h1" and hits[0].result.match
    candidates = index.candidates(tuple(f for f in party.forms() if f.tokens), person=True)
    assert len(candidates) > 1 and scored == ["Sergey Viktorovich Lavrov"]


def test_the_vocabulary_kept_per_entity_gives_the_same_words() -> None:
    """``Screener._words`` puts a query's vocabulary together from what it keeps per listed
    entity (``names.words_among``): for every word of the candidates, the same similarities
    as ``words_of`` on the candidates' tokens; for every word of both, the same weight."""
    index = Index(ENTITIES)
    screener = Screener(index, [])
    compared = 0
    for party in QUERIES:
        forms, candidates, words = _query_words(index, party)
        kept = screener._words(forms, candidates)
        vocabulary = {t.text for listed in candidates for t in index.words[listed.number]}
        for word in vocabulary:
            assert kept.near.get(word) == words.near.get(word), (party, word)
            compared += word in words.near
        for word in vocabulary | {t.text for f in forms for t in f.tokens}:
            assert kept.weight[word] == words.weight[word], (party, word)
    assert compared > 50


def test_a_chinese_or_korean_name_in_characters_needs_no_typos() -> None:
    """A Chinese or Korean person's name in characters meets by its syllables' spellings and
    initials only (``Words.same``, ``Words.spelt``): screening looks for no typos or
    sound-alikes for it (``alike``), and what those two keep is the same."""
    index = Index(ENTITIES)
    screener = Screener(index, [])
    checked = 0
    for party in QUERIES:
        forms, candidates, _ = _query_words(index, party)
        if not all(spelt_only(f) for f in forms):
            continue
        alike = screener._words(forms, candidates)
        spelt = screener._words(forms, candidates, alike=False)
        assert spelt.same() == alike.same() and spelt.spelt() == alike.spelt(), party
        assert len(spelt.near) <= len(alike.near)
        checked += 1
    assert checked >= 5


def _query_words(index: Index, party: Party) -> tuple[tuple[NameForm, ...], list[Listed], Words]:
    """A query's names, its candidates, and the words of both (``names.words_of``)."""
    forms = tuple(f for f in party.forms() if f.tokens)
    candidates = index.candidates(forms, person=party.schema == "Person")
    words = words_of(
        (t for f in forms for t in f.tokens),
        (t for listed in candidates for t in index.words[listed.number]),
        index.rarity,
    )
    return forms, candidates, words


def test_a_name_in_arabic_is_screened_against_latin_names() -> None:
    """Its words look up the people's Latin words with their consonants (``Index.spellings``)
    and meet them by ``abjad.meets``: Saddam Hussein is found; محمد حسن meets Mohammed Hassan
    Ali, not Mahmoud Hassan."""
    screener = Screener(Index(ENTITIES), [])
    saddam = screener.screen(party_from_row("صدام حسين", "Person", "1937"), 3)
    assert saddam[0].listed.entity_id == "k1" and saddam[0].result.match
    hits = screener.screen(party_from_row("محمد حسن", "Person"), 5)
    similarity = {h.listed.entity_id: h.result.similarity for h in hits}
    assert similarity["k3"] > similarity.get("k2", 0.0) + 0.3


def test_results_made_the_quick_way_are_the_named_tuples() -> None:
    """``compare`` and ``score_party`` make their named tuples with ``tuple.__new__`` (their
    own ``__new__`` runs as Python even compiled): the same types and values, field by field."""
    from countersight.matching.names import NOTHING, NameScore, Pair, _name_score, _pair
    from countersight.matching.score import Feature, _feature

    assert type(_pair("ivan", "iwan", 0.9)) is Pair
    assert _pair("ivan", "iwan", 0.9) == Pair("ivan", "iwan", 0.9)
    assert _pair("ivan", "iwan", 0.9).candidate == "iwan"
    assert NameScore(0.0, 0.0, 0.0, (), 0.0, False) == NOTHING and type(NOTHING) is NameScore
    made = _name_score(0.5, 0.6, 0.7, (), 0.0, True)
    assert (made.score, made.query_coverage, made.candidate_coverage) == (0.5, 0.6, 0.7)
    assert made.strong_matched is True
    assert _feature("country", "shared", 0.02) == Feature("country", "shared", 0.02)
    party = party_from_row("Ivan Sidorov", "Person", "1961", ["ru"])
    listed = Party("Ivan Sidorov", "Person", (1961,), ("ru",))
    result = score_party(party, party.forms(), listed, listed.forms())
    assert type(result) is Result and result.query_name == "Ivan Sidorov"
    assert result.similarity == 1.0 and result.match and result.features[0].name == "name"
    assert [f.name for f in result.features] == ["name", "birth_date", "country"]


def test_kinds_conflict_as_the_rule_says_for_every_pair_of_schemas() -> None:
    from countersight.matching.score import ORGANISATIONS, kinds_conflict

    schemas = ["Person", "LegalEntity", "Company", "Organization", "Vessel", "Airplane"]
    for a in schemas:
        for b in schemas:
            if a == b:
                expected = False
            elif "Person" in (a, b):
                expected = not ({a, b} <= {"Person", "LegalEntity"})
            else:
                expected = not (a in ORGANISATIONS and b in ORGANISATIONS)
            assert kinds_conflict(a, b) is expected, (a, b)


def test_a_query_names_weights_are_worked_out_once_per_name() -> None:
    from countersight.matching.names import WEAK_WEIGHT
    from countersight.matching.normalize import prepare

    ivan, acme = prepare("Ivan Sidorov", "Person"), prepare("Acme Trading Ltd")
    words = words_of([*ivan.tokens, *acme.tokens], [])
    first = words.query_weights(ivan)
    assert words.query_weights(ivan)[0] is first[0]  # kept
    assert first == ([words.weight["ivan"], words.weight["sidorov"]], sum(first[0]))
    weights, total = words.query_weights(acme)
    trading = acme.tokens[1]
    assert trading.text == "trading" and trading.weak
    assert weights[1] == words.weight["trading"] * WEAK_WEIGHT and total == sum(weights)


def test_among_equal_similarities_the_name_written_like_the_partys_comes_first() -> None:
    # By id, the company with a legal form would come first; it scores the same, as a legal
    # form one name lacks is no conflict.
    index = Index(
        [
            _org("a-with-form", ["SPLENDENT TECHNOLOGIES PTE LTD"]),
            _org("b-as-written", ["Splendent Technologies"]),
            _org("c-again", ["Splendent Technologies"]),
        ]
    )
    hits = Screener(index, []).screen(party_from_row("Splendent Technologies", "Company"), 3)
    assert hits[0].result.similarity == hits[2].result.similarity
    # The two written alike first, by id between them; then the other.
    assert [h.listed.entity_id for h in hits] == ["b-as-written", "c-again", "a-with-form"]
    assert hits == _plain(index, party_from_row("Splendent Technologies", "Company"), 3)


def test_a_given_name_beside_a_chinese_name_is_left_out_in_screening_too() -> None:
    screener = Screener(Index(ENTITIES), [])
    for name, expected in (("李家超", "k1"), ("Miles Yu Maochun", "k2")):
        hits = screener.screen(party_from_row(name, "Person"), 1)
        assert hits and hits[0].listed.entity_id == expected and hits[0].result.match, name
