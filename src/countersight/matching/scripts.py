"""Which writing system a name is in: Latin, Han, Cyrillic, Arabic and the others."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_FIRST_WORD: Final = {
    "CJK": "Han",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Hangul",
    "LATIN": "Latin",
    "CYRILLIC": "Cyrillic",
    "ARABIC": "Arabic",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "THAI": "Thai",
    "DEVANAGARI": "Devanagari",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "ETHIOPIC": "Ethiopic",
    "KHMER": "Khmer",
    "MYANMAR": "Myanmar",
    "PERSIAN": "Arabic",
}


_ASCII_LETTER: Final = re.compile("[A-Za-z]")


def _char_script(char: str) -> str | None:
    if not char.isalpha():
        return None
    try:
        first = unicodedata.name(char).split()[0]
    except ValueError:
        return None
    return _FIRST_WORD.get(first, first.title())


_SCRIPTS: Final[dict[str, str | None]] = {}
"""``_char_script`` of each character met so far (a few thousand at most: a table costs less
to read than a cache of a function's answers)."""


def script_of(text: str) -> str | None:
    """The script most of the letters in ``text`` are written in; None if it has no letters."""
    if text.isascii():  # most names: no need to look letter by letter
        return "Latin" if text[:1].isalpha() or _ASCII_LETTER.search(text) else None
    counts: dict[str, int] = {}  # a plain loop: a Counter cost more than the letters
    for char in text:
        script = _SCRIPTS.get(char, "")  # "": not met yet
        if script == "":
            script = _SCRIPTS[char] = _char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    if "Japanese" in counts:  # kana among Han characters: Japanese, not Chinese
        return "Japanese"
    return max(counts, key=counts.__getitem__)  # of equal counts, the first met
