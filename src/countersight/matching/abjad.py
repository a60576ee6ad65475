"""Names written in an abjad (Arabic, Persian, Urdu, Hebrew) against their Latin spellings.

An abjad writes consonants and long vowels and leaves the short vowels out: محمد is m-h-m-d,
and a list spells it Mohammed, Muhammad or Mohamed. Transliterated letter by letter (ICU,
through rigour: ``normalize``), such a word keeps what was written, "mhmd", "hsyn", "ywsf",
which no typo tolerance brings to "hussein" or "yusuf". So such a word meets a Latin one that
has:
- the same consonants in the same order, read in the classes transliterations confuse (q and
  k; kh, and ch as French writes sh; th and t; dh and d; zh, Persian's ژ, and j; a letter
  doubled or not), a final h
  written or not, and a final t that stands for ta marbuta (أسامة asamt, Osama) written or
  not;
- a vowel wherever the abjad wrote one: alef (a) where the Latin has a vowel, waw (w) a
  consonant w or a vowel with o or u in it, ya (y) a consonant y or a vowel with i, e or y in
  it; elsewhere a short vowel the abjad did not write, one letter at most (so محمد is
  Mohammed, not Mahmoud, which is محمود mhmwd). Ayn and hamza, which ICU writes as "?", come
  as "e" (``normalize``), a vowel the Latin name may write or not (Ismail, Ismaeel; Saad).

The article written onto the word (الرشيد alrshyd) may be missing from the Latin one, where it
is a word of its own (al-Rashid). Words of one consonant only meet a Latin word of at most
five letters (علي ely, Ali; الله allh, Allah).

``skeletons`` gives the consonant classes only (what an index looks words up by); ``meets``
checks the vowels as well, class by class (``_Match``: a small matcher, compiled with the
core, where regular expressions cost a compilation for every word). Written for Countersight:
transliteration conventions of names, not a table of any library's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

SIMILARITY: Final = 0.9
"""How alike an abjad word and a Latin word that ``meets`` it are: the same consonants and
long vowels, the short vowels unknown."""

_DIGRAPH_CLASSES: Final = {
    "kh": "x",
    "sh": "$",
    "ch": "$",
    "th": "t",
    "dh": "d",
    "gh": "g",
    "ph": "f",
    "ck": "k",
    "zh": "j",
}
_DIGRAPHS: Final = re.compile("|".join(_DIGRAPH_CLASSES))
_LETTER_CLASSES: Final = {"q": "k", "c": "k"}
_SHORT: Final = frozenset("aeiou")
_VOCALIC: Final = frozenset("aeiouy")
_SEMIVOWELS: Final = frozenset("wy")
_MARKS: Final = {"w": frozenset("ou"), "y": frozenset("iey")}


def _classes(word: str) -> list[str]:
    """A word's letters as consonant classes and vowels, digraphs first."""
    out: list[str] = []
    position = 0
    for match in _DIGRAPHS.finditer(word):
        out.extend(_LETTER_CLASSES.get(ch, ch) for ch in word[position : match.start()])
        out.append(_DIGRAPH_CLASSES[match.group(0)])
        position = match.end()
    out.extend(_LETTER_CLASSES.get(ch, ch) for ch in word[position:])
    if _BETWEEN in word:
        out = [c for c in out if c != _BETWEEN]
    return out


def _skeleton(classes: list[str]) -> str:
    """The consonant classes without vowels, semivowels and a final h, a repeat merged."""
    consonants = [c for c in classes if c not in _SHORT and c not in _SEMIVOWELS]
    if consonants and consonants[-1] == "h":
        consonants.pop()
    out: list[str] = []
    for c in consonants:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_UNWRITTEN: Final = str.maketrans("qc", "kk", "aeiouwy")
_REPEATS: Final = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 17)
def latin_skeleton(word: str) -> str:
    """``latin_consonants``, kept for the words screening meets again."""
    return latin_consonants(word)


def latin_consonants(word: str) -> str:
    """A Latin word's consonant classes (``skeletons``' counterpart): what ``_skeleton`` makes
    of its ``_classes``, in string operations (an index reads every person's Latin word).
    Digraphs are read one after the other rather than from left to right: the two differ only
    where digraphs overlap ("ckh"), which names do not spell."""
    spelt = word
    for digraph, letter in _DIGRAPH_CLASSES.items():
        if digraph in spelt:
            spelt = spelt.replace(digraph, letter)
    spelt = spelt.translate(_UNWRITTEN)
    if spelt.endswith("h"):
        spelt = spelt[:-1]
    return _REPEATS.sub(r"\1", spelt) if _REPEATS.search(spelt) else spelt


def by_consonants(words: Iterable[str]) -> dict[str, list[str]]:
    """``words`` by their consonants (``latin_consonants``), in order; none without any."""
    out: dict[str, list[str]] = {}
    for word in words:
        skeleton = latin_consonants(word)
        if skeleton:
            out.setdefault(skeleton, []).append(word)
    return out


