"""How Chinese writes foreign words by sound, learnt from the names CC-CEDICT spells.

A foreign name written in Chinese spells each of its sounds with a syllable: 萨顿 (sa-dun) is
Sutton, 贝拉克 (bei-la-ke) Barack. The consonant skeletons of ``phonetic`` meet many such
pairs, but refuse those where Chinese writes a vowel its own way (the u of Sutton as a, the a
of Barack as ei), since a different vowel is also how a different name sounds. Rather than more
rules, this module learns which letters each pinyin syllable writes from the dictionary's own
pairs of a foreign name in characters and its spelling (``foreign.examples``: 萨顿 Sutton,
阿尔茨海默 Alzheimer), 4,287 of them:

- each spelling is cut into as many pieces as the name has syllables (``align``: the cut that
  the table of pieces so far finds likeliest; at first, the one where each piece begins with
  a letter of its syllable's consonant class), and the pieces are counted by syllable; five
  rounds of cutting and counting again (hard expectation-maximisation) settle the table;
- the table keeps, for each syllable, the pieces seen twice or more, with the logarithm of
  how often the syllable writes each (``learn``): ke writes k, c, co, ke...; dun ton, don.

A brand or a name part then sounds like a Latin word when the word can be cut into pieces its
syllables write, with a mean logarithm of ``MEAN_LOG`` or more (``phonetic.heard_alike``).
Measured on a fifth of the dictionary's pairs held out from learning (876 names, spellings of
three letters or more; ``benchmarks/heard.py``): the consonant skeletons alone meet 29.0 % of
them, with this model as well 37.9 %; a name against another pair's spelling (5,247 such
pairs) meets in 2 either way. The names that neither meets are mostly translations, and
Chinese people's names that the dictionary spells otherwise than in pinyin.

Repeated letters count once (Sutton is heard as suton), and letters are ASCII: a spelling is
folded as a name is (``fold``)."""

from __future__ import annotations

import heapq
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from countersight.matching.phonetic import MAX_PIECE, MEAN_LOG, Model, initial_class, squashed

ROUNDS: Final = 5
LEAST_SEEN: Final = 2
"""A piece a syllable writes counts once it was seen for that syllable this many times."""

# The first letters a piece may begin with for each class of a syllable's initial (in the
# first round only: then the counts decide).
_OPENINGS: Final = {
    "p": "bp",
    "t": "dt",
    "k": "gkcq",
    "s": "scjxzt",
    "l": "lr",
    "w": "wvfuo",
    "m": "m",
    "n": "n",
    "f": "fvp",
    "h": "hkg",
    "": "aeiouyhjw",
}


def fold(text: str) -> str:
    """A spelling as lower-case ASCII letters only: Müller -> muller, David-Néel -> davidneel."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def learn(examples: Iterable[tuple[Sequence[str], str]], rounds: int = ROUNDS) -> Model:
    """The model from pairs of a name's pinyin syllables and its Latin spelling (``fold``ed).
    The same pairs give the same model, in any order (each cut is the likeliest, the first
    of equals from the left)."""
    pairs = [(tuple(s), squashed(w)) for s, w in examples if s and len(w) >= len(s)]
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    score: Callable[[str, str], float] = _first_guess
    for _ in range(rounds):
        counts, totals = Counter(), Counter()
        for syllables, word in pairs:
            pieces = align(syllables, word, score)
            if pieces is None:
                continue
            for syllable, piece in zip(syllables, pieces, strict=True):
                counts[syllable, piece] += 1
                totals[syllable] += 1
        score = _counted(counts, totals)
    model: Model = {}
    for (syllable, piece), seen in sorted(counts.items()):
        if seen >= LEAST_SEEN:
            model.setdefault(syllable, {})[piece] = math.log(seen / totals[syllable])
    return model


def spellings(model: Model, syllables: Sequence[str], most: int) -> list[str]:
    """The ``most`` likeliest words (``squashed``) these syllables write, by the model, of
    those it hears as them (a mean logarithm of ``MEAN_LOG`` or more), likeliest first: what a
    screening index looks a Latin word up by, to find the foreign names in Chinese it may
    sound like (the words ``phonetic.heard_alike`` hears are more, but these are most of the
    ones names are spelt with)."""
    beam: list[tuple[float, str]] = [(0.0, "")]
    for syllable in syllables:
        pieces = model.get(syllable)
        if not pieces:
            return []
        grown = {
            (score + logarithm, word + piece)
            for score, word in beam
            for piece, logarithm in pieces.items()
        }
        # The likeliest first, and of equal ones the first in the alphabet (the same beam on
        # every run).
        beam = heapq.nsmallest(most, grown, key=lambda x: (-x[0], x[1]))
    least = MEAN_LOG * len(syllables)
    return list(dict.fromkeys(squashed(word) for score, word in beam if score >= least))


def align(
    syllables: Sequence[str], word: str, score: Callable[[str, str], float]
) -> list[str] | None:
    """``word`` cut into one non-empty piece per syllable, of ``MAX_PIECE`` letters at most,
    the cut with the highest total ``score``; None where there is none."""
    size = len(word)
    lowest = -math.inf
    best = [[lowest] * (size + 1) for _ in range(len(syllables) + 1)]
    back = [[0] * (size + 1) for _ in range(len(syllables) + 1)]
    best[0][0] = 0.0
    for i, syllable in enumerate(syllables):
        for j in range(size):
            if best[i][j] == lowest:
                continue
            for k in range(j + 1, min(size, j + MAX_PIECE) + 1):
                value = best[i][j] + score(syllable, word[j:k])
                if value > best[i + 1][k]:
                    best[i + 1][k] = value
                    back[i + 1][k] = j
    if best[len(syllables)][size] == lowest:
        return None
    pieces: list[str] = []
    end = size
    for i in range(len(syllables), 0, -1):
        start = back[i][end]
        pieces.append(word[start:end])
        end = start
    return pieces[::-1]


def _first_guess(syllable: str, piece: str) -> float:
    """Before anything is counted: a piece that begins as its syllable may, of two or three
    letters rather than one or six."""
    kind = "" if syllable[:1] in "yw" and syllable[:2] != "wa" else initial_class(syllable)
    begins = piece[0] in _OPENINGS[kind]
    return (2.0 if begins else -1.0) - 0.3 * abs(len(piece) - 2.5)


def _counted(counts: Counter[tuple[str, str]], totals: Counter[str]) -> Callable[[str, str], float]:
    def score(syllable: str, piece: str) -> float:
        return math.log((counts[syllable, piece] + 0.05) / (totals[syllable] + 1.0))

    return score
