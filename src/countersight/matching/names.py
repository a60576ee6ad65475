"""Comparing two prepared names token by token: which word met which, how closely, and what
that is worth. The alignment is the explanation: every score can say which name matched which.

Word weights: a weak word (a place, a trade word, a title) counts for a third of a strong one;
a word that is common in the list being screened counts for less (``rarity``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from rapidfuzz.distance import OSA, Levenshtein

from countersight.matching import abjad, letters, meanings
from countersight.matching.normalize import NameForm, Token, chinese_spelling, fold, token
from countersight.matching.phonetic import (
    SOUND_SIMILARITY,
    brand_skeletons,
    can_sound,
    sound_similarity,
    telling_sound,
    word_skeletons,
)

# What the busiest loops call in other modules, held here once: compiled, ``module.name`` is
# an attribute looked up at every call, and so is a cached function imported by name (in this
# module's dictionary).
_osa_distance: Final = OSA.distance
_levenshtein_similarity: Final = Levenshtein.normalized_similarity
_within: Final = letters.within
_apart: Final = letters.apart
_skeletons: Final = abjad.skeletons
_latin_skeleton: Final = abjad.latin_skeleton
_meets: Final = abjad.meets
_fold: Final = fold
_brand_skeletons: Final = brand_skeletons
_word_skeletons: Final = word_skeletons

WEAK_WEIGHT: Final = 0.3
SUBSET_BASE: Final = 0.7
WEAK_ONLY: Final = 0.5
RESPLIT: Final = 0.9
"""Two names written as one word this alike or more meet whatever their words (a tenth of the
letters edited at most: ``_joined_similarity`` relies on it)."""

Rarity = Callable[[str], float]
"""A word's weight from how rare it is in the list (1.0 for a word seen once); or none."""


class Pair(NamedTuple):
    """One aligned pair of words: query word, candidate word, similarity 0-1."""

    query: str
    candidate: str
    similarity: float


class NameScore(NamedTuple):
    score: float
    query_coverage: float
    candidate_coverage: float
    pairs: tuple[Pair, ...]
    joined: float
    """Similarity of the names written as one word (catches split and joined words); worked
    out only where it can decide (see ``compare``), else 0."""
    strong_matched: bool


def _pair(query: str, candidate: str, similarity: float) -> Pair:
    """``Pair(...)``, made as ``Pair._make`` makes it (``tuple.__new__``): compiled, a named
    tuple's own ``__new__`` still runs as Python (``NameScore``, ``score.Feature`` and
    ``score.Result`` likewise: a query's best pairs of names make a few of each)."""
    return tuple.__new__(Pair, (query, candidate, similarity))


def _name_score(
    score: float,
    query_coverage: float,
    candidate_coverage: float,
    pairs: tuple[Pair, ...],
    joined: float,
    strong_matched: bool,
) -> NameScore:
    """``NameScore(...)`` as ``_pair`` makes a ``Pair``."""
    return tuple.__new__(
        NameScore, (score, query_coverage, candidate_coverage, pairs, joined, strong_matched)
    )


NOTHING: Final = _name_score(0.0, 0.0, 0.0, (), 0.0, False)
"""Two names with nothing in common."""


SYLLABIC: Final = frozenset({"Han", "Hangul", "Japanese"})
"""Scripts written a syllable to a character: in them one character more or less is another
word, not a typo."""
SPELT: Final = frozenset({"Han", "Hangul"})
"""Scripts whose people's names meet romanised names by their syllables' spellings only
(``Words.spelt``): each syllable is spelt in the systems lists use (``normalize``), and one
spelt a letter apart is another syllable (Liu and Yu; Min and In)."""


def spelt_only(form: NameForm) -> bool:
    """A Chinese or Korean person's name in characters (``SPELT``)."""
    return form.syllabic and form.script in SPELT


def word_similarity(a: Token, b: Token, exact: bool = False) -> float:
    """1.0 for the same word; a Chinese brand and a Latin word that sound alike (see
    ``phonetic``) 0.9; an initial meets its word at 0.8; a typo (one edit in a short word, a
    transposition, two edits in a long one) keeps most of the similarity; a word of a name
    written in Arabic or Hebrew and a Latin spelling of it at least 0.9 (``abjad``); a
    different word is 0."""
    if a.text == b.text or a.text in b.alt or b.text in a.alt:
        return 1.0
    if exact:
        return 0.0
    if sound := sound_similarity(a, b):
        return sound
    short = min(len(a.text), len(b.text))
    if short == 1:
        return 0.8 if a.text[0] == b.text[0] else 0.0
    similarity = _typo_similarity(a.text, b.text, _osa_distance(a.text, b.text))
    if _spelt_in_latin(a, b) or _spelt_in_latin(b, a):
        return max(similarity, abjad.SIMILARITY)
    return similarity


def _spelt_in_latin(written: Token, word: Token) -> bool:
    """Whether ``word``, not written in an abjad, spells ``written``, written in one."""
    return (
        written.abjad
        and not word.abjad
        and any(abjad.meets(text, word.text) for text in written.spellings)
    )


def _allowed(length: int) -> int:
    """The edits a typo may make in a word of this length."""
    return 1 if length <= 5 else 2 if length <= 10 else 3


def _typo_similarity(a: str, b: str, edits: int) -> float:
    allowed = _allowed(min(len(a), len(b)))
    if 1 < edits <= allowed + 1:
        # Letters that transliterations swap (Sergej, Sergey) count as one edit at most.
        edits = min(edits, max(1, _osa_distance(_fold(a), _fold(b))))
    if edits > allowed:
        return 0.0
    return 1.0 - 0.5 * edits / max(len(a), len(b)) - 0.05 * edits


