"""How Chinese writes foreign names by sound, learnt from CC-CEDICT (``heard``): cutting a
spelling into a piece per syllable, learning from pairs, hearing a word as a name's syllables,
keeping the learnt model, and what it changes in comparison."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from countersight.matching import foreign, heard, phonetic
from countersight.matching.normalize import token
from countersight.matching.score import compare_names

# Made-up pairs of syllables and spellings, in which sa writes "su" as well as "sa".
EXAMPLES = [
    (("sa", "dun"), "sutton"),
    (("sa", "li"), "sully"),
    (("sa", "la"), "sarah"),
    (("sa", "mu"), "samuel"),
    (("ha", "dun"), "hutton"),
    (("ha", "li"), "harry"),
    (("da", "dun"), "dutton"),
    (("da", "li"), "dali"),
    (("ma", "la"), "mala"),
]


def test_a_spelling_is_folded_to_letters_and_a_repeated_letter_counts_once() -> None:
    assert heard.fold("David-Néel") == "davidneel"
    assert heard.fold("O'Brien") == "obrien"
    assert phonetic.squashed("sutton") == "suton"
    assert phonetic.squashed("aabbaa") == "aba"


def test_a_spelling_is_cut_a_piece_per_syllable_as_the_sounds_begin() -> None:
    assert heard.align(("sa", "dun"), "suton", heard._first_guess) == ["su", "ton"]
    assert heard.align(("a", "er", "ci"), "alz", heard._first_guess) == ["a", "l", "z"]
    # Fewer letters than syllables: no cut.
    assert heard.align(("sa", "dun", "ke"), "su", heard._first_guess) is None


def test_the_model_keeps_the_pieces_seen_twice_with_their_frequency() -> None:
    model = heard.learn(EXAMPLES)
    assert set(model["sa"]) == {"sa", "su"}  # each seen twice; "sam" once, left out
    assert set(model["dun"]) == {"ton"}
    assert model["dun"]["ton"] == pytest.approx(0.0)  # always so
    assert model["sa"]["su"] < 0.0
    assert heard.learn(EXAMPLES) == model  # the same pairs, the same model
    assert heard.learn(list(reversed(EXAMPLES))) == model


def test_a_word_is_heard_as_syllables_when_it_cuts_into_their_pieces() -> None:
    model = heard.learn(EXAMPLES)
    assert phonetic.heard_in(model, ("sa", "dun"), "sutton")
    assert phonetic.heard_in(model, ("sa", "dun"), "saxton") is False  # "saxton": no "xton"
    assert phonetic.heard_in(model, ("sa", "dun"), "satton")  # sa writes "sa" too
    assert not phonetic.heard_in(model, ("ha", "dun"), "hutton")  # ha wrote "hu" once only
    assert not phonetic.heard_in(model, ("sa", "dun"), "sexton")  # no piece "sex"
    assert not phonetic.heard_in(model, ("sa", "dun"), "su")  # a syllable writes a letter at least
    assert not phonetic.heard_in(model, ("sa", "xyz"), "sutton")  # a syllable it never saw


def test_the_pieces_must_be_likely_enough_on_average() -> None:
    # sa writes "se" in 2 names of 32, log(2/32) = -2.77; dun writes "din" in 2 of 34, -2.83.
    # One rare piece beside a common one is heard (mean -1.42), two rare ones are not (-2.80:
    # below MEAN_LOG).
    examples = [(("sa", "dun"), "saton")] * 30 + [(("sa", "dun"), "seton")] * 2
    examples += [(("ke", "dun"), "kadin")] * 2
    model = heard.learn(examples)
    assert model["sa"]["se"] == pytest.approx(math.log(2 / 32))
    assert model["dun"]["din"] == pytest.approx(math.log(2 / 34))
    assert phonetic.heard_in(model, ("sa", "dun"), "seton")
    assert phonetic.heard_in(model, ("sa", "dun"), "sadin")
    assert not phonetic.heard_in(model, ("sa", "dun"), "sedin")


def test_the_dictionarys_pairs_teach_it_and_chinese_names_in_pinyin_do_not() -> None:
    names = {
        "萨顿": "Sutton",
        "朱镕基": "Rongji",
        "薩頓": "Sutton",
        "约翰": "John|Johan",
        "金": "Kim",
    }
    pairs = foreign.examples(names)
    assert (("sa", "dun"), "sutton") in pairs
    assert pairs.count((("sa", "dun"), "sutton")) == 1  # traditional and simplified: once
    assert (("yue", "han"), "johan") in pairs
    assert not any(word == "rongji" for _, word in pairs)  # the given name's pinyin
    assert not any(len(syllables) < 2 for syllables, _ in pairs)


def test_the_learnt_model_is_kept_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = {"萨顿": "Sutton", "达顿": "Dutton", "萨里": "Sully", "达里": "Dali"}
    model = foreign.load_heard(names, tmp_path)
    assert model["dun"] == {"ton": 0.0}
    [kept] = tmp_path.glob("cedict-heard-*.json")

    def unlearnt(*args: object, **kwargs: object) -> phonetic.Model:
        raise AssertionError("learnt again")

    monkeypatch.setattr(heard, "learn", unlearnt)
    assert foreign.load_heard(names, tmp_path) == model
    monkeypatch.undo()
    kept.write_text('{"dun": {"ton": "x"}}', encoding="utf-8")  # not a model: learnt again
    assert foreign.load_heard(names, tmp_path) == model


def test_without_the_dictionary_nothing_is_learnt_and_nothing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(foreign, "_DICTIONARY", ("no_such_package_here", "data/x.gz"))
    assert foreign.load_heard({"萨顿": "Sutton"}, tmp_path) == {}
    assert list(tmp_path.iterdir()) == []


def test_the_model_learnt_from_the_dictionary_hears_what_the_vowel_rule_refuses() -> None:
    sutton = token("sadun", False, (), ("sa", "dun"))
    assert phonetic.heard_alike(("sa", "dun"), "sutton")
    assert phonetic.sound_similarity(sutton, token("sutton")) == phonetic.LOOSE_SOUND_SIMILARITY
    assert phonetic.sound_similarity(sutton, token("sexton")) == 0.0
    assert "~sn" in phonetic.brand_skeletons(("sa", "dun"))  # compared, not left out before
    assert "~sn" in phonetic.word_skeletons("sutton")


@pytest.mark.parametrize(
    ("han", "latin", "same"),
    [
        ("贝拉克·奥巴马", "Barack Obama", True),
        ("大卫·萨顿", "David Sutton", True),
        ("大卫·萨顿", "David Sexton", False),
        ("大卫·萨顿", "David Sutherland", False),
        ("大卫·萨顿", "Dennis Sutton", False),
    ],
)
def test_foreign_names_in_chinese_that_only_the_model_hears(
    han: str, latin: str, same: bool
) -> None:
    assert compare_names(han, latin, schema="Person").match is same
