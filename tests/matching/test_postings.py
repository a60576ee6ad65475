"""The index's postings: each key's names, all in one array (``index.Postings``)."""

from __future__ import annotations

import pickle
from array import array

from countersight.matching.index import Postings


def _lists() -> dict[str, array[int]]:
    return {
        "wwang": array("I", [3, 7, 9]),
        "wli": array("I", [1]),
        "pwang": array("I", [9, 2**31 + 5]),
    }


def test_each_key_gives_its_names_in_the_order_indexed() -> None:
    postings = Postings(_lists())
    assert list(postings.get("wwang") or ()) == [3, 7, 9]
    assert list(postings.get("wli") or ()) == [1]
    assert list(postings.get("pwang") or ()) == [9, 2**31 + 5]
    assert [postings.count(k) for k in ("wwang", "wli", "pwang")] == [3, 1, 2]


def test_a_key_no_name_has_gives_none_and_counts_nothing() -> None:
    postings = Postings(_lists())
    assert postings.get("wzzyzx") is None
    assert postings.count("wzzyzx") == 0
    assert "wzzyzx" not in postings and "wli" in postings


def test_keys_keep_their_order_and_the_lists_are_emptied_as_read() -> None:
    lists = _lists()
    postings = Postings(lists)
    assert list(postings) == ["wwang", "wli", "pwang"] and len(postings) == 3
    assert lists == {}


def test_what_get_gives_is_a_copy() -> None:
    postings = Postings(_lists())
    names = postings.get("wwang")
    assert names is not None
    names[0] = 99
    assert list(postings.get("wwang") or ()) == [3, 7, 9]


def test_pickled_and_read_back_it_is_the_same() -> None:
    postings = pickle.loads(pickle.dumps(Postings(_lists()), protocol=pickle.HIGHEST_PROTOCOL))
    assert list(postings) == ["wwang", "wli", "pwang"]
    assert list(postings.get("pwang") or ()) == [9, 2**31 + 5]
    assert postings.count("wwang") == 3
