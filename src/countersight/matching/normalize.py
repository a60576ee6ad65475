"""Names to comparable forms: Unicode, case and punctuation; any script to Latin; legal forms
set aside; Chinese company names split into place, brand, trade words and legal form.

Pure functions, cached: the same name always gives the same form."""

from __future__ import annotations

import itertools
import json
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final, NamedTuple

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin
from rapidfuzz import process as _process
from rapidfuzz.distance import OSA as _OSA
from rigour._core import (  # no public wrapper: rigour pinned to 2.6.x
    ordinals_dict,
    person_name_prefixes_list,
    stopwords_list,
)
from rigour.names import extract_org_types, remove_person_prefixes
from rigour.text import ascii_text

from countersight.matching import foreign, hangul, kana, wadegiles
from countersight.matching.glossary import (
    BRACKETED_LEGAL_FORMS,
    HAN_LEGAL_FORMS,
    HAN_PLACES,
    HAN_TRADE_WORDS,
    HANGUL_COUNTRY_FIRST,
    HANGUL_LEGAL_FORMS,
    HANGUL_PLACES,
    HANGUL_TRADE_WORDS,
    LATIN_PHRASES,
    LATIN_WEAK_WORDS,
    ORG_WORDS,
    PARTICLES,
    PATRONYMIC_ENDINGS,
    PERSON_TITLES,
    VESSEL_PREFIXES,
)
from countersight.matching.hanzi import folded as folded_han
from countersight.matching.hanzi import simplified, simplified_each
from countersight.matching.scripts import script_of
from countersight.model import by_fields


@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    weak: bool = False
    """A word that says little about who is meant: a place, a trade word (technology, trading),
    a stop word, a title, a particle in a person's name (al, von, bin). It counts for less in
    the score."""
    alt: tuple[str, ...] = ()
    """Other spellings the word is known by (the initials of a Chinese brand's syllables)."""
    syllables: tuple[str, ...] = ()
    """The pinyin syllables of a Chinese brand (empty for any other word): what it sounds like,
    for ``phonetic.sound_similarity``."""
    aside: bool = False
    """A word in brackets on its own, "(SpaceTy)": a short name or a place beside the name,
    which a name in another script need not have."""
    abjad: bool = False
    """A word of a person's name written in Arabic or Hebrew, transliterated as written, short
    vowels unwritten ("mhmd"): it meets a Latin word by ``abjad.meets`` (Mohammed)."""
    han: str = ""
    """The characters of a Chinese brand, one for each of its ``syllables`` (empty for any
    other word): what they mean, for ``meanings``."""

    def __init__(
        self,
        text: str,
        weak: bool = False,
        alt: tuple[str, ...] = (),
        syllables: tuple[str, ...] = (),
        aside: bool = False,
        abjad: bool = False,
        han: str = "",
    ) -> None:
        # Written out, and the class not frozen (never change a token: they are shared):
        # compiled, the ``__init__`` that ``dataclass`` writes for a frozen class runs as
        # Python and sets each field through ``object.__setattr__``. ``NameForm`` likewise.
        self.text = text
        self.weak = weak
        self.alt = alt
        self.syllables = syllables
        self.aside = aside
        self.abjad = abjad
        self.han = han

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return by_fields(self)  # pickle cannot restore a compiled class otherwise (see there)

    @property
    def spellings(self) -> tuple[str, ...]:
        """The word and its other spellings."""
        return (self.text, *self.alt)


@lru_cache(maxsize=1 << 20)
def token(
    text: str,
    weak: bool = False,
    alt: tuple[str, ...] = (),
    syllables: tuple[str, ...] = (),
    aside: bool = False,
    abjad: bool = False,
    han: str = "",
) -> Token:
    """One shared Token per distinct word: a list of 50,000 entities repeats its words a lot."""
    return Token(sys.intern(text), weak, alt, syllables, aside, abjad, han)


_PLAIN: Final[list[dict[str, Token]]] = [{} for _ in range(8)]
"""``plain_token``'s tokens, by word, one table for each kind (weak, aside, abjad)."""


def plain_token(text: str, weak: bool = False, aside: bool = False, abjad: bool = False) -> Token:
    """``token`` for a word with no other spelling and no syllables (most words): looked up by
    the word alone in a table of its kind, which costs less than ``token``'s cache of all its
    arguments (compiled, a cached function is called as Python). Each table is emptied when
    it holds ``1 << 18`` words."""
    table = _PLAIN[(4 if weak else 0) + (2 if aside else 0) + (1 if abjad else 0)]
    found = table.get(text)
    if found is None:
        if len(table) >= 1 << 18:
            table.clear()
        found = table[text] = token(text, weak, (), (), aside, abjad)
    return found