@dataclass(slots=True)
class Words:
    """The words of a query against the words of its candidates, worked out once per query:
    ``word_similarity`` for every pair that is not 0, and each word's weight."""

    near: dict[str, dict[str, float]]
    """For each candidate word, the query words it resembles and how closely."""
    weight: dict[str, float]
    """Each word's weight before the weak-word factor (``word_weight``): every word of the
    query and of the vocabulary, and maybe others (a screener keeps one for all queries)."""
    _same: dict[str, dict[str, float]] | None = field(repr=False, compare=False)
    """What ``same`` worked out (an attribute, not a table by name: ``_near`` asks for it for
    every pair of names bounded)."""
    _spelt: dict[str, dict[str, float]] | None = field(repr=False, compare=False)
    """What ``spelt`` worked out."""
    _queries: list[tuple[NameForm, list[float], float]] = field(repr=False, compare=False)
    """What ``query_weights`` worked out, for each of the query's names (a few: looked for by
    identity, which costs less than looking up an ``id`` made into a number)."""

    def __init__(self, near: dict[str, dict[str, float]], weight: dict[str, float]) -> None:
        # Written out, and the class not frozen: compiled, the ``__init__`` that ``dataclass``
        # writes runs as Python, setting each field through ``object.__setattr__``, for every
        # query (``Hit`` likewise).
        self.near = near
        self.weight = weight
        self._same = None
        self._spelt = None
        self._queries = []

    def query_weights(self, form: NameForm) -> tuple[list[float], float]:
        """The weights of a query name's words and their sum (``_weights_of``), worked out
        once per name."""
        for kept in self._queries:
            if kept[0] is form:
                return kept[1], kept[2]
        weights, total = _weights_of(form.tokens, self.weight)
        self._queries.append((form, weights, total))
        return weights, total

    def same(self) -> dict[str, dict[str, float]]:
        """``near`` with the same words only (similarity 1.0): all that counts between two
        names in one syllabic script (``compare``). Worked out on first use."""
        kept = self._same
        if kept is None:
            kept = self._same = self._only(lambda q, c, similarity: similarity == 1.0)
        return kept

    def spelt(self) -> dict[str, dict[str, float]]:
        """``near`` with what a Chinese or Korean person's name in characters meets in a
        romanised one (``compare``): the same syllable (in one of its spellings) or an initial,
        no typo. Worked out on first use."""
        kept = self._spelt
        if kept is None:
            kept = self._spelt = self._only(
                lambda q, c, similarity: similarity == 1.0 or len(q) == 1 or len(c) == 1
            )
        return kept

    def _only(self, keep: Callable[[str, str, float], bool]) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for c, found in self.near.items():
            kept = {q: similarity for q, similarity in found.items() if keep(q, c, similarity)}
            if kept:
                out[c] = kept
        return out


def words_of(
    query: Iterable[Token],
    vocabulary: Iterable[Token],
    rarity: Rarity | None = None,
    weights: dict[str, float] | None = None,
) -> Words:
    """One pass over the candidates' words per query word (edit distances by rapidfuzz, in C,
    with a cut-off) instead of ``word_similarity`` pair by pair; same values. ``weights`` keeps
    the weights of words from one query to the next (for one ``rarity`` only: the screener
    keeps one for the words of its index): those of the vocabulary it lacks are added."""
    query = tuple(query)
    tokens = tuple(vocabulary)
    weights = {} if weights is None else weights
    longer, initials, marked = vocabulary_of(tokens, rarity, weights)
    others: dict[str, Token] | None = None
    if any(q.syllables for q in query):
        others = {}  # the words the query's brands may sound like
        for t in tokens:
            if not t.syllables:
                others.setdefault(t.text, t)
    return words_among(query, longer, initials, marked, rarity, weights, others)


Vocabulary = tuple[tuple[str, ...], tuple[str, ...], tuple[Token, ...]]
"""A vocabulary as ``words_among`` reads it (``vocabulary_of``)."""


def vocabulary_of(
    tokens: Sequence[Token], rarity: Rarity | None, weights: dict[str, float]
) -> Vocabulary:
    """The distinct words of ``tokens``, in order, of two letters or more and of one, and those
    of the tokens that have other spellings, are Chinese brands or are written in an abjad;
    the words' weights are added to ``weights`` where it lacks them. A screener keeps one per
    listed entity."""
    texts = tuple(dict.fromkeys(t.text for t in tokens))
    for w in texts:
        if w not in weights:
            weights[w] = word_weight(w, rarity)
    return (
        tuple(w for w in texts if len(w) > 1),
        tuple(w for w in texts if len(w) == 1),
        tuple(t for t in tokens if t.alt or t.syllables or t.abjad),
    )


