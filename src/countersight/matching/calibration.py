"""From the matcher's similarity (0-1, not a probability) to an estimate of the probability that
two parties are the same: a logistic curve (Platt scaling) fitted by ``tools/calibrate.py`` on
pairs built from published lists, never on the benchmark.

What the estimate means: among pairs that reach comparison (a query and a listed entity found
by the index), half of them a listed name as a screener may write it (a typo, words reordered,
a word left out, an initial) and half the nearest *other* listed entity, the share that are the
same party. Real screening sees far fewer true matches than that, so read it as a ranking with a
scale, not as odds for a given list."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

SLOPE: Final = 17.85
INTERCEPT: Final = -14.03
"""Fitted by ``tools/calibrate.py`` (see docs/matching.md for the run that produced them)."""


def probability(similarity: float, slope: float = SLOPE, intercept: float = INTERCEPT) -> float:
    """The probability estimate for a similarity."""
    z = slope * similarity + intercept
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_logistic(
    xs: Sequence[float], ys: Sequence[bool], iterations: int = 50
) -> tuple[float, float]:
    """Slope and intercept of the logistic curve that best predicts ``ys`` from ``xs`` (maximum
    likelihood by Newton's method, with Platt's smoothed targets so that separable data still
    gives a finite curve)."""
    if len(xs) != len(ys) or not xs:
        raise ValueError("fit_logistic needs as many outcomes as values, and at least one")
    positives = sum(ys)
    negatives = len(ys) - positives
    if positives == 0 or negatives == 0:
        raise ValueError("fit_logistic needs both outcomes among the examples")
    hi, lo = (positives + 1) / (positives + 2), 1 / (negatives + 2)
    targets = [hi if y else lo for y in ys]
    slope, intercept = 0.0, math.log((positives + 1) / (negatives + 1))
    for _ in range(iterations):
        g_a = g_b = h_aa = h_ab = h_bb = 0.0
        for x, t in zip(xs, targets, strict=True):
            p = probability(x, slope, intercept)
            d = p - t
            w = max(p * (1 - p), 1e-12)
            g_a += d * x
            g_b += d
            h_aa += w * x * x
            h_ab += w * x
            h_bb += w
        det = h_aa * h_bb - h_ab * h_ab
        if abs(det) < 1e-18:
            break
        step_a = (h_bb * g_a - h_ab * g_b) / det
        step_b = (h_aa * g_b - h_ab * g_a) / det
        slope, intercept = slope - step_a, intercept - step_b
        if abs(step_a) < 1e-9 and abs(step_b) < 1e-9:
            break
    return slope, intercept
