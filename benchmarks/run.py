#!/usr/bin/env python3
"""Countersight's benchmark: Countersight and the anchors side by side, in one run.

    .venv/bin/python benchmarks/run.py [--tasks pairs,screen_un,cross_script,throughput]
        [--bench-dir ../shared/bench] [--data-dir ../shared/data] [--out docs/benchmarks.md]

Countersight is driven through its own CLI (import / screen / compare / export), as users run
it; the anchors (nomenklatura logic-v2 and logic-v1, rapidfuzz WRatio, a yente-like screener)
run in-process. Every result file is scored by the bench's own scorer (score.py, in a
subprocess). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gold  # noqa: E402
import report  # noqa: E402

TASKS = ("pairs", "screen_un", "cross_script", "throughput")
TIME_BIN = "/usr/bin/time"
_T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[bench {time.monotonic() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


class Unavailable(Exception):
    """A Countersight command failed: the task reports it as 'not available: <reason>'."""


@dataclass
class Proc:
    argv: list[str]
    rc: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kb: int | None
    timed_out: bool = False

    def reason(self) -> str:
        if self.timed_out:
            return f"timed out after {self.seconds:.0f} s"
        lines = [ln.strip() for ln in (self.stderr or self.stdout).splitlines() if ln.strip()]
        # click prints the usage first and the error last; a traceback ends with the exception.
        text = lines[-1] if lines else "(no message)"
        if len(text) > 200:
            text = text[:197] + "..."
        return f"exit {self.rc}: {text}"


@dataclass
class Ctx:
    args: argparse.Namespace
    tmp: Path
    bench: Path
    data: Path
    cs: str
    commands: list[str] = field(default_factory=list)

    def show(self, part: str | Path) -> str:
        s = str(part)
        if s.startswith(str(self.tmp)):
            return "$TMP" + s[len(str(self.tmp)) :]
        p = Path(s)
        if p.is_absolute() and p.exists():
            rel = os.path.relpath(p, REPO)
            return rel if len(rel) < len(s) else s
        return s

    def run(self, argv: list[Any], *, measure_rss: bool = False, record: bool = True) -> Proc:
        argv = [str(a) for a in argv]
        if record:
            shown = [self.show(a) for a in argv]
            if argv[0] == self.cs:
                shown[0] = "countersight"
            elif argv[0] == sys.executable:
                shown[0] = "python"
            self.commands.append(" ".join(_quote(a) for a in shown))
        rss_file = None
        full = argv
        if measure_rss and os.access(TIME_BIN, os.X_OK):
            rss_file = self.tmp / f"time-{len(self.commands)}-{time.monotonic_ns()}.txt"
            full = [TIME_BIN, "-v", "-o", str(rss_file), *argv]
        start = time.perf_counter()
        p = subprocess.Popen(
            full,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
            cwd=REPO,
        )
        timed_out = False
        try:
            out, err = p.communicate(timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, signal.SIGKILL)  # the session this call started, nothing else
            out, err = p.communicate()
        seconds = time.perf_counter() - start
        rss: int | None = None
        if rss_file is not None and rss_file.exists():
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", rss_file.read_text())
            rss = int(m.group(1)) if m else None
        elif measure_rss:
            import resource

            # All children so far: an upper bound for this one.
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return Proc(argv, p.returncode if not timed_out else -9, out, err, seconds, rss, timed_out)

    def countersight(self, *args: Any, out: Path | None = None, measure_rss: bool = False) -> Proc:
        proc = self.run([self.cs, *args], measure_rss=measure_rss)
        if proc.rc != 0:
            raise Unavailable(f"`countersight {args[0]}` {proc.reason()}")
        if out is not None and (not out.exists() or out.stat().st_size == 0):
            raise Unavailable(f"`countersight {args[0]}` exited 0 but wrote no {out.name}")
        return proc


def _quote(s: str) -> str:
    return s if re.fullmatch(r"[\w@%+=:,./$*-]+", s) else "'" + s.replace("'", "'\\''") + "'"


# --- scoring ----------------------------------------------------------------------------------


def score(
    ctx: Ctx, task: str, gold_file: Path, results: Path, record: bool = True
) -> dict[str, Any]:
    """Runs score.py and parses what it prints."""
    proc = ctx.run(
        [sys.executable, ctx.bench / "score.py", task, gold_file, results], record=record
    )
    if proc.rc != 0:
        raise RuntimeError(f"score.py {task} failed: {proc.reason()}")
    parsed: dict[str, Any] = {"kinds": {}, "groups": {}}
    for line in proc.stdout.splitlines():
        if line.startswith("SUMMARY"):
            parsed["summary"] = {k: float(v) for k, v in re.findall(r"(\w+)=([-\d.]+)", line)}
        elif m := re.match(r"(\S+): n=(\d+) recall=([\d.]+) wrong_entity=(\d+)", line):
            parsed["kinds"][m[1]] = {"n": int(m[2]), "recall": float(m[3]), "wrong": int(m[4])}
        elif m := re.match(r"(\S+): n=(\d+) false_positive_rate=([\d.]+) alerts=(\d+)", line):
            parsed["kinds"][m[1]] = {"n": int(m[2]), "fpr": float(m[3]), "alerts": int(m[4])}
        elif m := re.match(r"group (\S*): n=(\d+) .* f1=([\d.]+)", line):
            parsed["groups"][m[1]] = {"n": int(m[2]), "f1": float(m[3])}
        elif m := re.search(r"missing_results: (\d+)", line):
            parsed["missing"] = int(m[1])
    if "summary" not in parsed:
        raise RuntimeError(f"score.py {task} printed no SUMMARY line")
    return parsed


def screen_summary(scored: dict[str, Any]) -> dict[str, Any]:
    kinds = scored["kinds"]
    neg = [v for k, v in kinds.items() if "fpr" in v]
    pos = [v for k, v in kinds.items() if "recall" in v]
    n_neg = sum(v["n"] for v in neg)
    alerts = sum(v["alerts"] for v in neg)
    return {
        "kinds": kinds,
        "recall": scored["summary"]["recall"],
        "wrong": sum(v["wrong"] for v in pos),
        "negatives": n_neg,
        "alerts": alerts,
        "fpr": alerts / n_neg if n_neg else None,
        "missing": scored.get("missing", 0),
    }


def strip_queries(src: Path, dst: Path, ids: list[str] | None = None) -> int:
    """Copies the queries without the gold columns (expected_ref, kind): neither Countersight nor
    the anchors can read what they are not given."""
    from anchors import QUERY_COLUMNS, read_queries

    rows = read_queries(src)
    if ids is not None:
        keep = set(ids)
        rows = [r for r in rows if r["query_id"] in keep]
    with dst.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(QUERY_COLUMNS))
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def guarded(result: dict[str, Any], key: str, fn: Callable[[], Any]) -> Any:
    """Runs one system of a task; its failure is recorded and the others still run."""
    try:
        value = fn()
    except Unavailable as exc:
        log(f"  {key}: not available: {exc}")
        value = {"error": str(exc)}
    except Exception as exc:  # an anchor or the harness itself: report, go on
        log(f"  {key}: failed: {type(exc).__name__}: {exc}")
        value = {"error": f"{type(exc).__name__}: {exc}"}
    result[key] = value
    return value


def progress(label: str) -> Callable[[int, int], None]:
    return lambda i, n: log(f"  {label}: {i:,}/{n:,} queries")


def yente_like_from_db(ctx: Ctx, db: Path, name: str) -> Any:
    """Builds the yente-like anchor from the entities Countersight stored (its FtM export)."""
    from anchors import YenteLike, read_ftm_lines

    export = ctx.tmp / f"{name}.ftm.json"
    ctx.countersight("export", "--db", db, "--out", export, out=export)
    with export.open(encoding="utf-8") as f:
        screener = YenteLike(read_ftm_lines(f))
    log(
        f"  yente-like index: {len(screener):,} entities, {len(screener.postings):,} tokens, "
        f"built in {screener.build_seconds:.1f} s"
    )
    return screener


# --- tasks ------------------------------------------------------------------------------------


def task_pairs(ctx: Ctx) -> dict[str, Any]:
    from anchors import (
        RAPIDFUZZ_FIXED_THRESHOLD,
        YENTE_THRESHOLD,
        read_pairs,
        score_pairs_nomenklatura,
        score_pairs_rapidfuzz,
        write_pair_scores,
    )

    gold_file = ctx.bench / "dev" / "pairs.csv"
    pairs = read_pairs(gold_file)
    n = len(pairs)
    res: dict[str, Any] = {"pairs": n}

    def countersight() -> dict[str, Any]:
        out = ctx.tmp / "scores.csv"
        proc = ctx.countersight("compare", "--pairs", gold_file, "--out", out, out=out)
        scored = score(ctx, "pairs", gold_file, out)
        return {"scored": scored, "cli_seconds": proc.seconds}

    def countersight_api() -> dict[str, Any]:
        result = ctx.tmp / "cs_api.json"
        argv: list[Any] = [sys.executable, HERE / "cs_api.py", gold_file, result]
        if ctx.args.cs_api:
            argv += ["--api", ctx.args.cs_api]
        proc = ctx.run(argv)
        if proc.rc == 3:
            return {"error": "no in-process API (" + proc.reason().split(": ", 1)[-1] + ")"}
        if proc.rc != 0:
            raise Unavailable(f"in-process API {proc.reason()}")
        data: dict[str, Any] = json.loads(result.read_text())
        return data

    log("pairs: countersight compare")
    cs = guarded(res, "countersight", countersight)
    log("pairs: countersight in-process API timing")
    api = guarded(res, "countersight_api", countersight_api)
    if "error" not in api:
        cs["per_pair"] = api["seconds"] / api["pairs"]
        cs["cpu_per_pair"] = api["cpu_seconds"] / api["pairs"]
        cs["warmup"] = api["warmup_seconds"]
        cs["timing"] = (
            f"in-process `{api['api']}`, {api['pairs']} pairs once each in one "
            "loop, after the warm-up pairs"
        )
    elif "cli_seconds" in cs:
        cs["per_pair"] = cs["cli_seconds"] / n
        cs["timing"] = (
            f"CLI wall clock / {n} pairs, process start-up included, nothing "
            f"subtracted ({api['error']})"
        )

    anchors: list[dict[str, Any]] = []
    res["anchors"] = anchors

    def timing(timed: Any) -> dict[str, float]:
        return {
            "per_pair": timed.seconds / n,
            "cpu_per_pair": timed.cpu_seconds / n,
            "warmup": timed.warmup_seconds,
        }

    def nomenklatura(name: str) -> dict[str, Any]:
        timed = score_pairs_nomenklatura(pairs, name)
        out = ctx.tmp / f"scores_{name}.csv"
        write_pair_scores(out, timed.scores, YENTE_THRESHOLD)
        return {"scored": score(ctx, "pairs", gold_file, out), **timing(timed)}

    for name, label in (
        ("logic-v2", "nomenklatura logic-v2 (yente's default)"),
        ("logic-v1", "nomenklatura logic-v1"),
    ):
        log(f"pairs: {name}")
        slot: dict[str, Any] = {}
        guarded(slot, "r", functools.partial(nomenklatura, name))
        anchors.append({"system": label, "threshold": f"{YENTE_THRESHOLD:.2f}", **slot["r"]})
    anchors[-1]["threshold"] += " (yente's default; nomenklatura sets none)"

    log("pairs: rapidfuzz WRatio")

    def rapidfuzz() -> list[dict[str, Any]]:
        timed = score_pairs_rapidfuzz(pairs)
        out = ctx.tmp / "scores_rapidfuzz.csv"
        write_pair_scores(out, timed.scores, RAPIDFUZZ_FIXED_THRESHOLD)
        fixed = {
            "system": "rapidfuzz WRatio (casefolded)",
            "threshold": f"{RAPIDFUZZ_FIXED_THRESHOLD:.2f} (fixed)",
            "scored": score(ctx, "pairs", gold_file, out),
            **timing(timed),
        }
        tuned_t = gold.tune_threshold(gold_file, timed.scores)
        out = ctx.tmp / "scores_rapidfuzz_tuned.csv"
        write_pair_scores(out, timed.scores, tuned_t)
        tuned = {
            "system": "rapidfuzz WRatio (casefolded)",
            "threshold": f"{tuned_t:.4f} (**tuned on these pairs**)",
            "scored": score(ctx, "pairs", gold_file, out),
            **timing(timed),
        }
        return [fixed, tuned]

    slot = {}
    guarded(slot, "r", rapidfuzz)
    if isinstance(slot["r"], list):
        anchors.extend(slot["r"])
    else:
        anchors.append({"system": "rapidfuzz WRatio (casefolded)", **slot["r"]})

    v2 = anchors[0]
    if v2.get("per_pair") and cs.get("per_pair"):
        res["ratio_v2"] = v2["per_pair"] / cs["per_pair"]
    if v2.get("cpu_per_pair") and cs.get("cpu_per_pair"):
        res["ratio_v2_cpu"] = v2["cpu_per_pair"] / cs["cpu_per_pair"]
    n = res.get("pairs")
    if n and v2.get("per_pair") and cs.get("per_pair") and v2.get("warmup") is not None:
        # Each system's whole time over this file, its one-off load spread over the pairs.
        res["v2_with_load"] = v2["per_pair"] + v2["warmup"] / n
        res["cs_with_load"] = cs["per_pair"] + (cs.get("warmup") or 0.0) / n
    return res


def screen_measured(
    ctx: Ctx, db: Path, queries: Path, gold_file: Path, out: Path, n: int, cached: bool = False
) -> dict[str, Any]:
    """`countersight screen` over a query file, scored, with its speed and peak memory. The
    index is built (any cache beside the store from an earlier run removed first) unless
    ``cached``: then the index the previous call kept beside the store is loaded."""
    if not cached:
        db.with_name(db.name + ".index").unlink(missing_ok=True)
    proc = ctx.countersight("screen", "--db", db, queries, "--out", out, out=out, measure_rss=True)
    # The command's own summary: "index built in 12.3 s; screening took 30.1 s (664 parties/s,
    # 2 worker(s))": the screening loop alone, comparable with the anchors' loops. Its rate,
    # not the seconds shown to a tenth (20,000 queries in 3.1 or 3.2 s are 6,452 or 6,250 q/s).
    timing = re.search(
        r"index (?:built|loaded) in ([\d.]+) s; screening took [\d.]+ s "
        r"\(([\d,]+) parties/s, (\d+) worker",
        proc.stderr,
    )
    return {
        **screen_summary(score(ctx, "screen", gold_file, out)),
        "queries": n,
        "seconds": proc.seconds,
        "qps": n / proc.seconds,
        "rss_kb": proc.max_rss_kb,
        "build_seconds": float(timing.group(1)) if timing else None,
        "index_loaded": "index loaded in" in proc.stderr,
        "loop_qps": float(timing.group(2).replace(",", "")) if timing else None,
        "workers": int(timing.group(3)) if timing else None,
    }


def task_screen_un(ctx: Ctx) -> dict[str, Any]:
    gold_file = ctx.bench / "dev" / "screen_un" / "queries.csv"
    un_xml = ctx.data / "lists" / "un" / "un_consolidated_2026-02-27.xml"
    db = ctx.tmp / "un.db"
    queries = ctx.tmp / "screen_un_queries.csv"
    n = strip_queries(gold_file, queries)
    res: dict[str, Any] = {"queries": n}

    log("screen_un: countersight import")
    imported: dict[str, Any] = {}
    guarded(imported, "r", lambda: ctx.countersight("import", "--db", db, un_xml).seconds)
    res["import_seconds"] = imported["r"]

    def countersight() -> dict[str, Any]:
        if isinstance(imported["r"], dict):
            raise Unavailable(imported["r"]["error"])
        log(f"screen_un: countersight screen ({n:,} queries)")
        return screen_measured(ctx, db, queries, gold_file, ctx.tmp / "screen.csv", n)

    guarded(res, "countersight", countersight)

    def anchor() -> dict[str, Any]:
        if isinstance(imported["r"], dict):
            raise RuntimeError("no store to index: " + imported["r"]["error"])
        log("screen_un: yente-like anchor (token blocking + logic-v2 at 0.70)")
        screener = yente_like_from_db(ctx, db, "un")
        from anchors import read_queries

        sample = ctx.args.anchor_sample
        if sample:
            ids = gold.positives_and_sampled_negatives(gold_file, sample, seed=0)
            sub_gold = ctx.tmp / "screen_un_gold_sample.csv"
            gold.write_gold_subset(gold_file, ids, sub_gold)
            sub_q = ctx.tmp / "screen_un_queries_sample.csv"
            strip_queries(gold_file, sub_q, ids)
            qs = read_queries(sub_q)
            note = f"all positives + {sample:,} negatives sampled with seed 0"
        else:
            sub_gold, qs, note = gold_file, read_queries(queries), "all queries"
        out = ctx.tmp / "screen_yente_like.csv"
        seconds = screener.screen(qs, out, progress("yente-like"))
        s = screen_summary(score(ctx, "screen", sub_gold, out))
        return {
            **s,
            "queries": len(qs),
            "seconds": seconds,
            "qps": len(qs) / seconds,
            "build_seconds": screener.build_seconds,
            "note": note,
        }

    guarded(res, "yente_like", anchor)
    return res


CROSS_DIRECTIONS = (
    # label, query file, the list written in the other script (the one the README asks to find)
    ("zh→Latin", "queries_zh.csv", "list_latin.ftm.json", "cross_latin"),
    ("Latin→zh", "queries_latin.csv", "list_han.ftm.json", "cross_han"),
)


def task_cross_script(ctx: Ctx) -> dict[str, Any]:
    """Two setups. 'one store': both lists in one store, as the task was specified. But every
    query's name is also, verbatim, in the list of its own script under the expected id (the two
    lists share the ids of these entries), so a same-script exact match scores as a hit there.
    'other script only': each query file against a store holding only the list in the other
    script, where only a cross-script match can find the expected entry."""
    base = ctx.bench / "dev" / "cross_script"
    res: dict[str, Any] = {"queries": {}, "setups": {}}
    stripped = {}
    for label, name, _, _ in CROSS_DIRECTIONS:
        stripped[label] = ctx.tmp / f"cross_{name}"
        res["queries"][label] = strip_queries(base / name, stripped[label])

    setups: list[tuple[str, dict[str, Path]]] = [
        ("one store", {label: ctx.tmp / "cross.db" for label, *_ in CROSS_DIRECTIONS}),
        (
            "other script only",
            {label: ctx.tmp / f"cross_only_{ds}.db" for label, _, _, ds in CROSS_DIRECTIONS},
        ),
    ]

    for setup, dbs in setups:
        log(f"cross_script [{setup}]: countersight import")
        entry: dict[str, Any] = {}
        res["setups"][setup] = entry
        imported: dict[str, Any] = {}

        def do_import(setup: str = setup, dbs: dict[str, Path] = dbs) -> float:
            seconds = 0.0
            if setup == "one store":
                db = next(iter(dbs.values()))
                for _, _, list_file, ds in CROSS_DIRECTIONS:  # latin first, then han
                    seconds += ctx.countersight(
                        "import", "--db", db, "--dataset", ds, base / list_file
                    ).seconds
            else:
                for label, _, list_file, ds in CROSS_DIRECTIONS:
                    seconds += ctx.countersight(
                        "import", "--db", dbs[label], "--dataset", ds, base / list_file
                    ).seconds
            return seconds

        guarded(imported, "r", do_import)
        entry["import_seconds"] = imported["r"]
        tag = "one" if setup == "one store" else "other"

        def countersight(
            dbs: dict[str, Path] = dbs, tag: str = tag, imported: dict[str, Any] = imported
        ) -> dict[str, Any]:
            if isinstance(imported["r"], dict):
                raise Unavailable(imported["r"]["error"])
            out: dict[str, Any] = {}
            for label, name, _, _ in CROSS_DIRECTIONS:
                results = ctx.tmp / f"cross_{tag}_screen_{name}"
                log(f"cross_script: countersight screen {name}")
                proc = ctx.countersight(
                    "screen", "--db", dbs[label], stripped[label], "--out", results, out=results
                )
                out[label] = {
                    **screen_summary(score(ctx, "screen", base / name, results)),
                    "seconds": proc.seconds,
                }
            return out

        guarded(entry, "countersight", countersight)

        def anchor(
            dbs: dict[str, Path] = dbs, tag: str = tag, imported: dict[str, Any] = imported
        ) -> dict[str, Any]:
            if isinstance(imported["r"], dict):
                raise RuntimeError("no store to index: " + imported["r"]["error"])
            from anchors import read_queries

            log("cross_script: yente-like anchor")
            screeners: dict[Path, Any] = {}
            out: dict[str, Any] = {}
            for label, name, _, _ in CROSS_DIRECTIONS:
                db = dbs[label]
                if db not in screeners:
                    screeners[db] = yente_like_from_db(ctx, db, db.stem)
                results = ctx.tmp / f"cross_{tag}_yente_like_{name}"
                seconds = screeners[db].screen(read_queries(stripped[label]), results)
                out[label] = {
                    **screen_summary(score(ctx, "screen", base / name, results)),
                    "seconds": seconds,
                }
            return out

        guarded(entry, "yente_like", anchor)
    return res


def import_calls(lists: Path) -> list[list[Any]]:
    """Every list under <data>/lists, one call per dataset (files that would make the same
    dataset go to separate calls)."""
    ofac = lists / "ofac"
    cons = ofac / "consolidated"
    return [
        [lists / d for d in ("un", "canada", "uk", "us-bis", "us-csl", "opensanctions")],
        [
            ofac / "sdn_2024-05-03.csv",
            ofac / "alt_2025-12.csv",
            ofac / "add_2025-12.csv",
            ofac / "sdn_comments_2025-12.csv",
        ],
        sorted(cons.glob("cons_*.csv")),
        ["--dataset", "us_ofac_sdn_2021_07", ofac / "sdn_2021-07"],
        ["--dataset", "us_ofac_cons_xml", cons / "ofac_cons_2025-03-28.xml"],
    ]


def task_throughput(ctx: Ctx) -> dict[str, Any]:
    gold_file = ctx.bench / "dev" / "screen_un" / "queries.csv"
    db = ctx.tmp / "all.db"
    res: dict[str, Any] = {}

    def do_import() -> dict[str, Any]:
        seconds = 0.0
        for i, call in enumerate(import_calls(ctx.data / "lists"), 1):
            log(f"throughput: countersight import, call {i}/5")
            seconds += ctx.countersight("import", "--db", db, *call).seconds
        proc = ctx.countersight("datasets", "--db", db, "--json")
        datasets = json.loads(proc.stdout)
        return {
            "seconds": seconds,
            "datasets": len(datasets),
            "entities": sum(int(d.get("entities") or 0) for d in datasets),
        }

    imported = guarded(res, "import", do_import)

    neg_ids = gold.negative_ids(gold_file)
    neg_gold = ctx.tmp / "negatives_gold.csv"
    gold.write_gold_subset(gold_file, neg_ids, neg_gold)
    negatives = ctx.tmp / "negatives.csv"
    n = strip_queries(gold_file, negatives, neg_ids)
    res["queries"] = n

    def countersight() -> dict[str, Any]:
        if "error" in imported:
            raise Unavailable(imported["error"])
        log(f"throughput: countersight screen ({n:,} negatives, full index)")
        out = ctx.tmp / "throughput_screen.csv"
        return screen_measured(ctx, db, negatives, neg_gold, out, n)

    guarded(res, "countersight", countersight)

    def countersight_cached() -> dict[str, Any]:
        if "error" in res.get("countersight", {}):
            raise Unavailable(res["countersight"]["error"])
        log(f"throughput: countersight screen again, the index kept by the first ({n:,})")
        out = ctx.tmp / "throughput_screen_cached.csv"
        return screen_measured(ctx, db, negatives, neg_gold, out, n, cached=True)

    guarded(res, "countersight_cached", countersight_cached)

    def anchor() -> dict[str, Any]:
        if "error" in imported:
            raise RuntimeError("no store to index: " + imported["error"])
        from anchors import read_queries

        log("throughput: yente-like anchor on the full index")
        screener = yente_like_from_db(ctx, db, "all")
        size = ctx.args.throughput_anchor_sample
        ids = gold.sample_negatives(gold_file, size, seed=0) if size else neg_ids
        sub_gold = ctx.tmp / "negatives_gold_sample.csv"
        gold.write_gold_subset(gold_file, ids, sub_gold)
        sub_q = ctx.tmp / "negatives_sample.csv"
        strip_queries(gold_file, sub_q, ids)
        qs = read_queries(sub_q)
        out = ctx.tmp / "throughput_yente_like.csv"
        seconds = screener.screen(qs, out, progress("yente-like"))
        s = screen_summary(score(ctx, "screen", sub_gold, out))
        note = f"{len(qs):,} of the negatives, sampled with seed 0" if size else "all negatives"
        return {
            **s,
            "queries": len(qs),
            "seconds": seconds,
            "qps": len(qs) / seconds,
            "build_seconds": screener.build_seconds,
            "entities": len(screener),
            "note": note,
        }

    guarded(res, "yente_like", anchor)
    return res


TASK_FUNCS: dict[str, Callable[[Ctx], dict[str, Any]]] = {
    "pairs": task_pairs,
    "screen_un": task_screen_un,
    "cross_script": task_cross_script,
    "throughput": task_throughput,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tasks", default=",".join(TASKS), help="comma-separated, from: " + ", ".join(TASKS)
    )
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results")
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800.0,
        help="seconds allowed to each subprocess (default 1800)",
    )
    parser.add_argument(
        "--anchor-sample",
        type=int,
        default=0,
        metavar="N",
        help="screen_un: run the yente-like anchor on all positives plus N "
        "negatives sampled with seed 0 (default 0: every query)",
    )
    parser.add_argument(
        "--throughput-anchor-sample",
        type=int,
        default=2000,
        metavar="N",
        help="throughput: negatives (seed 0) the yente-like anchor screens "
        "against the full index (default 2000; 0: all 20,000)",
    )
    parser.add_argument(
        "--cs-api",
        default=None,
        metavar="MODULE:FUNCTION",
        help="Countersight's in-process pair scorer (default: look for "
        "countersight.matching:compare_names and a few neighbours)",
    )
    parser.add_argument(
        "--countersight",
        type=Path,
        default=None,
        metavar="PATH",
        help="the countersight executable to measure (default: the console "
        "script next to this Python)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s): {', '.join(unknown)}")
    bench, data = args.bench_dir.resolve(), args.data_dir.resolve()
    if not (bench / "score.py").exists():
        parser.error(f"no score.py in {bench}")
    if args.countersight:
        cs_bin: str | None = str(args.countersight.resolve())
    else:
        cs = Path(sys.executable).parent / "countersight"
        cs_bin = str(cs) if cs.exists() else shutil.which("countersight")
    if cs_bin is None or not os.access(cs_bin, os.X_OK):
        parser.error("no countersight console script next to this Python or on PATH")

    tmp = Path(tempfile.mkdtemp(prefix="countersight-bench-", dir="/tmp"))
    log(f"temporary folder {tmp}" + (" (kept)" if args.keep else ""))
    ctx = Ctx(args, tmp, bench, data, cs_bin)
    results: dict[str, Any] = {"tasks": {}}
    started = time.time()
    try:
        for task in tasks:
            log(f"== {task}")
            t0 = time.perf_counter()
            try:
                r = TASK_FUNCS[task](ctx)
            except Exception as exc:  # the task as a whole; the next one still runs
                log(f"{task} failed: {type(exc).__name__}: {exc}")
                r = {"error": f"{type(exc).__name__}: {exc}"}
            r["task_seconds"] = time.perf_counter() - t0
            results["tasks"][task] = r
            log(f"== {task} done in {r['task_seconds']:.1f} s")
        results["commands"] = ctx.commands
        results["run"] = report.run_info(REPO, started, time.time(), bench, data)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.render(results), encoding="utf-8")
        log(f"wrote {args.out}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
            log(f"wrote {args.json}")
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
