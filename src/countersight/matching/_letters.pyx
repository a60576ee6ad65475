# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""``letters.apart_in_python`` and ``letters.within_in_python`` in C (see ``letters``): ASCII
letters counted in a table of plain numbers, any others in a dictionary; the words kept taken
once each with a set."""

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


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)
    const void* PyUnicode_DATA(object text)


def within(str word, list words, Py_ssize_t most) -> list:
    cdef int counts[128]
    cdef Py_UCS4 ch
    cdef Py_ssize_t size = len(word), length, common, missing, i, k
    cdef const unsigned char* data
    cdef object candidate
    cdef str text
    cdef list out = []
    cdef set kept = set()
    if not PyUnicode_IS_ASCII(word):
        # Rare (words are folded to ASCII where they can be): the general count.
        for candidate in words:
            text = <str>candidate
            length = len(text)
            if size - most <= length <= size + most and text not in kept:
                if apart(word, text) <= most:
                    kept.add(text)
                    out.append(text)
        return out
    memset(counts, 0, sizeof(counts))
    for ch in word:
        counts[ch] += 1
    for candidate in words:
        text = <str>candidate
        length = len(text)
        if length < size - most or length > size + most:
            continue
        if not PyUnicode_IS_ASCII(text):
            if text not in kept and apart(word, text) <= most:  # rare: the general count
                kept.add(text)
                out.append(text)
            continue
        # Each letter of ``text`` takes one of ``word``'s while any are left (the count goes
        # below 0 when none is), then they are given back; more than ``most`` letters without
        # counterpart already settle it.
        data = <const unsigned char*>PyUnicode_DATA(text)
        common = missing = 0
        i = 0
        while i < length:
            counts[data[i]] -= 1
            if counts[data[i]] >= 0:
                common += 1
            else:
                missing += 1
            i += 1
            if missing > most:
                break
        for k in range(i):
            counts[data[k]] += 1
        if (
            missing <= most
            and (size if size > length else length) - common <= most
            and text not in kept
        ):
            kept.add(text)
            out.append(text)
    return out
