"""A party against a listed entity: the best pair of names, then what birth dates, countries,
identifiers and kinds of entity add or take away. Every result carries its explanation and the
versions needed to replay it.

Two numbers come out: the *similarity* (0-1: the names' alignment, moved up or down by the other
features), matched at ``THRESHOLD``; and the *score*, the similarity turned into a probability
estimate by ``calibration.probability`` (see there what it estimates). The constants below and
the calibration's are the whole configuration: their hash is recorded with every result
(``CONFIG_HASH``)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from countersight.matching import calibration
from countersight.matching.glossary import KINSHIP_WORDS, LIMITED_COMPANIES, STOCK_CORPORATIONS
from countersight.matching.names import NOTHING, NameScore, Rarity, Words, given_name_apart, round4
from countersight.matching.names import compare as compare_forms
from countersight.matching.normalize import (
    LATIN_STOPWORDS,
    NameForm,
    compounds,
    given_name_joined,
    is_patronymic,
    pinyin_form,
    prepare,
)
from countersight.matching.parts import name_parts
from countersight.model import by_fields

ALGORITHM: Final = "countersight-30"
"""Raised whenever the same lists and party may give another result: the configuration hash
follows the constants only, not the code (2: the first release after the benchmark work; 3: a
name that meets by one word needs both birth year and country to agree to be a match; 4: HK
in an organisation's name is Hong Kong; 5: Korean names in Hangul spelt as lists spell them,
and met by those spellings only; 6: ayn and hamza in Arabic script no longer split a word;
7: people's names written in Arabic or Hebrew meet their Latin spellings by consonants and
long vowels; 8: titles in Arabic script dropped, as in Latin letters; 9: Japanese kana read
as words, in Hepburn; 10: candidates are the best 20 different names, a name on several lists
counted once, where they were the best 40 names; 11: organisations' names in Hangul read by
a Korean glossary, the rest spelt as one word per run; 12: across scripts, names that meet
only as initials are not taken for translations; 13: in an abjad, the two letters ICU writes as
one digraph read apart as well (طه Taha, سحر Sahar), and a final h written a consonant;
14: a Korean name in Hangul also with its given name as one word, for names in other
scripts, and a key two forms of a query share counted once; 15: a foreign person's name
written in Chinese with middle dots read a word per part, spelt as CC-CEDICT spells it as a
name and met by sound, two sound-alikes that one of three consonants or more makes telling
not capped as one is, and a th heard as an s; 16: among hits of equal similarity, the name
written most like the party's first, then by id; 17: a brand or a foreign name's part also
sounds like a Latin word that can be cut into the pieces its syllables write in the foreign
names CC-CEDICT spells, ``heard``, and a Latin name's middle initials count for nothing
against a foreign name written in Chinese, which leaves them out; digits in a word read as
letters only where they stand for letters: 3D stays 3d, not "ed"; 18: Latin words that say a
Chinese brand a word per character, by what the characters mean in CC-CEDICT or by sound,
``meanings``, and a brand met only by its initials is no match; 19: characters simplified by
OpenCC, and names in the same characters met by the characters, not by another character's
reading; 20: distinctive words met only by single letters are no match either, and "system"
is a weak word; 21: Korean surnames of two syllables as one word; 22: Persian's zero-width
non-joiner inside a word, and its ژ as j; 23: Latin letters in a Chinese organisation's
name read as a Latin name's words and the characters as Chinese whichever has more letters,
Japanese legal forms in kanji, one character after a trade word weak, no brand of one
character said by its meaning, no acronym of a name with Chinese brands, single letters that
are the same words as the other name's a match, grupo/gruppo/groupe/gruppe weak; 24: a
Chinese person's name in Wade-Giles also in pinyin; 25: "group" a word of the organisation's
kind, set aside with the legal forms (集团 wherever it stands; group, grupo, gruppo, groupe,
gruppe, gruppa, grupp), and "China National" is China; 26: a legal form mistyped by a
letter in a name's last words read as the legal form; 27: 海运 is shipping; 28: a Chinese
or Korean name in characters also written as one word with its surname last, against a
Latin name in the Western order; 29: a given name of another language beside a Chinese
name in Latin letters left out against the name in Chinese characters; 30: Latin words that
together sound like a Chinese brand of three syllables or more are one word)."""
THRESHOLD: Final = 0.8
BIRTH_AGREES: Final = 0.05
BIRTH_CONFLICT: Final = 0.3
COUNTRY_AGREES: Final = 0.02
COUNTRY_CONFLICT: Final = 0.05
KIND_CONFLICT: Final = 0.5
LEGAL_FORM_CONFLICT: Final = 0.25
IDENTIFIER_MATCH: Final = 0.98
KINSHIP_REVERSED: Final = 0.3
ADDED_WORDS: Final = 0.15
ACRONYM_MATCH: Final = 0.85
MARGIN: Final = 1e-9
"""What float rounding may put between a pair's bound and its score (``score_party``)."""
LONE_GIVEN_NAME: Final = 0.75
LONE_LISTED_WORD: Final = 0.75

