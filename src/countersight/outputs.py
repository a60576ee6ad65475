"""Files the commands write: refused before any work when they could not be written or would
be written over a file they read, and written whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from countersight.errors import CountersightError


def writable(out: Path, *sources: Path | None) -> None:
    """Refuse, before any work, an output that could not be written, or that would be written
    over one of the files it is made from (which would be lost; ``None``, no file)."""
    if not out.parent.is_dir():
        raise CountersightError(f"{out}: no such folder: {out.parent}")
    if out.exists() and any(
        source is not None and source.exists() and out.samefile(source) for source in sources
    ):
        raise CountersightError(
            f"{out}: the output would be written over a file it is made from",
            hint="give --out another file name",
        )


@contextmanager
def replacing(out: Path) -> Iterator[TextIO]:
    """``out`` written whole or not at all: a ``.part`` file beside it, renamed over it once
    written, removed when the writing fails (bad input half-way, an interrupt)."""
    part = out.with_name(out.name + ".part")
    try:
        with part.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
