"""Candidate retrieval: an inverted index from name keys to listed names, built once from the
entities in the store, so that a query scores a few dozen candidates instead of the whole list.

Keys are the words of each name (and their other spellings), plus the first and last four
letters of longer words, which survive most typos, and the consonant skeletons of Chinese
brands (``phonetic``; the loose ones at a lower weight) and what their characters mean
(``meanings``), which an organisation's Latin words look up. A name written in Arabic or Hebrew
looks up the people's Latin words with its words' consonants (``abjad``). A key shared by very
many names (a common first name, "trading") is only used when the query has nothing rarer."""

from __future__ import annotations

import gc
import math
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, ClassVar, Final

from countersight.matching import abjad, foreign, heard, meanings, tally
from countersight.matching.glossary import LATIN_WEAK_WORDS
from countersight.matching.normalize import NameForm, Token
from countersight.matching.phonetic import (
    MIN_LATIN_LETTERS,
    latin_skeletons,
    loose_latin_skeletons,
    sound_keys,
    squashed,
)
from countersight.matching.score import Party
from countersight.model import Entity, by_fields

MAX_CANDIDATE_NAMES: Final = 20
"""A query's candidates: the entities of the best this many different names (``name_same``)."""
MAX_REPEATS: Final = 3
"""Names of the same words listed again by other lists come along with the first, uncounted,
up to this many names for each counted one in all: one person on every list takes one place,
and the work of a query stays bounded."""
MIN_IDENTIFIER: Final = 6
"""Identifiers shorter than this (normalised) find no candidates by themselves: too many
lists' numbers would meet by chance. They still count when the names have met."""
COMMON_POSTINGS: Final = 3000
AFFIX_WEIGHT: Final = 0.4
SOUND_WEIGHT: Final = 0.5
LOOSE_SOUND_WEIGHT: Final = 0.3
MEANT_WEIGHT: Final = 0.3
"""The weight of a key by which a Latin word finds a Chinese brand that means it."""
ABJAD_WEIGHT: Final = 0.5
HEARD_SPELLINGS: Final = 100
"""How many of the likeliest Latin spellings of a part of a foreign name written in Chinese
(``heard.spellings``) the index keeps as that name's keys (``h``)."""
COMMON_SPELLINGS: Final = 500
"""The Latin spellings of a word written in an abjad (Mohammed, Muhammad, Mohamed) are looked
up as one key; a key of more names than this is left for the query's rarer words: what it
would add are more spellings of a common name than the candidates can hold."""


@dataclass(slots=True, unsafe_hash=True)
class Listed:
    """A listed entity as the matcher sees it."""

    number: int
    """Its place in the index."""
    entity_id: str
    dataset: str
    source_ref: str
    caption: str
    party: Party
    """Without its aliases (``Party.aliases``): their forms are in ``forms``."""
    forms: tuple[NameForm, ...]

    def __init__(
        self,
        number: int,
        entity_id: str,
        dataset: str,
        source_ref: str,
        caption: str,
        party: Party,
        forms: tuple[NameForm, ...],
    ) -> None:
        # Written out, not frozen (never change one): as ``normalize.Token``'s.
        self.number = number
        self.entity_id = entity_id
        self.dataset = dataset
        self.source_ref = source_ref
        self.caption = caption
        self.party = party
        self.forms = forms

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        # As ``normalize.Token``: a slotted dataclass otherwise unpickles through
        # ``dataclasses``' ``__setstate__``, which took a fifth of the index's load.
        return by_fields(self)


def party_of(entity: Entity) -> Party:
    """What the matcher keeps of a listed entity. Tuples, not sets, and shared strings: a list of
    50,000 entities holds a lot of these."""
    births = [d for d in entity.dates if d.kind == "birth"]
    years = [int(d.value[:4]) for d in births] + [int(d.end[:4]) for d in births if d.end]
    return Party(
        name=entity.caption,
        schema=sys.intern(entity.schema),
        birth_years=tuple(dict.fromkeys(years)),
        countries=tuple(dict.fromkeys(sys.intern(c.code) for c in entity.countries if c.code)),
        identifiers=tuple(dict.fromkeys(normal_identifier(i.value) for i in entity.identifiers)),
        aliases=tuple(n.value for n in entity.names if n.value != entity.caption),
    )


