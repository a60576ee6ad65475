"""The embedded store: one SQLite file, private to its owner.

Each dataset is replaced in one transaction (write-ahead log), so readers keep seeing the old
version until the new one is committed, and an import that fails or is killed leaves the old
version in place. The file is created readable by its owner only: it holds personal data of
listed people."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from countersight.errors import StoreError
from countersight.model import (
    DatasetInfo,
    DatasetVersion,
    Entity,
    Record,
    Relationship,
    entity_from_dict,
    relationship_from_dict,
    to_dict,
)
from countersight.store.base import Store

SCHEMA_VERSION = 1
MAX_WARNINGS_KEPT = 200
_BATCH = 2000

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dataset (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dataset_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entity (
    dataset TEXT NOT NULL,
    id TEXT NOT NULL,
    schema TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (dataset, id)
);
CREATE INDEX IF NOT EXISTS entity_by_id ON entity (id);
CREATE INDEX IF NOT EXISTS entity_by_ref ON entity (source_ref);
CREATE TABLE IF NOT EXISTS relationship (
    dataset TEXT NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (dataset, id)
);
CREATE INDEX IF NOT EXISTS relationship_by_source ON relationship (source);
CREATE INDEX IF NOT EXISTS relationship_by_target ON relationship (target);
"""


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class SQLiteStore(Store):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        if path.is_dir():
            raise StoreError(f"{path} is a folder", hint="--db names the store's file")
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # Create the file private to its owner before SQLite writes anything into it.
                fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
                os.close(fd)
            except OSError as exc:
                raise StoreError(
                    f"{path}: cannot create the store: {exc.strerror}",
                    hint="choose a writable place with --db or COUNTERSIGHT_DB",
                ) from None
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path}: cannot open as a Countersight store: {exc}",
                hint="point --db at a new file or at a store this version created",
            ) from None

    def _migrate(self) -> None:
        with self._lock:
            self._conn.executescript(_DDL)
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: store schema {row[0]} is newer than this Countersight "
                    f"({SCHEMA_VERSION})",
                    hint="upgrade Countersight",
                )

    # -- reading ---------------------------------------------------------------------------

    def datasets(self) -> list[DatasetVersion]:
        rows = self._conn.execute("SELECT data FROM dataset ORDER BY name").fetchall()
        return [_version_from_json(row[0]) for row in rows]

    def dataset(self, name: str) -> DatasetVersion | None:
        row = self._conn.execute("SELECT data FROM dataset WHERE name = ?", (name,)).fetchone()
        return None if row is None else _version_from_json(row[0])

    def history(self, name: str | None = None) -> list[DatasetVersion]:
        if name is None:
            rows = self._conn.execute("SELECT data FROM dataset_history ORDER BY seq DESC")
        else:
            rows = self._conn.execute(
                "SELECT data FROM dataset_history WHERE name = ? ORDER BY seq DESC", (name,)
            )
        return [_version_from_json(row[0]) for row in rows.fetchall()]

    def entities(self, entity_id: str) -> list[Entity]:
        rows = self._conn.execute(
            "SELECT data FROM entity WHERE id = ? ORDER BY dataset", (entity_id,)
        ).fetchall()
        return [entity_from_dict(json.loads(row[0])) for row in rows]

    def by_source_ref(self, source_ref: str, dataset: str | None = None) -> list[Entity]:
        sql = "SELECT data FROM entity WHERE source_ref = ?"
        args: tuple[str, ...] = (source_ref,)
        if dataset is not None:
            sql += " AND dataset = ?"
            args += (dataset,)
        rows = self._conn.execute(sql + " ORDER BY dataset, id", args).fetchall()
        return [entity_from_dict(json.loads(row[0])) for row in rows]

    def iter_entities(self, datasets: Sequence[str] | None = None) -> Iterator[Entity]:
        for data in self._iter_data("entity", datasets):
            yield entity_from_dict(data)

    def iter_relationships(self, datasets: Sequence[str] | None = None) -> Iterator[Relationship]:
        for data in self._iter_data("relationship", datasets):
            yield relationship_from_dict(data)

    def _iter_data(self, table: str, datasets: Sequence[str] | None) -> Iterator[dict[str, Any]]:
        # A connection of its own holding one read transaction: the whole iteration sees one
        # snapshot, even if an import commits meanwhile (write-ahead log readers never block).
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            if datasets is None:
                cursor = conn.execute(f"SELECT data FROM {table} ORDER BY dataset, id")
            else:
                marks = ", ".join("?" for _ in datasets)
                cursor = conn.execute(
                    f"SELECT data FROM {table} WHERE dataset IN ({marks}) ORDER BY dataset, id",
                    tuple(datasets),
                )
            while rows := cursor.fetchmany(_BATCH):
                for (data,) in rows:
                    yield json.loads(data)
            conn.execute("COMMIT")
        finally:
            conn.close()

    def relationships_of(self, entity_id: str) -> list[Relationship]:
        rows = self._conn.execute(
            "SELECT data FROM relationship WHERE source = ? OR target = ? ORDER BY dataset, id",
            (entity_id, entity_id),
        ).fetchall()
        return [relationship_from_dict(json.loads(row[0])) for row in rows]

    # -- writing ---------------------------------------------------------------------------

    def replace_dataset(
        self,
        info: DatasetInfo,
        *,
        version: str,
        format: str,
        files: Sequence[str],
        records: Iterable[Record],
        warnings: Sequence[str] = (),
    ) -> DatasetVersion:
        own_warnings: list[str] = []
        counts = {"entity": 0, "relationship": 0}
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM entity WHERE dataset = ?", (info.name,))
                conn.execute("DELETE FROM relationship WHERE dataset = ?", (info.name,))
                iterator = iter(records)
                while batch := list(islice(iterator, _BATCH)):
                    self._insert(info.name, batch, counts, own_warnings)
                all_warnings = [*warnings, *own_warnings]
                stored = DatasetVersion(
                    name=info.name,
                    title=info.title,
                    publisher=info.publisher,
                    url=info.url,
                    issued=info.issued,
                    licence=info.licence,
                    version=version,
                    format=format,
                    files=tuple(files),
                    entity_count=counts["entity"],
                    relationship_count=counts["relationship"],
                    imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    warnings=_kept(all_warnings),
                )
                data = _dumps(_version_to_dict(stored))
                conn.execute(
                    "INSERT INTO dataset (name, data) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET data = excluded.data",
                    (info.name, data),
                )
                conn.execute(
                    "INSERT INTO dataset_history (name, data) VALUES (?, ?)", (info.name, data)
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return stored

    def _insert(
        self,
        dataset: str,
        batch: list[Record],
        counts: dict[str, int],
        warnings: list[str],
    ) -> None:
        entities: list[tuple[str, str, str, str, str]] = []
        relations: list[tuple[str, str, str, str, str]] = []
        for record in batch:
            if record.dataset != dataset:
                raise StoreError(
                    f"record {record.id} belongs to dataset {record.dataset!r}, not {dataset!r}"
                )
            data = _dumps(to_dict(record))
            if isinstance(record, Entity):
                entities.append((dataset, record.id, record.schema, record.source_ref, data))
            else:
                relations.append((dataset, record.id, record.source, record.target, data))
        for table, rows, columns in (
            ("entity", entities, "dataset, id, schema, source_ref, data"),
            ("relationship", relations, "dataset, id, source, target, data"),
        ):
            for row in rows:
                cursor = self._conn.execute(
                    f"INSERT INTO {table} ({columns}) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    row,
                )
                if cursor.rowcount == 1:
                    counts[table] += 1
                else:
                    warnings.append(f"duplicate {table} id {row[1]}: kept the first")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _kept(warnings: list[str]) -> tuple[str, ...]:
    if len(warnings) <= MAX_WARNINGS_KEPT:
        return tuple(warnings)
    rest = len(warnings) - MAX_WARNINGS_KEPT
    return (*warnings[:MAX_WARNINGS_KEPT], f"... and {rest} more warnings")


def _version_to_dict(version: DatasetVersion) -> dict[str, Any]:
    return {
        "name": version.name,
        "title": version.title,
        "publisher": version.publisher,
        "url": version.url,
        "issued": version.issued,
        "licence": version.licence,
        "version": version.version,
        "format": version.format,
        "files": list(version.files),
        "entity_count": version.entity_count,
        "relationship_count": version.relationship_count,
        "imported_at": version.imported_at,
        "warnings": list(version.warnings),
    }


def _version_from_json(text: str) -> DatasetVersion:
    data = json.loads(text)
    data["files"] = tuple(data["files"])
    data["warnings"] = tuple(data["warnings"])
    return DatasetVersion(**data)
