"""The screening index kept beside the store: loaded when it holds the same lists, built again
when they change, and never read when someone else could have written it."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from countersight.matching import cache
from countersight.matching.index import Index
from countersight.matching.screen import build_index, selected
from countersight.model import DatasetVersion
from countersight.store import open_store
from tests.conftest import CLI, on_terminal

QUERIES = (
    "query_id,schema,name,birth_date,nationality\n"
    "q1,Person,Wang Shili,1975,cn\n"
    "q2,Company,Exampel Vision Technology Company Limited,,\n"
    "q3,Company,Completely Unrelated Bakery,,\n"
)


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    path = tmp_path / "parties.csv"
    path.write_text(QUERIES, encoding="utf-8")
    return path


def _import(cli: CLI, db: Path, *files: Path) -> None:
    code, _, err = cli("import", "--db", db, *files)
    assert code == 0, err


def _screen(cli: CLI, db: Path, queries: Path, out: Path) -> tuple[list[dict[str, str]], str]:
    code, _, err = cli("screen", "--db", db, queries, "--out", out, "--workers", "1")
    assert code == 0, err
    return list(csv.DictReader(out.read_text(encoding="utf-8").splitlines())), err


def test_the_second_screening_loads_the_index_and_answers_the_same(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    first, err = _screen(cli, db_path, queries, tmp_path / "1.csv")
    assert "index built in" in err
    kept = cache.cache_path(db_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    again, err = _screen(cli, db_path, queries, tmp_path / "2.csv")
    assert "index loaded in" in err
    assert again == first and first[1]["match"] == "true"


def test_new_lists_are_screened_against_not_the_kept_index(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures / "un" / "un_small.xml")
    before, _ = _screen(cli, db_path, queries, tmp_path / "1.csv")
    assert before[0]["match"] == "false"
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    after, err = _screen(cli, db_path, queries, tmp_path / "2.csv")
    assert "index built in" in err
    assert after[0]["match"] == "true" and after[0]["source_ref"] == "ex-pe-founder"


def test_only_the_chosen_datasets_are_loaded(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures / "un" / "un_small.xml")
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    _screen(cli, db_path, queries, tmp_path / "1.csv")
    out = tmp_path / "2.csv"
    code, _, err = cli("screen", "--db", db_path, queries, "--out", out, "--dataset", "un_sc")
    assert code == 0 and "index built in" in err
    rows = csv.DictReader(out.read_text(encoding="utf-8").splitlines())
    assert all(r["match"] == "false" for r in rows)


def test_a_cache_others_could_write_is_not_read(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    _screen(cli, db_path, queries, tmp_path / "1.csv")
    kept = cache.cache_path(db_path)
    os.chmod(kept, 0o666)
    _, err = _screen(cli, db_path, queries, tmp_path / "2.csv")
    assert "index built in" in err
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # written again, privately


def test_a_damaged_cache_is_built_again(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    first, _ = _screen(cli, db_path, queries, tmp_path / "1.csv")
    kept = cache.cache_path(db_path)
    header = kept.read_bytes().split(b"\n", 1)[0]
    kept.write_bytes(header + b"\nnot a pickle at all")
    again, err = _screen(cli, db_path, queries, tmp_path / "2.csv")
    assert "index built in" in err and again == first
    kept.write_bytes(b"")
    again, err = _screen(cli, db_path, queries, tmp_path / "3.csv")
    assert "index built in" in err and again == first


def test_the_cache_can_be_turned_off(
    cli: CLI,
    db_path: Path,
    fixtures: Path,
    queries: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COUNTERSIGHT_INDEX_CACHE", "0")
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    _screen(cli, db_path, queries, tmp_path / "1.csv")
    _, err = _screen(cli, db_path, queries, tmp_path / "2.csv")
    assert "index built in" in err and not cache.cache_path(db_path).exists()
    monkeypatch.setenv("COUNTERSIGHT_INDEX_CACHE", "maybe")
    code, _, err = cli("screen", "--db", db_path, queries, "--out", tmp_path / "3.csv")
    assert code != 0 and "COUNTERSIGHT_INDEX_CACHE must be 1 or 0" in err


def _versions_and_build(db: Path) -> tuple[list[DatasetVersion], Callable[[], Index]]:
    with open_store(db) as store:
        versions = selected(store)

    def build() -> Index:
        with open_store(db) as store:
            return build_index(store, versions)

    return versions, build


def test_an_index_built_apart_is_the_one_built_here(
    cli: CLI, db_path: Path, fixtures: Path
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists", fixtures / "un")
    versions, build = _versions_and_build(db_path)
    apart = cache.build_apart(db_path, versions, build)
    assert apart is not None and cache.cache_path(db_path).exists()
    here = build()
    assert [e.entity_id for e in apart.listed] == [e.entity_id for e in here.listed]
    assert sorted(apart.postings) == sorted(here.postings)


def test_a_build_that_fails_apart_is_left_to_this_process(
    cli: CLI, db_path: Path, fixtures: Path
) -> None:
    _import(cli, db_path, fixtures / "un")
    versions, _ = _versions_and_build(db_path)

    def broken() -> Index:
        raise MemoryError("the child ran out")

    assert cache.build_apart(db_path, versions, broken) is None
    assert not cache.cache_path(db_path).exists()


def test_on_a_terminal_the_build_and_the_screening_show(
    cli: CLI, db_path: Path, fixtures: Path, queries: Path, tmp_path: Path
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    out = tmp_path / "results.csv"
    with on_terminal("screen", "--db", str(db_path), str(queries), "--out", str(out)) as child:
        child.expect("building the index of 1 list\\(s\\), once for these lists")
        child.expect("screening")
        child.expect("index built in")
    assert cache.cache_path(db_path).exists() and out.exists()


def test_on_a_terminal_an_index_not_kept_is_not_said_to_be(
    cli: CLI,
    db_path: Path,
    fixtures: Path,
    queries: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _import(cli, db_path, fixtures.parent.parent / "examples" / "lists")
    monkeypatch.setenv("COUNTERSIGHT_INDEX_CACHE", "0")
    out = tmp_path / "results.csv"
    with on_terminal("screen", "--db", str(db_path), str(queries), "--out", str(out)) as child:
        child.expect(
            "building the index of 1 list\\(s\\) \\(COUNTERSIGHT_INDEX_CACHE=0: not kept\\)"
        )
        child.expect("index built in")
    assert not cache.cache_path(db_path).exists()
