"""Storage behind one small interface; SQLite is the embedded default."""

from __future__ import annotations

from pathlib import Path

from countersight.store.base import Store


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a file path for SQLite (created if missing)."""
    from countersight.store.sqlite import SQLiteStore

    return SQLiteStore(Path(location))


__all__ = ["Store", "open_store"]
