"""Every setting in one place. Each comes from a ``COUNTERSIGHT_*`` environment variable and is
documented in docs/settings.md (a test checks that the two agree)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from countersight.errors import SettingsError

PREFIX = "COUNTERSIGHT_"


def default_db_path(env: Mapping[str, str]) -> Path:
    """The embedded store lives in the user's data folder unless told otherwise."""
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", ".")) / ".local" / "share")
    return Path(base) / "countersight" / "countersight.db"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: Path
    """COUNTERSIGHT_DB: path of the SQLite store (``--db`` overrides it)."""
    http_timeout: float = 60.0
    """COUNTERSIGHT_HTTP_TIMEOUT: seconds to wait for a publisher's server in ``update``."""
    download_dir: Path | None = None
    """COUNTERSIGHT_DOWNLOAD_DIR: where ``update`` keeps fetched files (default: beside the store,
    in ``downloads/``)."""
    index_cache: bool = True
    """COUNTERSIGHT_INDEX_CACHE: keep the built screening index beside the store (``0`` turns
    it off)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        db = env.get(PREFIX + "DB")
        timeout = env.get(PREFIX + "HTTP_TIMEOUT", "60")
        try:
            http_timeout = float(timeout)
        except ValueError:
            raise SettingsError(
                f"{PREFIX}HTTP_TIMEOUT must be a number of seconds, not {timeout!r}"
            ) from None
        if http_timeout <= 0:
            raise SettingsError(f"{PREFIX}HTTP_TIMEOUT must be positive, not {timeout!r}")
        download_dir = env.get(PREFIX + "DOWNLOAD_DIR")
        written = env.get(PREFIX + "INDEX_CACHE", "1")
        cache = switch(written)
        if cache is None:
            raise SettingsError(f"{PREFIX}INDEX_CACHE must be 1 or 0, not {written!r}")
        return cls(
            db=Path(db) if db else default_db_path(env),
            http_timeout=http_timeout,
            download_dir=Path(download_dir) if download_dir else None,
            index_cache=cache,
        )


_SWITCHES = {
    **dict.fromkeys(("1", "yes", "on", "true"), True),
    **dict.fromkeys(("0", "no", "off", "false"), False),
}


def store_path(db: Path | None) -> Path:
    """The store a command works on: the one named with ``--db``, else the settings'."""
    return db or Settings.from_env().db


def switch(value: str | None) -> bool | None:
    """An on/off setting's value (1, yes, on, true; 0, no, off, false; any case), ``None`` for
    anything else."""
    return _SWITCHES.get((value or "").strip().lower())


ENV_VARS: tuple[str, ...] = ("DB", "HTTP_TIMEOUT", "DOWNLOAD_DIR", "INDEX_CACHE", "PURE")
"""The suffixes of every environment variable read above (documented in docs/settings.md), and
of COUNTERSIGHT_PURE, read where the matching package is imported (``countersight.matching``)."""
