"""Letters one string has and another lacks (``matching.letters``): a lower bound on their edit
distance, the same in Python and in Cython, and the one-word comparison it filters unchanged."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from rapidfuzz.distance import OSA, Levenshtein

from countersight import matching
from countersight.matching import letters
from countersight.matching.names import RESPLIT, _joined_similarity
from countersight.matching.normalize import prepare

Apart = Callable[[str, str], int]
Within = Callable[[str, list[str], int], list[str]]


def _both() -> list[Apart]:
    found: list[Apart] = [letters.apart_in_python]
    if matching.compiled:
        from countersight.matching._letters import apart

        found.append(apart)
    return found


def _both_within() -> list[Within]:
    found: list[Within] = [letters.within_in_python]
    if matching.compiled:
        from countersight.matching._letters import within

        found.append(within)
    return found


@pytest.mark.parametrize("apart", _both())
def test_letters_without_counterpart_are_counted_with_their_repeats(apart: Apart) -> None:
    assert apart("siemensag", "siemens") == 2  # a, g
    assert apart("siemens", "siemensag") == 2
    assert apart("anna", "nana") == 0  # the same letters in another order
    assert apart("aab", "abb") == 1
    assert apart("", "abc") == 3
    assert apart("", "") == 0
    assert apart("müller", "muller") == 1  # ü has no counterpart
    assert apart("王伟", "王伟明") == 1
    assert apart("ivan", "IVAN") == 4  # letters as written: names come folded


@pytest.mark.parametrize("apart", _both())
def test_it_never_exceeds_the_edit_distance(apart: Apart) -> None:
    rng = random.Random(3)
    alphabet = "aabcdeiklmnorstuüçé王伟"
    for _ in range(3000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert apart(a, b) <= Levenshtein.distance(a, b), (a, b)
        assert apart(a, b) <= OSA.distance(a, b), (a, b)  # transpositions keep the letters
        assert apart(a, b) == apart(b, a)


@pytest.mark.skipif(not matching.compiled, reason="the matching core is not compiled")
def test_the_compiled_count_gives_the_same_as_python() -> None:
    from countersight.matching._letters import apart

    rng = random.Random(11)
    alphabet = "abcdefghij ĳøß한국"
    for _ in range(3000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert apart(a, b) == letters.apart_in_python(a, b)


@pytest.mark.parametrize(
    ("query", "candidate", "meets"),
    [
        ("Siemens AG", "SiemensAG", True),
        ("Al Qaida", "Alqaida Network", False),
        ("Abu Bakr", "Abubakr", True),
        ("Kim Jong Un", "Kim Jongun", True),
        ("Ivan Petrov", "Petrova Ivanna Maria", False),
    ],
)
def test_names_written_as_one_word_meet_as_rapidfuzz_says(
    query: str, candidate: str, meets: bool
) -> None:
    """The filter leaves out only what rapidfuzz would put below ``RESPLIT``."""
    q, c = prepare(query), prepare(candidate)
    q_words = [t.text for t in q.tokens] + list(q.org_types)
    c_words = [t.text for t in c.tokens] + list(c.org_types)
    unfiltered = max(
        Levenshtein.normalized_similarity("".join(q_words), "".join(c_words)),
        Levenshtein.normalized_similarity("".join(sorted(q_words)), "".join(sorted(c_words))),
    )
    joined = _joined_similarity(q, c, q.tokens, c.tokens)
    assert joined == (unfiltered if unfiltered >= RESPLIT else 0.0)
    assert (joined >= RESPLIT) is meets


@pytest.mark.parametrize("within", _both_within())
def test_words_a_few_edits_away_are_kept_in_their_order(within: Within) -> None:
    words = ["maria", "marco", "ivan", "mariam", "amira", "maria", "mar", "müller"]
    # Two edits at most: the lengths 3 to 7, at most two letters without counterpart.
    assert within("maria", words, 2) == ["maria", "marco", "mariam", "amira", "mar"]
    assert within("maria", words, 0) == ["maria", "amira"]  # the same letters; each once
    assert within("müller", ["müller", "ivan", "müller", "mueller"], 1) == ["müller"]
    assert within("muller", words, 1) == ["müller"]
    assert within("müller", words, 1) == ["müller"]
    assert within("ivan", [], 3) == []


@pytest.mark.parametrize("within", _both_within())
def test_no_word_within_the_edits_is_left_out(within: Within) -> None:
    """What rapidfuzz finds within ``most`` edits (OSA, as ``names.words_among`` asks), the
    filter keeps."""
    rng = random.Random(5)
    alphabet = "aeiklmnorstuyü"
    for _ in range(400):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 10)))
        words = [
            "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(40)
        ]
        most = rng.randrange(0, 4)
        kept = within(word, words, most)
        assert kept == letters.within_in_python(word, words, most)
        for w in words:
            if OSA.distance(word, w) <= most:
                assert w in kept, (word, w, most)
