"""Spreadsheets (ODS and XLSX): recognising them from their first bytes, and reading them row by
row with every cell as text.

Not a format: the helper the FCDO reader and the generic tabular reader share.

ODS is read by streaming ``content.xml`` through :mod:`countersight.sources.xml`, not with
python-calamine: calamine 0.9 fails on a pretty-printed ``content.xml`` (whitespace between the
cells, as in the FCDO's own list: "Expecting 'table-cell', found Text"). XLSX is read with
calamine. Cells come out as text: numbers as displayed (``12703``, not ``12703.0``), dates as
ISO dates, empty cells as ``""``; trailing empty cells are dropped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.etree.ElementTree import Element

from python_calamine import CalamineError, CalamineWorkbook

from countersight.errors import SourceError
from countersight.sources.base import Sample
from countersight.sources.xml import iter_elements, local

SheetKind = Literal["ods", "xlsx"]
Row = tuple[int, list[str]]
"""A row number (1-based, as the spreadsheet shows it) and the row's cells as text."""

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_UNCOMPRESSED = 512 * 1024 * 1024
"""Refuse spreadsheets whose content inflates beyond this (lists are tens of megabytes)."""
MAX_COLUMNS = 16_384
_CONTENT_HEAD = 512 * 1024

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


# -- recognising a spreadsheet from its first bytes ------------------------------------------


@dataclass(frozen=True, slots=True)
class ZipMember:
    """A member of a zip archive as far as it lies in the first bytes of the file."""

    name: str
    method: int
    data: bytes
    """The member's compressed bytes that the head holds (all of them, or the start)."""


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def zip_members(head: bytes) -> list[ZipMember]:
    """The members whose local headers lie in ``head``, in archive order."""
    members: list[ZipMember] = []
    pos = 0
    while pos + _LOCAL_HEADER.size <= len(head) and head.startswith(b"PK\x03\x04", pos):
        fields = _LOCAL_HEADER.unpack_from(head, pos)
        flags, method, csize, name_len, extra_len = (
            fields[2],
            fields[3],
            fields[7],
            fields[9],
            fields[10],
        )
        start = pos + _LOCAL_HEADER.size + name_len + extra_len
        name = head[pos + _LOCAL_HEADER.size : pos + _LOCAL_HEADER.size + name_len]
        unknown_size = (flags & 0x08 and csize == 0) or csize == 0xFFFFFFFF
        end = len(head) if unknown_size else start + csize
        members.append(ZipMember(name.decode("utf-8", "replace"), method, head[start:end]))
        if unknown_size:
            break
        pos = end
        if flags & 0x08:  # a data descriptor follows the data, with or without its signature
            pos += 16 if head.startswith(b"PK\x07\x08", pos) else 12
    return members


def inflate(member: ZipMember, limit: int = _CONTENT_HEAD) -> bytes:
    """The start of a member's content (as much as its bytes in the head give, up to ``limit``)."""
    if member.method == 0:
        return member.data[:limit]
    if member.method != 8:
        return b""
    try:
        return zlib.decompressobj(-15).decompress(member.data, limit)
    except zlib.error:
        return b""


def sheet_kind(sample: Sample) -> SheetKind | None:
    """``ods`` or ``xlsx`` when the file's first bytes are those of one; opens the file only
    when the head is a zip archive whose first members do not settle it."""
    if not sample.head.startswith(b"PK\x03\x04"):
        return None
    members = zip_members(sample.head)
    for member in members:
        if member.name == "mimetype":
            return "ods" if inflate(member, 256).strip() == ODS_MIMETYPE else None
        if member.name.startswith("xl/"):
            return "xlsx"
    try:
        with zipfile.ZipFile(sample.path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return "ods" if archive.read("mimetype").strip() == ODS_MIMETYPE else None
            if "xl/workbook.xml" in names:
                return "xlsx"
    except (OSError, zipfile.BadZipFile):
        return None
    return None


def head_rows(sample: Sample, limit: int = 10) -> list[list[str]]:
    """The first non-empty rows of the first sheet, for recognising a layout; ``[]`` when they
    cannot be read cheaply. Call only when :func:`sheet_kind` said ``ods`` or ``xlsx``."""
    kind = sheet_kind(sample)
    if kind == "ods":
        return _ods_head_rows(_ods_content_head(sample), limit)
    if kind == "xlsx":
        try:
            return [cells for _n, cells in _first(rows(sample.path), limit)]
        except SourceError:
            return []
    return []


def _first(source: Iterator[Row], limit: int) -> list[Row]:
    found: list[Row] = []
    for number, cells in source:
        if any(cells):
            found.append((number, cells))
            if len(found) >= limit:
                break
    return found


def _ods_content_head(sample: Sample) -> str:
    for member in zip_members(sample.head):
        if member.name == "content.xml":
            data = inflate(member)
            if b"</table:table-row>" in data:
                return data.decode("utf-8", "ignore")
    try:
        with zipfile.ZipFile(sample.path) as archive, archive.open("content.xml") as fh:
            return fh.read(_CONTENT_HEAD).decode("utf-8", "ignore")
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error):
        return ""


_ROW = re.compile(r"<table:table-row\b[^>]*?(?:/>|>(.*?)</table:table-row>)", re.S)
_CELL = re.compile(
    r"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S
)
_PARA = re.compile(r"<text:[ph]\b[^>]*?(?:/>|>(.*?)</text:[ph]>)", re.S)
_REPEAT = re.compile(r'table:number-columns-repeated="(\d+)"')
_TAG = re.compile(r"<[^>]+>")


