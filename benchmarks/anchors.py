"""The anchors the benchmark measures Countersight against, run in-process.

- nomenklatura's logic-v2 (yente's default scorer) and logic-v1, on FollowTheMoney entities;
- a rapidfuzz baseline (``fuzz.WRatio`` on casefolded names);
- a "yente-like" screener: an inverted index of normalised name tokens stands in for yente's
  Elasticsearch blocking query, its top candidates are scored with logic-v2, and a hit counts as
  a match at yente's default threshold (0.70).

Nothing here reads the gold columns (``is_match``, ``expected_ref``, ``kind``): the functions are
given names, schemata and the query properties a user would send, and nothing else.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringAlgorithm, ScoringConfig
from normality import normalize
from rapidfuzz import fuzz

# yente's SCORE_THRESHOLD: the cut-off its /match endpoint uses for `match: true`, for every
# algorithm. nomenklatura itself defines no threshold, so this is also logic-v1's default.
YENTE_THRESHOLD = 0.70
RAPIDFUZZ_FIXED_THRESHOLD = 0.85
# Pairs that share no name with the benchmark files, compared before any timing, by every
# system alike, so that the lazy loading of reference data (one table or transliterator per
# script, a regular expression compiled on first use) is not charged to the first pair of a
# script in the timed loop: one pair per script a name list may hold, a title, a legal form.
WARMUPS: tuple[tuple[str, str, str], ...] = (
    ("Person", "Warmup Testperson", "Warmup Testpersson"),
    ("Person", "Dr. Frieda Warmup-Test", "Frida Warmuptest"),
    ("Company", "Warmup Test Holding GmbH", "Warmup-Test Holdings Ltd."),
    ("Person", "Иван Петров", "Ivan Petrov"),
    ("Person", "Іван Петренко", "Ivan Petrenko"),
    ("Person", "Γιάννης Οικονόμου", "Giannis Oikonomou"),
    ("Person", "أحمد حسن", "Ahmed Hassan"),
    ("Person", "احمد حسینی", "Ahmad Hosseini"),
    ("Person", "יוסף כהן", "Yosef Cohen"),
    ("Person", "张伟", "Zhang Wei"),
    ("Person", "约翰·史密斯", "John Smith"),
    ("Company", "北京示例科技有限公司", "Beijing Shili Technology Co., Ltd."),
    ("Person", "佐藤花子", "Sato Hanako"),
    ("Person", "さとう はなこ", "Sato Hanako"),
    ("Person", "이민수", "Lee Min-su"),
    ("Person", "राहुल शर्मा", "Rahul Sharma"),
    ("Person", "রাহুল শর্মা", "Rahul Sharma"),
    ("Person", "გიორგი ბერიძე", "Giorgi Beridze"),
    ("Person", "Արամ Պետրոսյան", "Aram Petrosyan"),
    ("Person", "สมชาย ใจดี", "Somchai Jaidee"),
    ("Person", "សុខ ចាន់", "Sok Chan"),
    ("Person", "ተስፋዬ ገብሩ", "Tesfaye Gebru"),
)
# nomenklatura memoises name analysis per entity *id* (an lru_cache on EntityProxy, whose hash is
# its id), so two different entities with one id would share the names of whichever came first.
# Every entity handed to a nomenklatura algorithm here gets an id no other entity has.
_SERIAL = itertools.count()


def fresh_id(label: str) -> str:
    return f"bench{next(_SERIAL)}-{label}"


def load_algorithm(name: str) -> tuple[type[ScoringAlgorithm], ScoringConfig]:
    algorithm = get_algorithm(name)
    if algorithm is None:
        raise RuntimeError(f"nomenklatura has no algorithm named {name!r}")
    return algorithm, algorithm.default_config()


def name_entity(schema: str, name: str, key: str) -> EntityProxy:
    """An entity of the given schema with one name, as yente's /match receives it."""
    entity = model.make_entity(schema)
    entity.id = key
    entity.add("name", name)
    return entity


