# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""``tally.best_in_python`` in C (see ``tally``): the names' totals summed in an open-addressing
table of plain numbers, in the order the names were found; the first by total and that order
picked with a heap (only those are sorted). The same sums, added in the same order, so the same
totals to the last bit."""

from libc.stdint cimport int32_t, int64_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memset


cdef struct Entry:
    double total
    uint32_t name
    uint32_t order


cdef inline bint _after(const Entry* a, const Entry* b) noexcept nogil:
    """Whether ``a`` comes after ``b``: a lower total, or an equal one found later."""
    return a.total < b.total or (a.total == b.total and a.order > b.order)


cdef void _sift_down(int32_t* heap, Py_ssize_t size, Py_ssize_t at, Entry* entries) noexcept nogil:
    """Restores the heap below ``at``: every entry before (ranks above) its children."""
    cdef Py_ssize_t child
    cdef int32_t moving = heap[at]
    while True:
        child = 2 * at + 1
        if child >= size:
            break
        if child + 1 < size and _after(&entries[heap[child + 1]], &entries[heap[child]]):
            child += 1
        if not _after(&entries[heap[child]], &entries[moving]):
            break
        heap[at] = heap[child]
        at = child
    heap[at] = moving


cdef int64_t* _number_set(Py_ssize_t items, Py_ssize_t* mask) except NULL:
    """An empty set of numbers for ``items`` at most: an open-addressing table of twice as
    many slots or more (a power of two), every slot -1 (empty); its mask in ``mask``."""
    cdef Py_ssize_t capacity = 16
    while capacity < 2 * items:
        capacity <<= 1
    cdef int64_t* slots = <int64_t*>malloc(capacity * sizeof(int64_t))
    if slots == NULL:
        raise MemoryError()
    memset(slots, 0xFF, capacity * sizeof(int64_t))
    mask[0] = capacity - 1
    return slots


cdef inline Py_ssize_t _slot(
    const int64_t* slots, Py_ssize_t mask, uint32_t value
) noexcept nogil:
    """Where ``value`` is in a ``_number_set``, or the empty slot where it goes."""
    cdef Py_ssize_t place = <Py_ssize_t>((value * <uint32_t>2654435761u) & mask)
    while slots[place] >= 0 and <uint32_t>slots[place] != value:
        place = (place + 1) & mask
    return place


def best(
    const uint32_t[::1] names,
    const uint32_t[::1] same,
    spans,
    weights,
    Py_ssize_t distinct,
    Py_ssize_t most,
):
    cdef Py_ssize_t n = len(spans)
    if len(weights) != n:
        raise ValueError("one weight per span")
    cdef Py_ssize_t i, j, start, end, total = 0
    cdef uint64_t packed
    for i in range(n):
        packed = spans[i]
        start = <Py_ssize_t>(packed >> 32)
        end = start + <Py_ssize_t>(packed & 0xFFFFFFFF)
        if end > names.shape[0]:
            raise IndexError("a span beyond the postings")
        total += end - start
    if total == 0:
        return []
    cdef Py_ssize_t capacity = 16
    while capacity < 2 * total:
        capacity <<= 1
    cdef Py_ssize_t mask = capacity - 1
    cdef int32_t* slots = <int32_t*>malloc(capacity * sizeof(int32_t))
    cdef Entry* entries = <Entry*>malloc(total * sizeof(Entry))
    cdef Py_ssize_t found = 0, place
    cdef uint32_t name
    cdef int32_t at
    cdef double weight
    cdef list out = []
    cdef Py_ssize_t counted = 0
    cdef uint32_t group
    cdef int32_t* heap = NULL
    cdef Entry* ranked = NULL
    cdef int64_t* groups = NULL
    try:
        if slots == NULL or entries == NULL:
            raise MemoryError()
        memset(slots, 0xFF, capacity * sizeof(int32_t))  # every slot -1: empty
        for i in range(n):
            packed = spans[i]
            weight = weights[i]
            start = <Py_ssize_t>(packed >> 32)
            end = start + <Py_ssize_t>(packed & 0xFFFFFFFF)
            for j in range(start, end):
                name = names[j]
                place = <Py_ssize_t>((name * <uint32_t>2654435761u) & mask)
                while True:
                    at = slots[place]
                    if at < 0:
                        slots[place] = <int32_t>found
                        entries[found].name = name
                        entries[found].order = <uint32_t>found
                        entries[found].total = weight  # 0.0 + weight, as in Python
                        found += 1
                        break
                    if entries[at].name == name:
                        entries[at].total += weight
                        break
                    place = (place + 1) & mask
        # The ``most`` first, in order, without sorting them all: a heap whose root is the last
        # of those kept so far (the one a better entry replaces), emptied from the root.
        if most > found:
            most = found
        heap = <int32_t*>malloc(most * sizeof(int32_t)) if most else NULL
        if most and heap == NULL:
            raise MemoryError()
        for i in range(most):
            heap[i] = <int32_t>i
        for i in range(most // 2 - 1, -1, -1):
            _sift_down(heap, most, i, entries)
        for i in range(most, found):
            if _after(&entries[heap[0]], &entries[i]):
                heap[0] = <int32_t>i
                _sift_down(heap, most, 0, entries)
        ranked = <Entry*>malloc(most * sizeof(Entry)) if most else NULL
        if most and ranked == NULL:
            raise MemoryError()
        for i in range(most - 1, -1, -1):
            ranked[i] = entries[heap[0]]
            heap[0] = heap[i]
            _sift_down(heap, i, 0, entries)
        # As many as make ``distinct`` different names by ``same``: the groups seen in a set
        # of their own, as small as ``most`` allows.
        groups = _number_set(most, &mask)
        for i in range(most):
            name = ranked[i].name
            if name >= same.shape[0]:
                raise IndexError("a name beyond its groups")
            group = same[name]
            place = _slot(groups, mask, group)
            if groups[place] < 0:
                if counted == distinct:
                    break
                groups[place] = group
                counted += 1
            out.append(name)
        return out
    finally:
        free(slots)
        free(entries)
        free(heap)
        free(ranked)
        free(groups)


def owners(const uint32_t[::1] owner, list names):
    """``tally.owners_in_python``: the owners taken once each in a table of plain numbers."""
    cdef Py_ssize_t n = len(names), i, place, mask
    cdef uint32_t name, found
    cdef list out = []
    cdef int64_t* seen = _number_set(n, &mask)
    try:
        for i in range(n):
            name = names[i]
            if name >= owner.shape[0]:
                raise IndexError("a name beyond its owners")
            found = owner[name]
            place = _slot(seen, mask, found)
            if seen[place] < 0:
                seen[place] = found
                out.append(found)
        return out
    finally:
        free(seen)
