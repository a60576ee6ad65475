"""The SQLite store: atomic replacement of datasets, versions, privacy of the file, and what a
crash or kill in the middle of an import leaves behind."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from countersight.errors import StoreError
from countersight.model import DatasetInfo, Entity, Name, Record, Relationship
from countersight.store import Store, open_store

INFO = DatasetInfo(name="demo", title="Demo list", publisher="Test publisher")


def person(n: int, dataset: str = "demo") -> Entity:
    return Entity(
        id=f"demo-{n}",
        schema="Person",
        dataset=dataset,
        source_ref=f"D.{n:03d}",
        names=(Name(f"Person Number {n}"),),
    )


def replace(store: Store, records: list[Record], version: str = "v1") -> None:
    store.replace_dataset(INFO, version=version, format="test", files=("x",), records=records)


def test_replace_then_read_back(store: Store) -> None:
    link = Relationship(
        id="r1",
        kind="ownership",
        source="demo-1",
        target="demo-2",
        dataset="demo",
        source_ref="r1",
        share=25.0,
    )
    replace(store, [person(1), person(2), link])
    (version,) = store.datasets()
    assert (version.name, version.version, version.entity_count) == ("demo", "v1", 2)
    assert version.relationship_count == 1
    assert store.entities("demo-1") == [person(1)]
    assert store.by_source_ref("D.002") == [person(2)]
    assert store.relationships_of("demo-2") == [link]
    assert [e.id for e in store.iter_entities()] == ["demo-1", "demo-2"]


def test_a_new_version_replaces_the_old_whole(store: Store) -> None:
    replace(store, [person(1), person(2)])
    replace(store, [person(3)], version="v2")
    assert [e.id for e in store.iter_entities()] == ["demo-3"]
    assert store.dataset("demo").version == "v2"  # type: ignore[union-attr]
    assert [v.version for v in store.history("demo")] == ["v2", "v1"]


def test_failing_stream_leaves_the_previous_version(store: Store) -> None:
    replace(store, [person(1)])

    def broken() -> Iterator[Record]:
        yield person(2)
        raise ValueError("row 2 is bad")

    with pytest.raises(ValueError, match="row 2"):
        store.replace_dataset(INFO, version="v2", format="test", files=(), records=broken())
    assert [e.id for e in store.iter_entities()] == ["demo-1"]
    assert store.dataset("demo").version == "v1"  # type: ignore[union-attr]


def test_duplicate_ids_keep_the_first_and_warn(store: Store) -> None:
    twin = Entity(
        id="demo-1", schema="Person", dataset="demo", source_ref="X", names=(Name("Other"),)
    )
    store.replace_dataset(INFO, version="v1", format="t", files=(), records=[person(1), twin])
    (version,) = store.datasets()
    assert version.entity_count == 1
    assert store.entities("demo-1") == [person(1)]
    assert any("duplicate entity id demo-1" in w for w in version.warnings)


def test_record_of_another_dataset_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="belongs to dataset 'other'"):
        replace(store, [person(1, dataset="other")])
    assert store.datasets() == []


def test_readers_see_one_snapshot_while_a_new_version_is_written(db_path: Path) -> None:
    with open_store(db_path) as store:
        replace(store, [person(n) for n in range(5000)])
        reading = store.iter_entities()
        first = next(reading)
        with open_store(db_path) as writer:
            replace(writer, [person(n) for n in range(10_000, 10_010)], version="v2")
        rest = list(reading)
        assert first.id.startswith("demo-")
        assert len(rest) + 1 == 5000  # the old version, whole, not a mix
        assert len(list(store.iter_entities())) == 10


def test_store_file_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.db"
    with open_store(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open as a Countersight store"):
        open_store(path)


def _big_ftm(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            props = {
                "name": [f"Listed Person {n}"],
                "alias": [f"Alias {n} of a listed person"],
                "notes": ["x" * 200],
            }
            fh.write(json.dumps({"id": f"big-{n}", "schema": "Person", "properties": props}))
            fh.write("\n")


def test_kill_during_import_leaves_the_previous_version(tmp_path: Path, db_path: Path) -> None:
    small, big = tmp_path / "small.ftm.json", tmp_path / "big.ftm.json"
    _big_ftm(small, 3)
    _big_ftm(big, 300_000)
    env = {**os.environ, "COUNTERSIGHT_DB": str(db_path)}
    command = [sys.executable, "-m", "countersight", "import", "--dataset", "big"]
    subprocess.run([*command, str(small)], check=True, env=env, capture_output=True)
    with open_store(db_path) as store:
        before = store.dataset("big")
    assert before is not None and before.entity_count == 3

    proc = subprocess.Popen(
        [*command, str(big)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wal = db_path.with_name(db_path.name + "-wal")
    deadline = time.monotonic() + 120
    # Wait until the import is writing its new version (the log grows), then kill it hard.
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 4_000_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with open_store(db_path) as store:
        after = store.dataset("big")
        assert after == before
        assert sorted(e.id for e in store.iter_entities(["big"])) == ["big-0", "big-1", "big-2"]
    # and the store still takes the next import
    done = subprocess.run(
        [*command, str(small.with_name("small.ftm.json"))], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "unchanged" in done.stdout


def test_a_store_that_cannot_be_created_says_where_and_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="cannot create the store"):
        open_store(blocker / "store.db")
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