CONFIG: Final[dict[str, float | str]] = {
    "algorithm": ALGORITHM,
    "threshold": THRESHOLD,
    "birth_agrees": BIRTH_AGREES,
    "birth_conflict": BIRTH_CONFLICT,
    "country_agrees": COUNTRY_AGREES,
    "country_conflict": COUNTRY_CONFLICT,
    "kind_conflict": KIND_CONFLICT,
    "legal_form_conflict": LEGAL_FORM_CONFLICT,
    "identifier_match": IDENTIFIER_MATCH,
    "kinship_reversed": KINSHIP_REVERSED,
    "added_words": ADDED_WORDS,
    "acronym_match": ACRONYM_MATCH,
    "lone_given_name": LONE_GIVEN_NAME,
    "lone_listed_word": LONE_LISTED_WORD,
    "calibration_slope": calibration.SLOPE,
    "calibration_intercept": calibration.INTERCEPT,
}
CONFIG_HASH: Final = hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode()).hexdigest()[:16]

ORGANISATIONS: Final = frozenset({"Company", "Organization", "LegalEntity"})


@dataclass(slots=True, unsafe_hash=True)
class Party:
    """What is known of the party being screened."""

    name: str
    schema: str = "LegalEntity"
    birth_years: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    """ISO codes, lower case."""
    identifiers: tuple[str, ...] = ()
    """Upper case, letters and digits only."""
    aliases: tuple[str, ...] = ()

    def __init__(
        self,
        name: str,
        schema: str = "LegalEntity",
        birth_years: tuple[int, ...] = (),
        countries: tuple[str, ...] = (),
        identifiers: tuple[str, ...] = (),
        aliases: tuple[str, ...] = (),
    ) -> None:
        # Written out, not frozen (never change a party): as ``normalize.Token``'s.
        self.name = name
        self.schema = schema
        self.birth_years = birth_years
        self.countries = countries
        self.identifiers = identifiers
        self.aliases = aliases

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return by_fields(self)  # as ``normalize.Token``

    def forms(self) -> tuple[NameForm, ...]:
        """Every name's form; a name written in an abjad also with its compounds as one word
        each (``normalize.compounds``), a Korean one in Hangul with its given name as one
        (``normalize.given_name_joined``, for names in other scripts only), a Chinese person's
        in Wade-Giles also in pinyin (``normalize.pinyin_form``)."""
        out: list[NameForm] = []
        for n in (self.name, *self.aliases):
            for part in name_parts(n, self.schema):
                if part.strip():
                    form = prepare(part, self.schema)
                    out.append(form)
                    for joined in (compounds(form), given_name_joined(form)):
                        if joined is not None:
                            out.append(joined)
                    if self.schema == "Person" and (pinyin := pinyin_form(form)) is not None:
                        out.append(pinyin)
        return tuple(out)


class Feature(NamedTuple):
    name: str
    value: str
    contribution: float


class Result(NamedTuple):
    score: float
    """The probability estimate that the parties are the same."""
    match: bool
    query_name: str
    candidate_name: str
    names: NameScore
    features: tuple[Feature, ...] = ()
    similarity: float = 0.0
    """The similarity the score is estimated from, and the decision taken on."""


