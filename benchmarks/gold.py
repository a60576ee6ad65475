"""The only harness code that opens gold columns. `expected_ref`: only to choose *which*
queries a run covers (the 20,000 negatives for the throughput task; an optional sample for the
yente-like anchor), never to answer one. The chosen queries go to the systems stripped of every
gold column, and the matching gold rows go to the scorer. `is_match` of the pairs: only for the
rapidfuzz row labelled "tuned on these pairs" (`tune_threshold`).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path


def _rows(gold: Path) -> tuple[list[str], list[dict[str, str]]]:
    with gold.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def negative_ids(gold: Path) -> list[str]:
    """Queries that must match nothing (empty expected_ref), in file order."""
    return [r["query_id"] for r in _rows(gold)[1] if not r["expected_ref"].strip()]


def positives_and_sampled_negatives(gold: Path, negatives: int, seed: int = 0) -> list[str]:
    """Every positive, plus a fixed random sample of the negatives (in file order)."""
    rows = _rows(gold)[1]
    neg = [r["query_id"] for r in rows if not r["expected_ref"].strip()]
    chosen = set(random.Random(seed).sample(neg, min(negatives, len(neg))))
    return [r["query_id"] for r in rows if r["expected_ref"].strip() or r["query_id"] in chosen]


def sample_negatives(gold: Path, n: int, seed: int = 0) -> list[str]:
    neg = negative_ids(gold)
    chosen = set(random.Random(seed).sample(neg, min(n, len(neg))))
    return [q for q in neg if q in chosen]


def write_gold_subset(gold: Path, ids: list[str], out: Path) -> None:
    """The gold rows of the chosen queries, for the scorer (which scores only what it is given)."""
    fields, rows = _rows(gold)
    keep = set(ids)
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(r for r in rows if r["query_id"] in keep)


def tune_threshold(gold_pairs: Path, scores: dict[str, float]) -> float:
    """The oracle threshold: the one with the best F1 on these very pairs (read from is_match).

    Used only for the row the bench README describes as 'threshold tuned on these pairs', which
    is labelled as tuned in the report: optimistic by construction, a ceiling for the baseline,
    never a decision a system could make. Ties go to the higher threshold."""
    with gold_pairs.open(newline="", encoding="utf-8") as f:
        truth = {
            r["id"]: r["is_match"].strip().lower() in {"true", "1", "yes", "y", "t"}
            for r in csv.DictReader(f)
        }
    positives = sum(truth.values())
    best_t, best_f1 = 1.0, -1.0
    for t in sorted(set(scores.values()), reverse=True):
        tp = sum(1 for k, s in scores.items() if s >= t and truth.get(k))
        fp = sum(1 for k, s in scores.items() if s >= t and not truth.get(k))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / positives if positives else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return best_t