def _readings(text: str) -> list[str]:
    """A transliterated abjad word as it may stand in a Latin name: as written; without a final
    t (ta marbuta); without the article written onto it; and with each two letters that ICU
    writes as one digraph read apart (``_APART``)."""
    readings = [text]
    if len(text) > 2 and text.endswith("t"):
        readings.append(text[:-1])
    if text.startswith("al") and len(text) > 4:
        readings.extend(r[2:] for r in list(readings))
    for reading in list(readings):
        for match in _APART.finditer(reading):
            split = match.start() + 1
            readings.append(reading[:split] + _BETWEEN + reading[split:])
    return readings


_APART: Final = re.compile("th|dh|sh|kh|gh")
"""ICU writes ث th, but also ط or ت and then heh or ح (طه Taha, سحر Sahar, فتحي Fathi); the
same for dh, sh, kh and gh: each such pair is read as one letter and as two."""
_BETWEEN: Final = "|"
"""Keeps two letters apart in a reading (``_classes`` reads no digraph across it)."""


@lru_cache(maxsize=1 << 16)
def skeletons(text: str) -> tuple[str, ...]:
    """The consonant classes a transliterated abjad word may have in a Latin spelling (empty
    for a word without consonants)."""
    found = dict.fromkeys(_skeleton(_classes(r)) for r in _readings(text))
    found.pop("", None)
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def meets(text: str, word: str) -> bool:
    """Whether a transliterated abjad word (``text``) and a Latin word are the same name: the
    same consonant classes, a vowel wherever the abjad wrote one. Kept per pair: the common
    names (Mohammed and its spellings) meet the same words query after query."""
    if len(word) < 2 or not word.isalpha():
        return False
    skeleton = latin_skeleton(word)
    if skeleton not in skeletons(text):
        return False
    if len(skeleton) < 2 and len(word) > 5:
        return False
    latin = _classes(word)
    for written, vocalic in _written(text):
        starts = _leading(latin) if vocalic else [0]
        if _Match(written, latin).at(0, starts):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def _written(text: str) -> tuple[tuple[list[str], bool], ...]:
    """The letter classes of each reading of an abjad word, and whether it starts with a vowel:
    a Latin word may have vowels before its first consonant only then (alef, ayn, hamza, waw,
    ya: ICU writes them all), so محمد is not Omid."""
    out: list[tuple[list[str], bool]] = []
    for reading in _readings(text):
        classes = _classes(reading)
        out.append((classes, bool(classes) and (classes[0] in _VOCALIC or classes[0] in _MARKS)))
    return tuple(out)


def _leading(latin: list[str]) -> list[int]:
    """Where the Latin word may start to match an abjad word that starts with a vowel: after
    any of its leading vowels (an ayn or a hamza may be written as one, or not at all)."""
    starts = [0]
    while starts[-1] < len(latin) and latin[starts[-1]] in _VOCALIC:
        starts.append(starts[-1] + 1)
    return starts


class _Match:
    """An abjad word's letter classes (``written``) against a Latin word's (``latin``), unit by
    unit: a consonant one or more times and then at most one vowel; alef one vowel or more (or
    none at the end); waw and ya their consonant or a run of vowels with o or u, i, e or y in
    it; a final h written or not (written, a consonant: طه Taha). Worked out from each place
    once (``_known``)."""

    def __init__(self, written: list[str], latin: list[str]) -> None:
        self.written = written
        self.latin = latin
        self._known: dict[int, bool] = {}

    def at(self, unit: int, starts: list[int]) -> bool:
        return any(self._from(unit, start) for start in starts)

    def _from(self, unit: int, place: int) -> bool:
        key = unit * 256 + place
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._step(unit, place)
        return known

    def _step(self, unit: int, place: int) -> bool:
        written, latin = self.written, self.latin
        if unit == len(written):
            return place == len(latin) or (place == len(latin) - 1 and latin[place] == "h")
        c = written[unit]
        last = unit == len(written) - 1
        if c in _SHORT:
            need = 1 if c == "a" and not last else 0
            end = place
            while True:
                if end - place >= need and self._from(unit + 1, end):
                    return True
                if end < len(latin) and latin[end] in _SHORT:
                    end += 1
                else:
                    return False
        if c in _MARKS:
            if place < len(latin) and latin[place] == c and self._from(unit + 1, place + 1):
                return True
            return any(self._from(unit + 1, end) for end in self._vowel_runs(place, c))
        if c == "h" and last and self._from(unit + 1, place):
            return True  # a final h not written; written, it is a consonant as any (Taha)
        end = place
        while end < len(latin) and latin[end] == c:
            end += 1
            if self._from(unit + 1, end) or (
                end < len(latin) and latin[end] in _VOCALIC and self._from(unit + 1, end + 1)
            ):
                return True
        return False

    def _vowel_runs(self, place: int, semivowel: str) -> list[int]:
        """The ends of the runs of vowels from ``place`` that stand for a long vowel written
        as waw or ya: short vowels, then one of its marks, then vowels or y."""
        latin, marks = self.latin, _MARKS[semivowel]
        ends: list[int] = []
        end = place
        marked = False
        while end < len(latin) and latin[end] in _VOCALIC:
            if latin[end] in marks:
                marked = True
            elif latin[end] not in _SHORT and not marked:
                break  # a y before the mark
            end += 1
            if marked:
                ends.append(end)
        return ends