@dataclass(slots=True, unsafe_hash=True)
class NameForm:
    """A name ready to compare: its tokens, its legal form, its script."""

    original: str
    tokens: tuple[Token, ...]
    org_types: tuple[str, ...]
    script: str | None
    size: int = 0
    """The length of the name written as one word, legal form included."""
    patronymics: tuple[int, ...] = ()
    """Where a person's name of three parts or more has a patronymic (Sergey Viktorovich
    Lavrov: 1)."""
    syllabic: bool = False
    """A person's name in Chinese, Korean or Japanese characters, a token to a syllable: a
    syllable left over is part of another given name or a surname, not a middle name."""
    brands: bool = False
    """Some token is a Chinese brand of an organisation's name (has ``Token.syllables``), which
    Latin words may spell apart: kept so that ``names.score_bound`` need not look through the
    tokens each time. The parts of a foreign person's name written in Chinese have syllables
    too, but no one spells them apart: such a name has no brands, and is bounded as others."""
    across_only: bool = False
    """A form for names in other scripts only (``given_name_joined``): two names in one script
    are compared by their own forms."""
    spoken: bool = False
    """A foreign person's name written in Chinese by sound, its parts parted by middle dots
    (``foreign``): written so, a name leaves out middle names and initials (``names``)."""

    def __init__(
        self,
        original: str,
        tokens: tuple[Token, ...],
        org_types: tuple[str, ...],
        script: str | None,
        size: int = 0,
        patronymics: tuple[int, ...] = (),
        syllabic: bool = False,
        brands: bool = False,
        across_only: bool = False,
        spoken: bool = False,
    ) -> None:
        # As ``Token``'s (never change a form: they are shared too).
        self.original = original
        self.tokens = tokens
        self.org_types = org_types
        self.script = script
        self.size = size
        self.patronymics = patronymics
        self.syllabic = syllabic
        self.brands = brands
        self.across_only = across_only
        self.spoken = spoken

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return by_fields(self)  # as ``Token``

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens)

    @property
    def strong(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if not t.weak)


_SPLIT: Final = re.compile(r"[^\w]+|_")
_HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_APOSTROPHES: Final = re.compile("['`\u2018\u2019\u02bc]")
_LEET: Final = str.maketrans("0134579", "oieastg")
_LEET_DIGITS: Final = frozenset("0134579")
_MIXED: Final = re.compile(r"(?=\w*[a-z])(?=\w*\d)\w+")
_DIGIT: Final = re.compile(r"\d")
_BRACKETED: Final = re.compile(r"\(([^()]*)\)")
_HANGUL: Final = re.compile(r"[\uac00-\ud7a3]+")
_PHRASES: Final = re.compile(r"\b(?:" + "|".join(map(re.escape, LATIN_PHRASES)) + r")\b")


_ASCII_APART: Final = str.maketrans(
    {
        **{c: " " for c in range(128) if not chr(c).isalnum()},
        ord("'"): None,
        ord("`"): None,
    }
)
"""For ``_latin``'s short way: apostrophes dropped, every other ASCII character that is not a
letter or a digit a space."""


def _latin(text: str) -> str:
    """Any script to lower-case ASCII words separated by single spaces. Apostrophes join
    (Qa'ida -> qaida); digits inside words read as the letters they imitate (Ig0r -> igor),
    where they do (``_digits_for_letters``: 3M stays 3m)."""
    if text.isascii() and "_" not in text:
        # What ``_latin_general`` comes to in ASCII (most names): letters and spaces only, or
        # apostrophes dropped and whatever is not a letter or a digit a space.
        if text.replace(" ", "").isalpha():
            return " ".join(text.lower().split())
        lowered = text.lower().translate(_ASCII_APART)
        if _DIGIT.search(lowered):
            lowered = _MIXED.sub(_unleet, lowered)
        return " ".join(lowered.split())
    return _latin_general(text)


