"""What every list reader shares: the format interface and the small parsing tools readers use.

A *format* knows how to recognise its files from their content (``sniff``) and how to turn a
group of files (a primary file and any sidecar files, such as OFAC's alias and address files)
into a dataset description and a stream of entities and relationships (``read``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from countersight.errors import SourceError
from countersight.model import DatasetInfo, Record

Role = Literal["main", "alt", "add", "comments"]
"""``main``: a file that stands alone or carries the primary records; the others are sidecars
that add aliases, addresses or remarks to the main file of the same family."""

SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Sample:
    """The first bytes of a file, for recognising its format."""

    path: Path
    head: bytes

    @property
    def text(self) -> str:
        """The head decoded leniently (a cut multi-byte character at the end is dropped)."""
        return self.head.decode("utf-8", errors="ignore").lstrip("\ufeff")

    @classmethod
    def of(cls, path: Path) -> Sample:
        with path.open("rb") as fh:
            return cls(path=path, head=fh.read(SAMPLE_BYTES))


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A format's claim on a file: which family it belongs to and its role there."""

    family: str
    role: Role = "main"


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """The files one ``read`` consumes: one main file and the sidecars joined to it."""

    main: Path
    sidecars: tuple[tuple[Role, Path], ...] = ()

    def sidecar(self, role: Role) -> Path | None:
        for r, path in self.sidecars:
            if r == role:
                return path
        return None

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.main, *(p for _, p in self.sidecars))


@dataclass(slots=True)
class Reading:
    """What a reader returns: the dataset description and a lazy stream of records.

    ``warnings`` may grow while ``records`` is consumed (skipped rows, unknown countries)."""

    info: DatasetInfo
    records: Iterator[Record]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    dataset: str | None = None
    """Store the records under this dataset name instead of the format's default."""
    mapping: dict[str, str] | None = None
    """For the generic tabular reader: model field -> column name."""
    schema: str | None = None
    """For the generic tabular reader: schema of rows that do not say (default ``LegalEntity``)."""
    sheet: str | None = None
    """For spreadsheets (XLSX, ODS): the sheet to read (default: the first)."""

    def fingerprint(self) -> str:
        """What in these options changes how files are read (the dataset name does not: it
        only says where the result goes). Empty when nothing does."""
        parts = []
        if self.mapping:
            parts.append("map:" + ",".join(f"{k}={v}" for k, v in sorted(self.mapping.items())))
        if self.schema:
            parts.append(f"schema:{self.schema}")
        if self.sheet:
            parts.append(f"sheet:{self.sheet}")
        return ";".join(parts)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    title: str
    sniff: Callable[[Sample], Sniffed | None]
    read: Callable[[SourceGroup, ReadOptions], Reading]
    extensions: tuple[str, ...] = ()
    """File name endings that format files usually have (help text only; content decides)."""


# -- tools for readers -------------------------------------------------------------------------


def content_hash(paths: Sequence[Path], options: str = "") -> str:
    """SHA-256 over the files' bytes, in the order given (main file first), and over the reading
    options that change what is read from them (a new column mapping is a new version)."""
    digest = hashlib.sha256(options.encode("utf-8"))
    for path in paths:
        file_digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                file_digest.update(chunk)
        digest.update(file_digest.digest())
    return digest.hexdigest()


_SLUG = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """``QDi.001`` -> ``qdi-001``: a lower-case, dash-separated form for ids."""
    return _SLUG.sub("-", text.lower()).strip("-")


def make_id(dataset: str, source_ref: str) -> str:
    """Entity ids are ``{dataset}-{slug(source_ref)}``: stable across versions of a list."""
    ref = slug(source_ref)
    if not ref:
        raise ValueError(f"cannot make an id from source_ref {source_ref!r}")
    return f"{slug(dataset)}-{ref}"


def dataset_name(options: ReadOptions, default: str) -> str:
    return options.dataset or default


_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")


def date_in_filename(path: Path) -> str | None:
    """``sdn_2024-05-03.csv`` -> ``2024-05-03``; ``alt_2025-12.csv`` -> ``2025-12``."""
    match = _FILE_DATE.search(path.name)
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{month}" + (f"-{day}" if day else "")


def decode_utf8(path: Path, data: bytes) -> str:
    """Decode a whole file as UTF-8, or fail naming the line and the byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        byte, offset, line = not_utf8(data)
        raise SourceError(
            f"byte 0x{byte:02x} at offset {offset} is not valid UTF-8",
            path=str(path),
            line=line,
            hint="re-save the file as UTF-8, or check that it is the list you meant",
        ) from None


def not_utf8(data: bytes) -> tuple[int, int, int]:
    """Where ``data``, which does not decode as UTF-8, first fails: the byte, its offset and its
    line (offsets from the start of ``data``, a byte-order mark included)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[exc.start], exc.start, data.count(b"\n", 0, exc.start) + 1
    raise ValueError("the data is UTF-8 throughout")


def open_text(path: Path, encoding: str = "utf-8-sig") -> IO[str]:
    """Open a text file whose undecodable bytes become a SourceError naming the line.

    Reads the whole file into memory: list files are at most tens of megabytes."""
    data = path.read_bytes()
    if encoding.replace("-", "").lower().startswith("utf8"):
        text = decode_utf8(path, data)
    else:
        text = data.decode(encoding)
    return io.StringIO(text, newline="")


def csv_rows(
    path: Path,
    *,
    delimiter: str = ",",
    columns: int | None = None,
    encoding: str = "utf-8-sig",
) -> Iterator[tuple[int, list[str]]]:
    """Rows of a CSV file with their 1-based line number; a row whose column count is not
    ``columns`` (when given) is an error naming the line."""
    fh = open_text(path, encoding)
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if columns is not None and len(row) != columns:
                raise SourceError(
                    f"expected {columns} columns, found {len(row)}",
                    path=str(path),
                    line=reader.line_num,
                    hint="the file may be cut short or of another layout; try --format",
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise SourceError(f"malformed CSV: {exc}", path=str(path), line=reader.line_num) from None


def csv_header(
    path: Path, rows: Iterator[tuple[int, list[str]]], required: Sequence[str], *, hint: str
) -> list[str]:
    """The first of ``rows`` as the header, its cells stripped; an error naming the line when it
    lacks one of the ``required`` columns (``hint`` says which header was expected)."""
    first = next(rows, None)
    if first is None:
        raise SourceError("the file holds no rows", path=str(path))
    header = [cell.strip() for cell in first[1]]
    missing = [column for column in required if column not in header]
    if missing:
        raise SourceError(
            f"the header lacks the column(s) {', '.join(missing)}",
            path=str(path),
            line=first[0],
            hint=hint,
        )
    return header


def require_nonempty(path: Path) -> None:
    if path.stat().st_size == 0:
        raise SourceError("the file is empty", path=str(path), hint="check the download")
