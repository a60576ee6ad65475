"""Japanese kana in the Hepburn spelling that passports and lists give Japanese names.

anyascii spells kana one by one: きょうこ comes out "kiyouko" where a list writes Kyoko, and a
name in kana is a word, not a syllable to a token. So a run of kana is read as one word, in
Hepburn as Japanese passports write it: a syllable with a small ya, yu or yo as one (きょ kyo,
しゅ shu, ちゃ cha); the small tsu as the next consonant doubled (けっこ kekko, まっちゃ
matcha); a long vowel as one (おう and おお o, うう u; the katakana mark ー dropped), with
the spelling that writes it (ou, uu) as another. Katakana read as hiragana. Kanji are not kana:
without a dictionary of their Japanese readings they are read elsewhere (``normalize``).

Written for Countersight from the Hepburn table; no installed library spells kana so."""

from __future__ import annotations

from functools import lru_cache

_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
}
_IRREGULAR = {"し": "shi", "じ": "ji", "ち": "chi", "ぢ": "ji", "つ": "tsu", "づ": "zu", "ふ": "fu"}
_SYLLABLES: dict[str, str] = {
    kana: _IRREGULAR.get(kana, consonant + vowel)
    for consonant, row in _ROWS.items()
    for kana, vowel in zip(row, "aiueo", strict=True)
}
_SYLLABLES.update(
    {"や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "を": "o", "ん": "n", "ゔ": "vu"}
)
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゎ": "wa"}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SOKUON = "っ"
_LONG = "ー"
_KATAKANA = range(0x30A1, 0x30F7)
"""Katakana with a hiragana counterpart 0x60 below."""


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u3096" or ch == _LONG or ord(ch) in _KATAKANA


def _hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if ord(ch) in _KATAKANA else ch for ch in text)


@lru_cache(maxsize=1 << 14)
def spellings(run: str) -> tuple[str, ...]:
    """A run of kana in Hepburn: as passports write it (long vowels as one vowel) first, then
    with long vowels written out where that differs. Empty for text without kana."""
    written = _hepburn(_hiragana(run))
    if not written:
        return ()
    short = written.replace("ou", "o").replace("oo", "o").replace("uu", "u")
    return (short,) if short == written else (short, written)


def _hepburn(text: str) -> str:
    """Kana to Hepburn with long vowels written out (おう ou)."""
    out: list[str] = []
    double = False
    for ch in text:
        if ch in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) > 1:
            base = out[-1][:-1]  # ki + ya: kya; shi + ya: sha; chi + ya: cha; ji + ya: ja
            out[-1] = base + ("" if base.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch]
            continue
        if ch in _SMALL_VOWELS:
            out.append(_SMALL_VOWELS[ch])
            continue
        if ch in _SMALL_Y:
            out.append("y" + _SMALL_Y[ch])
            continue
        if ch == _SOKUON:
            double = True
            continue
        if ch == _LONG:
            continue
        syllable = _SYLLABLES.get(ch)
        if syllable is None:
            continue
        if double:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double = False
        out.append(syllable)
    return "".join(out)