def _latin_general(text: str) -> str:
    """``_latin`` for any text."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    ascii_form = (text if text.isascii() else " ".join(map(_ascii_word, text.split()))).lower()
    if _DIGIT.search(ascii_form):
        ascii_form = _MIXED.sub(_unleet, ascii_form)
    return " ".join(w for w in _SPLIT.split(ascii_form) if w)


_PREFIXES: Final[dict[str, tuple[str, ...]]] = {}
"""rigour's person name prefixes in lower case, by their first two letters (dr: Dr, Drs...;
none is shorter, and all begin in ASCII)."""
for _prefix in person_name_prefixes_list():
    _PREFIXES[_prefix[:2].lower()] = (*_PREFIXES.get(_prefix[:2].lower(), ()), _prefix.lower())
_LONGEST_PREFIX: Final = max(len(p) for found in _PREFIXES.values() for p in found)
_FOLDED_TO_ASCII: Final = frozenset("\u0130\u0131\u017f\u212a")
"""The letters outside ASCII that a regular expression ignoring case takes for ASCII ones
(capital I with a dot and dotless i for i, long s for s, the Kelvin sign for k)."""


def _without_prefixes(name: str) -> str:
    """rigour's ``remove_person_prefixes`` (a regular expression of all its prefixes, 4 to 20
    microseconds a name), asked only of a name it may change: one that starts with something
    other than a letter or a digit, or with a prefix in lower case as in any other (what the
    expression's ignoring of case compares, but for the few letters ``_FOLDED_TO_ASCII``: a
    name with one of those is always asked)."""
    if name[:1].isalnum() and (
        name.isascii() or _FOLDED_TO_ASCII.isdisjoint(name[: _LONGEST_PREFIX + 1])
    ):
        found = _PREFIXES.get(name[:2].lower())
        if found is None or not name.lower().startswith(found):
            return name
    return remove_person_prefixes(name)


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _numbers().written or not _digits_for_letters(word):
        return word
    return word.translate(_LEET)


def _digits_for_letters(word: str) -> bool:
    """Whether the digits of a word of letters and digits stand for letters (Ig0r, Sech1n,
    1vanov): it has three letters or more, each digit is one that looks like a letter, and no
    two stand together. Not a name made of both (3M, 3D Systems, 5G, A1, X5, 21Vianet, MiG29,
    Covid19): read as letters, 3D would be the name "Ed"."""
    letters = 0
    after_digit = False
    for ch in word:
        if ch.isdigit():
            if after_digit or ch not in _LEET_DIGITS:
                return False
            after_digit = True
        else:
            letters += 1
            after_digit = False
    return letters >= 3


_ICU_SCRIPTS: Final = frozenset({"Arabic", "Hebrew"})


@lru_cache(maxsize=65536)
def _ascii_word(word: str) -> str:
    """One word in ASCII. anyascii is fast and good for most scripts; for Arabic and Hebrew,
    which leave short vowels unwritten, ICU's transliteration (through rigour) keeps the long
    vowels and the article that anyascii drops, so it is worth its cost (cached per word). ICU
    writes ayn and hamza as "?", which split the word in two (جعفر "j fr"): they are written
    "e", a letter ICU never gives an Arabic word, which ``abjad`` reads as a vowel that Latin
    names may write or not (Ismail, Ismaeel; Jafar; Saad)."""
    if word.isascii():
        return word
    if script_of(word) in _ICU_SCRIPTS:
        if _ZWNJ in word:
            return "".join(_persian_part(part) for part in word.split(_ZWNJ))
        return ascii_text(word).replace("?", "e")
    return anyascii(word)


_ZWNJ: Final = "\u200c"
"""The zero-width non-joiner, which Persian writes between the parts of one word (احمدی‌نژاد
Ahmadinejad, خامنه‌ای Khamenei), and ICU as "?"."""


def _persian_part(part: str) -> str:
    """A part of a Persian word before or after a zero-width non-joiner (``_ascii_word``): a
    heh that ends it is the vowel e, as at the end of a word (خامنه Khamene), so "e" like an
    ayn (``abjad``: a vowel the Latin name may write or not)."""
    text = ascii_text(part).replace("?", "e")
    return text[:-1] + "e" if part.endswith("\u0647") and text.endswith("h") else text


def _han_tokens(text: str, schema: str = "LegalEntity") -> tuple[list[Token], list[str]]:
    """A Chinese (Han) organisation's name: legal forms out, places and trade words named
    (translated where a glossary knows them), the rest as pinyin, one token per run. Written in
    traditional characters or simplified, the same. Latin words in it, as a Latin name's
    (``_latin_org``: PVH集团 is pvh and group). What stands in brackets ("(长光卫星)", a short
    name) comes last, marked as aside."""
    org_types: list[str] = []
    rest = simplified(unicodedata.normalize("NFKC", text))
    for han, canonical in HAN_LEGAL_FORMS:
        if han in rest:
            rest = rest.replace(han, " ")
            org_types.append(canonical)
    tokens: list[Token] = []
    bracketed = " ".join(_BRACKETED.findall(rest))
    # Parts of a name parted by middle dots are a foreign name's (洛克希德·马丁, Lockheed
    # Martin): the dictionary's spellings of them as names count too.
    brand = _named_brand if foreign.has_dots(rest) else _brand
    for part, aside in ((_BRACKETED.sub(" ", rest), False), (bracketed, True)):
        found: list[Token] = []
        for run in _HAN.findall(part):
            found.extend(_han_run(run, brand))
        others = " ".join(_HAN.split(part))
        if any(ch.isalnum() for ch in others):
            latin, forms = _latin_org(others, schema)
            found.extend(latin)
            org_types.extend(forms)
        if aside:
            found = [
                token(t.text, t.weak, t.alt, t.syllables, not t.weak, han=t.han) for t in found
            ]
        tokens.extend(found)
    return tokens, org_types


def _han_run(run: str, brand: Callable[[str], Token]) -> list[Token]:
    return _glossary_run(
        run, lambda piece, _: HAN_PLACES.get(piece) or HAN_TRADE_WORDS.get(piece, ""), brand
    )


def _glossary_run(
    run: str, english: Callable[[str, int], str], brand: Callable[[str], Token]
) -> list[Token]:
    """A run of Chinese or Korean characters: the longest words a glossary knows (of four
    characters, three or two), as the weak English words ``english`` gives for them and their
    place ("a|b": a, also written b); what lies between, one brand each (``brand``)."""
    out: list[Token] = []
    position = 0
    pending = ""
    last = ""  # the glossary's word just before ``pending``
    while position < len(run):
        for size in (4, 3, 2):
            piece = run[position : position + size]
            if len(piece) < size:
                continue
            words = english(piece, position)
            if words:
                if pending:
                    out.append(_brand_after(last, pending, brand))
                    pending = ""
                last = piece
                for word in words.split():
                    text, *others = word.split("|")
                    out.append(token(text, True, tuple(others)))
                position += size
                break
        else:
            pending += run[position]
            position += 1
    if pending:
        out.append(_brand_after(last, pending, brand))
    return out


def _brand_after(last: str, pending: str, brand: Callable[[str], Token]) -> Token:
    """The brand of ``pending``, weak if it is one character after a Chinese trade word
    (``last``): there it ends that word (器 of 传感器, a sensor; 机 of 运输机, a transport
    aircraft; 厂 of 电子厂, a factory), and its reading alone meets too many names (qi,
    ji). After a place, it is a brand (亚 of 上海亚商贸)."""
    made = brand(pending)
    if len(pending) == 1 and last in HAN_TRADE_WORDS:
        return token(made.text, True, made.alt, made.syllables, han=made.han)
    return made


def _brand(han: str, named: bool = False, initials: bool = True) -> Token:
    """A Chinese brand or name part: its pinyin as one word; as other spellings, its
    syllables' initials (日新 is written Rixin, and RX; with ``initials``), its characters'
    other readings, and with ``named`` the spellings the dictionary gives the characters as a
    name (``foreign``: 马丁 is Martin)."""
    syllables = _syllables(han)
    text = "".join(syllables)
    alt = tuple(s for s in _readings(han) if s != text)
    if initials and len(syllables) > 1:
        alt = ("".join(s[0] for s in syllables if s), *alt)
    if named:
        alt = _unique(alt + _names_of(han))
    han = han if len(han) == len(syllables) else ""
    return token(text, False, alt, syllables, han=han)


def _named_brand(han: str) -> Token:
    """``_brand`` with the dictionary's spellings of the characters as a name."""
    return _brand(han, named=True)


