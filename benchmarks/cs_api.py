"""Time Countersight's in-process pair scorer, if it has one (run by run.py in its own process).

    python benchmarks/cs_api.py PAIRS.csv RESULT.json [--api module:function]

Looks for a name-comparison function in the installed package (the candidates below, or the
one given with --api), compares the warm-up pairs (anchors.WARMUPS), then times every pair of
the file in one loop, and writes {"api": ..., "pairs": n, "seconds": s} to RESULT.json. Exits
3 when no such function exists. Reads only id, schema, name1, name2. Each pair is scored once:
names are fresh, as for the anchors (a second pass would only measure Countersight's caches).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anchors import WARMUPS, read_pairs

CANDIDATES = (
    "countersight.matching:compare_names",
    "countersight.matching.compare:compare_names",
    "countersight.matching.score:compare_names",
    "countersight.matching.names:compare_names",
    "countersight.matching.scoring:compare_names",
)


def find(spec: str | None) -> tuple[str, Callable[..., Any]] | None:
    for candidate in [spec] if spec else CANDIDATES:
        module_name, _, attr = candidate.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, attr, None)
        if callable(fn):
            return candidate, fn
    return None


def caller(fn: Callable[..., Any]) -> Callable[[str, str, str], float]:
    """Adapts to the function's signature: (name1, name2[, schema]) returning a number, or an
    object with a `score`, or a tuple whose first item is the score."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}  # type: ignore[assignment]
    with_schema = "schema" in params

    def call(schema: str, a: str, b: str) -> float:
        result = fn(a, b, schema=schema) if with_schema else fn(a, b)
        if isinstance(result, tuple):
            result = result[0]
        return float(getattr(result, "score", result))

    return call


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--api", default=None)
    args = parser.parse_args()
    found = find(args.api)
    if found is None:
        tried = args.api or ", ".join(CANDIDATES)
        print(f"no in-process pair scorer found (tried {tried})", file=sys.stderr)
        return 3
    name, fn = found
    call = caller(fn)
    pairs = read_pairs(args.pairs)
    start = time.perf_counter()
    for warmup_pair in WARMUPS:
        call(*warmup_pair)
    warmup = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for p in pairs:
        call(p["schema"], p["name1"], p["name2"])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    args.result.write_text(
        json.dumps(
            {
                "api": name,
                "pairs": len(pairs),
                "seconds": seconds,
                "cpu_seconds": cpu,
                "warmup_seconds": warmup,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
