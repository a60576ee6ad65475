"""Fit the curve that turns the matcher's similarity into a probability estimate
(``countersight.matching.calibration``), on pairs built from published lists.

    .venv/bin/python tools/calibrate.py [--data ../shared/data] [--per-list 1500] [--seed 0]

The lists: Canada's SEMA list and OFAC's SDN list (not the UN list, which the benchmark
screens). For a sample of their entities, one name is varied as a screener might write it (one
or two typos, words reordered, a word left out, a first name cut to its initial, case and
punctuation) and screened against the list: the varied name against its own entity is a
positive, against the best-scoring other entity a negative. The fitted slope and intercept are
printed with the figures of the fit; copy them into calibration.py and the run into
docs/matching.md.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import tempfile
from pathlib import Path

from countersight.importing import import_paths
from countersight.matching.calibration import fit_logistic, probability
from countersight.matching.index import Index
from countersight.matching.score import THRESHOLD, score_party
from countersight.matching.screen import Screener, party_from_row
from countersight.model import Entity
from countersight.store import open_store

FLOOR = 0.5
LISTS = ("lists/canada/canada_sema.xml", "lists/ofac/sdn_2024-05-03.csv")


def vary(name: str, person: bool, rng: random.Random) -> str:
    """The name as a screener might write it."""
    words = name.replace(",", " ").split()
    how = rng.choice(["typo", "typo2", "reorder", "drop", "initial", "case"])
    if how in ("typo", "typo2"):
        for _ in range(1 if how == "typo" else 2):
            i = rng.randrange(len(words))
            words[i] = _typo(words[i], rng)
    elif how == "reorder" and len(words) > 1:
        rng.shuffle(words)
    elif how == "drop" and len(words) > 2:
        words.pop(rng.randrange(len(words)))
    elif how == "initial" and person and len(words) > 1:
        words[0] = words[0][0] + "."
    else:
        return name.upper() if rng.random() < 0.5 else name.lower().replace("-", " ")
    return " ".join(words)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(["swap", "drop", "add", "change"])
    letter = rng.choice(string.ascii_lowercase)
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "add":
        return word[:i] + letter + word[i:]
    return word[:i] + letter + word[i + 1 :]


def pairs(
    screener: Screener, entities: list[Entity], rng: random.Random
) -> list[tuple[float, bool]]:
    out: list[tuple[float, bool]] = []
    by_id = {listed.entity_id: listed for listed in screener.index.listed}
    for entity in entities:
        listed = by_id.get(entity.id)
        if listed is None:
            continue
        query = party_from_row(vary(entity.caption, entity.schema == "Person", rng), entity.schema)
        forms = query.forms()
        if not any(f.tokens for f in forms):
            continue
        own = score_party(query, forms, listed.party, listed.forms, screener.index.rarity)
        out.append((own.similarity, True))
        other = next(
            (h for h in screener.screen(query, 10) if h.listed.entity_id != entity.id), None
        )
        if other is not None:
            out.append((other.result.similarity, False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--per-list", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    examples: list[tuple[float, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, relative in enumerate(LISTS):
            store = open_store(Path(tmp) / f"{number}.db")
            import_paths(store, [args.data / relative])
            entities = list(store.iter_entities())
            screener = Screener(Index(entities), store.datasets())
            sample = rng.sample(entities, min(args.per_list, len(entities)))
            examples += pairs(screener, sample, rng)
            print(f"{relative}: {len(entities):,} entities, {len(examples):,} pairs so far")
    # The curve is fitted where decisions are taken: far below the threshold every pair is
    # another party, and those pairs would only flatten the curve where it matters.
    examples = [(x, y) for x, y in examples if x >= FLOOR]
    xs = [x for x, _ in examples]
    ys = [y for _, y in examples]
    slope, intercept = fit_logistic(xs, ys)
    at_threshold = probability(THRESHOLD, slope, intercept)
    print(f"pairs with a similarity of {FLOOR} or more: {len(ys):,} ({sum(ys):,} same party)")
    print(f"SLOPE = {slope:.2f}\nINTERCEPT = {intercept:.2f}")
    print(f"probability at the similarity threshold {THRESHOLD}: {at_threshold:.3f}")
    for low in (0.5, 0.6, 0.7, 0.8, 0.9):
        inside = [y for x, y in examples if low <= x < low + 0.1 + (low == 0.9) * 0.01]
        if inside:
            print(
                f"similarity {low:.1f}-{low + 0.1:.1f}: {len(inside):5,} pairs, "
                f"{sum(inside) / len(inside):.3f} same party, curve says "
                f"{probability(low + 0.05, slope, intercept):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
