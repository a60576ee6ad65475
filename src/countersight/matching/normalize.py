"""Names to comparable forms: Unicode, case and punctuation; any script to Latin; legal forms
set aside; Chinese company names split into place, brand, trade words and legal form.

Pure functions, cached: the same name always gives the same form."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin
from rigour.names import remove_org_types, replace_org_types_compare
from rigour.text import ascii_text

from countersight.matching.glossary import (
    HAN_LEGAL_FORMS,
    HAN_PLACES,
    HAN_TRADE_WORDS,
    LATIN_PHRASES,
    LATIN_WEAK_WORDS,
    ORG_WORDS,
    PERSON_TITLES,
)
from countersight.matching.hanzi import simplified
from countersight.scripts import script_of


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    weak: bool = False
    """A word that says little about who is meant: a place, a trade word (technology, trading),
    a title. It counts for less in the score."""
    alt: tuple[str, ...] = ()
    """Other spellings the word is known by (the initials of a Chinese brand's syllables)."""
    syllables: tuple[str, ...] = ()
    """The pinyin syllables of a Chinese brand (empty for any other word): what it sounds like,
    for ``phonetic.sound_similarity``."""
    aside: bool = False
    """A word in brackets on its own, "(SpaceTy)": a short name or a place beside the name,
    which a name in another script need not have."""


@lru_cache(maxsize=1 << 20)
def token(
    text: str,
    weak: bool = False,
    alt: tuple[str, ...] = (),
    syllables: tuple[str, ...] = (),
    aside: bool = False,
) -> Token:
    """One shared Token per distinct word: a list of 50,000 entities repeats its words a lot."""
    return Token(sys.intern(text), weak, alt, syllables, aside)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to compare: its tokens, its legal form, its script."""

    original: str
    tokens: tuple[Token, ...]
    org_types: tuple[str, ...]
    script: str | None
    size: int = 0
    """The length of the name written as one word, legal form included."""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens)

    @property
    def strong(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if not t.weak)


_SPLIT = re.compile(r"[^\w]+|_")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc]")
_LEET = str.maketrans("0134579", "oieastg")
_MIXED = re.compile(r"(?=\w*[a-z])(?=\w*\d)\w+")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_PHRASES = re.compile(r"\b(?:" + "|".join(map(re.escape, LATIN_PHRASES)) + r")\b")


def _latin(text: str) -> str:
    """Any script to lower-case ASCII words separated by single spaces. Apostrophes join
    (Qa'ida -> qaida); digits inside words read as the letters they imitate (Ig0r -> igor)."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    ascii_form = (text if text.isascii() else " ".join(map(_ascii_word, text.split()))).lower()
    ascii_form = _MIXED.sub(lambda m: m.group(0).translate(_LEET), ascii_form)
    return " ".join(w for w in _SPLIT.split(ascii_form) if w)


_ICU_SCRIPTS = frozenset({"Arabic", "Hebrew"})


@lru_cache(maxsize=65536)
def _ascii_word(word: str) -> str:
    """One word in ASCII. anyascii is fast and good for most scripts; for Arabic and Hebrew,
    which leave short vowels unwritten, ICU's transliteration (through rigour) keeps the long
    vowels and the article that anyascii drops, so it is worth its cost (cached per word)."""
    if word.isascii():
        return word
    if script_of(word) in _ICU_SCRIPTS:
        return ascii_text(word)
    return anyascii(word)


def _han_tokens(text: str) -> tuple[list[Token], list[str]]:
    """A Chinese (Han) company or person name: legal forms out, places and trade words named
    (translated where a glossary knows them), the rest as pinyin, one token per run. Written in
    traditional characters or simplified, the same. What stands in brackets ("(长光卫星)", a
    short name) comes last, marked as aside."""
    org_types: list[str] = []
    rest = simplified(unicodedata.normalize("NFKC", text))
    for han, canonical in HAN_LEGAL_FORMS:
        if han in rest:
            rest = rest.replace(han, " ")
            org_types.append(canonical)
    tokens: list[Token] = []
    bracketed = " ".join(_BRACKETED.findall(rest))
    for part, aside in ((_BRACKETED.sub(" ", rest), False), (bracketed, True)):
        found: list[Token] = []
        for run in _HAN.findall(part):
            found.extend(_han_run(run))
        for other in _HAN.split(part):
            found.extend(token(w) for w in _latin(other).split())
        if aside:
            found = [token(t.text, t.weak, t.alt, t.syllables, not t.weak) for t in found]
        tokens.extend(found)
    return tokens, org_types


def _han_run(run: str) -> list[Token]:
    out: list[Token] = []
    position = 0
    brand = ""
    while position < len(run):
        for size in (4, 3, 2):
            piece = run[position : position + size]
            if len(piece) < size:
                continue
            if piece in HAN_PLACES:
                if brand:
                    out.append(_brand(brand))
                    brand = ""
                out.extend(token(w, True) for w in HAN_PLACES[piece].split())
                position += size
                break
            if piece in HAN_TRADE_WORDS:
                if brand:
                    out.append(_brand(brand))
                    brand = ""
                out.extend(token(w, True) for w in HAN_TRADE_WORDS[piece].split())
                position += size
                break
        else:
            brand += run[position]
            position += 1
    if brand:
        out.append(_brand(brand))
    return out


def _brand(han: str) -> Token:
    """A Chinese brand or name part: its pinyin as one word, and its syllables' initials as
    another spelling (日新 is written Rixin, and RX)."""
    syllables = _syllables(han)
    initials = "".join(s[0] for s in syllables if s)
    text = "".join(syllables)
    others = tuple(s for s in _readings(han) if s != text)
    return token(text, False, ((initials,) if len(syllables) > 1 else ()) + others, syllables)


_MOST_READINGS = 4


@lru_cache(maxsize=65536)
def _readings(han: str) -> tuple[str, ...]:
    """A brand's pinyin with its characters' other readings (偲 is cai or si): a few at most."""
    readings = [""]
    for options in pinyin(han, style=Style.NORMAL, heteronym=True):
        readings = [r + o for r in readings for o in options][:_MOST_READINGS]
    return tuple(readings)


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
    if script == "Han" and not person:
        tokens, org_types = _han_tokens(text)
    elif script in ("Han", "Hangul", "Japanese") and person:
        # Chinese, Korean and Japanese personal names: one token per character, so that one
        # character differing is one part of the name differing (the written-as-one-word
        # comparison still lets 习近平 meet "Xi Jinping").
        tokens = [token(w) for ch in text for w in _latin(ch).split()]
    else:
        latin = _latin(text)
        if not person:
            latin = _PHRASES.sub(lambda m: LATIN_PHRASES[m.group(0)], latin)
            body = " ".join(remove_org_types(latin).split())
            if body and body != latin:
                removed = set(replace_org_types_compare(latin).split()) - set(body.split())
                org_types = sorted(removed)
                latin = body
        words = latin.split()
        if not person:
            org_types += [w for w in words if w in ORG_WORDS]
            words = [w for w in words if w not in ORG_WORDS] or words
        aside = _aside(text) if not person and ("(" in text or "\uff08" in text) else frozenset()
        tokens = [
            token(w, w in LATIN_WEAK_WORDS if not person else w in PERSON_TITLES, aside=w in aside)
            for w in words
        ]
        if person:
            tokens = [t for t in tokens if not t.weak] or tokens
    size = sum(len(t.text) for t in tokens) + sum(map(len, org_types))
    return NameForm(name, tuple(tokens), tuple(org_types), script, size)