@dataclass
class Timed:
    scores: dict[str, float]
    seconds: float  # wall clock of the scoring loop only
    cpu_seconds: float  # CPU time of this process over the same loop
    warmup_seconds: float  # the warm-up comparisons (WARMUPS: load reference data)


def read_pairs(path: Path) -> list[dict[str, str]]:
    """The pairs file, reduced to what a scorer may see: id, schema, name1, name2."""
    with path.open(newline="", encoding="utf-8") as f:
        return [
            {"id": r["id"], "schema": r["schema"], "name1": r["name1"], "name2": r["name2"]}
            for r in csv.DictReader(f)
        ]


def score_pairs_nomenklatura(pairs: list[dict[str, str]], algorithm_name: str) -> Timed:
    algorithm, config = load_algorithm(algorithm_name)
    start = time.perf_counter()
    for schema, a, b in WARMUPS:
        algorithm.compare(
            name_entity(schema, a, fresh_id("w")), name_entity(schema, b, fresh_id("w")), config
        )
    warmup = time.perf_counter() - start
    built = [
        (
            p["id"],
            name_entity(p["schema"], p["name1"], fresh_id(p["id"])),
            name_entity(p["schema"], p["name2"], fresh_id(p["id"])),
        )
        for p in pairs
    ]
    scores: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for pid, left, right in built:
        scores[pid] = algorithm.compare(left, right, config).score
    return Timed(scores, time.perf_counter() - start, time.process_time() - cpu, warmup)


def score_pairs_rapidfuzz(pairs: list[dict[str, str]]) -> Timed:
    start = time.perf_counter()
    for _, a, b in WARMUPS:
        fuzz.WRatio(a.casefold(), b.casefold())
    warmup = time.perf_counter() - start
    scores: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for p in pairs:
        scores[p["id"]] = fuzz.WRatio(p["name1"].casefold(), p["name2"].casefold()) / 100.0
    return Timed(scores, time.perf_counter() - start, time.process_time() - cpu, warmup)


def write_pair_scores(path: Path, scores: dict[str, float], threshold: float) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "score", "match"])
        for pid, score in scores.items():
            w.writerow([pid, f"{score:.6f}", "true" if score >= threshold else "false"])


# --- the yente-like screener -------------------------------------------------------------------

QUERY_COLUMNS = ("query_id", "schema", "name", "birth_date", "nationality")


def read_queries(path: Path) -> list[dict[str, str]]:
    """Queries reduced to the columns a screener may read (never expected_ref or kind)."""
    with path.open(newline="", encoding="utf-8") as f:
        return [{c: (r.get(c) or "") for c in QUERY_COLUMNS} for r in csv.DictReader(f)]


def tokens(text: str) -> set[str]:
    """Normalised name tokens: ASCII-folded (Han becomes pinyin syllables) and casefolded."""
    out: set[str] = set()
    folded = normalize(text, lowercase=True, ascii=True) or ""
    out.update(t for t in folded.split() if len(t) > 1)
    plain = normalize(text, lowercase=True) or ""
    out.update(t for t in plain.split() if len(t) > 1)
    return out


def read_ftm_lines(lines: Iterable[str]) -> Iterator[tuple[EntityProxy, str]]:
    """Entities from `countersight export` (FtM JSON lines): (entity, the list's own reference).

    Relationships and other unmatchable records are skipped, as yente does not index them for
    matching."""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        data: dict[str, Any] = json.loads(line)
        extra = data.pop("countersight", None) or {}
        schema = model.get(data.get("schema", ""))
        if schema is None or not schema.matchable:
            continue
        entity = model.get_proxy(data, cleaned=True)
        yield entity, str(extra.get("source_ref") or entity.id or "")


