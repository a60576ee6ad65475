"""The tally of a query's candidates: every key of the query found in the index adds its weight
to each of the names it has (a *span* of the postings, see ``index.Postings``); the names with
the highest totals come first, and of equal totals the first found.

Two implementations with the same answers: ``_tally.pyx``, compiled with Cython beside the
matching core (``tools/compile.py``), which sums in a small table of plain numbers, and
``best_in_python`` here, which runs when the core is not compiled (``matching.compiled``). In
Python the tally was a quarter of a query's work: a dictionary of boxed numbers, a float object
made for every name of every key, and a sort that looked every name up again."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Final

from countersight import matching

COUNT_BITS: Final = 32
"""A span is one number: where its names start in the postings, shifted by this many bits, and
how many there are in the low bits."""
COUNTED: Final = (1 << COUNT_BITS) - 1

Best = Callable[["array[int]", "array[int]", Sequence[int], Sequence[float], int, int], list[int]]


def span(start: int, count: int) -> int:
    return start << COUNT_BITS | count


def best_in_python(
    names: array[int],
    same: array[int],
    spans: Sequence[int],
    weights: Sequence[float],
    distinct: int,
    most: int,
) -> list[int]:
    """The names of ``spans`` (into ``names``), each adding its weight (``weights``, one per
    span) to each of its names: the highest totals first, of equal totals the first found.
    As many as make ``distinct`` different names by ``same`` (the number of each name's
    words: a name listed again comes along uncounted), and ``most`` at most."""
    scores: dict[int, float] = {}
    for packed, weight in zip(spans, weights, strict=True):
        start = packed >> COUNT_BITS
        for name in names[start : start + (packed & COUNTED)]:
            scores[name] = scores.get(name, 0.0) + weight
    seen: set[int] = set()
    out: list[int] = []
    for name in sorted(scores, key=scores.__getitem__, reverse=True)[:most]:
        if same[name] not in seen:
            if len(seen) == distinct:
                break
            seen.add(same[name])
        out.append(name)
    return out


def owners_in_python(owner: array[int], names: list[int]) -> list[int]:
    """The owners of ``names`` (``owner`` of each name), each once, in the order of their first
    name."""
    return list(dict.fromkeys(owner[name] for name in names))


Owners = Callable[["array[int]", list[int]], list[int]]


def _choose() -> tuple[Best, Owners]:
    if matching.compiled:
        from countersight.matching import _tally

        return _tally.best, _tally.owners
    return best_in_python, owners_in_python


best, owners = _choose()
