"""Shared test fixtures: a fresh store in a temporary folder, the CLI run in-process or on a
terminal, and the real lists in ../shared (tests over them skip, saying why, when the folder
is absent)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pexpect
import pytest

from countersight.cli import run
from countersight.model import Entity, Name
from countersight.store import Store, open_store

if TYPE_CHECKING:
    from countersight.matching.screen import Screener

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared_lists() -> Path:
    """``../shared/data/lists``; skips the test when the shared data is not beside the repo."""
    path = SHARED / "data" / "lists"
    if not path.is_dir():
        pytest.skip(f"real lists not available: {path} is absent (only in the project workspace)")
    return path


@pytest.fixture
def shared_bench() -> Path:
    path = SHARED / "bench"
    if not path.is_dir():
        pytest.skip(f"benchmark files not available: {path} is absent")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lists.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as s:
        yield s


class CLI:
    """Runs ``countersight`` in-process and captures what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = run([str(a) for a in args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    return CLI(capsys)


def screener_of_real_list(folder: Path, relative: str) -> Screener:
    """A screener over one real list (``relative`` to ``../shared/data/lists``), imported into
    a store in ``folder``; skips the test, saying why, when the list is absent."""
    from countersight.importing import import_paths
    from countersight.matching.screen import Screener

    path = SHARED / "data" / "lists" / relative
    if not path.exists():
        pytest.skip(f"real lists not available: {path} is absent (only in the project workspace)")
    with open_store(folder / "lists.db") as store:
        import_paths(store, [path])
        return Screener.from_store(store)


def entity_named(number: int, schema: str, name: str) -> Entity:
    """An entity of ``schema`` with one name, ``e{number}`` its id and its list's reference."""
    return Entity(
        id=f"e{number}",
        schema=schema,  # type: ignore[arg-type]
        dataset="test",
        source_ref=f"e{number}",
        names=(Name(name),),
    )


def assert_found(screener: Screener, name: str, reference: str, schema: str = "Person") -> None:
    """``name`` (a person's, or of ``schema``) is screened to a match with the entry the list
    gives ``reference``."""
    from countersight.matching.screen import party_from_row

    hits = screener.screen(party_from_row(name, schema), 1)
    assert hits and hits[0].result.match, name
    assert hits[0].listed.source_ref == reference


@contextmanager
def on_terminal(*args: str, timeout: int = 60) -> Iterator[pexpect.spawn]:
    """``countersight`` with ``args`` run on a terminal, as a person runs it (a progress bar,
    questions asked): the process, to expect and answer; then its end, which must be a
    success."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "countersight", *args],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=timeout,
        dimensions=(50, 200),
    )
    try:
        yield child
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