def _feature(name: str, value: str, contribution: float) -> Feature:
    """``Feature(...)``, as ``names._pair`` makes a ``Pair``."""
    return tuple.__new__(Feature, (name, value, contribution))


def kinds_conflict(a: str, b: str) -> bool:
    """A person is not a company; a vessel is neither. LegalEntity can be anything but a vessel."""
    if a == b:
        return False
    if a == "Person":
        return b != "LegalEntity"
    if b == "Person":
        return a != "LegalEntity"
    return not (a in ORGANISATIONS and b in ORGANISATIONS)


def birth_gap(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The fewest years between a birth year of ``a`` and one of ``b`` (both not empty)."""
    # Not ``abs``: compiled, it makes the number an object and calls Python.
    gap = a[0] - b[0] if a[0] > b[0] else b[0] - a[0]
    for x in a:
        for y in b:
            apart = x - y if x > y else y - x
            if apart < gap:
                gap = apart
    return gap


def legal_forms_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A stock corporation on one side and a limited company on the other."""
    if not a or not b:  # most names (no sets made for them)
        return False
    families = []
    for forms in (set(a), set(b)):
        stock, limited = bool(forms & STOCK_CORPORATIONS), bool(forms & LIMITED_COMPANIES)
        if stock == limited:  # none named, or both: nothing to tell them apart by
            return False
        families.append(stock)
    return families[0] != families[1]


def score_party(
    party: Party,
    forms: tuple[NameForm, ...],
    candidate: Party,
    candidate_forms: tuple[NameForm, ...],
    rarity: Rarity | None = None,
    words: Words | None = None,
    bounds: Sequence[float] | None = None,
) -> Result:
    """``bounds``: for each pair of names (``forms`` by ``candidate_forms``, the party's name
    the outer loop), a number its names' score never exceeds (``names.score_bound``, as
    screening works them out): the pairs are then compared best bound first, and those whose
    bound is below the best score so far are not compared at all. The result is the same."""
    best: tuple[NameScore, NameForm, NameForm] | None = None
    best_place = 0
    person = "Person" in (party.schema, candidate.schema)
    organisation = party.schema in ORGANISATIONS and candidate.schema in ORGANISATIONS
    acronym = False
    left = ""
    count = len(candidate_forms)
    places: Iterable[int] = range(len(forms) * count)
    if bounds is not None:
        places = sorted(places, key=lambda place: -bounds[place])
    for place in places:
        if best is not None and bounds is not None and bounds[place] + MARGIN < best[0].score:
            break  # nor can any pair after it: the rest are bounded lower still
        q, c = forms[place // count], candidate_forms[place % count]
        result = compare_forms(q, c, words, rarity)
        left_here = ""  # a word left out, and why (explained)
        if person and (q.patronymics or c.patronymics or q.script != c.script):
            result, left_here = _compared_without(q, c, result, words, rarity)
        if organisation and result.score < ACRONYM_MATCH and _acronym(q, c):
            result = result._replace(score=ACRONYM_MATCH)
            acronym_here = True
        else:
            acronym_here = False
        # The first best pair in the order of the names, whatever order they are compared in.
        if (
            best is None
            or result.score > best[0].score
            or (result.score == best[0].score and place < best_place)
        ):
            best = (result, q, c)
            best_place = place
            acronym = acronym_here
            left = left_here
    if best is None:
        return Result(0.0, False, party.name, candidate.name, NOTHING)
    names, q_form, c_form = best
    score = names.score
    features = [_feature("name", f"{q_form.original} ~ {c_form.original}", round4(score))]
    if left:
        features.append(_feature("left_out", left, 0.0))
    if acronym:
        features.append(_feature("acronym", "one name is the other's initials", 0.0))
    if kind := _kinds_apart(party, q_form, candidate, c_form):
        penalty = score * KIND_CONFLICT
        score -= penalty
        features.append(_feature("kind", kind, -penalty))
    if legal_forms_conflict(q_form.org_types, c_form.org_types):
        score -= LEGAL_FORM_CONFLICT
        features.append(
            _feature(
                "legal_form",
                f"{' '.join(q_form.org_types)} vs {' '.join(c_form.org_types)}",
                -LEGAL_FORM_CONFLICT,
            )
        )
    # Names that meet by one word only stay below the threshold: the name alone does not lift
    # them over, nor a birth year or a country in common alone (many people share either);
    # both together do, as a number does.
    ceiling, lone = (
        _lone(party, q_form, candidate, c_form, names)
        if score + BIRTH_AGREES + COUNTRY_AGREES > _LOWEST_CEILING
        else (1.0, "")
    )
    if score > ceiling:
        features.append(_feature("lone_name", lone, ceiling - score))
        score = ceiling
    if person and _kinship_reversed(q_form, c_form, names):
        score -= KINSHIP_REVERSED
        features.append(_feature("kinship", "son and father swapped", -KINSHIP_REVERSED))
    if (
        q_form.org_types
        and c_form.org_types
        and q_form.script == c_form.script  # a translation adds and drops words freely
        and _words_added(q_form, c_form, names)
    ):
        score -= ADDED_WORDS
        features.append(_feature("added_words", "one name adds words to the other", -ADDED_WORDS))
    birth_agrees = country_agrees = False
    if party.birth_years and candidate.birth_years:
        gap = birth_gap(party.birth_years, candidate.birth_years)
        if gap == 0:
            birth_agrees = True
            score += BIRTH_AGREES
            features.append(_feature("birth_date", "same year", BIRTH_AGREES))
        elif gap > 1:
            score -= BIRTH_CONFLICT
            features.append(_feature("birth_date", f"{gap} years apart", -BIRTH_CONFLICT))
    if party.countries and candidate.countries:
        if any(c in candidate.countries for c in party.countries):
            country_agrees = True
            score += COUNTRY_AGREES
            features.append(_feature("country", "shared", COUNTRY_AGREES))
        else:
            score -= COUNTRY_CONFLICT
            features.append(_feature("country", "different", -COUNTRY_CONFLICT))
    if lone and score > ceiling and not (birth_agrees and country_agrees):
        # (Without ``lone`` the ceiling is 1.0, which a name's agreements may pass: the
        # similarity is capped at 1.0 below, and that is no lone name.)
        features.append(
            _feature("lone_name", f"{lone}: one agreement does not lift it", ceiling - score)
        )
        score = ceiling
    if any(i in candidate.identifiers for i in party.identifiers):
        raised = max(score, IDENTIFIER_MATCH) - score
        score += raised
        features.append(_feature("identifier", "same number", raised))
    similarity = round4(min(1.0, max(0.0, score)))
    # ``tuple.__new__``, as ``_feature``: the fields in their order.
    return tuple.__new__(
        Result,
        (
            round4(calibration.probability(similarity)),
            similarity >= THRESHOLD,
            q_form.original,
            c_form.original,
            names,
            tuple(features),
            similarity,
        ),
    )


def _kinds_apart(party: Party, q_form: NameForm, candidate: Party, c_form: NameForm) -> str:
    """What tells the two apart as kinds of entity ("Person vs Company"), or "": their schemas,
    or a person against a name written with a legal form (FENG SHENG CO., LTD.): a
    LegalEntity may be anyone, but a name with a legal form is an organisation's."""
    if kinds_conflict(party.schema, candidate.schema):
        return f"{party.schema} vs {candidate.schema}"
    if party.schema == "Person" and c_form.org_types:
        return f"Person vs {c_form.original}"
    if candidate.schema == "Person" and q_form.org_types:
        return f"Person vs {q_form.original}"
    return ""


def _compared_without(
    q: NameForm, c: NameForm, result: NameScore, words: Words | None, rarity: Rarity | None
) -> tuple[NameScore, str]:
    """Two people's names compared again without a word one of them may leave out (a lone
    patronymic, a given name beside a Chinese name), the better score kept; and the word left
    out, and why ("" for none)."""
    left = ""
    for variants in (_without_lone_patronymic, _without_given_name_apart):
        for q_part, c_part, why in variants(q, c, result):
            other = compare_forms(q_part, c_part, words, rarity)
            if other.score > result.score:
                result, left = other, why
    return result, left


def droppable(q: NameForm, c: NameForm) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The places of the words of either name that ``score_party`` may compare two people's
    names without (``_compared_without``), whatever met: what screening bounds them without."""
    i, j = given_name_apart(q, c), given_name_apart(c, q)
    return q.patronymics + ((i,) if i >= 0 else ()), c.patronymics + ((j,) if j >= 0 else ())


def _without_lone_patronymic(
    q: NameForm, c: NameForm, names: NameScore
) -> Iterator[tuple[NameForm, NameForm, str]]:
    """When only one of two people's names has a patronymic, and it met nothing in the other
    (Sergey Viktorovich Lavrov against Sergei Lavrov), the names without it: Western renderings
    often leave it out. When both have one, they are compared as they are (Viktorovich is not
    Vladimirovich). A patronymic is one part of three or more (``prepare``): in a name of two
    parts, the word is a surname (Lukashevich). With the word, and why it is left out."""
    why = "{}: a patronymic the other leaves out"
    if q.patronymics and not any(is_patronymic(t.text) for t in c.tokens):
        met = {p.query for p in names.pairs}
        for i in q.patronymics:
            if q.tokens[i].text not in met:
                yield _without(q, i), c, why.format(q.tokens[i].text)
    elif c.patronymics and not any(is_patronymic(t.text) for t in q.tokens):
        met = {p.candidate for p in names.pairs}
        for j in c.patronymics:
            if c.tokens[j].text not in met:
                yield q, _without(c, j), why.format(c.tokens[j].text)


def _without_given_name_apart(
    q: NameForm, c: NameForm, names: NameScore
) -> Iterator[tuple[NameForm, NameForm, str]]:
    """A person's name in Latin letters without a given name of another language that met
    nothing, against a Chinese name in characters, which does not write it (``names.
    given_name_apart``: John Lee Ka-chiu, 李家超). With the word, and why it is left out."""
    why = "{}: a given name the Chinese characters do not write"
    i = given_name_apart(q, c)
    if i >= 0 and q.tokens[i].text not in {p.query for p in names.pairs}:
        yield _without(q, i), c, why.format(q.tokens[i].text)
    j = given_name_apart(c, q)
    if j >= 0 and c.tokens[j].text not in {p.candidate for p in names.pairs}:
        yield q, _without(c, j), why.format(c.tokens[j].text)


def _without(form: NameForm, index: int) -> NameForm:
    tokens = form.tokens[:index] + form.tokens[index + 1 :]
    size = form.size - len(form.tokens[index].text)
    return dataclasses.replace(form, tokens=tokens, size=size, patronymics=())


_LOWEST_CEILING: Final = min(LONE_GIVEN_NAME, LONE_LISTED_WORD)


def _lone(
    party: Party, q_form: NameForm, candidate: Party, c_form: NameForm, names: NameScore
) -> tuple[float, str]:
    """The most two names that meet by one word only can reach (``_lone_given_name``,
    ``_lone_listed_word``), and why; 1.0 and "" for others."""
    if party.schema == candidate.schema == "Person" and _lone_given_name(q_form, c_form, names):
        return LONE_GIVEN_NAME, "one word, not the surname"
    if _lone_listed_word(q_form, c_form, names):
        return LONE_LISTED_WORD, "one listed word in a longer name"
    return 1.0, ""


def _acronym(a: NameForm, b: NameForm) -> bool:
    """One organisation's name is the initials of the other's (PLA, People's Liberation Army),
    places and trade words aside; three letters at least (two meet too many names by chance),
    and the longer name's words must be words, not letters, nor Chinese brands (whose pinyin
    no one abbreviates so: PSI is not IHI喷气机服务, ihi penqiji services)."""
    for short, long in ((a, b), (b, a)):
        strong = [t.text for t in short.tokens if not t.weak]
        words = [t.text for t in long.tokens if t.text not in LATIN_STOPWORDS]
        if (
            len(strong) == 1
            and not long.brands
            and len(words) >= 3
            and all(len(w) > 1 for w in words)
            and strong[0] == "".join(w[0] for w in words)
        ):
            return True
    return False


def _lone_given_name(q: NameForm, c: NameForm, names: NameScore) -> bool:
    """A one-word name that meets a longer person's name at a word other than its last: a
    given name, which many people share (a listed alias "John" against "John Wang"). A word
    that meets the surname ("Erdogan", "Recep Tayyip Erdogan"; the first word of a name
    written surname first, with a comma: "SALEK, Abdulhai") still counts."""
    if names.joined >= 0.9 or not names.pairs:
        return False  # the same written as one word ("PolPot")
    for short, long, side in ((q, c, 1), (c, q, 0)):
        if len(short.tokens) == 1 and len(long.tokens) > 1:
            surname = long.tokens[0 if "," in long.original else -1]
            return surname.text != names.pairs[0][side]
    return False


def _lone_listed_word(q: NameForm, c: NameForm, names: NameScore) -> bool:
    """The listed name is one word (places, trade words, legal forms and a short name in
    brackets aside) and a distinctive word of the name screened meets nothing: one word in
    common is all there is (an alias "Martin" against "Martin Briand", an acronym "ANA"
    against "Ana Mendez", "Schneider GmbH" against "Kevin Schneider"). Not when the names are
    the same written as one word ("SiemensAG"), nor when the query's words meet the listed
    word together ("Hao Tian" spelling the brand 浩天)."""
    if names.joined >= 0.9 or sum(1 for t in c.tokens if not (t.weak or t.aside)) != 1:
        return False
    met = {p.query for p in names.pairs}
    own = {t.text for t in q.tokens}
    together = [m for m in met if m not in own]
    return any(
        t.text not in met and not any(t.text in m for m in together)
        for t in q.tokens
        if not (t.weak or t.aside)
    )


def _kin(form: NameForm) -> set[tuple[str, str]]:
    """The pairs (child, parent) a name states with a kinship word: Omar bin Abdullah."""
    tokens = form.tokens
    if not any(t.text in KINSHIP_WORDS for t in tokens[1:-1]):
        return set()
    words = form.words
    return {
        (words[i - 1], words[i + 1]) for i in range(1, len(words) - 1) if words[i] in KINSHIP_WORDS
    }


def _kinship_reversed(q: NameForm, c: NameForm, names: NameScore) -> bool:
    """The same names with child and parent swapped: Omar bin Abdullah is the son of
    Abdullah, Abdullah bin Omar the son of Omar (a father and son, not one person)."""
    q_kin = _kin(q)
    if not q_kin:
        return False
    c_kin = _kin(c)
    aligned = {p.query: p.candidate for p in names.pairs}
    for child, parent in q_kin:
        pair = (aligned.get(child), aligned.get(parent))
        if pair[::-1] in c_kin and pair not in c_kin:
            return True
    return False


def _words_added(q: NameForm, c: NameForm, names: NameScore) -> bool:
    """Both names written in full (in one script, legal form included), and one of them adds
    words the other lacks: a subsidiary, a branch, a successor (Banco Santander Chile S.A. is
    not Banco Santander S.A.)."""
    if names.joined == 1.0:
        return False  # the same written as one word: split differently, nothing added
    q_met = {p.query for p in names.pairs}
    c_met = {p.candidate for p in names.pairs}
    q_more = any(_added(t.text, q_met) for t in q.tokens)
    c_more = any(_added(t.text, c_met) for t in c.tokens)
    return q_more != c_more


def _added(word: str, met: set[str]) -> bool:
    """A word that met nothing and is more than a stop word or a letter (S.C. Johnson)."""
    return word not in met and len(word) > 1 and word not in LATIN_STOPWORDS


def compare_names(name1: str, name2: str, schema: str = "LegalEntity") -> Result:
    """Two names of the same kind of party, scored and explained (the ``compare`` command)."""
    a, b = Party(name1, schema), Party(name2, schema)
    return score_party(a, a.forms(), b, b.forms())
