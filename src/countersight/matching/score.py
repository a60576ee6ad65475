"""A party against a listed entity: the best pair of names, then what birth dates, countries,
identifiers and kinds of entity add or take away. Every result carries its explanation and the
versions needed to replay it.

Two numbers come out: the *similarity* (0-1: the names' alignment, moved up or down by the other
features), matched at ``THRESHOLD``; and the *score*, the similarity turned into a probability
estimate by ``calibration.probability`` (see there what it estimates). The constants below and
the calibration's are the whole configuration: their hash is recorded with every result
(``CONFIG_HASH``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import NamedTuple

from countersight.matching import calibration
from countersight.matching.glossary import LIMITED_COMPANIES, STOCK_CORPORATIONS
from countersight.matching.names import NameScore, Rarity, Words
from countersight.matching.names import compare as compare_forms
from countersight.matching.normalize import NameForm, prepare
from countersight.matching.parts import name_parts

ALGORITHM = "countersight-1"
THRESHOLD = 0.8
BIRTH_AGREES = 0.05
BIRTH_CONFLICT = 0.3
COUNTRY_AGREES = 0.02
COUNTRY_CONFLICT = 0.05
KIND_CONFLICT = 0.5
LEGAL_FORM_CONFLICT = 0.25
IDENTIFIER_MATCH = 0.98

CONFIG: dict[str, float | str] = {
    "algorithm": ALGORITHM,
    "threshold": THRESHOLD,
    "birth_agrees": BIRTH_AGREES,
    "birth_conflict": BIRTH_CONFLICT,
    "country_agrees": COUNTRY_AGREES,
    "country_conflict": COUNTRY_CONFLICT,
    "kind_conflict": KIND_CONFLICT,
    "legal_form_conflict": LEGAL_FORM_CONFLICT,
    "identifier_match": IDENTIFIER_MATCH,
    "calibration_slope": calibration.SLOPE,
    "calibration_intercept": calibration.INTERCEPT,
}
CONFIG_HASH = hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode()).hexdigest()[:16]

ORGANISATIONS = frozenset({"Company", "Organization", "LegalEntity"})


@dataclass(frozen=True, slots=True)
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

    def forms(self) -> tuple[NameForm, ...]:
        return tuple(
            prepare(part, self.schema)
            for n in (self.name, *self.aliases)
            for part in name_parts(n, self.schema)
            if part.strip()
        )


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


def kinds_conflict(a: str, b: str) -> bool:
    """A person is not a company; a vessel is neither. LegalEntity can be anything but a vessel."""
    if a == b:
        return False
    if "Person" in (a, b):
        return not ({a, b} <= {"Person", "LegalEntity"})
    return not (a in ORGANISATIONS and b in ORGANISATIONS)


def legal_forms_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A stock corporation on one side and a limited company on the other."""
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
) -> Result:
    best: tuple[NameScore, NameForm, NameForm] | None = None
    for q in forms:
        for c in candidate_forms:
            result = compare_forms(q, c, words, rarity)
            if best is None or result.score > best[0].score:
                best = (result, q, c)
    if best is None:
        empty = NameScore(0.0, 0.0, 0.0, (), 0.0, False)
        return Result(0.0, False, party.name, candidate.name, empty)
    names, q_form, c_form = best
    score = names.score
    features = [Feature("name", f"{q_form.original} ~ {c_form.original}", round(score, 4))]
    if kinds_conflict(party.schema, candidate.schema):
        penalty = score * KIND_CONFLICT
        score -= penalty
        features.append(Feature("kind", f"{party.schema} vs {candidate.schema}", -penalty))
    if legal_forms_conflict(q_form.org_types, c_form.org_types):
        score -= LEGAL_FORM_CONFLICT
        features.append(
            Feature(
                "legal_form",
                f"{' '.join(q_form.org_types)} vs {' '.join(c_form.org_types)}",
                -LEGAL_FORM_CONFLICT,
            )
        )
    if party.birth_years and candidate.birth_years:
        gap = min(abs(a - b) for a in party.birth_years for b in candidate.birth_years)
        if gap == 0:
            score += BIRTH_AGREES
            features.append(Feature("birth_date", "same year", BIRTH_AGREES))
        elif gap > 1:
            score -= BIRTH_CONFLICT
            features.append(Feature("birth_date", f"{gap} years apart", -BIRTH_CONFLICT))
    if party.countries and candidate.countries:
        if any(c in candidate.countries for c in party.countries):
            score += COUNTRY_AGREES
            features.append(Feature("country", "shared", COUNTRY_AGREES))
        else:
            score -= COUNTRY_CONFLICT
            features.append(Feature("country", "different", -COUNTRY_CONFLICT))
    if any(i in candidate.identifiers for i in party.identifiers):
        raised = max(score, IDENTIFIER_MATCH) - score
        score += raised
        features.append(Feature("identifier", "same number", raised))
    similarity = round(min(1.0, max(0.0, score)), 4)
    return Result(
        score=round(calibration.probability(similarity), 4),
        match=similarity >= THRESHOLD,
        query_name=q_form.original,
        candidate_name=c_form.original,
        names=names,
        features=tuple(features),
        similarity=similarity,
    )


def compare_names(name1: str, name2: str, schema: str = "LegalEntity") -> Result:
    """Two names of the same kind of party, scored and explained (the ``compare`` command)."""
    a, b = Party(name1, schema), Party(name2, schema)
    return score_party(a, a.forms(), b, b.forms())