class YenteLike:
    """Blocking by shared name tokens, scoring with a nomenklatura algorithm."""

    def __init__(
        self,
        entities: Iterable[tuple[EntityProxy, str]],
        algorithm: str = "logic-v2",
        threshold: float = YENTE_THRESHOLD,
        candidates: int = 10,
    ) -> None:
        start = time.perf_counter()
        self.algorithm, self.config = load_algorithm(algorithm)
        self.threshold = threshold
        self.limit = candidates
        self.entities: list[EntityProxy] = []
        self.ids: list[str] = []  # the entity ids as stored (entities carry fresh ones, above)
        self.refs: list[str] = []
        self.schemata: list[Schema] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for entity, ref in entities:
            idx = len(self.entities)
            self.ids.append(entity.id or "")
            entity.id = fresh_id(entity.id or "")
            self.entities.append(entity)
            self.refs.append(ref)
            self.schemata.append(entity.schema)
            toks: set[str] = set()
            for name in entity.names:
                toks |= tokens(name)
            for tok in toks:
                postings[tok].append(idx)
        n = max(1, len(self.entities))
        # Each shared token weighs its inverse document frequency, as BM25 would in yente's
        # Elasticsearch query: a shared "mohammed" counts for less than a shared "haqqani".
        self.postings = {t: (math.log(1 + n / len(ids)), ids) for t, ids in postings.items()}
        self._can_match: dict[tuple[str, str], bool] = {}
        self.build_seconds = time.perf_counter() - start
        for schema, a, b in WARMUPS:
            self.algorithm.compare(
                name_entity(schema, a, fresh_id("w")),
                name_entity(schema, b, fresh_id("w")),
                self.config,
            )

    def __len__(self) -> int:
        return len(self.entities)

    def _matchable(self, query: Schema, result: Schema) -> bool:
        key = (query.name, result.name)
        ok = self._can_match.get(key)
        if ok is None:
            ok = query.can_match(result) or query.name == result.name
            self._can_match[key] = ok
        return ok

    def query_entity(self, q: dict[str, str]) -> EntityProxy:
        entity = model.make_entity(q["schema"] or "LegalEntity")
        entity.id = fresh_id(q["query_id"])
        entity.add("name", q["name"])
        if q["birth_date"]:
            entity.add("birthDate", q["birth_date"], quiet=True)
        if q["nationality"]:
            prop = "nationality" if entity.schema.get("nationality") else "country"
            entity.add(prop, q["nationality"], quiet=True, fuzzy=True)
        return entity

    def candidates(self, entity: EntityProxy) -> list[int]:
        weights: dict[int, float] = defaultdict(float)
        toks: set[str] = set()
        for name in entity.names:
            toks |= tokens(name)
        for tok in toks:
            hit = self.postings.get(tok)
            if hit is None:
                continue
            weight, ids = hit
            for idx in ids:
                weights[idx] += weight
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        out: list[int] = []
        for idx, _ in ranked:
            if self._matchable(entity.schema, self.schemata[idx]):
                out.append(idx)
                if len(out) >= self.limit:
                    break
        return out

    def screen_one(self, q: dict[str, str]) -> dict[str, str]:
        entity = self.query_entity(q)
        best_score, best = 0.0, -1
        for idx in self.candidates(entity):
            score = self.algorithm.compare(entity, self.entities[idx], self.config).score
            if score > best_score:
                best_score, best = score, idx
        if best < 0:
            return {
                "query_id": q["query_id"],
                "match": "false",
                "score": "0",
                "entity_id": "",
                "source_ref": "",
            }
        return {
            "query_id": q["query_id"],
            "match": "true" if best_score >= self.threshold else "false",
            "score": f"{best_score:.6f}",
            "entity_id": self.ids[best],
            "source_ref": self.refs[best],
        }

    def screen(
        self,
        queries: list[dict[str, str]],
        out: Path,
        progress: Callable[[int, int], None] | None = None,
    ) -> float:
        """Screens every query, writes the results CSV; returns the seconds spent screening."""
        start = time.perf_counter()
        with out.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(
                f, fieldnames=["query_id", "match", "score", "entity_id", "source_ref"]
            )
            w.writeheader()
            for i, q in enumerate(queries, 1):
                w.writerow(self.screen_one(q))
                if progress is not None and i % 500 == 0:
                    progress(i, len(queries))
        return time.perf_counter() - start