def words_among(
    query: tuple[Token, ...],
    longer: Sequence[str],
    initials: Sequence[str],
    marked: Iterable[Token],
    rarity: Rarity | None,
    weights: dict[str, float],
    others: dict[str, Token] | None = None,
    alike: bool = True,
    spellings: Mapping[str, Sequence[str]] | None = None,
) -> Words:
    """``words_of`` with the vocabulary given as its words of two letters or more
    (``longer``) and its one-letter words (``initials``), repeats allowed, and those of its
    tokens that have other spellings, are Chinese brands or are written in an abjad
    (``marked``): what a screener can
    keep per listed entity and put together without reading a word. ``weights`` must hold
    the weight of every word of the vocabulary; the query's are added to it, and it is the
    result's ``weight``. A query with Chinese brands also needs ``others``, the vocabulary's
    other tokens by word (which the brands may sound like); ``words_of`` works them out.

    ``near`` may hold words that are not in the vocabulary (the query's own words, its other
    spellings, its initials): they meet no candidate word, and are only ever looked up by
    one. Without ``alike``, typos and sound-alikes are not looked for: ``near`` then holds
    what ``Words.same`` and ``Words.spelt`` keep (the same words in any of their spellings,
    and initials), all that counts for a Chinese or Korean person's name in characters
    (``_near``). A word of the query written in an abjad is compared with the vocabulary's
    Latin words that have its consonants: those ``spellings`` gives (a screener passes the
    index's, its people's Latin words by consonants), else all of them."""
    marked = marked if isinstance(marked, list) else list(marked)
    # (Words with other spellings are looked for among ``marked`` for each word of the query
    # that is one of those spellings: a table of them by spelling cost more to make.)
    with_alt = [t for t in marked if t.alt]
    alts = {alt for t in with_alt for alt in t.alt}
    # Chinese brands, which Latin words may sound like, with the skeletons they may sound by
    # (``phonetic.brand_skeletons``): a word with none of them is not compared.
    brands: dict[str, tuple[Token, frozenset[str]]] = {}
    for t in marked:
        if t.syllables and t.text not in brands:
            brands[t.text] = (t, _brand_skeletons(t.syllables))
    if others is None:
        if any(q.syllables for q in query):
            raise ValueError("a query with Chinese brands needs the vocabulary's other words")
        others = {}
    # Repeats kept (candidates share words: a common surname): only the few words that
    # ``letters.within`` keeps are taken once each (it does so), before rapidfuzz compares
    # them.
    vocabulary = longer if isinstance(longer, list) else list(longer)
    # Names written in an abjad and their Latin spellings (``abjad``), met by consonants: the
    # vocabulary's abjad words for the query's Latin words (a few: looked through for each,
    # which costs less than a table of them by consonants), and the vocabulary's other words
    # for the query's abjad words (worked out at the first of these).
    written: list[tuple[str, str, tuple[str, ...]]] = []  # word, a spelling, its consonants
    all_consonants: set[str] = set()
    for t in marked:
        if t.abjad:
            for text in t.spellings:
                consonants = _skeletons(text)
                if consonants:
                    written.append((t.text, text, consonants))
                    all_consonants.update(consonants)
    latin: set[str] | None = None  # the vocabulary's words not written in an abjad
    by_consonants: Mapping[str, Sequence[str]] = {}
    near: dict[str, dict[str, float]] = {}
    seen: set[str] = set()
    for q in query:
        if q.text in seen:
            continue
        seen.add(q.text)
        if q.text not in weights:
            weights[q.text] = word_weight(q.text, rarity)
        found: dict[str, float] = {}
        for same in q.spellings:
            found[same] = 1.0
        if q.text in alts:
            for t in with_alt:
                if q.text in t.alt:
                    found[t.text] = 1.0
        if len(q.text) == 1:
            for words in (vocabulary, initials):
                for word in words:
                    if word[0] == q.text:
                        found.setdefault(word, 0.8)
        else:
            found.setdefault(q.text[0], 0.8)
        if alike and len(q.text) > 1:
            # The most edits ``_typo_similarity`` can forgive for this word: those a typo may
            # make, and one more where the letters swapped are spelling variants (``fold``).
            most = _allowed(len(q.text)) + 1
            # Words longer or shorter by more than that, or with more letters that ``q`` lacks,
            # are as many edits away at least: left out here, where it costs less than handing
            # them to rapidfuzz (``letters.within``).
            # Each compared on its own: they are a few (five on average, none for one word in
            # eight), and ``process.extract`` costs more than that to set up and sort.
            for word in _within(q.text, vocabulary, most):
                edits = _osa_distance(q.text, word, score_cutoff=most)
                if edits <= most and word not in found:
                    similarity = _typo_similarity(q.text, word, edits)
                    if similarity > 0.0:
                        found[word] = similarity
        if alike and can_sound(q):
            # Sound-alikes across scripts, which edit distance misses (and which outrank it).
            if q.syllables:
                skeletons = _brand_skeletons(q.syllables)
                for word, t in others.items():
                    if (
                        found.get(word) != 1.0
                        and not _word_skeletons(word).isdisjoint(skeletons)
                        and (sound := sound_similarity(q, t))
                    ):
                        found[word] = sound
            elif brands:
                heard = _word_skeletons(q.text)
                for word, (t, skeletons) in brands.items():
                    if (
                        found.get(word) != 1.0
                        and not heard.isdisjoint(skeletons)
                        and (sound := sound_similarity(q, t))
                    ):
                        found[word] = sound
        if q.abjad:
            if latin is None:
                latin = set(vocabulary).difference(w for w, _, _ in written)
                by_consonants = (
                    spellings
                    if spellings is not None
                    else abjad.by_consonants(w for w in dict.fromkeys(vocabulary) if w in latin)
                )
            for text in q.spellings:
                for skeleton in _skeletons(text):
                    for word in by_consonants.get(skeleton, ()):
                        if (
                            word in latin
                            and found.get(word, 0.0) < abjad.SIMILARITY
                            and _meets(text, word)
                        ):
                            found[word] = abjad.SIMILARITY
        elif (
            written and len(q.text) > 1 and (skeleton := _latin_skeleton(q.text)) in all_consonants
        ):
            for word, text, consonants in written:
                if (
                    skeleton in consonants
                    and found.get(word, 0.0) < abjad.SIMILARITY
                    and _meets(text, q.text)
                ):
                    found[word] = abjad.SIMILARITY
        for word, similarity in found.items():
            near.setdefault(word, {})[q.text] = similarity
    return Words(near, weights)


def word_weight(word: str, rarity: Rarity | None) -> float:
    """A word's weight before the weak-word factor: its rarity, halved for a lone letter."""
    return (0.5 if len(word) == 1 else 1.0) * (rarity(word) if rarity is not None else 1.0)