def _foreign_tokens(text: str) -> list[Token]:
    """A foreign person's name written in Chinese, its parts parted by middle dots (迈克尔·
    麦考尔, ``foreign``): each part one word, as ``_brand`` spells it with the dictionary's
    names and without initials; a part written in other letters, as written."""
    tokens: list[Token] = []
    for part in foreign.parts(simplified(unicodedata.normalize("NFKC", text))):
        part = "".join(part.split())
        if _HAN.fullmatch(part):
            tokens.append(_brand(part, named=True, initials=False))
        else:
            tokens.extend(token(w) for w in _latin(part).split())
    return tokens


def _names_of(han: str) -> tuple[str, ...]:
    """The dictionary's spellings of ``han`` as a name, as words ("David-Néel" is davidneel)."""
    return tuple("".join(_latin(name).split()) for name in foreign.names_of(han))


def _unique(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))


_MOST_READINGS: Final = 4


@lru_cache(maxsize=65536)
def _readings(han: str) -> tuple[str, ...]:
    """A brand's pinyin with its characters' other readings (偲 is cai or si): a few at most."""
    readings = [""]
    for options in pinyin(han, style=Style.NORMAL, heteronym=True):
        readings = [r + o for r in readings for o in options][:_MOST_READINGS]
    return tuple(readings)


def _hangul_tokens(text: str) -> tuple[list[Token], list[str]]:
    """A Korean organisation's name in Hangul: legal forms out, places and trade words named
    (translated: weak words), the rest one word per run, in the spellings Korean organisations'
    English names take (``hangul.word_spellings``). Latin letters in it (LG, SK) as they are."""
    org_types: list[str] = []
    rest = unicodedata.normalize("NFKC", text)
    left: list[Token] = []  # what a legal form leaves behind (총회사: General Corporation)
    for hangul_form, canonical, word in HANGUL_LEGAL_FORMS:
        if hangul_form in rest:
            rest = rest.replace(hangul_form, " ")
            org_types.append(canonical)
            left.extend(token(w, True) for w in word.split())
    tokens: list[Token] = []
    start = rest.lstrip()
    for place, run in enumerate(_HANGUL.findall(rest)):
        tokens.extend(_hangul_run(run, place == 0 and start.startswith(run)))
    for other in _HANGUL.split(rest):
        tokens.extend(token(w) for w in _latin(other).split())
    return tokens + left, org_types


def _hangul_run(run: str, starts_name: bool) -> list[Token]:
    def english(piece: str, position: int) -> str:
        if starts_name and position == 0 and piece == HANGUL_COUNTRY_FIRST[0]:
            return HANGUL_COUNTRY_FIRST[1]
        return HANGUL_PLACES.get(piece) or HANGUL_TRADE_WORDS.get(piece, "")

    return _glossary_run(run, english, _hangul_word)


def _spelt(spellings: tuple[str, ...]) -> Token:
    """The token of a word with these spellings, the first its text, the others ``alt``."""
    return token(spellings[0], alt=spellings[1:])


def _hangul_word(run: str) -> Token:
    """A run of Hangul syllables as one word (``hangul.word_spellings``)."""
    return _spelt(hangul.word_spellings(run))


def _kana_tokens(run: str) -> list[Token]:
    """A run of kana as one word, in Hepburn (``kana``)."""
    spelt = kana.spellings(run)
    return [_spelt(spelt)] if spelt else []


def _each_syllable(chars: Iterable[str]) -> list[Token]:
    return [t for ch in chars for t in _syllable_tokens(ch)]


