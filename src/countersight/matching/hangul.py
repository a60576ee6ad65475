"""Korean syllables (Hangul) in the spellings that lists give Korean people's names.

anyascii spells a syllable letter by letter (박 "bag", 리 "li"), which no list writes. Lists
write Korean names in three ways:
- South Korea's Revised Romanization (2000): Bak, Jeong, Eun;
- McCune-Reischauer without its breves and apostrophes, as North Korea and older lists spell
  (Pak, Chong, Un);
- the spellings people choose for themselves, which follow neither (Park, Lee, Choi; Jung,
  Sung, Young, Moon).

So a syllable is spelt by the Revised Romanization, and its other spellings are made by the
same few substitutions: a voiceless initial (g k, d t, b p, j ch), ŏ and ŭ without their
breves (eo o, eu u), the spellings of eo as u and u as oo that names take, sh before i, and
the initial sound law that makes the North's 리 Ri and 룡 Ryong the South's 이 and 용 (and 로
노). A short table adds the surnames that no rule spells (Lee, Park, Oh, Ahn).

Written for Countersight from the two systems' tables (a syllable is an initial, a vowel and a
final, by its place in Unicode); no installed library spells Hangul in more than one system."""

from __future__ import annotations

from functools import lru_cache

_FIRST, _LAST = 0xAC00, 0xD7A3
_VOWELS, _FINALS = 21, 28

_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk",),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt",),  # ㄸ
    ("r",),  # ㄹ
    ("m",),  # ㅁ
    ("b", "p"),  # ㅂ
    ("pp",),  # ㅃ
    ("s",),  # ㅅ
    ("ss",),  # ㅆ
    ("",),  # ㅇ
    ("j", "ch"),  # ㅈ
    ("jj", "tch"),  # ㅉ
    ("ch",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("h",),  # ㅎ
)
"""Each initial consonant: the Revised Romanization first, then McCune-Reischauer's where it
differs (a name's syllables are spelt as if each began a word: Pak Pong Ju)."""

_VOWEL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("a",),
    ("ae",),
    ("ya",),
    ("yae",),
    ("eo", "o", "u"),  # ㅓ: ŏ; Jung, Sung
    ("e",),
    ("yeo", "yo", "yu", "you"),  # ㅕ: yŏ; Hyun, Young
    ("ye",),
    ("o",),
    ("wa",),
    ("wae",),
    ("oe", "oi"),  # ㅚ: Choi
    ("yo",),
    ("u", "oo"),  # ㅜ: Moon, Koo
    ("wo",),
    ("we",),
    ("wi",),
    ("yu", "yoo"),  # ㅠ: Yoon
    ("eu", "u"),  # ㅡ: ŭ; Un
    ("ui",),
    ("i",),
)

_FINAL_SPELLINGS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
"""Each final consonant as it is heard at the end of a name's syllable (닭 dak, 값 gap)."""

_RIEUL, _IEUNG, _NIEUN, _SIOS = 5, 11, 2, 9

_SURNAMES: dict[str, tuple[str, ...]] = {
    "이": ("lee", "yi", "rhee", "ri"),
    "리": ("lee", "yi"),
    "박": ("park",),
    "오": ("oh",),
    "노": ("noh", "roh"),
    "안": ("ahn",),
    "손": ("sohn",),
    "허": ("hur", "huh"),
    "임": ("lim", "yim"),
    "림": ("lim",),
    "서": ("suh",),
    "우": ("woo",),
    "위": ("wee",),
}
"""Customary spellings of common surnames that none of the substitutions makes."""

COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "남궁": ("namkoong", "namgoong"),
    "황보": (),
    "제갈": (),
    "선우": ("sunwoo",),
    "독고": (),
    "사공": (),
    "서문": (),
}
"""Surnames of two syllables (Namgung, Hwangbo, Jegal, Seonu, Dokgo, Sagong, Seomun), with
the customary spellings no rule makes: in a name of three syllables, the third is the given
name."""

_MOST = 6
"""Spellings kept per syllable at most, the systems' own first."""


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and _FIRST <= ord(ch) <= _LAST


