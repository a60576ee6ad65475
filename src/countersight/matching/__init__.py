"""Matching: names prepared, compared and scored; the index; screening.

The modules of ``CORE`` are compiled with mypyc by ``make install`` (``tools/compile.py``):
C extensions built in place beside their sources, which Python imports instead of the ``.py``.
The ``.py`` files stay the source of truth. ``NATIVE`` are written for Cython (``.pyx``), each
with a Python module that gives the same answers where it is not compiled (``tally``,
``letters``). The build records a digest of the sources it compiled (``COMPILED_FROM``); when
the sources no longer match it (a module edited since, a build interrupted), the extensions
are left aside and the ``.py`` files run, with a warning, so that an edit always takes effect.
``COUNTERSIGHT_PURE=1`` runs the ``.py`` files always. ``compiled`` says which was chosen
(the index cache is keyed by it too)."""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

from countersight.settings import PREFIX, switch

CORE = (
    "scripts",
    "abjad",
    "meanings",
    "normalize",
    "phonetic",
    "names",
    "parts",
    "calibration",
    "score",
    "tally",
    "index",
    "screen",
)
"""The modules compiled, in one mypyc group (they call one another directly)."""
NATIVE = ("_tally", "_letters")
"""Extensions compiled with Cython from their ``.pyx``: used only with the compiled core."""
COMPILED_FROM = "compiled-from.txt"
"""Written by the build beside the extensions: the compiler, then the digest of the sources."""

_HERE = Path(__file__).parent


def source_digest() -> str:
    """The digest of the sources of ``CORE`` and ``NATIVE`` as they are now."""
    digest = hashlib.sha256()
    for source in (*(f"{name}.py" for name in CORE), *(f"{name}.pyx" for name in NATIVE)):
        digest.update(source.encode() + b"\0" + (_HERE / source).read_bytes() + b"\0")
    return digest.hexdigest()


def _extensions() -> list[Path]:
    return [
        _HERE / f"{name}{suffix}"
        for name in (*CORE, *NATIVE)
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
        if (_HERE / f"{name}{suffix}").exists()
    ]


class _Sources:
    """Imports the modules of ``CORE`` from their ``.py`` files, extensions or not."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, module = name.rpartition(".")
        if package != __name__ or module not in CORE:
            return None
        return importlib.util.spec_from_file_location(name, _HERE / f"{module}.py")


def _choose() -> str:
    """The compiler of the extensions in use ("mypyc 1.x"), or "" for the ``.py`` files."""
    found = _extensions()
    if not found:
        return ""
    pure = switch(os.environ.get(PREFIX + "PURE")) is True
    if not pure:
        record = _HERE / COMPILED_FROM
        compiler, _, digest = (record.read_text() if record.exists() else "").partition("\n")
        if len(found) == len(CORE) + len(NATIVE) and digest.strip() == source_digest():
            return compiler
    sys.meta_path.insert(0, _Sources())
    if not pure:
        warnings.warn(
            "countersight.matching: the compiled modules are out of date with their sources; "
            "running the .py files (slower). `make install` compiles them again.",
            RuntimeWarning,
            stacklevel=2,
        )
    return ""


compiled = _choose()