def normal_identifier(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def keys(form: NameForm, person: bool = False) -> list[tuple[str, float]]:
    """The index keys of a name with their base weights (``person``: a person's name, whose
    Chinese words, the parts of a foreign name, have sound keys of their own: "f", not the
    brands' "k")."""
    out: list[tuple[str, float]] = []
    sound = "f" if person else "k"
    for token in form.tokens:
        base = 0.3 if token.weak else 1.0
        out.append(("w" + token.text, base))
        out.extend(("w" + alt, base) for alt in token.alt)
        if len(token.text) >= 6:
            out.append(("p" + token.text[:4], base * AFFIX_WEIGHT))
            out.append(("s" + token.text[-4:], base * AFFIX_WEIGHT))
        if token.syllables:
            out.extend((sound + key, base * SOUND_WEIGHT) for key in sound_keys(token))
            out.extend((sound + key, base * LOOSE_SOUND_WEIGHT) for key in sound_keys(token, True))
    joined = "".join(form.words)
    if len(form.tokens) > 1 and len(joined) >= 6:
        out.append(("j" + joined, 1.0))
    return out


def heard_keys(form: NameForm) -> list[str]:
    """The keys by which a person's Latin words find a foreign name written in Chinese: the
    ``HEARD_SPELLINGS`` likeliest spellings of each of its parts (``heard.spellings``;
    ``Index.candidates`` looks up a word's, ``phonetic.squashed``). A part whose spellings are
    none of its words' is still met by sound once another part finds the name."""
    out: dict[str, None] = {}
    for token in form.tokens:
        if len(token.syllables) >= 2:
            for key in _heard_keys_of(token.syllables):
                out[key] = None
    return list(out)


def meant_keys(form: NameForm) -> list[str]:
    """The keys by which an organisation's Latin words find a Chinese brand its name
    translates ("M Star", 美星): what the brand's characters mean (``meanings``)."""
    return ["m" + word for t in form.tokens if t.han for word in meanings.brand_meanings(t.han)]


@lru_cache(maxsize=4096)
def _heard_keys_of(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """``heard_keys`` of one part (parts repeat: 约翰, John, in many names)."""
    spellings = heard.spellings(foreign.HEARD, syllables, HEARD_SPELLINGS)
    return tuple("h" + word for word in spellings if len(word) >= MIN_LATIN_LETTERS)


@contextmanager
def building() -> Iterator[None]:
    """Building an index (or loading or writing one) makes or walks millions of objects and no
    garbage cycles: the cyclic garbage collector, which would go over all of them again and
    again as they pile up, waits. When it is back, the objects there are are kept out of its
    collections (``gc.freeze``): its first collection would otherwise go over every one of
    them, all made since it last ran (a fifth of a second for every list in ../shared)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


class Postings:
    """The names that have each key (their numbers, in the order they were indexed), every
    key's in one array. An index of every list in ../shared has some 150,000 keys: as many
    arrays of their own, each unpickled with its class looked up again, were a third of the
    index's load, for 4 MB of numbers."""

    def __init__(self, lists: dict[str, array[int]]) -> None:
        """The postings of ``lists`` (each key's names), which it empties."""
        self._at: dict[str, int] = {}
        """Each key's span: its first place in ``names``, and how many (``tally.span``)."""
        self.names = array("I")
        for key in list(lists):
            names = lists.pop(key)  # freed as it is copied: the two are not all kept at once
            self._at[key] = tally.span(len(self.names), len(names))
            self.names.extend(names)

    def get(self, key: str) -> array[int] | None:
        """The numbers of the names with ``key`` (a copy), ``None`` for a key none has."""
        at = self._at.get(key)
        if at is None:
            return None
        start = at >> tally.COUNT_BITS
        return self.names[start : start + (at & tally.COUNTED)]

    def span(self, key: str) -> int:
        """Where the names with ``key`` are in ``names`` (``tally.span``); 0 for none."""
        return self._at.get(key, 0)

    def count(self, key: str) -> int:
        """How many names have ``key``."""
        return self._at.get(key, 0) & tally.COUNTED

    def __contains__(self, key: str) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_postings, (self._at, self.names))


def _postings(at: dict[str, int], names: array[int]) -> Postings:
    """``Postings`` as pickled (``Postings.__reduce__``)."""
    postings = Postings({})
    postings._at = at
    postings.names = names
    return postings


class Index:
    def __init__(self, entities: Iterable[Entity]) -> None:
        with building():
            self._build(entities)

    def _build(self, entities: Iterable[Entity]) -> None:
        self.listed: list[Listed] = []
        self.name_owner = array("I")
        self.name_same = array("I")
        """For each name, a number shared by the names of one schema with the same words (one
        person listed by several lists, as each writes them): ``candidates`` counts them once."""
        self.names_group: list[int] = []
        """For each listed entity, a number shared by the entities of one schema whose names
        are the same (so are their forms): screening scores such names once per query. (A
        list, not an array: screening reads it for every candidate, and an array makes a new
        number object at every read.)"""
        groups: dict[tuple[str, ...], int] = {}
        self.words: list[tuple[Token, ...]] = []
        """For each listed entity, the distinct tokens of its names, in order (tokens are
        shared objects, see ``normalize.token``): the vocabulary a query is compared with."""
        # Arrays from the start: a list would hold every number as an object until the end
        # (a million of them, some 35 MB at the peak for every list in ../shared).
        postings: dict[str, array[int]] = defaultdict(lambda: array("I"))
        latin: dict[str, None] = {}  # people's Latin words, in order (``spellings``)
        for entity in entities:
            party = party_of(entity)
            forms = tuple(dict.fromkeys(f for f in party.forms() if f.tokens))
            if not forms:
                continue
            person = party.schema == "Person"
            number = len(self.listed)
            # Forms are worked out from the names and the schema alone (``prepare``): the same
            # names of the same schema give equal forms.
            group = (party.schema, *(f.original for f in forms))
            self.names_group.append(groups.setdefault(group, len(groups)))
            self.words.append(tuple({id(t): t for f in forms for t in f.tokens}.values()))
            # Kept without its other names, which no screening reads again (the forms hold
            # them).
            kept = Party(
                party.name, party.schema, party.birth_years, party.countries, party.identifiers
            )
            self.listed.append(
                Listed(
                    number,
                    entity.id,
                    sys.intern(entity.dataset),
                    entity.source_ref,
                    entity.caption,
                    kept,
                    forms,
                )
            )
            first_name = len(self.name_owner)
            for form in forms:
                name_number = len(self.name_owner)
                self.name_owner.append(number)
                for key in {k for k, _ in keys(form, person)}:
                    postings[key].append(name_number)
                if form.brands:
                    for key in meant_keys(form):
                        postings[key].append(name_number)
                if form.spoken:
                    for key in heard_keys(form):
                        postings[key].append(name_number)
                if person:
                    latin.update(
                        (t.text, None)
                        for t in form.tokens
                        if not t.abjad and len(t.text) > 1 and t.text.isalpha()
                    )
            for identifier in party.identifiers:
                if len(identifier) >= MIN_IDENTIFIER:
                    postings["i" + identifier].append(first_name)
        del groups
        self.postings = Postings(postings)  # emptying ``postings``
        # After the postings are copied (the peak of the build), not beside them.
        same: dict[tuple[str, ...], int] = {}
        for listed in self.listed:
            name: tuple[str, ...] = ()
            for form in listed.forms:
                # A form for other scripts only is the name before it, written otherwise.
                if not form.across_only or not name:
                    name = (listed.party.schema, *form.words)
                self.name_same.append(same.setdefault(name, len(same)))
        del same
        self.spellings: dict[str, tuple[str, ...]] = {
            skeleton: tuple(words) for skeleton, words in abjad.by_consonants(latin).items()
        }
        """People's Latin words by their consonants (``abjad.latin_skeleton``): what a name
        written in Arabic or Hebrew looks up by its words' (``abjad.skeletons``)."""
        names = max(1, len(self.name_owner))
        self._log_names = math.log(names + 1)
        self._rarity: dict[str, float] = {}
        self._sounds: dict[str, list[str]] | None = None
        self._brands = any(key[0] == "k" for key in self.postings)
        """Whether the list has Chinese brands, which Latin words may sound like."""
        self._heard = any(key[0] == "h" for key in self.postings)
        """Whether the list has foreign names written in Chinese, which a person's Latin words
        look up by the spellings their parts are likeliest heard as (``heard_keys``)."""

    STATE: ClassVar[tuple[str, ...]] = (
        "listed",
        "name_owner",
        "name_same",
        "names_group",
        "words",
        "postings",
        "spellings",
        "_log_names",
        "_rarity",
        "_sounds",
        "_brands",
        "_heard",
    )
    """What an index is made of: what the cache keeps (``state``, ``from_state``)."""

    def state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.STATE}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Index:
        """The index ``state`` gives (what ``state`` gave), built no further."""
        index = cls(())  # empty: nothing to build
        for name in cls.STATE:
            setattr(index, name, state[name])
        return index

    def __len__(self) -> int:
        return len(self.listed)

    def rarity(self, word: str) -> float:
        """1.0 for a word in one name of the list, less the more names have it (never below
        0.2; a word the list lacks counts as rare)."""
        known = self._rarity.get(word)
        if known is None:
            count = self.postings.count("w" + word)
            if not count:
                return 1.0  # not cached: the words of queries are unbounded, the list's are not
            known = self._rarity[word] = max(0.2, self._weight(count))
        return known

    def candidates(
        self, forms: Iterable[NameForm], person: bool = False, identifiers: Iterable[str] = ()
    ) -> list[Listed]:
        """The listed names that share the most (and rarest) keys with ``forms`` (``person``:
        the names are a person's), sound-alikes across scripts among them (``_sound_lookups``);
        and first, whatever name they go by, the entities listed with one of ``identifiers``
        (normalised, ``normal_identifier``)."""
        spans: list[int] = []  # the names of each key found (``tally``)
        weights: list[float] = []
        skipped: list[tuple[int, int, float]] = []  # keys of many names: how many, span, base
        postings = self.postings
        by_identifier = {
            self.name_owner[name]: None
            for identifier in identifiers
            if len(identifier) >= MIN_IDENTIFIER
            for name in postings.get("i" + identifier) or ()
        }
        # A key that two forms of the query share (a word its other form keeps: a surname, an
        # Arabic name beside a compound) counts once, as a name's words do.
        before: set[str] = set()
        groups_before: set[int] = set()  # the spelling groups (``spellings``' own tuples)
        # An organisation's Latin words look for the list's Chinese brands by sound; a
        # person's do not (``_sound_lookups``).
        brands = self._brands and not person
        for form in forms:
            # Not a list display with a conditional star: compiled, its weights were objects.
            lookups = keys(form, person)
            if brands or any(t.syllables for t in form.tokens):
                lookups.extend(self._sound_lookups(form, brands))
            if brands:
                for t in form.tokens:
                    if not (t.syllables or t.weak) and len(t.text) >= MIN_LATIN_LETTERS:
                        lookups.append(("m" + t.text, MEANT_WEIGHT))
                        if t.text[-1] == "s":  # "Stars" for 星, star
                            lookups.append(("m" + t.text[:-1], MEANT_WEIGHT))
            if person and self._heard:
                for t in form.tokens:
                    if not t.syllables and len(t.text) >= MIN_LATIN_LETTERS:
                        lookups.append(("h" + squashed(t.text), LOOSE_SOUND_WEIGHT))
            these: set[str] = set()
            these_groups: set[int] = set()
            for key, base in lookups:
                if key in before:
                    continue
                these.add(key)
                found = postings.span(key)
                count = found & tally.COUNTED
                if not count:
                    continue
                if count > COMMON_POSTINGS:
                    skipped.append((count, found, base))
                    continue
                spans.append(found)
                weights.append(base * self._weight(count))
            # A name written in an abjad: each of its words looks up the people's Latin words
            # with its consonants (``spellings``), all of them as one key would, counted and
            # weighed together.
            for words in self._spelling_groups(form):
                if id(words) in groups_before:
                    continue
                these_groups.add(id(words))
                group = [found for word in words if (found := postings.span("w" + word))]
                count = sum(found & tally.COUNTED for found in group)
                if not count or count > COMMON_SPELLINGS:
                    continue
                weight = ABJAD_WEIGHT * self._weight(count)
                spans.extend(group)
                weights.extend([weight] * len(group))
            before |= these
            groups_before |= these_groups
        if not spans and skipped:
            # Only common words: look among their first names after all, the rarest key first
            # (all of equal weight: in the order indexed).
            _, found, base = min(skipped, key=itemgetter(0))
            spans.append(tally.span(found >> tally.COUNT_BITS, MAX_CANDIDATE_NAMES * MAX_REPEATS))
            weights.append(base)
        best = tally.best(
            postings.names,
            self.name_same,
            spans,
            weights,
            MAX_CANDIDATE_NAMES,
            MAX_CANDIDATE_NAMES * MAX_REPEATS,
        )
        listed = self.listed
        owners = tally.owners(self.name_owner, best)  # each once, in order
        if by_identifier:
            for number in owners:
                by_identifier[number] = None
            return [listed[number] for number in by_identifier]
        return [listed[number] for number in owners]

    def _sound_lookups(self, form: NameForm, brands: bool) -> list[tuple[str, float]]:
        """Query-side keys for sound-alikes across scripts: a Chinese brand, or a part of a
        foreign person's name written in Chinese, looks for the listed Latin words of its
        skeletons; with ``brands`` (an organisation's name, and the list has Chinese brands),
        a Latin word for the Chinese brands of its skeletons (each key once, at the weight of
        its surest skeleton: loose ones count for less). A person's Latin words look up no
        skeletons: working them out for every word of every person
        screened, and the candidates they found, cost a fifth more a query, for the few
        foreign names lists write in Chinese alone; those are found by the parts that
        CC-CEDICT spells (``foreign``), then met by sound as well."""
        out: dict[str, float] = {}
        for token in form.tokens:
            if not (token.syllables or brands):
                continue
            for loose, weight in ((False, SOUND_WEIGHT), (True, LOOSE_SOUND_WEIGHT)):
                if token.syllables:
                    words = self._sound_words()
                    for key in sound_keys(token, loose):
                        for w in words.get(key, ()):
                            out.setdefault("w" + w, weight)
                else:
                    for key in sound_keys(token, loose):
                        out.setdefault("k" + key, weight)
            if token.syllables and form.brands:  # and the Latin words it means (``meanings``)
                for w in meanings.brand_meanings(token.han):
                    out.setdefault("w" + w, MEANT_WEIGHT)
        return list(out.items())

    def _spelling_groups(self, form: NameForm) -> list[tuple[str, ...]]:
        """For each word of ``form`` written in an abjad, and each reading of it, the people's
        Latin words with its consonants (``spellings``)."""
        return [
            self.spellings[skeleton]
            for t in form.tokens
            if t.abjad
            for text in t.spellings
            for skeleton in abjad.skeletons(text)
            if skeleton in self.spellings
        ]

    def _sound_words(self) -> dict[str, list[str]]:
        """The list's Latin words by skeleton, loose ones too (``phonetic``): worked out on
        the first Chinese query only."""
        if self._sounds is None:
            self._sounds = {}
            for key in self.postings:
                word = key[1:]
                if (
                    key[0] == "w"
                    and len(word) >= MIN_LATIN_LETTERS
                    and word.isalpha()
                    and word not in LATIN_WEAK_WORDS
                ):
                    for skeleton in (*latin_skeletons(word), *loose_latin_skeletons(word)):
                        self._sounds.setdefault(skeleton, []).append(word)
        return self._sounds

    def _weight(self, postings: int) -> float:
        return math.log((len(self.name_owner) + 1) / postings) / self._log_names
