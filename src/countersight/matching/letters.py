"""How many letters of one string have no counterpart in another (``apart``): a lower bound on
their edit distance (with or without transpositions) that costs one pass over each, so that
comparisons that cannot reach a similarity are left out before rapidfuzz is called: names
written as one word (``names._joined_similarity``), and the words a typo away from a query's
(``within``, ``names.words_among``: about six in seven of those of the right length go).

Two implementations with the same answers, as for ``tally``: ``_letters.pyx``, compiled with
Cython beside the matching core, and ``apart_in_python`` here, which runs when the core is not
compiled. Compiled by mypyc, the Python one cost as much as the comparisons it saved."""

from __future__ import annotations

from collections.abc import Callable

from countersight import matching


def apart_in_python(a: str, b: str) -> int:
    """How many letters of the longer of ``a`` and ``b`` have no counterpart among the other's,
    counted with their repeats. That many edits at least turn one into the other: every
    letter an edit leaves in place is one they have in common."""
    counts: dict[str, int] = {}
    for ch in a:
        counts[ch] = counts.get(ch, 0) + 1
    common = 0
    for ch in b:
        left = counts.get(ch, 0)
        if left > 0:
            counts[ch] = left - 1
            common += 1
    return max(len(a), len(b)) - common


def within_in_python(word: str, words: list[str], most: int) -> list[str]:
    """The words of ``words`` that may be ``most`` edits or fewer from ``word``: their lengths
    at most ``most`` apart, and at most ``most`` letters without counterpart (``apart``). In
    their order, each once (a word repeated in ``words`` is counted again, since repeats are
    rarer among the few kept than among all)."""
    size = len(word)
    return list(
        dict.fromkeys(
            w
            for w in words
            if size - most <= len(w) <= size + most and apart_in_python(word, w) <= most
        )
    )


Apart = Callable[[str, str], int]
Within = Callable[[str, list[str], int], list[str]]


def _choose() -> tuple[Apart, Within]:
    if matching.compiled:
        from countersight.matching import _letters

        return _letters.apart, _letters.within
    return apart_in_python, within_in_python


apart, within = _choose()
