# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""``letters.apart_in_python`` in C (see ``letters``): ASCII letters counted in a table of plain
numbers, any others in a dictionary."""

from libc.string cimport memset


def apart(str a, str b) -> int:
    cdef int counts[128]
    cdef Py_UCS4 ch
    cdef Py_ssize_t common = 0
    cdef dict others = None
    memset(counts, 0, sizeof(counts))
    for ch in a:
        if ch < 128:
            counts[ch] += 1
        else:
            if others is None:
                others = {}
            others[ch] = others.get(ch, 0) + 1
    for ch in b:
        if ch < 128:
            if counts[ch] > 0:
                counts[ch] -= 1
                common += 1
        elif others is not None:
            left = others.get(ch, 0)
            if left > 0:
                others[ch] = left - 1
                common += 1
    return max(len(a), len(b)) - common
