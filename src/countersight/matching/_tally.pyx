# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""``tally.best_in_python`` in C (see ``tally``): the names' totals summed in an open-addressing
table of plain numbers, in the order the names were found, then sorted by total and that order.
The same sums, added in the same order, so the same totals to the last bit."""

from libc.stdint cimport int32_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc, qsort
from libc.string cimport memset


cdef struct Entry:
    double total
    uint32_t name
    uint32_t order


cdef int _first(const void* a, const void* b) noexcept nogil:
    """The higher total first; of equal totals, the first found."""
    cdef const Entry* x = <const Entry*>a
    cdef const Entry* y = <const Entry*>b
    if x.total > y.total:
        return -1
    if x.total < y.total:
        return 1
    return (x.order > y.order) - (x.order < y.order)


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
        qsort(entries, found, sizeof(Entry), _first)
        if most > found:
            most = found
        # As many as make ``distinct`` different names by ``same``; ``slots`` is reused for the
        # groups seen (they are fewer than ``most``, which is at most ``found``).
        memset(slots, 0xFF, capacity * sizeof(int32_t))
        for i in range(most):
            name = entries[i].name
            if name >= same.shape[0]:
                raise IndexError("a name beyond its groups")
            group = same[name]
            place = <Py_ssize_t>((group * <uint32_t>2654435761u) & mask)
            while slots[place] >= 0 and <uint32_t>slots[place] != group:
                place = (place + 1) & mask
            if slots[place] < 0:
                if counted == distinct:
                    break
                slots[place] = <int32_t>group
                counted += 1
            out.append(name)
        return out
    finally:
        free(slots)
        free(entries)
