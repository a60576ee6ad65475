"""``countersight match``, ``screen`` and ``compare``: the screening engine as a user meets it.

``screen`` and ``compare --pairs`` follow the benchmark's contract (../shared/bench/README.md):
``screen`` writes ``query_id,match,score,entity_id,source_ref`` (and more) per query, ``compare``
writes ``id,score,match`` per pair. Both stream: memory does not grow with the input."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from countersight.errors import CountersightError
from countersight.matching import cache
from countersight.matching.batch import Row, cores, screen_best
from countersight.matching.calibration import probability
from countersight.matching.index import Index
from countersight.matching.score import ALGORITHM, CONFIG_HASH, THRESHOLD, compare_names
from countersight.matching.screen import (
    Hit,
    Screener,
    build_index,
    explain,
    party_from_row,
    selected,
)
from countersight.model import DatasetVersion
from countersight.outputs import replacing, writable
from countersight.settings import Settings, store_path
from countersight.sources import sheets
from countersight.sources.base import Sample, not_utf8
from countersight.store import Store, open_store

_THRESHOLD_TEXT = (
    f"match at similarity >= {THRESHOLD}, a score (probability estimate) of "
    f"{probability(THRESHOLD):.2f}"
)

MAX_NAME = 500
"""Names longer than this are cut before matching (no listed name is near it)."""
MAX_CELL = 64 * 2**20
"""The largest CSV cell read (Python's default is 128 KiB): a row with a huge name is still
screened, cut to ``MAX_NAME``; beyond this the file is refused with its line."""

_ID = ("query_id", "id", "party_id", "ref", "reference")
_NAME = ("name", "party", "company", "full_name", "legal_name", "supplier", "bidder")
_SCHEMA = ("schema", "type", "kind_of_party")
_BIRTH = ("birth_date", "date_of_birth", "dob")
_COUNTRY = ("nationality", "country", "countries", "jurisdiction")
_IDENTIFIER = (
    "identifier",
    "identifiers",
    "registration_number",
    "company_number",
    "tax_id",
    "vat_number",
    "lei",
    "imo",
    "passport",
    "id_number",
)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV or XLSX/ODS file as dicts keyed by lower-case header (cells beyond the
    header's are left out, missing ones are empty; blank lines are skipped)."""
    sample = Sample.of(path)
    if sheets.sheet_kind(sample) is not None:
        rows = sheets.rows(path, None)
        header: list[str] | None = None
        for line, cells in rows:
            if header is None:
                header = [c.strip().lower() for c in cells]
                continue
            yield line, dict(zip(header, (c.strip() for c in cells), strict=False))
        return
    if sample.head.startswith(b"PK\x03\x04"):
        raise CountersightError(
            f"{path}: a zip archive, but not a readable XLSX or ODS workbook",
            hint="save the parties as XLSX, ODS or CSV (UTF-8)",
        )
    csv.field_size_limit(MAX_CELL)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next((cells for cells in reader if cells), None)
            if header is None:
                raise CountersightError(f"{path}: the file is empty")
            keys = [k.strip().lower() for k in header]
            number = 1
            for cells in reader:
                if cells:
                    number += 1
                    row = dict.fromkeys(keys, "")
                    row.update(zip(keys, map(str.strip, cells), strict=False))
                    yield number, row
        except csv.Error as error:
            raise CountersightError(
                f"{path}, after line {reader.line_num}: not readable as CSV ({error})",
                hint=f"a cell may hold at most {MAX_CELL // 2**20} MiB; check the quoting",
            ) from None
        except UnicodeDecodeError:  # the text reader does not say where: read it again
            byte, _, line = not_utf8(path.read_bytes())
            raise CountersightError(
                f"{path}, line {line}: byte 0x{byte:02x} is not UTF-8",
                hint="save the file as UTF-8 (in Excel: CSV UTF-8), or as XLSX",
            ) from None


def _screener(
    db: Path, datasets: tuple[str, ...], apart: bool = False
) -> tuple[Screener, bool, Callable[[], None]]:
    """The screener over the lists in the store, its index from the cache beside the store
    where it holds it (``matching.cache``); whether it did; and what keeps an index built
    here for the next command (to call once the work is done; nothing to do otherwise).
    Refused when there are no lists (screening an empty or mistyped store would clear
    everyone)."""
    if not db.exists():
        raise CountersightError(
            f"{db}: no such store", hint="import lists first: countersight import --db DB PATH..."
        )
    use_cache = Settings.from_env().index_cache
    with open_store(db) as store:
        versions = selected(store, _known(store, datasets))
        if not versions:
            raise CountersightError(
                f"{db}: no lists imported, nothing to screen against",
                hint="import lists first: countersight import --db DB PATH...",
            )
        index = cache.load(db, versions) if use_cache else None
        if index is not None:
            return Screener(index, versions), True, lambda: None
    with _building(len(versions), use_cache):
        if use_cache and apart:
            # For many parties: built in a child process and loaded (``cache.build_apart``).
            index = cache.build_apart(db, versions, lambda: _built(db, versions))
            if index is not None:
                return Screener(index, versions), False, lambda: None
        index = _built(db, versions)
    keep = (lambda: cache.save(db, versions, index)) if use_cache else (lambda: None)
    return Screener(index, versions), False, keep


@contextmanager
def _building(lists: int, kept: bool) -> Iterator[None]:
    """A line on standard error, where it is a terminal, while the index is built (seconds
    for large lists, before the first party is screened); ``kept``: it will be kept for the
    next command."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    once = ", once for these lists" if kept else " (COUNTERSIGHT_INDEX_CACHE=0: not kept)"
    with console.status(f"building the index of {lists:,} list(s){once}"):
        yield


def _built(db: Path, versions: list[DatasetVersion]) -> Index:
    with open_store(db) as store:
        return build_index(store, versions)


def _known(store: Store, datasets: tuple[str, ...]) -> list[str] | None:
    if not datasets:
        return None
    known = {v.name for v in store.datasets()}
    missing = [d for d in datasets if d not in known]
    if missing:
        raise CountersightError(
            f"no dataset named {', '.join(missing)}", hint="`countersight datasets` lists them"
        )
    return list(datasets)


def _column(header: Iterator[str] | list[str], names: tuple[str, ...]) -> str | None:
    present = list(header)
    return next((n for n in names if n in present), None)


@click.command("match")
@click.argument("name")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option(
    "--schema",
    default="LegalEntity",
    show_default=True,
    help="Person, Company, Organization, LegalEntity, Vessel.",
)
@click.option("--country", "countries", multiple=True, help="ISO code (repeatable).")
@click.option("--birth-date", default=None, help="YYYY or YYYY-MM-DD.")
@click.option(
    "--id",
    "identifiers",
    multiple=True,
    help="An identifier: registration, tax, LEI, IMO or passport number (repeatable).",
)
@click.option("--limit", default=5, show_default=True)
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    help="Screen against these datasets only (repeatable; default: all).",
)
@click.option("--json", "as_json", is_flag=True)
def match_command(
    name: str,
    db: Path | None,
    datasets: tuple[str, ...],
    schema: str,
    countries: tuple[str, ...],
    birth_date: str | None,
    identifiers: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """Screen one party: ranked hits, each with its score and explanation."""
    screener, _, keep = _screener(store_path(db), datasets)
    party = party_from_row(name[:MAX_NAME], schema, birth_date, countries, identifiers)
    hits = screener.screen(party, limit=limit)
    _show_hits(name, screener, hits, as_json)
    sys.stdout.flush()
    keep()


def _show_hits(name: str, screener: Screener, hits: list[Hit], as_json: bool) -> None:
    if as_json:
        click.echo(
            json.dumps(
                {"versions": screener.versions.as_dict(), "hits": [explain(h) for h in hits]},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not hits:
        entities = len(screener.index)
        click.echo(f"no hits for {name!r}: its words meet no name of the {entities:,} entities")
        return
    for hit in hits:
        r = hit.result
        flag = "MATCH" if r.match else "     "
        click.echo(
            f"{flag} {r.score:.3f} (similarity {r.similarity:.3f})  {hit.listed.caption}  "
            f"[{hit.listed.dataset} {hit.listed.source_ref}]"
        )
        words = ", ".join(f"{p.query}~{p.candidate}" for p in r.names.pairs)
        click.echo(f"        name: {r.query_name!r} ~ {r.candidate_name!r} ({words})")
        for f in r.features[1:]:
            click.echo(f"        {f.name}: {f.value} ({f.contribution:+.2f})")
    click.echo(
        f"\n{_THRESHOLD_TEXT}; {screener.versions.algorithm}, config {screener.versions.config}"
    )


@click.command("screen")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    help="Screen against these datasets only (repeatable; default: all).",
)
@click.option(
    "--workers",
    default=0,
    show_default="one per core",
    help="Processes screening in parallel (1: this process only).",
)
def screen_command(
    queries: Path, db: Path | None, out: Path, datasets: tuple[str, ...], workers: int
) -> None:
    """Screen every party of a CSV or XLSX file (columns: query_id, name, schema, birth_date,
    nationality, identifier: several separated by ";"); one result row per party, its best
    hit."""
    writable(out, queries)
    rows = _rows(queries)
    first = next(rows, None)
    if first is None:
        raise CountersightError(f"{queries}: no parties in the file")
    header = list(first[1])
    name_col = _column(header, _NAME)
    if name_col is None:
        raise CountersightError(
            f"{queries}: no name column (found: {', '.join(header)})",
            hint=f"name one of the columns {', '.join(_NAME)}",
        )
    columns = _Columns(
        name_col,
        _column(header, _ID),
        _column(header, _SCHEMA),
        _column(header, _BIRTH),
        _column(header, _COUNTRY),
        _column(header, _IDENTIFIER),
    )
    started = time.monotonic()
    screener, cached, keep = _screener(store_path(db), datasets, apart=True)
    built = time.monotonic()
    counts = {"parties": 0, "matches": 0}
    ids: deque[str] = deque()

    def parties() -> Iterator[Row | None]:
        for line, row in itertools.chain([first], rows):
            ids.append(row.get(columns.id, "") if columns.id else str(line))
            yield columns.row(row)

    versions = screener.versions
    replay = (versions.algorithm, versions.config, versions.lists)
    with replacing(out) as fh, _progress(queries) as advance:
        writer = csv.writer(fh)
        writer.writerow(SCREEN_FIELDS)
        for best in screen_best(screener, parties(), workers):
            query_id = ids.popleft()
            counts["parties"] += 1
            advance()
            if best is None:
                writer.writerow([query_id, "false", "0.0000", "", "", "", "", "", *replay])
                continue
            listed, match, score, matched_name = best
            counts["matches"] += match
            writer.writerow(
                [
                    query_id,
                    "true" if match else "false",
                    f"{score:.4f}",
                    listed.entity_id,
                    listed.source_ref,
                    listed.dataset,
                    listed.caption,
                    matched_name,
                    *replay,
                ]
            )
    seconds = time.monotonic() - built
    keep()  # after the workers: the writing's memory does not add to theirs
    manifest = _write_manifest(out, queries, screener, counts)
    click.echo(
        f"{counts['parties']:,} parties screened against {len(screener.index):,} entities: "
        f"{counts['matches']:,} matches, {columns.empty:,} without a name; written to {out} "
        f"(the versions that replay it: {manifest.name})\n"
        f"index {'loaded' if cached else 'built'} in {built - started:.1f} s; "
        f"screening took {seconds:.1f} s "
        f"({counts['parties'] / max(seconds, 1e-9):,.0f} parties/s, "
        f"{workers or cores()} worker(s))",
        err=True,
    )


SCREEN_FIELDS = (
    "query_id",
    "match",
    "score",
    "entity_id",
    "source_ref",
    "dataset",
    "caption",
    "matched_name",
    "algorithm",
    "config",
    "lists",
)
"""The columns of ``screen``'s results: the benchmark's five, what the hit is, and what replays
it (the algorithm, the configuration hash, and the digest of the lists screened against, which
``<results>.versions.json`` spells out)."""


def _write_manifest(out: Path, queries: Path, screener: Screener, counts: dict[str, int]) -> Path:
    """``<results>.versions.json`` beside the results: the versions that replay the screening
    (every dataset and its content hash), the threshold, and the parties file's hash."""
    digest = hashlib.sha256()
    with queries.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    manifest = {
        **screener.versions.as_dict(),
        "threshold": THRESHOLD,
        "parties": {"file": str(queries), "sha256": digest.hexdigest(), **counts},
        "results": out.name,
        "screened_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = out.with_name(out.name + ".versions.json")
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@dataclass
class _Columns:
    """Where a parties file keeps what screening reads."""

    name: str
    id: str | None
    schema: str | None
    birth: str | None
    country: str | None
    identifier: str | None = None
    empty: int = 0

    def row(self, row: dict[str, str]) -> Row | None:
        """What ``screen.party_from_row`` makes the party of (made in the workers)."""
        name = row.get(self.name, "")[:MAX_NAME]
        if not name.strip():
            self.empty += 1
            return None
        return (
            name,
            row.get(self.schema) if self.schema else None,
            row.get(self.birth) if self.birth else None,
            (row.get(self.country, ""),) if self.country else (),
            tuple(row.get(self.identifier, "").split(";")) if self.identifier else (),
        )


@contextmanager
def _progress(queries: Path) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error while the parties of ``queries`` are screened; none,
    and the file not read twice to count them, when standard error is not a terminal."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    total = sum(1 for _ in _rows(queries))
    with Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("screening", total=total)
        yield lambda: progress.advance(task)


@click.command("compare")
@click.argument("names", nargs=-1)
@click.option("--schema", default="LegalEntity", show_default=True)
@click.option(
    "--pairs",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A CSV with id, schema, name1, name2: score every pair.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True)
def compare_command(
    names: tuple[str, ...], schema: str, pairs: Path | None, out: Path | None, as_json: bool
) -> None:
    """Score two names (or every pair of a file) and explain the score."""
    if pairs is not None:
        _compare_file(pairs, out)
        return
    if len(names) != 2:
        raise CountersightError("give two names, or --pairs FILE --out FILE")
    result = compare_names(names[0][:MAX_NAME], names[1][:MAX_NAME], schema)
    data: dict[str, Any] = {
        "score": result.score,
        "similarity": result.similarity,
        "match": result.match,
        "threshold": THRESHOLD,
        "tokens": [
            {"a": p.query, "b": p.candidate, "similarity": p.similarity} for p in result.names.pairs
        ],
        "features": [
            {"feature": f.name, "value": f.value, "contribution": f.contribution}
            for f in result.features
        ],
    }
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{'MATCH' if result.match else 'no match'}  score {result.score:.3f}, similarity "
        f"{result.similarity:.3f} ({_THRESHOLD_TEXT})"
    )
    for p in result.names.pairs:
        click.echo(f"  {p.query} ~ {p.candidate}  {p.similarity:.2f}")
    for f in result.features[1:]:
        click.echo(f"  {f.name}: {f.value} ({f.contribution:+.2f})")


def _compare_file(pairs: Path, out: Path | None) -> None:
    if out is None:
        raise CountersightError("--pairs needs --out FILE")
    writable(out, pairs)
    rows = _rows(pairs)
    count = 0
    with replacing(out) as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "score", "match", "algorithm", "config"])
        for line, row in rows:
            if "name1" not in row or "name2" not in row:
                raise CountersightError(f"{pairs}: expected columns id, schema, name1, name2")
            result = compare_names(
                row["name1"][:MAX_NAME], row["name2"][:MAX_NAME], row.get("schema") or "LegalEntity"
            )
            writer.writerow(
                [
                    row.get("id") or str(line),
                    f"{result.score:.4f}",
                    "true" if result.match else "false",
                    ALGORITHM,
                    CONFIG_HASH,
                ]
            )
            count += 1
    click.echo(f"{count:,} pairs scored; written to {out}", err=True)
    sys.stderr.flush()
