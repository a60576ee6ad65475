"""Screening many parties on every core: the index is built once, then worker processes forked
from it share it (copy-on-write) and screen chunks of parties. Results come back in input order
and only a few chunks are in flight at a time, so memory does not grow with the input.

Where ``fork`` is not available (or one worker is asked for) the parties are screened in this
process, with the same results."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from countersight.matching.score import Party, Result
from countersight.matching.screen import Hit, Screener

CHUNK = 200
"""Parties sent to a worker at a time: enough to make the hand-over cheap, few enough to keep
every worker busy to the end."""

_screener: Screener | None = None
"""The screener of the parent, inherited by forked workers."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def screen_many(
    screener: Screener, parties: Iterable[Party | None], workers: int = 0, limit: int = 1
) -> Iterator[list[Hit]]:
    """The best ``limit`` hits of each party (none for ``None``, a row without a name), in the
    order given. ``workers`` 0 means one per core."""
    workers = workers or cores()
    # The index's objects stay out of the collections from here on (in forked workers, fewer
    # pages copied too). No full collection first: building the index makes no garbage cycles
    # (and runs with the collector off, see ``index.building``), and going over millions of
    # objects to find none takes half a second.
    gc.freeze()
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for party in parties:
                yield screener.screen(party, limit) if party is not None else []
            return
        global _screener
        _screener = screener
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque[AsyncResult[list[list[tuple[int, Result]]]]] = deque()
            source = iter(parties)
            chunks = iter(lambda: list(itertools.islice(source, CHUNK)), [])
            for chunk in chunks:
                pending.append(pool.apply_async(_screen_chunk, (chunk, limit)))
                if len(pending) > 2 * workers:
                    yield from _hits(screener, pending.popleft().get())
            while pending:
                yield from _hits(screener, pending.popleft().get())
    finally:
        _screener = None
        gc.unfreeze()


def _screen_chunk(chunk: list[Party | None], limit: int) -> list[list[tuple[int, Result]]]:
    """In a worker: each party's hits as (entity number in the index, result)."""
    assert _screener is not None, "workers are forked from a process that set the screener"
    screener = _screener
    return [
        [(hit.listed.number, hit.result) for hit in screener.screen(party, limit)]
        if party is not None
        else []
        for party in chunk
    ]


def _hits(screener: Screener, rows: list[list[tuple[int, Result]]]) -> Iterator[list[Hit]]:
    listed = screener.index.listed
    for row in rows:
        yield [Hit(listed[number], result) for number, result in row]