def compare(
    query: NameForm, candidate: NameForm, words: Words | None = None, rarity: Rarity | None = None
) -> NameScore:
    """Two prepared names, aligned word by word. ``words`` holds the word similarities and
    weights already worked out (a query against many candidates); without it they are worked
    out for this pair, with ``rarity``."""
    q_tokens, c_tokens = query.tokens, candidate.tokens
    if not q_tokens or not c_tokens or _same_script_across_only(query, candidate):
        return NOTHING
    if words is None:
        words = words_of(q_tokens, c_tokens, rarity)
    joined_brands: list[tuple[float, int, int]] = []
    if query.script != candidate.script and (query.brands or candidate.brands):
        q_tokens, q_met = _brands_spelt_apart(q_tokens, c_tokens)
        c_tokens, c_met = _brands_spelt_apart(c_tokens, q_tokens)
        joined_brands = [(s, i, k) for i, k, s in q_met] + [(s, k, j) for j, k, s in c_met]
    may_resplit = _may_resplit(
        query, candidate, len(q_tokens), len(c_tokens), query.size, candidate.size
    )
    # Two people's names in the same characters meet by their syllables' own readings only:
    # the other spellings are for romanised names (吉 is also spelt chi, 池 is chi); and the
    # same reading of another character is another name (高市 Takaichi is not 高石 Takaishi,
    # read gaoshi both).
    readings = query.script == candidate.script and query.syllabic and candidate.syllabic
    scored: list[tuple[float, int, int]] = []
    near = _near(query, candidate, words)
    for j, c in enumerate(c_tokens):
        found = near.get(c.text)
        if found:
            for i, q in enumerate(q_tokens):
                similarity = found.get(q.text)
                if similarity is not None and not (
                    readings and (q.text != c.text or q.han != c.han)
                ):
                    scored.append((similarity, i, j))
    scored += joined_brands
    if not scored and not may_resplit:
        return NOTHING
    if any(t.aside for t in q_tokens) or any(t.aside for t in c_tokens):
        # A word met twice (a short name in brackets repeats the name): the main one first.
        scored.sort(
            key=lambda x: (x[0], not (q_tokens[x[1]].aside or c_tokens[x[2]].aside), x[1], x[2]),
            reverse=True,
        )
    else:
        scored.sort(reverse=True)
    q_best = [0.0] * len(q_tokens)
    c_best = [0.0] * len(c_tokens)
    pairs: list[Pair] = []
    used_q: set[int] = set()
    used_c: set[int] = set()
    sound_only = True  # every distinctive word that met its counterpart met it by sound alone
    initials_only = True  # every one met a Chinese brand by its initials ("HM", 红猫 hongmao)
    lettered = True  # every one met a single letter (an initial), or was one
    met = 0  # distinctive words that met their counterparts
    telling = False  # one of them met its counterpart by a long skeleton (``telling_sound``)
    weak_met = False
    worded = False  # some distinctive word met a word, not an initial
    q_last, c_last = len(q_tokens) - 1, len(c_tokens) - 1
    in_order = 0  # first words met, and last words met (``_middle_names_left_out``)
    for similarity, i, j in scored:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        q_best[i] = c_best[j] = similarity
        if (i == 0 and j == 0) or (i == q_last and j == c_last):
            in_order += 1
        pairs.append(_pair(q_tokens[i].text, c_tokens[j].text, round4(similarity)))
        if q_tokens[i].weak:
            weak_met = weak_met or similarity >= 0.9
        else:
            worded = worded or (len(q_tokens[i].text) > 1 and len(c_tokens[j].text) > 1)
            met += 1
            if initials_only and not _by_initials(q_tokens[i], c_tokens[j]):
                initials_only = False
            if lettered and not (_letter(q_tokens[i].text) or _letter(c_tokens[j].text)):
                lettered = False
            if sound_only and (similarity == 1.0 or not _by_sound(q_tokens[i], c_tokens[j])):
                sound_only = False
            elif sound_only and not telling:
                telling = telling_sound(q_tokens[i], c_tokens[j])
    if in_order == 2 and query.spoken != candidate.spoken and query.script != candidate.script:
        if candidate.spoken:
            q_tokens, q_best = _middle_names_left_out(q_tokens, q_best)
        else:
            c_tokens, c_best = _middle_names_left_out(c_tokens, c_best)
    weight = words.weight
    q_weights = _weights_of(q_tokens, weight)[0]
    c_weights = _weights_of(c_tokens, weight)[0]
    q_cov = _weighted_mean(q_weights, q_best)
    c_cov = _weighted_mean(c_weights, c_best)
    strong = any(s > 0 and not q_tokens[i].weak for i, s in enumerate(q_best))
    joined = (
        _joined_similarity(query, candidate, query.tokens, candidate.tokens) if may_resplit else 0.0
    )
    # Every word of one name found in the other: the other name says more (a middle name, a
    # branch); the more it adds, the less sure the match. Words missing on both sides are a
    # conflict: the names are of different people or companies.
    q_all = all(q_best[i] > 0 for i, t in enumerate(q_tokens) if not t.weak)
    c_all = all(c_best[j] > 0 for j, t in enumerate(c_tokens) if not t.weak)
    across = query.script != candidate.script and strong and worded
    if across and _all_met(q_tokens, q_best) and _all_met(c_tokens, c_best):
        # Across scripts, trade words are translated freely (科技 is "Technology" or
        # "Electronics") and a short name in brackets may have no counterpart: when every
        # distinctive word meets its counterpart, the rest is translation, not a difference.
        # Not when they meet only as initials: 삼성전자 is not "E. S. Co.".
        coverage = min(_strong_mean(q_tokens, q_best), _strong_mean(c_tokens, c_best))
    elif (q_all or c_all) and _may_be_subset(query, candidate, q_all, c_all):
        small, big = (q_cov, c_cov) if q_all and (not c_all or q_cov <= c_cov) else (c_cov, q_cov)
        coverage = small * (SUBSET_BASE + (1 - SUBSET_BASE) * big)
    else:
        coverage = q_cov * c_cov
    resplit = joined >= RESPLIT
    score = max(coverage, joined) if resplit else coverage
    if not strong and not resplit and not (q_all and c_all and _all_met_weak(q_best, c_best)):
        score = min(score, WEAK_ONLY)  # only places and trade words in common
    elif strong and sound_only and not (met > 1 and telling) and not weak_met and not resplit:
        # A brand that sounds like a word, and nothing else in common: many words sound alike.
        # Two words that do, one of them by three consonants or more, seldom do by chance (a
        # foreign name written in Chinese: 斯科特·西蒙, Scott Simon; not 亚当 and Tanay).
        score = min(score, WEAK_ONLY)
    if met and initials_only and not weak_met and not resplit:
        # A brand's initials, and nothing else in common: two letters are no name ("RX
        # Electronics" is 日新电子, "HM" is not 红猫控股).
        score = min(score, WEAK_ONLY)
    elif met and lettered and not resplit and not (min(q_best) == min(c_best) == 1.0):
        # Only initials met, one letter each ("System-L" and 雷神导弹系统, leishen): a letter
        # is no name either. Unless the names are the same words ("Group W", and Group W公司).
        score = min(score, WEAK_ONLY)
    return _name_score(score, q_cov, c_cov, tuple(pairs), joined, strong or resplit)


