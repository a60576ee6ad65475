"""How well ``heard`` (how Chinese writes foreign names, learnt from CC-CEDICT) generalises.

    .venv/bin/python benchmarks/heard.py

Learns the model from four fifths of the dictionary's pairs of a foreign name in characters
and its spelling (``foreign.examples``; the fifth by a hash of the syllables, so the split is
the same on every run) and measures, on the fifth held out, how many pairs sound alike to
``phonetic.sound_similarity`` without the model (consonant skeletons only) and with it; and,
as a measure of false meetings, how many pairs of one name and another pair's spelling
(shuffled six times, seeds 0-5) do. Only spellings of three letters or more count: shorter
words are never compared by sound. Reads nothing but the dictionary the package ships.
"""

from __future__ import annotations

import random
import zlib

from countersight.matching import foreign, heard, phonetic
from countersight.matching.normalize import token

SEEDS = range(6)


def main() -> None:
    examples = [(s, w) for s, w in foreign.examples(foreign.load()) if len(w) >= 3]
    held = [e for e in examples if zlib.crc32("".join(e[0]).encode()) % 5 == 0]
    learnt = heard.learn(e for e in examples if zlib.crc32("".join(e[0]).encode()) % 5 != 0)
    shuffled: list[tuple[tuple[str, ...], str]] = []
    for seed in SEEDS:
        words = [w for _, w in held]
        random.Random(seed).shuffle(words)
        shuffled += [(s, w) for (s, own), w in zip(held, words, strict=True) if w != own]
    print(f"{len(examples)} pairs, {len(held)} held out; {len(shuffled)} mismatched pairs")
    for label, model in (("skeletons only", {}), ("skeletons and heard", learnt)):
        foreign.HEARD = model  # type: ignore[misc]
        phonetic.heard_alike.cache_clear()
        met = sum(_alike(s, w) for s, w in held)
        wrong = sum(_alike(s, w) for s, w in shuffled)
        print(
            f"{label:20} held-out pairs met {met}/{len(held)} ({met / len(held):.1%}); "
            f"mismatched pairs met {wrong}/{len(shuffled)} ({wrong / len(shuffled):.2%})"
        )


def _alike(syllables: tuple[str, ...], word: str) -> bool:
    brand = token("".join(syllables), False, (), syllables)
    return phonetic.sound_similarity(brand, token(word)) > 0.0


if __name__ == "__main__":
    main()