@lru_cache(maxsize=65536)
def _syllable_tokens(ch: str) -> tuple[Token, ...]:
    """A character of a Chinese, Korean or Japanese person's name as tokens (none for a space):
    a Hangul syllable in the spellings lists give it (``hangul``), any other in its reading
    (``_latin``) with its other spellings, and a Chinese character (or Japanese kanji) as
    simplified Chinese writes it (``hanzi.folded``: 陳 is 陈, 沢 泽), which a name in the same
    characters meets (``names.compare``). Kept: names share their characters."""
    korean = hangul.spellings(ch)
    if korean:
        return (_spelt(korean),)
    han = folded_han(ch) if _HAN.fullmatch(ch) else ""
    return tuple(token(w, alt=character_spellings(ch, w), han=han) for w in _latin(ch).split())


@lru_cache(maxsize=65536)
def character_spellings(ch: str, pinyin_reading: str) -> tuple[str, ...]:
    """A Chinese character's other spellings in people's names, where they differ from its
    pinyin: Wade-Giles, as Taiwan and older lists write names (许 Xu is Hsu; apostrophes and
    umlauts dropped, as lists drop them: Ch'en is Chen), and the Hong Kong Government's
    Cantonese (陳 Chen is Chan, 張 Zhang Cheung, 黃 Huang Wong)."""
    if not _HAN.fullmatch(ch):
        return ()
    wade_giles = lazy_pinyin(ch, style=Style.WADEGILES)[0].replace("'", "").replace("v", "u")
    cantonese = _CANTONESE.get(ch) or _CANTONESE_SIMPLIFIED.get(ch) or []
    spellings = dict.fromkeys(s for s in (wade_giles, *cantonese) if s.isalpha())
    spellings.pop(pinyin_reading, None)
    return tuple(spellings)


_CANTONESE: Final[dict[str, list[str]]] = json.loads(
    pkgutil.get_data("cantoroman", "data/charToRoman.json") or b"{}"
)
"""cantonese-romanisation's table of each (traditional) character's spellings, read once at
import (as pypinyin reads its own), not on the first Chinese name screened; only this one of
the six tables its ``Cantonese`` class reads."""


@lru_cache(maxsize=1)
def _syllable_spellings() -> frozenset[str]:
    """Every way lists spell a Chinese syllable (pinyin, Wade-Giles, Hong Kong Cantonese) or
    a Korean one (``hangul.spellings``: Chon, Kim, Pak): 5,000 words, in 60 ms, on first use."""
    return frozenset(
        {
            *wadegiles.pinyin_syllables(),
            *wadegiles.readings(),
            *(s for spellings in _CANTONESE.values() for s in spellings if s.isalpha()),
            *hangul.every_spelling(),
        }
    )


def chinese_spelling(word: str) -> bool:
    """Whether a Latin word spells a Chinese syllable, in pinyin, Wade-Giles or Hong Kong
    Cantonese, or a Korean one, or two in pinyin (a given name written as one word: Maochun).
    John, Peter, Miles and Joshua do not (Anna and Linda do: an-na, lin-da)."""
    if word in _syllable_spellings():
        return True
    pinyin = wadegiles.pinyin_syllables()
    return any(word[:k] in pinyin and word[k:] in pinyin for k in range(1, len(word)))


