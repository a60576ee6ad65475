"""How many letters of one string have no counterpart in another (``apart``): a lower bound on
their edit distance that costs one pass over each, so that comparisons that cannot reach a
similarity are left out before rapidfuzz is called (``names._joined_similarity``).

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


def _choose() -> Callable[[str, str], int]:
    if matching.compiled:
        from countersight.matching._letters import apart as compiled

        return compiled
    return apart_in_python


apart: Callable[[str, str], int] = _choose()
