"""The similarity-to-probability curve: the fit recovers a known curve, and every result's
score is the curve at its similarity."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from countersight.matching.calibration import INTERCEPT, SLOPE, fit_logistic, probability
from countersight.matching.score import CONFIG, THRESHOLD, compare_names


def test_the_fit_recovers_the_curve_that_drew_the_outcomes() -> None:
    rng = random.Random(7)
    xs = [rng.random() for _ in range(20_000)]
    ys = [rng.random() < probability(x, 12.0, -9.0) for x in xs]
    slope, intercept = fit_logistic(xs, ys)
    assert slope == pytest.approx(12.0, rel=0.1)
    assert intercept == pytest.approx(-9.0, rel=0.1)


def test_separable_outcomes_still_give_a_finite_steep_curve() -> None:
    slope, intercept = fit_logistic([0.1, 0.2, 0.3, 0.8, 0.9, 1.0], [False] * 3 + [True] * 3)
    assert 0 < slope < 1000
    assert probability(0.2, slope, intercept) < 0.5 < probability(0.9, slope, intercept)


def test_a_fit_needs_both_outcomes() -> None:
    with pytest.raises(ValueError, match="both outcomes"):
        fit_logistic([0.5, 0.6], [True, True])


def test_the_probability_rises_with_the_similarity_and_stays_within_0_and_1() -> None:
    values = [probability(x / 100) for x in range(101)]
    assert values == sorted(values)
    assert 0.0 < values[0] < 0.01 and 0.95 < values[-1] < 1.0
    assert probability(-1e6) == 0.0 and probability(1e6) == 1.0  # no overflow


def test_a_result_scores_the_probability_of_its_similarity_and_decides_on_the_threshold() -> None:
    for a, b in [("Olaf Scholz", "Olaf Schloz"), ("Olaf Scholz", "Olaf Schmidt")]:
        result = compare_names(a, b, "Person")
        assert result.score == round(probability(result.similarity), 4)
        assert result.match == (result.similarity >= THRESHOLD)
    assert CONFIG["calibration_slope"] == SLOPE and CONFIG["calibration_intercept"] == INTERCEPT


def test_the_documented_fit_is_the_one_in_the_code() -> None:
    text = (Path(__file__).parents[2] / "docs" / "matching.md").read_text(encoding="utf-8")
    assert f"`SLOPE = {SLOPE:.2f}`" in text and f"`INTERCEPT = {INTERCEPT:.2f}`" in text
    assert f"a score of about **{probability(THRESHOLD):.2f}**" in text
