# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""``letters.apart_in_python`` and ``letters.within_in_python`` in C (see ``letters``): ASCII
letters counted in a table of plain numbers, any others in a dictionary."""

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


def within(str word, list words, Py_ssize_t most) -> list:
    cdef int counts[128]
    cdef Py_UCS4 ch
    cdef Py_ssize_t size = len(word), length, common
    cdef object candidate
    cdef str text
    cdef list out = []
    if not word.isascii():
        # Rare (words are folded to ASCII where they can be): the general count.
        for candidate in words:
            text = <str>candidate
            length = len(text)
            if size - most <= length <= size + most and apart(word, text) <= most:
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
        # Each letter of ``text`` takes one of ``word``'s while any are left; then they are
        # given back. A letter beyond ASCII has no counterpart in an ASCII ``word``.
        common = 0
        for ch in text:
            if ch < 128:
                counts[ch] -= 1
                if counts[ch] >= 0:
                    common += 1
        for ch in text:
            if ch < 128:
                counts[ch] += 1
        if (size if size > length else length) - common <= most:
            out.append(text)
    return out