def _by_simplified(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """The spellings of each simplified character that is not written so in ``table``: those
    of its traditional forms (发: 發 and 髮)."""
    out: dict[str, list[str]] = {}
    for written, simple in zip(table, simplified_each(list(table)), strict=True):
        if simple != written and simple not in table:
            spellings = out.setdefault(simple, [])
            spellings.extend(s for s in table[written] if s not in spellings)
    return out


_CANTONESE_SIMPLIFIED: Final = _by_simplified(_CANTONESE)


@lru_cache(maxsize=65536)
def _syllables(han: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(han, style=Style.NORMAL))


def _aside(text: str) -> frozenset[str]:
    """The words that stand alone in brackets (full-width brackets too)."""
    inside = _BRACKETED.findall(unicodedata.normalize("NFKC", text))
    words = (_latin(part).split() for part in inside)
    return frozenset(w[0] for w in words if len(w) == 1)


@lru_cache(maxsize=16384)
def prepare(name: str, schema: str = "LegalEntity") -> NameForm:
    """The comparable form of one name. ``schema`` tells people from organisations: legal forms
    are only looked for in organisation names, titles only in people's."""
    text = name
    script = script_of(text)
    person = schema == "Person"
    org_types: list[str] = []
    tokens: list[Token]
    syllabic = False
    spoken = False  # a foreign person's name written in Chinese (``foreign``)
    if not person and (script == "Han" or (script == "Latin" and _HAN.search(text))):
        # A Chinese name, Latin letters in it or not (PVH集团, 美国IMSAR公司), and a Latin name
        # with Chinese characters in it (华为技术有限公司 Huawei Technologies Co., Ltd.):
        # the characters read as Chinese, the Latin words as a Latin name's.
        tokens, org_types = _han_tokens(text, schema)
        script = "Han"
    elif script == "Han" and person and foreign.has_dots(text):
        tokens = _foreign_tokens(text)  # a foreign name, written by sound: not a Chinese one
        spoken = True
    elif not person and script in ("Hangul", "Latin") and _HANGUL.search(text):
        tokens, org_types = _hangul_tokens(text)  # LG전자 too
    elif script in ("Han", "Hangul", "Japanese") and person:
        # Chinese, Korean and Japanese personal names: one token per character, so that one
        # character differing is one part of the name differing (the written-as-one-word
        # comparison still lets 习近平 meet "Xi Jinping").
        tokens = [
            t
            for kana_run, run in itertools.groupby(text, kana.is_kana)
            for t in (_kana_tokens("".join(run)) if kana_run else _each_syllable(run))
        ]
        syllabic = True
    else:
        if not person:
            tokens, org_types = _latin_org(text, schema)
        else:
            words = _latin(_without_prefixes(text)).split()
            # Titles dropped (only titles: kept, weak); particles kept, weak. Written in an
            # abjad, the words meet their Latin spellings by their consonants (``abjad``).
            unvowelled = script in _ICU_SCRIPTS
            tokens = [
                plain_token(w, w in PARTICLES, abjad=unvowelled)
                for w in words
                if w not in PERSON_TITLES
            ] or [plain_token(w, True, abjad=unvowelled) for w in words]
    size = sum(len(t.text) for t in tokens) + sum(map(len, org_types))
    patronymics = (
        tuple(i for i, t in enumerate(tokens) if is_patronymic(t.text))
        if person and len(tokens) > 2
        else ()
    )
    brands = not spoken and any(t.syllables for t in tokens)
    return NameForm(
        name,
        tuple(tokens),
        tuple(org_types),
        script,
        size,
        patronymics,
        syllabic,
        brands,
        spoken=spoken,
    )


def compounds(form: NameForm) -> NameForm | None:
    """A person's name written in an abjad with its compounds as one word each, as Latin names
    often write them: عبد with the name after it (ebd allh, Abdullah; ebd alrhmn,
    Abdulrahman), الله and الدين with the name before (nsr allh, Nasrallah; nwr aldyn,
    Nuruddin). An article before a sun letter may be written as that letter (ud-din): that
    spelling is another one of the word (not for الله, whose ll is the article already). None
    for a name without such compounds."""
    tokens = form.tokens
    if not any(t.abjad for t in tokens):
        return None
    out: list[Token] = []
    i = 0
    joined = False
    while i < len(tokens):
        t = tokens[i]
        if (
            i + 1 < len(tokens)
            and t.abjad
            and tokens[i + 1].abjad
            and (t.text == _SERVANT or tokens[i + 1].text in _JOINED_AFTER)
        ):
            first, second = t.text, tokens[i + 1].text
            spellings = [first + second]
            if second != "allh" and second[:2] == "al" and second[2:3] in _SUN_LETTERS:
                spellings.append(first + "a" + second[2:])  # the article as the sun letter
            out.append(token(spellings[0], alt=tuple(spellings[1:]), abjad=True))
            i += 2
            joined = True
        else:
            out.append(t)
            i += 1
    return replace(form, tokens=tuple(out), patronymics=()) if joined else None


def given_name_joined(form: NameForm) -> NameForm | None:
    """A Korean person's name of three syllables in Hangul with its given name as one word, as
    many write it in Latin letters (문재인 Moon Jaein, 김정은 Kim Jongun): the surname's syllable
    and the given name's two spelt as one word (``hangul.word_spellings``: the Revised
    Romanization, McCune-Reischauer and their mixtures), in the order written (정수 김: the
    given name first). A surname of two syllables (``hangul.COMPOUND_SURNAMES``) is the word
    instead, and the given name its third syllable (황보영 Hwangbo Young). For names in other
    scripts only (``NameForm.across_only``): spelt so, 정은 and 종은 are both Chongun. None for
    any other name."""
    if not (form.syllabic and form.script == "Hangul" and len(form.tokens) == 3):
        return None
    parts = form.original.split()
    if not all(hangul.is_syllable(ch) for part in parts for ch in part):
        return None
    whole = "".join(parts)
    customary = hangul.COMPOUND_SURNAMES.get(whole[:2])
    if customary is not None and [len(p) for p in parts] in ([3], [2, 1]):
        surname = _spelt(_unique((*hangul.word_spellings(whole[:2]), *customary)))
        return replace(form, tokens=(surname, form.tokens[2]), patronymics=(), across_only=True)
    if [len(p) for p in parts] in ([3], [1, 2]):
        surname, given = form.tokens[0], "".join(parts)[1:]
        first = True
    elif [len(p) for p in parts] == [2, 1]:
        surname, given = form.tokens[2], parts[0]
        first = False
    else:
        return None
    joined = _hangul_word(given)
    tokens = (surname, joined) if first else (joined, surname)
    return replace(form, tokens=tokens, patronymics=(), across_only=True)


_MOST_SPELLINGS: Final = 4
"""The pinyin spellings of a Wade-Giles word kept (``pinyin_form``): as a brand's readings."""
_PARTS: Final = re.compile(r"[\s,]+")


def pinyin_form(form: NameForm) -> NameForm | None:
    """A Chinese person's name in Wade-Giles, as Taiwan and older lists write names, in pinyin
    (``wadegiles``): Mao Tse-tung as Mao Zedong, Chiang Ching-kuo as Jiang Jingguo. A part
    written with hyphens is one word (Tse-tung: zedong), its other spellings those of the
    syllables' other readings (cedong, zetong; four at most). Only for a name in Latin letters
    that is all Wade-Giles syllables, one of them no pinyin syllable (tse, chih, hsiao) or a
    part written with hyphens, as Wade-Giles writes given names and pinyin does not (Chou
    En-lai, Zhou Enlai): Mao Ze Dong, Li Peng and Ken Tan are pinyin already (Li Peng is not
    Li Beng). None for any other name."""
    if form.script != "Latin" or len(form.tokens) < 2:
        return None
    table = wadegiles.readings()
    if any(t.text not in table for t in form.tokens):
        return None  # most names: a word no Wade-Giles syllable, seen without reading them again
    pinyin = wadegiles.pinyin_syllables()
    tokens: list[Token] = []
    wade_giles = False
    for part in _PARTS.split(form.original):
        syllables = _latin(part).split()
        if not syllables:
            continue
        options: list[tuple[str, ...]] = []
        for syllable in syllables:
            found = table.get(syllable)
            if found is None:
                return None
            options.append(found)
        hyphened = len(syllables) > 1 and "-" in part
        wade_giles = wade_giles or hyphened or any(s not in pinyin for s in syllables)
        combined = itertools.islice(itertools.product(*options), _MOST_SPELLINGS)
        spellings = tuple("".join(c) for c in combined)
        tokens.append(_spelt(spellings))
    if not wade_giles:
        return None
    return replace(
        form, tokens=tuple(tokens), size=sum(len(t.text) for t in tokens), patronymics=()
    )


_SERVANT: Final = "ebd"
"""عبد (Abd, "servant of"), as ICU writes it (``_ascii_word``): one word with the name after
it."""
_JOINED_AFTER: Final = frozenset({"allh", "aldyn"})
"""الله (Allah) and الدين (al-Din), as ICU writes them: one word with the name before."""
_SUN_LETTERS: Final = frozenset("tdrzslnx")
"""The first letters of ICU's spelling of the sun letters, which an article before them
becomes (t, th; d, dh; r; z; s, sh; l; n; and ṣ, ḍ, ṭ, ẓ, which ICU writes s, d, t, z)."""


_ROMAN: Final = re.compile(r"x{0,3}(ix|iv|v?i{0,3})", re.IGNORECASE)
"""Roman numerals up to 39: rigour's table reads "II" as a legal form; in a name it is a
number (Bowne Global Solutions II is another company than Bowne Global Solutions)."""


_PUNCTUATED: Final = re.compile(r"[^\w\s]")
_SLASHED: Final = re.compile(r"(?<![\w/])([A-Z])/([A-Z])(?![\w/])")


def _latin_org(text: str, schema: str) -> tuple[list[Token], list[str]]:
    """An organisation's (or vessel's) name not in Chinese or Korean characters: its tokens
    and its legal forms and organisation words (``ORG_WORDS``)."""
    org_types: list[str] = []
    latin = ""
    if _PUNCTUATED.search(text):
        # Legal forms as written first, while their dots and slashes can be seen.
        rest, written = _legal_forms(text)
        if written:
            latin = _latin(rest)
            org_types = written if latin else []
    latin = _PHRASES.sub(lambda m: LATIN_PHRASES[m.group(0)], latin or _latin(text))
    body, found = _legal_forms(latin)
    body = " ".join(body.split())
    if body:
        latin = body
        org_types += found
    latin, found = _mistyped_forms(latin)
    org_types += found
    words = latin.split()
    if schema == "Vessel":
        words = _vessel_name(words)
    org_types += [w for w in words if w in ORG_WORDS]
    words = [w for w in words if w not in ORG_WORDS] or words
    aside = _aside(text) if "(" in text or "\uff08" in text else frozenset()
    return _org_tokens(words, aside), org_types


_FORM_WORDS: Final = tuple(
    sorted({w for w in ORG_WORDS if len(w) >= 5} | {"joint", "stock", "liability"})
)
"""The words of legal forms that ``_mistyped_forms`` reads through a typo."""
_TAIL: Final = 4


def _mistyped_forms(latin: str) -> tuple[str, list[str]]:
    """A legal form mistyped by a letter, in the last words of a name (Compnay Limited, Joynt
    Stock Company): each word of five letters or more one edit from a word of legal forms
    (``_FORM_WORDS``) read as that word, if all the words so read are then found to be a
    legal form or an organisation's word (``ORG_WORDS``); else the name as it is. The name
    without those forms, and the forms."""
    words = latin.split()
    mended: list[int] = []
    for i in range(max(1, len(words) - _TAIL), len(words)):
        word = words[i]
        if len(word) < 5 or word in ORG_WORDS or word in LATIN_WEAK_WORDS:
            continue
        near = _process.extractOne(word, _FORM_WORDS, scorer=_OSA.distance, score_cutoff=1)
        if near is not None:
            words[i] = near[0]
            mended.append(i)
    if not mended:
        return latin, []
    body, found = _legal_forms(" ".join(words))
    left = body.split()
    forms = found + [w for w in left if w in ORG_WORDS]
    left = [w for w in left if w not in ORG_WORDS]
    if not left or any(words[i] in left for i in mended):
        return latin, []
    return " ".join(left), forms


def _legal_forms(text: str) -> tuple[str, list[str]]:
    """Legal forms in ``text`` found by rigour's table as they are written, dots and commas
    included ("S.A.", "Sp. z o.o.", "Co.,Ltd."): the text without them, and their canonical
    forms (sa, spzoo, coltd). Capitals around a slash are read as one word first, as the
    Nordic and Brazilian forms are written (A/S, S/A, K/S; not c/o)."""
    text = _SLASHED.sub(r"\1\2", text)
    forms: list[str] = []
    for written, canonical in extract_org_types(text):
        bare = written.strip(" .,")
        if not bare or _ROMAN.fullmatch(bare) or bare.lower() in BRACKETED_LEGAL_FORMS:
            continue
        text, found = _cut(text, written)
        if found:
            forms.extend(canonical.split())
    return text, forms


def _word_letter(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _cut(text: str, part: str) -> tuple[str, bool]:
    """``text`` with the first ``part`` that stands as words of its own (in any case) cut out;
    and whether there was one. A search, not a regular expression: every legal form as written
    would be a pattern to compile."""
    folded, part = text.lower(), part.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ): go by pattern
        pattern = rf"(?<!\w){re.escape(part)}(?!\w)"
        cut, found = re.subn(pattern, " ", text, count=1, flags=re.IGNORECASE)
        return cut, bool(found)
    start = folded.find(part)
    while start >= 0:
        end = start + len(part)
        alone_before = start == 0 or not _word_letter(folded[start - 1])
        alone_after = end == len(folded) or not _word_letter(folded[end])
        if alone_before and alone_after:
            return text[:start] + " " + text[end:], True
        start = folded.find(part, start + 1)
    return text, False


class _Numbers(NamedTuple):
    phrases: dict[tuple[str, ...], str]
    """A number's words (or digits with a suffix) to its digits: ("forty", "four") -> "44"."""
    written: frozenset[str]
    """Digits with a suffix ("1st", "44th"): not letters written as digits."""
    longest: int


@lru_cache(maxsize=1)
def _numbers() -> _Numbers:
    """rigour's table of numbers and ordinals (1 to 100, in several languages), as words."""
    phrases: dict[tuple[str, ...], str] = {}
    for number, forms in ordinals_dict().items():
        for form in forms:
            if form.isascii():
                words = tuple(w for w in _SPLIT.split(form.lower()) if w)
                if words:
                    phrases.setdefault(words, str(number))
    written = frozenset(
        w for p in phrases for w in p if not w.isdigit() and any(c.isdigit() for c in w)
    )
    return _Numbers(phrases, written, max(map(len, phrases)))


LATIN_STOPWORDS: Final = frozenset(w for w in stopwords_list() if w.isascii() and w.isalpha())
"""Articles, prepositions, conjunctions (of, the, de, la, und, al): weak words in the names of
organisations, where they say little (kept, so that "Van der Bilt" still meets "Vanderbilt"
written as one word); ordinary words in people's names, where von, de and al are part of the
name."""


def _vessel_name(words: list[str]) -> list[str]:
    """A ship's name without the prefix that says what kind of ship it is (M/V, MT, SS)."""
    for prefix in VESSEL_PREFIXES:
        if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
            return words[len(prefix) :]
    return words


def _org_tokens(words: list[str], aside: frozenset[str] = frozenset()) -> list[Token]:
    """An organisation's words as tokens: a number, in words or digits, is one token with its
    digits as the other spelling (First -> first|1, "Forty-Four" -> fortyfour|44, 1st -> 1);
    stop words, places and trade words weak; the words in ``aside`` stood alone in brackets."""
    numbers = _numbers()
    tokens: list[Token] = []
    position = 0
    while position < len(words):
        for size in range(min(numbers.longest, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + size])
            digits = numbers.phrases.get(phrase)
            if digits is not None:
                joined = "".join(phrase)
                if any(c.isdigit() for c in joined):
                    tokens.append(token(digits))
                else:
                    tokens.append(token(joined, False, (digits,)))
                position += size
                break
        else:
            word = words[position]
            weak = word in LATIN_WEAK_WORDS or word in LATIN_STOPWORDS
            tokens.append(plain_token(word, weak, aside=word in aside))
            position += 1
    return tokens or [token(w, w in LATIN_WEAK_WORDS) for w in words]


def is_patronymic(word: str) -> bool:
    """A word shaped like an East Slavic patronymic (Viktorovich, Sergeyevna)."""
    return len(word) > 6 and word.endswith(PATRONYMIC_ENDINGS)


_FOLDS: Final = (
    ("ph", "f"),
    ("ks", "x"),
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A word with the letters that transliterations swap for one another made the same
    (j/y/i, w/v, ks/x, ph/f, q/k, ou/oo/u): Sergej and Sergey, Yusuf and Jusuf, Youssef and
    Yusef fold alike. Used to tolerate more edits, never to decide equality."""
    for written, folded in _FOLDS:
        text = text.replace(written, folded)
    return text


# Tables built at import rather than in the first name screened: the number words, and
# rigour's legal-form matcher (built on its first use).
_numbers()
extract_org_types("")