def _letter(word: str) -> bool:
    """Whether a word is a single letter, an initial (not a figure: "1st" is 1)."""
    return len(word) == 1 and word.isalpha()


def _by_initials(a: Token, b: Token) -> bool:
    """Whether one word is the initials of the other, a Chinese brand of two characters or
    more (``normalize._brand`` gives them as its first other spelling)."""
    brand, other = (a, b) if a.syllables else (b, a)
    return (
        len(brand.syllables) > 1
        and len(other.text) == len(brand.syllables)
        and other.text == "".join(s[:1] for s in brand.syllables)
    )


def given_name_apart(form: NameForm, other: NameForm) -> int:
    """The place of the word of a person's name in Latin letters that is a given name of
    another language beside a Chinese name (John Lee Ka-chiu, Miles Yu Maochun), which the
    name in Chinese characters (``other``) does not write (李家超, 余茂春): its first word or
    else its last, of three letters or more, that spells no Chinese syllable nor two
    (``normalize.chinese_spelling``); -1 for none, or for a name of fewer than three words.
    ``score.score_party`` compares the names without it too (if it met nothing), and
    screening bounds them so."""
    if not (other.syllabic and other.script == "Han") or form.script != "Latin":
        return -1
    last = len(form.tokens) - 1
    if last < 2:
        return -1
    for i in (0, last):
        word = form.tokens[i].text
        if len(word) >= 3 and not chinese_spelling(word):
            return i
    return -1


def _middle_names_left_out(
    tokens: tuple[Token, ...], best: list[float]
) -> tuple[tuple[Token, ...], list[float]]:
    """A name against a foreign person's name written in Chinese, which leaves out middle
    initials (乔安妮·德雷克 for Joanne M. Drake): where its first and last words met the
    other's first and last (``compare`` tells), the initials between them that met nothing
    are left out. (Not middle names: two names that sound alike at both ends, a middle name
    over, are too often two people: Charles Sabine Bodin and 查尔斯·伯顿, Charles Burton.)"""
    last = len(tokens) - 1
    if last < 2 or best[0] == 0.0 or best[last] == 0.0:
        return tokens, best
    kept = [i for i in range(len(tokens)) if best[i] > 0.0 or len(tokens[i].text) > 1]
    if len(kept) == len(tokens):
        return tokens, best
    return tuple(tokens[i] for i in kept), [best[i] for i in kept]


def round4(x: float) -> float:
    """``round(x, 4)``, the same float, for less work (``round`` writes the number out in
    decimal and reads it back: about 2,600 instructions; a screened party rounds five).

    Above 0 and up to 100, ``x * 10000`` is within 2e-10 of its exact value, so unless it is that
    close to a half, its whole part tells which way ``round`` goes; and the division below,
    rounded correctly as every float operation is, gives the float nearest to the decimal
    that ``round`` reads back. Elsewhere, and near a half, ``round`` itself."""
    if 0.0 < x <= 100.0:
        scaled = x * 10000.0
        whole = float(int(scaled))
        left = scaled - whole
        if left < 0.4999999:
            return whole / 10000.0
        if left > 0.5000001:
            return (whole + 1.0) / 10000.0
    return round(x, 4)


def _same_script_across_only(query: NameForm, candidate: NameForm) -> bool:
    """Two names in one script, one of them in a form for other scripts only
    (``NameForm.across_only``): not compared, their own forms are."""
    return (query.across_only or candidate.across_only) and query.script == candidate.script


def _weighted_mean(weights: list[float], values: list[float]) -> float:
    """The mean of ``values`` by ``weights``, summed left to right (as ``sum`` does on Python
    3.11; from 3.12 ``sum`` compensates for rounding, so this gives the same float on every
    version), by index: mypyc compiles this loop, and calls ``sum`` over a generator."""
    weighted = total = 0.0
    for i in range(len(weights)):
        weighted += weights[i] * values[i]
        total += weights[i]
    return weighted / total


