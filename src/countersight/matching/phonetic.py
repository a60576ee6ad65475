"""Sound-alikes across scripts: a Chinese brand and the Latin spelling a company chose for it.

A Chinese company's English name often spells its brand by ear rather than in pinyin: 莫斯特
(Mosite) is "Most", 达仕恩 (Dashien) "Dason", 沃融 (Worong) "Woeroon", 码可菠萝 (Makeboluo)
"MKPL". Vowels move freely in such spellings; consonants mostly keep their place of
articulation. So both sides are reduced to a *consonant skeleton*: vowels and glides dropped,
consonants folded into a few classes (voiced and voiceless alike, b/p, d/t, g/k; the hissing
sounds s, z, c, j, q, x, zh, ch, sh one class, as Wade-Giles and Cantonese spellings blur them;
l and r one; n and ng one), a repeat merged where no vowel comes between. A Latin word's
skeleton is read from its English spelling, a Han brand's from its pinyin syllables (an
abbreviation, a word of consonants only, from their initials). The vowel right after the first
consonant must agree too (in three classes), where both sides have one; a skeleton of two
consonants only counts with that vowel to go by, or with spellings within two edits.

A Latin word is also read as a Chinese ear hears English (``_readings``: an r after a vowel
unheard, a final x as s, ch as k). A brand and a word may also sound alike *loosely*, at a lower
similarity: once the word's final stop is dropped, or the brand's nasal finals, or one of its
syllables that render a consonant alone (``loose_latin_skeletons``,
``loose_syllable_skeletons``); then the vowel after the first consonant must be there on both
sides and agree. Where these rules refuse a pair, it may still sound alike at that lower
similarity when the word can be cut into pieces that the brand's syllables write, as learnt
from the foreign names CC-CEDICT spells (``heard_alike``, ``heard``): 萨顿 sa-dun is Sutton,
though its vowel is another.

The same skeleton is weak evidence on its own (many words share "ls" or "kt"): it only counts
between a Chinese brand of two syllables or more and a Latin word of three letters or more
that is not a place or a trade word, and ``names.compare`` asks for a place or trade word in
common before a sound-alike alone makes a match."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Protocol

from rapidfuzz.distance import Levenshtein

SOUND_SIMILARITY: Final = 0.9
"""The similarity of a Chinese brand and a Latin word with the same consonant skeleton."""
LOOSE_SOUND_SIMILARITY: Final = 0.85
"""The similarity of a Chinese brand and a Latin word that sound alike heard loosely (a
consonant that closes a syllable dropped, nasal finals or a consonant's syllable added)."""
MIN_SKELETON: Final = 2
"""Skeletons shorter than this (one consonant) say nothing."""
MIN_LATIN_LETTERS: Final = 3
MAX_PIECE: Final = 6
"""The most letters one syllable writes in a foreign name (schw, for 施瓦 shi-wa: Schwarz:
``heard``)."""
MEAN_LOG: Final = -2.5
"""The mean, over a name's syllables, of the logarithms of how often each writes its piece, at
or above which a word is ``heard_alike`` to the name."""

Model = dict[str, dict[str, float]]
"""How foreign names written in Chinese write sounds (``heard``): for each pinyin syllable,
the pieces of Latin spelling it writes and the logarithm of how often it writes each."""


class Sounded(Protocol):
    """What a word needs to be compared by sound (``normalize.Token`` is one)."""

    @property
    def text(self) -> str: ...
    @property
    def weak(self) -> bool: ...
    @property
    def syllables(self) -> tuple[str, ...]: ...


# One class per group of consonants that transliterations confuse; "" for what is dropped.
_CLASSES: Final = {
    **dict.fromkeys("bp", "p"),
    **dict.fromkeys("dt", "t"),
    **dict.fromkeys("gkq", "k"),
    **dict.fromkeys("cjsxz", "s"),
    **dict.fromkeys("lr", "l"),
    **dict.fromkeys("vw", "w"),
    "m": "m",
    "n": "n",
    "f": "f",
    "h": "h",
}
_PINYIN_CLASSES: Final = {**_CLASSES, "q": "s"}
# English spelling: digraphs first (longest first), then c and x by what follows.
_ENGLISH_DIGRAPHS: Final = re.compile(
    r"sch|tch|ph|ck|th|gh|hs|ts|tz|sh|ch|zh|ng(?![aeiouy])|qu|c(?=[eiy])|^x"
)
_ENGLISH_DIGRAPH_SOUNDS: Final = {
    "sch": "s",
    "tch": "s",
    "ph": "f",
    "ck": "k",
    "th": "t",
    "gh": "",
    "hs": "s",
    "ts": "s",
    "tz": "s",
    "sh": "s",
    "ch": "s",
    "zh": "s",
    "ng": "n",
    "qu": "k",
    "c": "s",
    "x": "s",
}
_PINYIN_DIGRAPHS: Final = re.compile(r"zh|ch|sh|ng")


def _collapse(classes: list[str]) -> str:
    """The classes in order, a repeat merged only where nothing came between (a vowel or a
    glide, given as "", keeps two apart: tian-yan is t-n-n, tianyi t-n)."""
    out: list[str] = []
    previous = ""
    for c in classes:
        if c and c != previous:
            out.append(c)
        previous = c
    return "".join(out)


@lru_cache(maxsize=65536)
def _english(word: str) -> str:
    """The skeleton of a word read as English spelling: Dason -> tsn, Alice -> ls."""
    classes: list[str] = []
    position = 0
    for match in _ENGLISH_DIGRAPHS.finditer(word):
        classes.extend(_english_letters(word[position : match.start()], position))
        classes.append(_ENGLISH_DIGRAPH_SOUNDS[match.group(0)])
        position = match.end()
    classes.extend(_english_letters(word[position:], position))
    return _collapse(classes)


def _english_letters(part: str, offset: int) -> list[str]:
    out: list[str] = []
    for i, ch in enumerate(part):
        if ch == "h" and offset + i > 0:
            continue  # an h after the first letter is silent or part of a vowel
        if ch == "x":
            out.extend(("k", "s"))
        elif ch == "c":
            out.append("k")
        else:
            out.append(_CLASSES.get(ch, ""))
    return out


# How a Chinese ear reads an English spelling besides letter by letter: an r after a vowel is
# not heard (Vortex 沃態偲 wo-tai-si, Ford 福特, as British English drops it), an x that ends
# the word is its s alone (Rolex 劳力士 lao-li-shi: a Chinese syllable cannot end in the k),
# a ch may be a k (tech, chem, chrome), and a th is an s (Smith 史密斯 shi-mi-si, Northrop
# 诺斯罗普 nuo-si-luo-pu: Mandarin has no th).
_POST_VOCALIC_R: Final = re.compile(r"(?<=[aeiouy])r(?![aeiouy])")
_HARD_CH: Final = re.compile(r"(?<![st])ch")


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[str, ...]:
    """The spellings a word may be heard as: itself first, then with the rules above."""
    spellings = {word: None}
    for rule in (
        lambda w: _POST_VOCALIC_R.sub("", w),
        lambda w: w[:-1] + "s" if len(w) > 1 and w.endswith("x") else w,
        lambda w: _HARD_CH.sub("k", w),
        lambda w: w.replace("th", "s"),
    ):
        for w in list(spellings):
            spellings.setdefault(rule(w), None)
    return tuple(spellings)


def _pinyin(word: str) -> str:
    """The skeleton of a pinyin spelling: Xinyi -> sn."""
    return _collapse(
        [
            "s" if p in ("zh", "ch", "sh") else "n" if p == "ng" else _PINYIN_CLASSES.get(p, "")
            for p in _pinyin_pieces(word)
        ]
    )


def _pinyin_pieces(word: str) -> list[str]:
    pieces: list[str] = []
    position = 0
    for match in _PINYIN_DIGRAPHS.finditer(word):
        pieces.extend(word[position : match.start()])
        pieces.append(match.group(0))
        position = match.end()
    pieces.extend(word[position:])
    return pieces


@lru_cache(maxsize=65536)
def latin_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of a Latin word as English spelling reads it, letter by letter first,
    then as a Chinese ear may hear it (``_readings``: those of three consonants or more only).
    None for a word of consonants only, an abbreviation, that has fewer than three: RSS is no
    brand's sound."""
    skeleton = _english(word)
    if len(skeleton) < MIN_SKELETON or (len(skeleton) < 3 and not _VOWELS.intersection(word)):
        return ()
    if not _VOWELS.intersection(word):
        return (skeleton,)  # an abbreviation is read letter by letter
    heard = (_english(w) for w in _readings(word)[1:])
    return tuple(dict.fromkeys((skeleton, *(k for k in heard if len(k) >= 3))))


@lru_cache(maxsize=65536)
def loose_latin_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of a Latin word without the stop that ends it (p, t, k and their voiced
    kin): a Chinese syllable cannot end in one, and a transliteration often drops it rather
    than give it a syllable of its own (Kodak 柯达 ke-da, Walmart 沃尔玛; Welltech, tech heard
    as tek, 威洱斯泰 wei-er-si-tai). Only those of three consonants or more that are none of
    ``latin_skeletons``; none for an abbreviation."""
    if not _VOWELS.intersection(word):
        return ()
    exact = latin_skeletons(word)
    out: dict[str, None] = {}
    for spelling in _readings(word):
        reading = _english(spelling)
        if len(reading) > 3 and reading[-1] in _STOPS and spelling[-1] not in _VOWELS:
            out.setdefault(reading[:-1], None)
    return tuple(k for k in out if k not in exact)


_STOPS: Final = frozenset("ptk")


@lru_cache(maxsize=65536)
def syllable_skeleton(syllables: tuple[str, ...], finals: bool = True) -> str:
    """The skeleton of a Chinese brand from its pinyin syllables: 达仕恩 (da shi en) -> tsn.
    Each syllable gives its initial and, for a nasal final, an n (unless ``finals`` is false:
    the initials alone, as an abbreviation spells them); "er" is heard as an r."""
    classes: list[str] = []
    for syllable in syllables:
        if syllable == "er":
            classes.append("l")
            continue
        classes.append(initial_class(syllable))
        if finals and syllable.endswith(("n", "ng")) and len(_pinyin_pieces(syllable)) > 1:
            classes.append("n")
    return _collapse(classes)


def initial_class(syllable: str) -> str:
    """The class of a pinyin syllable's initial (``_PINYIN_CLASSES``; zh, ch, sh hiss as s);
    "" where it begins with a vowel or a y."""
    pieces = _pinyin_pieces(syllable)
    initial = pieces[0] if pieces else ""
    return _pinyin(initial) if initial not in "aeiouvy" else ""


@lru_cache(maxsize=65536)
def loose_syllable_skeletons(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """The skeletons of a Chinese brand heard more loosely: without its nasal finals (a brand
    picks its characters for their meaning too, and 宏 hong, 芯 xin add an n that the English
    name lacks: 宏芯微 Horsway), and with a syllable that stands for a consonant alone left out
    (not the first: 斯 si, 特 te, 尔 er often render a consonant the English spelling has no
    letter for). Only those of three consonants or more that are not the full skeleton."""
    full = syllable_skeleton(syllables)
    spellings = [syllables]
    spellings += [
        syllables[:i] + syllables[i + 1 :]
        for i in range(1, len(syllables))
        if syllables[i] in _BARE
    ]
    out: dict[str, None] = {}
    for spelling in spellings:
        for finals in (True, False):
            k = syllable_skeleton(spelling, finals)
            if len(k) >= 3 and k != full:
                out[k] = None
    return tuple(out)


def _brand(t: Sounded) -> bool:
    return len(t.syllables) >= 2


def _latin_word(t: Sounded) -> bool:
    return not t.syllables and not t.weak and len(t.text) >= MIN_LATIN_LETTERS and t.text.isalpha()


def sound_similarity(a: Sounded, b: Sounded) -> float:
    """``SOUND_SIMILARITY`` for a Chinese brand and a Latin word that sound alike (the same
    consonant skeleton), ``LOOSE_SOUND_SIMILARITY`` for those that sound alike once a
    transliteration's liberties are allowed for (``loose_latin_skeletons``,
    ``loose_syllable_skeletons``), or that are ``heard_alike`` as the dictionary's foreign
    names write sounds, else 0."""
    if _brand(a) and _latin_word(b):
        han, latin = a, b
    elif _brand(b) and _latin_word(a):
        han, latin = b, a
    else:
        return 0.0
    # A word of consonants only is an abbreviation: of the syllables' initials.
    worded = bool(_VOWELS.intersection(latin.text))
    skeleton = syllable_skeleton(han.syllables, worded)
    han_vowel, latin_vowel = _han_vowel(han.syllables), _latin_vowel(latin.text)
    if len(skeleton) >= MIN_SKELETON and skeleton in latin_skeletons(latin.text):
        # Not with a different vowel, nor with two consonants only, no vowel to go by and the
        # spellings more than two edits apart (the model below may still hear them alike).
        conflict = bool(han_vowel and latin_vowel)
        far = len(skeleton) < 3 and Levenshtein.distance(han.text, latin.text) > 2
        if han_vowel == latin_vowel or not (conflict or far):
            return SOUND_SIMILARITY
    elif worded and han_vowel and han_vowel == latin_vowel and _loosely(han.syllables, latin.text):
        return LOOSE_SOUND_SIMILARITY  # a vowel to go by, and the same
    if worded and heard_alike(han.syllables, latin.text):
        return LOOSE_SOUND_SIMILARITY  # as the dictionary's foreign names write their sounds
    return 0.0


@lru_cache(maxsize=65536)
def heard_alike(syllables: tuple[str, ...], word: str) -> bool:
    """Whether ``word`` can be cut into pieces that ``syllables`` write, one a syllable, as
    the dictionary's foreign names do (``heard``), likely enough: ``heard_in`` the model
    learnt from them."""
    from countersight.matching import foreign  # which learns the model, from ``heard``

    return heard_in(foreign.HEARD, syllables, word)


def heard_in(pieces_of: Model, syllables: tuple[str, ...], word: str) -> bool:
    """``heard_alike`` by the model ``pieces_of``: a mean logarithm of how often each
    syllable writes its piece of ``MEAN_LOG`` or more."""
    letters = squashed(word)
    size = len(letters)
    if size < len(syllables):
        return False
    lowest = -1e9
    best = [lowest] * (size + 1)
    best[0] = 0.0
    for syllable in syllables:
        pieces = pieces_of.get(syllable)
        if not pieces:
            return False
        after = [lowest] * (size + 1)
        for start in range(size):
            so_far = best[start]
            if so_far == lowest:
                continue
            for end in range(start + 1, min(size, start + MAX_PIECE) + 1):
                found = pieces.get(letters[start:end])
                if found is not None and so_far + found > after[end]:
                    after[end] = so_far + found
        best = after
    return best[size] >= MEAN_LOG * len(syllables)


def squashed(word: str) -> str:
    """A repeated letter once: sutton -> suton (as ``heard`` reads spellings)."""
    for i in range(1, len(word)):
        if word[i] == word[i - 1]:
            break
    else:
        return word  # most words: nothing to squash (screening asks it of every Latin word)
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def brand_skeletons(syllables: tuple[str, ...]) -> frozenset[str]:
    """Every skeleton by which a brand with these syllables may sound like a word, strictly
    or loosely: a word that has none of them (``word_skeletons``) sounds like no such brand."""
    return frozenset(
        (
            syllable_skeleton(syllables),
            syllable_skeleton(syllables, False),
            *loose_syllable_skeletons(syllables),
            *_heard_ends(syllables),
        )
    )


def _heard_ends(syllables: tuple[str, ...]) -> list[str]:
    """The first and last letters a word may have to be ``heard_alike`` to these syllables
    (those of the pieces their first syllable writes, and their last), as keys that no
    skeleton is: "~" and the two letters."""
    from countersight.matching import foreign  # as ``heard_alike``

    if not syllables:
        return []
    first = foreign.HEARD.get(syllables[0])
    last = foreign.HEARD.get(syllables[-1])
    if not first or not last:
        return []
    openings = {piece[0] for piece in first}
    endings = {piece[-1] for piece in last}
    return ["~" + a + b for a in sorted(openings) for b in sorted(endings)]


@lru_cache(maxsize=65536)
def word_skeletons(word: str) -> frozenset[str]:
    """Every skeleton by which a Latin word may sound like a brand (``brand_skeletons``), and
    its first and last letters, by which it may be ``heard_alike`` to one."""
    return frozenset(
        (*latin_skeletons(word), *loose_latin_skeletons(word), f"~{word[:1]}{word[-1:]}")
    )


def telling_sound(a: Sounded, b: Sounded) -> bool:
    """Whether a Chinese brand and a Latin word that sound alike (``sound_similarity``) do so
    by three consonants or more: two consonants alike are a matter of chance more often."""
    han = a if _brand(a) else b
    return len(syllable_skeleton(han.syllables)) >= 3


@lru_cache(maxsize=65536)
def _loosely(syllables: tuple[str, ...], word: str) -> bool:
    """Whether a brand and a word sound alike heard loosely on one side or on both."""
    han = {syllable_skeleton(syllables), *loose_syllable_skeletons(syllables)}
    return not han.isdisjoint(latin_skeletons(word)) or not han.isdisjoint(
        loose_latin_skeletons(word)
    )


# The vowel after the first consonant, in three classes (a; e, i, y; o, u): the one vowel a
# spelling by ear keeps (Dason and 达仕恩 da-shi-en; not 迪杰恩 di-jie-en).
_VOWELS: Final = frozenset("aeiouy")
_VOWEL_CLASSES: Final = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "o", "u": "o", "v": "o"}
_BARE: Final = frozenset(
    {"si", "zi", "ci", "shi", "zhi", "chi", "ri", "te", "de", "ke", "ge", "le", "er"}
)
"""Syllables that transliterations use for a consonant alone (Most is 莫斯特 mo-si-te): their
vowel is not heard."""


@lru_cache(maxsize=65536)
def _latin_vowel(word: str) -> str:
    """The class of the vowel right after the word's first consonant; "" when a consonant
    follows it (a cluster, an abbreviation): nothing to compare."""
    for i, ch in enumerate(word):
        if _CLASSES.get(ch) and not (ch == "h" and i > 0):
            rest = _ENGLISH_DIGRAPHS.match(word, i)
            after = rest.end() if rest else i + 1
            return _VOWEL_CLASSES.get(word[after : after + 1], "") if after < len(word) else ""
    return ""


@lru_cache(maxsize=65536)
def _han_vowel(syllables: tuple[str, ...]) -> str:
    for syllable in syllables:
        pieces = _pinyin_pieces(syllable)
        if pieces and pieces[0] not in "aeiouvy":
            if syllable in _BARE:
                return ""
            return _VOWEL_CLASSES.get(pieces[1], "") if len(pieces) > 1 else ""
        if syllable.endswith("n"):
            return ""  # the first consonant is a nasal final: no vowel after it here
    return ""


def can_sound(t: Sounded) -> bool:
    """Whether ``sound_similarity`` can be more than 0 for this word against some other."""
    return _brand(t) or _latin_word(t)


def sound_keys(t: Sounded, loose: bool = False) -> tuple[str, ...]:
    """The skeletons a word is looked up by (none for a word that is never compared by
    sound, or whose skeleton is too short to tell anything); with ``loose``, those of
    ``loose_latin_skeletons`` or ``loose_syllable_skeletons`` instead."""
    if _brand(t):
        if loose:
            return loose_syllable_skeletons(t.syllables)
        keys = (syllable_skeleton(t.syllables), syllable_skeleton(t.syllables, False))
        return tuple(k for k in dict.fromkeys(keys) if len(k) >= MIN_SKELETON)
    if _latin_word(t):
        return loose_latin_skeletons(t.text) if loose else latin_skeletons(t.text)
    return ()
