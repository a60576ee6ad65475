"""Chinese characters written one way or another: traditional, simplified, and the Japanese
forms (shinjitai), by OpenCC, the open conversion project (its ``opencc`` package).

Names are written either way: 美星國際貿易 and 美星国际贸易 are the same company, so one glossary
serves both once the text is simplified (by phrase, as OpenCC converts: 乾隆 stays, 乾燥 is
干燥). Cantonese spellings are listed by traditional character, so a simplified one has those
of its traditional forms (``simplified_each``); and a Japanese name's characters are compared
with a Chinese rendering of it by their simplified forms (高沢 is 高泽)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import opencc

_TO_SIMPLIFIED: Final = opencc.OpenCC("t2s.json")
_JAPANESE_TO_TRADITIONAL: Final = opencc.OpenCC("jp2t.json")
# Not the other way (s2t): its table of phrases takes 27 MB, these two 3 MB.


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """``text`` in simplified characters (traditional ones converted, by phrase)."""
    return str(_TO_SIMPLIFIED.convert(text))


def simplified_each(characters: list[str]) -> list[str]:
    """Each of ``characters`` simplified on its own (not as a phrase), in one call."""
    return str(_TO_SIMPLIFIED.convert("\n".join(characters))).split("\n")


@lru_cache(maxsize=65536)
def folded(character: str) -> str:
    """A character as simplified Chinese writes it, whichever way it is written: traditional,
    simplified or Japanese (沢, 澤 and 泽 are 泽)."""
    return simplified(str(_JAPANESE_TO_TRADITIONAL.convert(character)))
