"""``names.round4`` gives the very float ``round(x, 4)`` gives: scores are written, compared
and replayed to the last bit."""

from __future__ import annotations

import math
import random

import pytest

from countersight.matching.names import round4


def _same(x: float) -> bool:
    got, want = round4(x), round(x, 4)
    return got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


def test_random_scores_round_as_round_does() -> None:
    rng = random.Random(7)
    values = [rng.random() for _ in range(200_000)] + [rng.uniform(0, 100) for _ in range(50_000)]
    assert [x for x in values if not _same(x)] == []


def test_halves_and_their_neighbours_round_as_round_does() -> None:
    values: list[float] = []
    for k in range(0, 1_000_000, 13):
        half = (k + 0.5) / 10_000
        values += [half, math.nextafter(half, 0.0), math.nextafter(half, 1e9), k / 10_000]
        values.append(float(f"{k / 100_000:.5f}"))  # five places: the fifth is the tie
    assert [x for x in values if not _same(x)] == []


@pytest.mark.parametrize(
    "x", [0.0, -0.0, 1.0, 100.0, 100.00005, 1e-300, 5e-5, 0.99995, -0.12345, -1.5, 1e20, math.inf]
)
def test_edges_round_as_round_does(x: float) -> None:
    assert _same(x)


def test_not_a_number_stays_one() -> None:
    assert math.isnan(round4(math.nan))
