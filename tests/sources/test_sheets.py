"""Reading ODS and XLSX spreadsheets row by row (the helper of the FCDO and tabular readers)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from countersight.errors import SourceError
from countersight.sources import sheets
from countersight.sources.base import Sample
from tests.sources.odsfile import MIMETYPE, write_ods

NS = (
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _raw_ods(path: Path, table: str, *, first: tuple[str, bytes] | None = None) -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:body><office:spreadsheet>{table}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if first is not None:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        archive.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return path


def test_cells_as_text(tmp_path: Path) -> None:
    table = (
        '<table:table table:name="A &amp; B"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>two<text:s text:c="3"/>'
        "spaces<text:tab/>tab <text:span>span</text:span></text:p></table:table-cell>"
        '<table:table-cell office:value-type="float" office:value="0.5"><text:p>50%</text:p>'
        "</table:table-cell>"
        '<table:table-cell office:value-type="boolean" office:boolean-value="true">'
        "<text:p>TRUE</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="2">'
        "<text:p>x</text:p></table:table-cell>"
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
        '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type='
        '"string"><text:p>again</text:p></table:table-cell></table:table-row>'
        "</table:table>"
    )
    path = _raw_ods(tmp_path / "cells.ods", table)
    assert list(sheets.rows(path)) == [
        (1, ["two   spaces\ttab span", "50%", "true", "", "", "x", "x"]),
        (5, ["again"]),  # empty rows count in the numbering
        (6, ["again"]),
    ]
    assert list(sheets.rows(path, "A & B")) == list(sheets.rows(path))


def test_ods_sheets_by_name(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "two.ods", {"First": [["a"]], "Second": [["b"], ["c"]]})
    assert list(sheets.rows(path)) == [(1, ["a"])]
    assert list(sheets.rows(path, "Second")) == [(1, ["b"]), (2, ["c"])]
    with pytest.raises(SourceError, match="no sheet named 'Third'; the sheets are: 'First'"):
        list(sheets.rows(path, "Third"))


def test_recognising_from_the_head(tmp_path: Path) -> None:
    ods = write_ods(tmp_path / "a.ods", {"S": [["Name", "Country"], ["ACME", "DE"]]})
    assert sheets.sheet_kind(Sample.of(ods)) == "ods"
    assert sheets.head_rows(Sample.of(ods)) == [["Name", "Country"], ["ACME", "DE"]]
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.append(["Name", 1.0])
    workbook.save(tmp_path / "a.xlsx")
    xlsx = Sample.of(tmp_path / "a.xlsx")
    assert sheets.sheet_kind(xlsx) == "xlsx"
    assert sheets.head_rows(xlsx) == [["Name", "1"]]
    docx = tmp_path / "a.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert sheets.sheet_kind(Sample.of(docx)) is None
    text = tmp_path / "a.csv"
    text.write_text("Name\n", encoding="utf-8")
    assert sheets.sheet_kind(Sample.of(text)) is None


def test_content_beyond_the_head_is_read_from_the_archive(tmp_path: Path) -> None:
    table = (
        '<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">'
        "<text:p>Name</text:p></table:table-cell></table:table-row></table:table>"
    )
    big = ("Thumbnails/thumbnail.png", os.urandom(100_000))  # pushes content.xml out of the head
    path = _raw_ods(tmp_path / "big.ods", table, first=big)
    sample = Sample.of(path)
    assert "content.xml" not in [m.name for m in sheets.zip_members(sample.head)]
    assert sheets.sheet_kind(sample) == "ods"
    assert sheets.head_rows(sample) == [["Name"]]


def test_broken_files_are_source_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    malformed = _raw_ods(tmp_path / "bad.ods", "<table:table><table:table-row>")
    with pytest.raises(SourceError, match="malformed XML"):
        list(sheets.rows(malformed))
    plain = tmp_path / "plain.txt"
    plain.write_text("Name\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not an ODS or XLSX spreadsheet"):
        list(sheets.rows(plain))
    monkeypatch.setattr(sheets, "MAX_UNCOMPRESSED", 100)
    ods = write_ods(tmp_path / "a.ods", {"S": [["Name"]]})
    with pytest.raises(SourceError, match="inflates to"):
        list(sheets.rows(ods))