def _near(query: NameForm, candidate: NameForm, words: Words) -> dict[str, dict[str, float]]:
    """The part of ``words.near`` that counts between these two names (``compare`` and
    ``score_bound`` alike): in one syllabic script only the same words (one character more or
    less is another word, not a typo); a Chinese or Korean person's name in characters against
    a romanised one only its syllables' spellings (pinyin, Wade-Giles, Hong Kong Cantonese;
    Revised Romanization, McCune-Reischauer and customary Korean spellings: see ``normalize``,
    ``hangul``) and initials, since a syllable spelt a letter apart is another syllable (Liu
    and Yu, Fang and Wang, Min and In); else everything."""
    # (``_spelt_across`` written out: this runs for every pair of names bounded.)
    if query.script == candidate.script:
        return words.same() if query.script in SYLLABIC else words.near
    if spelt_only(query) or spelt_only(candidate):
        return words.spelt()
    return words.near


def _may_be_subset(query: NameForm, candidate: NameForm, q_all: bool, c_all: bool) -> bool:
    """Whether the name left with words over (``q_all``, ``c_all``: every distinctive word of
    the query, of the candidate, met) may be the other with more words: not when it is written
    a syllable to a character (王楠伟 is not 王伟 with a middle name, 伟 and 楠伟 are two
    given names), nor a Chinese or Korean name against a romanised one with a syllable over on
    either side (Chen Po-yuan is not 陈波)."""
    return not (
        (query.syllabic and not q_all)
        or (candidate.syllabic and not c_all)
        or (_spelt_across(query, candidate) and not (q_all and c_all))
    )


def _spelt_across(query: NameForm, candidate: NameForm) -> bool:
    """A Chinese or Korean person's name in characters against one in another script."""
    return query.script != candidate.script and (spelt_only(query) or spelt_only(candidate))


def _brands_spelt_apart(
    tokens: tuple[Token, ...], other: tuple[Token, ...]
) -> tuple[tuple[Token, ...], list[tuple[int, int, float]]]:
    """Latin words that together spell a Chinese brand of the other name, its pinyin written
    syllable by syllable ("Mei Xin" for 美欣 Meixin), or that say it a word per character, by
    meaning or sound ("M Star" for 美星, ``meanings.says``), or that sound like a brand of
    three syllables or more together ("Meiya Pico" for 美亚柏科, meiya boke: ``_sounded_at``), as
    one word; and which word of ``tokens`` now meets which brand of ``other``, how closely
    (1.0, or the sound's similarity)."""
    spellings: dict[str, int] = {}
    meant: list[tuple[int, Token]] = []  # the brands that a word of ``tokens`` may say
    sounded: list[tuple[int, Token]] = []  # the brands that words together may sound like
    saying: set[str] | None = None  # the meanings the words of ``tokens`` say, worked out once
    for k, t in enumerate(other):
        if t.syllables:
            for spelling in t.spellings:
                if len(spelling) > 3:
                    spellings.setdefault(spelling, k)  # the first: the name, not its short name
            if len(t.syllables) >= 3:
                sounded.append((k, t))
            if t.han:
                if saying is None:
                    saying = meanings.meaning_words(w.text for w in tokens if not w.weak)
                if saying and meanings.may_say(saying, t.han):
                    meant.append((k, t))
    if not spellings and not meant:
        return tokens, []
    out: list[Token] = []
    met: list[tuple[int, int, float]] = []
    said: set[int] = set()  # the brands met by meaning or sound together (each once)
    i = 0
    while i < len(tokens):
        similarity = 1.0
        size, brand, text = _spelt_at(tokens, i, spellings)
        if brand < 0 and meant:
            size, brand, text = _said_at(tokens, i, meant, said)
        if brand < 0 and sounded:
            size, brand, text, similarity = _sounded_at(tokens, i, sounded, said)
        if brand >= 0:
            met.append((len(out), brand, similarity))
            out.append(token(text))
            i += size
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out), met


def _sounded_at(
    tokens: tuple[Token, ...], i: int, sounded: list[tuple[int, Token]], said: set[int]
) -> tuple[int, int, str, float]:
    """``_spelt_at`` for the brands of three syllables or more that the Latin words from
    ``tokens[i]`` on, two or three as one word, sound like by the same consonants
    (``phonetic.SOUND_SIMILARITY``: not loosely, as Xin Quan and 芯时空, xinshikong, do);
    each brand once (``said``); and how closely."""
    for size in (3, 2):
        run = tokens[i : i + size]
        if len(run) == size and not any(t.syllables or t.weak or len(t.text) < 2 for t in run):
            joined = token("".join(t.text for t in run))
            heard = _word_skeletons(joined.text)
            for k, t in sounded:
                if (
                    k not in said
                    and not heard.isdisjoint(_brand_skeletons(t.syllables))
                    and (similarity := sound_similarity(joined, t)) >= SOUND_SIMILARITY
                ):
                    said.add(k)
                    return size, k, joined.text, similarity
    return 0, -1, "", 0.0


def _spelt_at(tokens: tuple[Token, ...], i: int, spellings: dict[str, int]) -> tuple[int, int, str]:
    """The brand the Latin words from ``tokens[i]`` on spell (``_brands_spelt_apart``): how
    many words, which brand (-1 for none) and the words as one."""
    for size in (3, 2):
        run = tokens[i : i + size]
        if len(run) == size and not any(t.syllables or t.weak for t in run):
            joined = "".join(t.text for t in run)
            brand = spellings.get(joined)
            if brand is not None:
                return size, brand, joined
    return 0, -1, ""


