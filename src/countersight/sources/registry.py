"""Finds the list formats: every module of this package that defines ``FORMATS``.

Formats are tried in the order of their module's ``PRIORITY`` (lower first, default 50), so the
generic tabular reader, which accepts any spreadsheet with a name column, comes last."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import countersight.sources as package
from countersight.errors import CountersightError
from countersight.sources.base import Format


@cache
def formats() -> tuple[Format, ...]:
    found: list[tuple[int, str, Format]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for fmt in getattr(module, "FORMATS", ()):
            found.append((getattr(module, "PRIORITY", 50), fmt.name, fmt))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(fmt for _, _, fmt in found)


def get_format(name: str) -> Format:
    for fmt in formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in formats())
    raise CountersightError(f"unknown format {name!r}", hint=f"known formats: {known}")
