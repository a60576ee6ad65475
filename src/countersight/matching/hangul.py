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


@lru_cache(maxsize=11172)  # every syllable there is
def _syllable_spellings(ch: str) -> tuple[str, ...]:
    code = ord(ch) - _FIRST
    initial, vowel, final = code // (_VOWELS * _FINALS), code // _FINALS % _VOWELS, code % _FINALS
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
