"""Screening many parties on every core: the index is built once, then worker processes forked
from it share it (copy-on-write) and screen chunks of parties. Parties are read a window at a
time and screened in an order that puts those with the same common words together (``_order``);
results come back in input order, and at most two windows are in flight, so memory does not
grow with the input.

Where ``fork`` is not available (or one worker is asked for) the parties are screened in this
process, with the same results."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from countersight.matching.index import Listed
from countersight.matching.score import Party, Result
from countersight.matching.screen import Hit, Screener, party_from_row

CHUNK = 200
"""Parties sent to a worker at a time: enough to make the hand-over cheap, few enough to keep
every worker busy to the end."""

Row = tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...]]
"""A party as read from a file, for ``screen.party_from_row``: name, schema, birth date,
countries, identifiers."""
Best = tuple[Listed, bool, float, str]
"""A party's best hit as a file of results shows it: the listed entity, whether it is a match,
the score, the listed name it met."""

_screener: Screener | None = None
"""The screener of the parent, inherited by forked workers."""

_In = TypeVar("_In")
_Out = TypeVar("_Out")


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def screen_many(
    screener: Screener, parties: Iterable[Party | None], workers: int = 0, limit: int = 1
) -> Iterator[list[Hit]]:
    """The best ``limit`` hits of each party (none for ``None``, a row without a name), in the
    order given. ``workers`` 0 means one per core."""
    listed = screener.index.listed
    for row in _map(screener, parties, workers, _screen_chunk, limit, _party_name):
        yield [Hit(listed[number], result) for number, result in row]


def screen_best(
    screener: Screener, rows: Iterable[Row | None], workers: int = 0
) -> Iterator[Best | None]:
    """The best hit of each party (``None`` where there is none, or for ``None``, a row without
    a name), in the order given: what ``screen_many`` gives with ``limit`` 1, less to hand
    over. The workers make the parties of the rows, and send back only the best hit's entity
    number, match, score and name."""
    listed = screener.index.listed
    for best in _map(screener, rows, workers, _best_chunk, 1, _row_name):
        yield None if best is None else (listed[best[0]], best[1], best[2], best[3])


WINDOW = 5000
"""Parties screened as a group, in an order of their own (``_order``); their results are
given back in the order of the input once the whole group is done."""

_LETTERS = re.compile(r"[a-z]+")


def _order(screener: Screener) -> Callable[[str], list[str]]:
    """What parties are screened in the order of, within a ``WINDOW``: a name's words, the
    words most names of the index have first (a rough reading: letters only, accents
    dropped). Parties that share common words (given names, common surnames) then come one
    after another, and so do many of their candidates, which the processor then finds in its
    caches instead of memory (on one core, screening runs about a tenth faster). The order
    changes nothing else: each party's hits are its own."""
    postings = screener.index.postings

    @lru_cache(maxsize=1 << 16)
    def fewest_names(word: str) -> int:
        return -postings.count("w" + word)

    def common_first(name: str) -> list[str]:
        if not name.isascii():
            name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        words = _LETTERS.findall(name.lower())
        words.sort(key=fewest_names)
        return words

    return common_first


def _party_name(party: Party | None) -> str:
    return party.name if party is not None else ""


def _row_name(row: Row | None) -> str:
    return row[0] if row is not None else ""


def _map(
    screener: Screener,
    items: Iterable[_In],
    workers: int,
    work: Callable[[Screener, list[_In], int], list[_Out]],
    limit: int,
    name: Callable[[_In], str],
) -> Iterator[_Out]:
    """``work`` on chunks of ``items``, in forked workers (or in this process); what it gives
    for each item, in order. Items are read a ``WINDOW`` at a time and handed out in the
    order of their names (``_order``)."""
    workers = workers or cores()
    order = _order(screener)

    def key(item: _In) -> list[str]:
        return order(name(item))

    source = iter(items)
    windows = iter(lambda: list(itertools.islice(source, WINDOW)), [])
    # What there is now stays out of the collections while screening (in forked workers,
    # fewer pages copied too): the index is already (``index.building``), but not what was
    # made since. No full collection first: going over millions of objects to find no garbage
    # takes half a second.
    gc.freeze()
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for window in windows:
                places, chunks = _chunks(window, key)
                yield from _in_order(places, [work(screener, c, limit) for c in chunks])
            return
        global _screener
        _screener = screener
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # A window's chunks are handed out while the one before is still being screened,
            # so that the workers never wait for the window's last chunk.
            before: tuple[list[int], list[AsyncResult[list[_Out]]]] = ([], [])
            for window in windows:
                places, chunks = _chunks(window, key)
                sent = [pool.apply_async(_in_worker, (work, c, limit)) for c in chunks]
                yield from _in_order(before[0], [r.get() for r in before[1]])
                before = places, sent
            yield from _in_order(before[0], [r.get() for r in before[1]])
    finally:
        _screener = None
        gc.unfreeze()


def _chunks(
    window: list[_In], key: Callable[[_In], list[str]]
) -> tuple[list[int], list[list[_In]]]:
    """The places of ``window``'s items in the order of ``key``, and the items in that order,
    ``CHUNK`` at a time."""
    places = sorted(range(len(window)), key=lambda i: key(window[i]))
    ordered = [window[i] for i in places]
    return places, [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]


def _in_order(places: list[int], results: list[list[_Out]]) -> list[_Out]:
    """The results of chunks made by ``_chunks``, back in the order of the window."""
    done = list(itertools.chain.from_iterable(results))
    position = [0] * len(places)
    for i, place in enumerate(places):
        position[place] = i
    return [done[i] for i in position]


def _in_worker(
    work: Callable[[Screener, list[_In], int], list[_Out]], chunk: list[_In], limit: int
) -> list[_Out]:
    assert _screener is not None, "workers are forked from a process that set the screener"
    return work(_screener, chunk, limit)


def _screen_chunk(
    screener: Screener, chunk: list[Party | None], limit: int
) -> list[list[tuple[int, Result]]]:
    """Each party's hits as (entity number in the index, result)."""
    return [
        [(hit.listed.number, hit.result) for hit in screener.screen(party, limit)]
        if party is not None
        else []
        for party in chunk
    ]


def _best_chunk(
    screener: Screener, chunk: list[Row | None], limit: int
) -> list[tuple[int, bool, float, str] | None]:
    """Each row's best hit as (entity number in the index, match, score, listed name)."""
    out: list[tuple[int, bool, float, str] | None] = []
    for row in chunk:
        hits = screener.screen(party_from_row(*row), limit) if row is not None else []
        if hits:
            result = hits[0].result
            out.append((hits[0].listed.number, result.match, result.score, result.candidate_name))
        else:
            out.append(None)
    return out