def _ods_head_rows(content: str, limit: int) -> list[list[str]]:
    """Rows of the first table from the start of ``content.xml``, found by pattern: enough to
    read a header row, never used for data (the data goes through the XML parser)."""
    first_table = content.split("</table:table>", 1)[0]
    found: list[list[str]] = []
    for row in _ROW.finditer(first_table):
        cells: list[str] = []
        for cell in _CELL.finditer(row.group(1) or ""):
            paras = [_TAG.sub("", p.group(1) or "") for p in _PARA.finditer(cell.group(2) or "")]
            value = html.unescape("\n".join(paras)).strip()
            repeat = _REPEAT.search(cell.group(1))
            count = min(int(repeat.group(1)), 64) if repeat and value else 1
            cells.extend([value] * count)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            found.append(cells)
            if len(found) >= limit:
                break
    return found


# -- reading rows ----------------------------------------------------------------------------


def rows(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """Every row of a sheet (the first unless ``sheet`` names one), empty rows included."""
    kind = sheet_kind(Sample.of(path))
    if kind == "ods":
        return _ods_rows(path, sheet)
    if kind == "xlsx":
        return _xlsx_rows(path, sheet)
    raise SourceError(
        "not an ODS or XLSX spreadsheet",
        path=str(path),
        hint="save the file as .xlsx, .ods or .csv",
    )


def _check_size(path: Path, archive: zipfile.ZipFile) -> None:
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNCOMPRESSED:
        raise SourceError(
            f"the spreadsheet inflates to {total:,} bytes, more than a list can hold",
            path=str(path),
            hint="split the file, or save it as CSV",
        )


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    try:
        with zipfile.ZipFile(path) as archive:
            _check_size(path, archive)
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            raise _no_sheet(path, sheet, names)
        data = (
            workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        ).to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, OSError) as exc:
        raise SourceError(
            f"cannot read the spreadsheet: {exc}",
            path=str(path),
            hint="open it in a spreadsheet program and save it again as .xlsx",
        ) from None
    for number, values in enumerate(data, start=1):
        cells = [_xlsx_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        yield number, cells


def _xlsx_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _no_sheet(path: Path, sheet: str, names: list[str]) -> SourceError:
    return SourceError(
        f"no sheet named {sheet!r}; the sheets are: {', '.join(repr(n) for n in names)}",
        path=str(path),
    )


def _ods_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    # The XML reader takes a path, so content.xml is unpacked to a temporary folder first.
    with tempfile.TemporaryDirectory(prefix="countersight-ods-") as tmp:
        content = Path(tmp) / "content.xml"
        _unpack_content(path, content)
        wanted = 0
        if sheet is not None:
            names = _ods_sheet_names(content)
            if sheet not in names:
                raise _no_sheet(path, sheet, names)
            wanted = names.index(sheet)
        table = 0
        number = 0
        for elem in iter_elements(content, {"table-row", "table"}):
            if local(elem.tag) == "table":
                table += 1
                number = 0
                if table > wanted:
                    return
                continue
            repeat = int(elem.get(f"{_TABLE}number-rows-repeated", "1") or 1)
            if table != wanted:
                continue
            cells = _ods_cells(elem)
            if not cells:
                number += repeat
                continue
            for _ in range(repeat):
                number += 1
                yield number, list(cells)


def _unpack_content(path: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            _check_size(path, archive)
            with archive.open("content.xml") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except KeyError:
        raise SourceError(
            "the spreadsheet has no content.xml", path=str(path), hint="save it again as .ods"
        ) from None
    except (zipfile.BadZipFile, zlib.error, OSError) as exc:
        raise SourceError(f"not a readable ODS file: {exc}", path=str(path)) from None


_TABLE_NAME = re.compile(rb"<table:table\s[^>]*?table:name=\"([^\"]*)\"")


def _ods_sheet_names(content: Path) -> list[str]:
    """The sheet names in document order, found by pattern in 1 MiB chunks that overlap."""
    names: list[str] = []
    data = b""
    with content.open("rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            data += chunk
            safe = len(data) if not chunk else max(len(data) - 4096, 0)
            for match in _TABLE_NAME.finditer(data):
                if match.start() < safe:
                    names.append(html.unescape(match.group(1).decode("utf-8", "replace")))
            data = data[safe:]
            if not chunk:
                return names


def _ods_cells(row: Element) -> list[str]:
    cells: list[str] = []
    pending = 0  # empty cells not yet added: trailing empties are never materialised
    for cell in row:
        if local(cell.tag) not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1)
        value = _ods_value(cell)
        if not value:
            pending += repeat
            continue
        room = MAX_COLUMNS - len(cells)
        cells.extend([""] * min(pending, room))
        pending = 0
        cells.extend([value] * min(repeat, MAX_COLUMNS - len(cells)))
    return cells


def _ods_value(cell: Element) -> str:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind == "date":
        value = cell.get(f"{_OFFICE}date-value", "")
        return value.removesuffix("T00:00:00")
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value", "")
    shown = "\n".join(_inline(p) for p in cell if local(p.tag) in ("p", "h")).strip()
    if shown:
        return shown
    for attr in ("value", "string-value", "time-value"):
        raw = cell.get(f"{_OFFICE}{attr}")
        if raw:
            return raw
    return ""


def _inline(elem: Element) -> str:
    parts = [elem.text or ""]
    for child in elem:
        name = local(child.tag)
        if name == "s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name not in ("annotation", "note"):
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