def spellings(ch: str) -> tuple[str, ...]:
    """A Hangul syllable's spellings in names, the Revised Romanization first; one-letter
    spellings only as the first (a lone letter is an initial, not a syllable). Empty for
    anything but a Hangul syllable (asked of every character of a name in characters: those
    are not kept)."""
    return _syllable_spellings(ch) if is_syllable(ch) else ()


def every_spelling() -> frozenset[str]:
    """Every spelling of every Hangul syllable (``spellings``), worked out without keeping
    each syllable's (11,172 of them, 4 MB)."""
    spelt = _syllable_spellings.__wrapped__
    return frozenset(s for code in range(_FIRST, _LAST + 1) for s in spelt(chr(code)))


def _parts(ch: str) -> tuple[int, int, int]:
    """A syllable's initial, vowel and final, by their places in the tables above."""
    code = ord(ch) - _FIRST
    return code // (_VOWELS * _FINALS), code // _FINALS % _VOWELS, code % _FINALS


@lru_cache(maxsize=11172)  # every syllable there is
def _syllable_spellings(ch: str) -> tuple[str, ...]:
    initial, vowel, final = _parts(ch)
    vowels = _VOWEL_SPELLINGS[vowel]
    initials = list(_INITIALS[initial])
    front = vowels[0][0] in "iy"  # before i and y: sh for s, and the initial sound law
    if initial == _SIOS and front:
        initials.append("sh")
    if initial == _RIEUL:
        initials.append("" if front else "n")  # 리 이, 룡 용; 로 노
    elif (initial == _IEUNG and front) or (initial == _NIEUN and not front):
        initials.append("r")  # 이 리, 용 룡; 노 로
    end = _FINAL_SPELLINGS[final]
    out = dict.fromkeys(i + v + end for i in initials for v in vowels)
    out.update(dict.fromkeys(_SURNAMES.get(ch, ())))
    first, *rest = out
    return (first, *[s for s in rest if len(s) > 1][: _MOST - 1])


# McCune-Reischauer inside a word (``word_spellings``): an initial k, t, p or ch is voiced (g, d,
# b, j) after a vowel or n, m, ng, l; an r stays r after a vowel, and is an l after a consonant.
_MR_INITIALS = (
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_MR_VOICED = {0: "g", 3: "d", 7: "b", 12: "j"}
_MR_VOWELS = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
)  # fmt: skip
_SONORANT_ENDS = ("n", "m", "ng", "l")


@lru_cache(maxsize=65536)
def word_spellings(run: str) -> tuple[str, ...]:
    """A run of Hangul syllables written as one word, as an organisation's name is (광선
    Kwangson, 삼성 Samsung): in the Revised Romanization (gwangseon); in McCune-Reischauer
    without breves (kwangson, 련봉 ryonbong, 단천 tanchon); with the Revised Romanization's
    consonants and McCune-Reischauer's vowels, as North Korea often writes (대성 Daesong); and
    with eo and eu as u, as companies of the South spell (samsung). Empty for a run that is not
    all Hangul syllables."""
    if not run or not all(is_syllable(ch) for ch in run):
        return ()
    revised: list[str] = []
    north: list[str] = []
    mixed: list[str] = []
    customary: list[str] = []
    end = ""  # how the syllable before ended: "" for a vowel, else its final consonant
    for place, ch in enumerate(run):
        initial, vowel, final = _parts(ch)
        voiced = place > 0 and (end == "" or end in _SONORANT_ENDS)
        spelt = _MR_VOICED.get(initial, _MR_INITIALS[initial]) if voiced else _MR_INITIALS[initial]
        if initial == _RIEUL and place > 0 and end != "":
            spelt = "l"
        end = _FINAL_SPELLINGS[final]
        first, vowels = _INITIALS[initial][0], _VOWEL_SPELLINGS[vowel]
        revised.append(first + vowels[0] + end)
        north.append(spelt + _MR_VOWELS[vowel] + end)
        mixed.append(first + _MR_VOWELS[vowel] + end)
        customary.append(first + vowels[0].replace("eo", "u").replace("eu", "u") + end)
    return tuple(dict.fromkeys("".join(s) for s in (revised, north, mixed, customary)))
