"""The tally of a query's candidates (``matching.tally``): totals, order, and the two
implementations (Python, and Cython with the compiled core) giving the same answers."""

from __future__ import annotations

import random
from array import array
from typing import TypeVar

import pytest

from countersight import matching
from countersight.matching import tally
from countersight.matching.index import MAX_CANDIDATE_NAMES, Index
from countersight.matching.screen import party_from_row
from countersight.model import Entity, Name

NAMES = array("I", [4, 1, 7, 1, 2, 9, 4])
"""Three keys' postings: [4, 1, 7] from 0, [1, 2] from 3, [9, 4] from 5."""
SPANS = [tally.span(0, 3), tally.span(3, 2), tally.span(5, 2)]
EACH_ITS_OWN = array("I", range(10))


_Twin = TypeVar("_Twin")


def _twins(in_python: _Twin, name: str) -> list[_Twin]:
    """The Python function, and its compiled twin ``_tally.<name>`` where the core is
    compiled."""
    found = [in_python]
    if matching.compiled:
        from countersight.matching import _tally

        found.append(getattr(_tally, name))
    return found


def _both() -> list[tally.Best]:
    return _twins(tally.best_in_python, "best")


@pytest.mark.parametrize("best", _both())
def test_the_highest_totals_come_first_and_of_equal_totals_the_first_found(
    best: tally.Best,
) -> None:
    # 4: 0.5 + 0.25; 1: 0.5 + 1.0; 7: 0.5; 2: 1.0; 9: 0.25.
    ranked = best(NAMES, EACH_ITS_OWN, SPANS, [0.5, 1.0, 0.25], 10, 10)
    assert ranked == [1, 2, 4, 7, 9]
    assert best(NAMES, EACH_ITS_OWN, SPANS, [1.0, 1.0, 1.0], 10, 10) == [4, 1, 7, 2, 9]
    assert best(NAMES, EACH_ITS_OWN, SPANS, [1.0, 1.0, 1.0], 10, 2) == [4, 1]
    assert best(NAMES, EACH_ITS_OWN, [], [], 10, 10) == []


@pytest.mark.parametrize("best", _both())
def test_names_of_one_group_count_once(best: tally.Best) -> None:
    same = array("I", [0, 5, 5, 3, 5, 6, 6, 7, 8, 5])  # 1, 2, 4 and 9 have the same words
    # In order 4, 1, 7, 2, 9: all but 7 of one group, which comes along once it is counted.
    assert best(NAMES, same, SPANS, [1.0, 1.0, 1.0], 1, 10) == [4, 1]
    assert best(NAMES, same, SPANS, [1.0, 1.0, 1.0], 2, 10) == [4, 1, 7, 2, 9]
    assert best(NAMES, same, SPANS, [1.0, 1.0, 1.0], 2, 3) == [4, 1, 7]


@pytest.mark.skipif(not matching.compiled, reason="the matching core is not compiled")
def test_the_compiled_tally_gives_the_same_names_as_python() -> None:
    from countersight.matching._tally import best

    rng = random.Random(7)
    for _ in range(300):
        names = array("I", (rng.randrange(500) for _ in range(rng.randrange(1, 3000))))
        same = array("I", (rng.randrange(200) for _ in range(500)))
        spans, weights = [], []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(len(names))
            spans.append(tally.span(start, rng.randrange(0, len(names) - start + 1)))
            # Few weights, so that totals tie; some sums that float addition rounds.
            weights.append(rng.choice([0.1, 0.2, 0.3, 1 / 3, 0.7, 1.0]))
        distinct, most = rng.randrange(1, 40), rng.randrange(1, 120)
        expected = tally.best_in_python(names, same, spans, weights, distinct, most)
        assert best(names, same, spans, weights, distinct, most) == expected


@pytest.mark.skipif(not matching.compiled, reason="the matching core is not compiled")
def test_the_compiled_tally_refuses_what_it_cannot_read() -> None:
    from countersight.matching._tally import best

    with pytest.raises(ValueError, match="one weight per span"):
        best(NAMES, EACH_ITS_OWN, SPANS, [1.0], 10, 10)
    with pytest.raises(IndexError):
        best(NAMES, EACH_ITS_OWN, [tally.span(5, 9)], [1.0], 10, 10)
    with pytest.raises(IndexError):
        best(NAMES, array("I", [0, 1]), SPANS, [1.0, 1.0, 1.0], 10, 10)


def _both_owners() -> list[tally.Owners]:
    return _twins(tally.owners_in_python, "owners")


@pytest.mark.parametrize("owners", _both_owners())
def test_the_owners_of_names_each_once_in_order(owners: tally.Owners) -> None:
    owner = array("I", [0, 0, 3, 1, 1, 3, 70000])  # names 0-6: entities 0, 0, 3, 1, 1, 3, 70000
    assert owners(owner, [5, 0, 1, 4, 2, 6, 3]) == [3, 0, 1, 70000]
    assert owners(owner, []) == []


@pytest.mark.skipif(not matching.compiled, reason="the matching core is not compiled")
def test_the_compiled_owners_are_python_s() -> None:
    from countersight.matching._tally import owners

    rng = random.Random(11)
    for _ in range(300):
        owner = array("I", (rng.randrange(1 << rng.randrange(1, 32)) for _ in range(400)))
        names = [rng.randrange(400) for _ in range(rng.randrange(0, 200))]
        assert owners(owner, names) == tally.owners_in_python(owner, names)
    with pytest.raises(IndexError):
        owners(array("I", [0, 1]), [2])


def test_a_query_of_common_words_only_looks_among_their_first_names() -> None:
    """A key of more names than ``COMMON_POSTINGS`` is left for rarer ones; when the query has
    none, the first names indexed with its rarest key are its candidates."""
    entities = [
        Entity(
            id=f"e{i}",
            schema="Person",
            dataset="d",
            source_ref=f"e{i}",
            names=(Name(f"Ivan Zyx{i:05d}", "primary"),),
        )
        for i in range(3100)
    ]
    index = Index(entities)
    forms = tuple(party_from_row("Ivan", "Person").forms())
    found = [listed.entity_id for listed in index.candidates(forms, person=True)]
    assert found == [f"e{i}" for i in range(MAX_CANDIDATE_NAMES)]