def _said_at(
    tokens: tuple[Token, ...], i: int, meant: list[tuple[int, Token]], said: set[int]
) -> tuple[int, int, str]:
    """``_spelt_at`` for the brands ``meant`` the words may say, a word per character; each
    brand said once (``said``)."""
    for k, t in meant:
        run = tokens[i : i + len(t.han)]
        if k not in said and not any(r.syllables or r.weak for r in run):
            words = [r.text for r in run]
            if meanings.says(words, t.han, t.syllables):
                said.add(k)
                return len(run), k, f"{' '.join(words)} ({t.han})"  # explained so: m star (美星)
    return 0, -1, ""


def _by_sound(a: Token, b: Token) -> bool:
    """Whether two different words met by sound (see ``word_similarity``)."""
    return bool(a.syllables or b.syllables) and sound_similarity(a, b) > 0.0


def _all_met_weak(q_best: list[float], c_best: list[float]) -> bool:
    """Names of places and trade words only, every one of them met on both sides: the same
    name ("Inner Mongolia Asia Europe International Logistics"), however generic."""
    return min(q_best) >= 0.9 and min(c_best) >= 0.9


def _all_met(tokens: tuple[Token, ...], best: list[float]) -> bool:
    return all(s > 0 for t, s in zip(tokens, best, strict=True) if not t.weak and not t.aside)


def _strong_mean(tokens: tuple[Token, ...], best: list[float]) -> float:
    sims = [s for t, s in zip(tokens, best, strict=True) if not t.weak and not t.aside]
    return sum(sims, 0.0) / len(sims) if sims else 0.0


def _may_resplit(
    query: NameForm, candidate: NameForm, q_count: int, c_count: int, q_size: int, c_size: int
) -> bool:
    """Whether two names (of ``q_count`` and ``c_count`` words, ``q_size`` and ``c_size``
    letters) may be the same written as one word (a word split or joined: "SiemensAG"): they
    have different numbers of words or only one has a legal form, and their lengths are within
    a tenth of each other (else the one-word similarity is below ``RESPLIT``)."""
    return (
        q_count != c_count or bool(query.org_types) != bool(candidate.org_types)
    ) and _close_in_length(q_size, c_size)


def may_resplit_without(
    query: NameForm, candidate: NameForm, drop_query: int = -1, drop_candidate: int = -1
) -> bool:
    """Whether ``score_bound`` with a word left out (``drop_query``, ``drop_candidate``) may
    compare the names written as one word (``_may_resplit``). Where no word of the names met
    (``score_bound`` gave 0), that is the only way the bound without a word is above 0."""
    q_count, c_count = len(query.tokens), len(candidate.tokens)
    q_size, c_size = query.size, candidate.size
    if drop_query >= 0:
        q_count -= 1
        q_size -= len(query.tokens[drop_query].text)
    if drop_candidate >= 0:
        c_count -= 1
        c_size -= len(candidate.tokens[drop_candidate].text)
    return _may_resplit(query, candidate, q_count, c_count, q_size, c_size)


def _close_in_length(a: int, b: int) -> bool:
    # Not ``abs(a - b)``: compiled, ``abs`` of a number makes it an object and calls Python.
    return (a - b if a > b else b - a) <= 0.1 * max(a, b)


def _joined_similarity(
    query: NameForm,
    candidate: NameForm,
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
) -> float:
    """How alike two names are written as one word: their words (``q_tokens``, ``c_tokens``)
    and legal forms run together as written, and sorted; 0 below ``RESPLIT``, where it counts
    for nothing (``resplit`` in ``compare`` and ``score_bound``)."""
    q_words = [t.text for t in q_tokens]
    q_words.extend(query.org_types)
    c_words = [t.text for t in c_tokens]
    c_words.extend(candidate.org_types)
    q_joined, c_joined = "".join(q_words), "".join(c_words)
    # Sorted or not, the words have the same letters: where too many of them have no
    # counterpart in the other name, neither way can reach ``RESPLIT`` (most names that come
    # this far), and rapidfuzz is not called.
    if _apart(q_joined, c_joined) * 10 > max(len(q_joined), len(c_joined)):
        return 0.0
    similarity = max(
        _levenshtein_similarity(q_joined, c_joined, score_cutoff=RESPLIT),
        _levenshtein_similarity(
            "".join(sorted(q_words)), "".join(sorted(c_words)), score_cutoff=RESPLIT
        ),
    )
    if similarity < 1.0 and _spelt_across(query, candidate):
        # A Chinese or Korean name in characters, its surname first, against a Latin one in
        # the Western order, the given name written as one word (余茂春 and Maochun Yu; sorted,
        # the syllables mao chun yu are not maochun yu).
        if spelt_only(query):
            q_joined = "".join(q_words[1:] + q_words[:1])
        else:
            c_joined = "".join(c_words[1:] + c_words[:1])
        similarity = max(
            similarity, _levenshtein_similarity(q_joined, c_joined, score_cutoff=RESPLIT)
        )
    return similarity


def meets_nothing_bound(query: NameForm, candidate: NameForm) -> bool:
    """Whether ``score_bound`` is surely 0 for two names when no word of ``candidate`` is in
    the part of ``Words.near`` it reads for them (``Words.same``, ``Words.spelt`` or all):
    neither has a Chinese brand, neither a word to leave out, and their lengths are too far
    apart for the names written as one word to meet. Screening skips such names of a
    candidate with many (``Screener._meeting``)."""
    return (
        not (query.brands or candidate.brands)
        and not (query.patronymics or candidate.patronymics)
        and not _close_in_length(query.size, candidate.size)
    )


