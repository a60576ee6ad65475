"""Wade-Giles, the romanisation of Chinese that Taiwan and older lists write names in (Mao
Tse-tung, Chiang Ching-kuo, Hsu Chih-ming), read back as pinyin (Mao Zedong, Jiang Jingguo, Xu
Zhiming), by pypinyin's table of every pinyin syllable in Wade-Giles.

Lists drop the apostrophe that tells an aspirated consonant (ch'ing, qing) from the plain one
(ching, jing), and the umlaut: so a Wade-Giles syllable as written may be up to four pinyin
syllables (chuan: juan, zhuan, chuan, quan), the plain ones first."""

from __future__ import annotations

from functools import cache

# pypinyin's own table (421 syllables), which its Style.WADEGILES reads: the table itself, not
# that conversion, which reads a syllable the table writes alike as two parts (lai as lei).
# No public name; pypinyin is pinned to a range (pyproject), and a test reads the table.
from pypinyin.style.wadegiles import _convert_table


def _folded(syllable: str) -> str:
    """A syllable as a Latin name writes it: no apostrophe, no umlaut (lü and lv are lu)."""
    return syllable.replace("'", "").replace("ü", "u").replace("v", "u")


@cache
def readings() -> dict[str, tuple[str, ...]]:
    """Each Wade-Giles syllable as written (``_folded``) and the pinyin syllables it may be,
    those written without an apostrophe first (tse: ze, then ce)."""
    plain: dict[str, list[str]] = {}
    aspirated: dict[str, list[str]] = {}
    for pinyin, wade_giles in _convert_table:
        into = aspirated if "'" in wade_giles else plain
        found = into.setdefault(_folded(wade_giles), [])
        if _folded(pinyin) not in found:
            found.append(_folded(pinyin))
    return {
        written: tuple(dict.fromkeys([*plain.get(written, []), *aspirated.get(written, [])]))
        for written in sorted(plain.keys() | aspirated.keys())
    }


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every pinyin syllable as a Latin name writes it (``_folded``)."""
    return frozenset(_folded(pinyin) for pinyin, _ in _convert_table)