def score_bound(
    query: NameForm,
    candidate: NameForm,
    words: Words,
    drop_query: int = -1,
    drop_candidate: int = -1,
    c_total: float = -1.0,
) -> float:
    """A number ``compare(query, candidate, words).score`` never exceeds, for less work: each
    word's best similarity to any word of the other name in place of the one-to-one
    alignment, the caps of ``compare`` only where they surely apply. ``drop_query`` and
    ``drop_candidate`` leave out a word of either name (``score.score_party`` compares names
    without a lone patronymic too). ``c_total``: the total weight of the candidate's words
    (``_weights_of``), where the caller keeps it (a screener, for its index's names); worked
    out here when not given (below 0). Screening scores a candidate only when this could put
    it among the best (``Screener.screen``): it must be kept in step with ``compare``
    (tests/matching/test_screen_fast.py checks it)."""
    q_tokens, c_tokens = query.tokens, candidate.tokens
    q_size, c_size = query.size, candidate.size
    if drop_query >= 0:
        q_size -= len(q_tokens[drop_query].text)
        q_tokens = q_tokens[:drop_query] + q_tokens[drop_query + 1 :]
    if drop_candidate >= 0:
        c_size -= len(c_tokens[drop_candidate].text)
        c_tokens = c_tokens[:drop_candidate] + c_tokens[drop_candidate + 1 :]
    if not q_tokens or not c_tokens or _same_script_across_only(query, candidate):
        return 0.0
    across = query.script != candidate.script
    # (The form's flag: a word left out is a patronymic, a person's, never a brand.)
    if across and (query.brands or candidate.brands):
        return 1.0  # Chinese brands, which Latin words spell apart: not bounded here
    if across and (
        (query.spoken and _middle_initial(c_tokens))
        or (candidate.spoken and _middle_initial(q_tokens))
    ):
        return 1.0  # middle initials that ``compare`` may leave out: not bounded here either
    joined = 0.0
    if _may_resplit(query, candidate, len(q_tokens), len(c_tokens), q_size, c_size):
        joined = _joined_similarity(query, candidate, q_tokens, c_tokens)
    resplit = joined >= RESPLIT
    near = _near(query, candidate, words)
    weight = words.weight
    # The candidate's total weight is the same for every query: a screener keeps it and hands
    # it over (``c_total``), and then only the words that met are weighed.
    if c_total < 0.0 or drop_candidate >= 0:
        c_total = _weights_of(c_tokens, weight)[1]
    # One pass, loops by index, not ``any`` or ``zip`` (mypyc compiles these, and calls those),
    # lists made only when needed: this is screening's busiest function, and about half the
    # names it bounds have no word that met.
    q_best: list[float] | None = None  # made at the first word that met
    c_best: list[float] | None = [] if across else None  # for ``_strong_mean``
    c_sum = 0.0
    c_all = True  # every distinctive word of the candidate met
    c_all_named = True  # and those of them not in brackets (``_all_met``)
    for j in range(len(c_tokens)):
        c = c_tokens[j]
        found = near.get(c.text)
        best = 0.0
        if found:
            if q_best is None:
                q_best = [0.0] * len(q_tokens)
            for i in range(len(q_tokens)):
                similarity = found.get(q_tokens[i].text)
                if similarity is not None:
                    if similarity > best:
                        best = similarity
                    if similarity > q_best[i]:
                        q_best[i] = similarity
        if best == 0.0 and not c.weak:
            c_all = False
            if not c.aside:
                c_all_named = False
        if best > 0.0:
            w = weight.get(c.text, 1.0)
            if c.weak:
                w *= WEAK_WEIGHT
            c_sum += w * best
        if c_best is not None:
            c_best.append(best)
    if c_sum == 0.0 or q_best is None:
        return joined if resplit else 0.0
    # The query's words' weights, the same against every candidate: kept per query name.
    q_weights, q_total = (
        words.query_weights(query) if drop_query < 0 else _weights_of(q_tokens, weight)
    )
    q_sum = 0.0
    q_all = True  # every distinctive word of the query met
    q_all_named = True
    strong = False  # some distinctive word of the query met
    for i in range(len(q_tokens)):
        q, s = q_tokens[i], q_best[i]
        if not q.weak:
            if s > 0:
                strong = True
            else:
                q_all = False
                if not q.aside:
                    q_all_named = False
        q_sum += q_weights[i] * s
    q_cov, c_cov = q_sum / q_total, c_sum / c_total
    bound = q_cov * c_cov
    if _may_be_subset(query, candidate, q_all, c_all):
        if q_all:
            bound = max(bound, q_cov * (SUBSET_BASE + (1 - SUBSET_BASE) * c_cov))
        if c_all:
            bound = max(bound, c_cov * (SUBSET_BASE + (1 - SUBSET_BASE) * q_cov))
    # Across scripts, ``compare`` may take the lesser mean of the distinctive words instead.
    if across and strong and q_all_named and c_all_named and c_best is not None:
        bound = max(bound, min(_strong_mean(q_tokens, q_best), _strong_mean(c_tokens, c_best)))
    if resplit:
        return max(bound, joined)
    if not strong and not (q_all and c_all):
        bound = min(bound, WEAK_ONLY)
    return bound


def _middle_initial(tokens: tuple[Token, ...]) -> bool:
    """Whether a name has an initial between its first and last words."""
    return any(len(t.text) == 1 for t in tokens[1:-1])


def total_weight(form: NameForm, weight: dict[str, float]) -> float:
    """The total weight of a name's words (``_weights_of``): what ``score_bound`` divides by
    (its ``c_total``)."""
    return _weights_of(form.tokens, weight)[1]


def _weights_of(tokens: tuple[Token, ...], weight: dict[str, float]) -> tuple[list[float], float]:
    """Each word's weight (``weight``, the weak-word factor applied), and their sum, added in
    the order of the words."""
    weights: list[float] = []
    total = 0.0
    for t in tokens:
        w = weight.get(t.text, 1.0)
        if t.weak:
            w *= WEAK_WEIGHT
        weights.append(w)
        total += w
    return weights, total
