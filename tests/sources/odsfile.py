"""Writing small ODS spreadsheets for tests, without a library: an ODS file is a zip archive of
XML. Written the way the FCDO writes its list by default (pretty-printed ``content.xml`` with a
byte-order mark, ``mimetype`` not the first member, 16,000 repeated empty cells closing each row),
which is what python-calamine cannot read."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
Cell = str | float | tuple[str, str]
"""Text, a number, or ``("date", "2012-06-29")`` for a cell typed as a date."""

_HEAD = (
    '\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<office:document-content xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">\n'
    "  <office:body>\n    <office:spreadsheet>\n"
)
_TAIL = "    </office:spreadsheet>\n  </office:body>\n</office:document-content>\n"


def _cell(value: Cell) -> str:
    if isinstance(value, tuple):
        kind, iso = value
        return (
            f'<table:table-cell office:value-type="{kind}" office:date-value="{iso}">'
            f"<text:p>{escape(iso)}</text:p></table:table-cell>"
        )
    if isinstance(value, float):
        shown = f"{value:g}"
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if value == "":
        return "<table:table-cell />"
    paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in value.split("\n"))
    return (
        '<table:table-cell office:value-type="string">\n'
        f"            {paragraphs}\n          </table:table-cell>"
    )


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    body = []
    for name, rows in sheets.items():
        body.append(f"      <table:table table:name={quoteattr(name)}>\n")
        for row in rows:
            cells = "\n          ".join(_cell(v) for v in row)
            body.append(
                "        <table:table-row>\n          "
                f"{cells}\n"
                '          <table:table-cell table:number-columns-repeated="16000" />\n'
                "        </table:table-row>\n"
            )
        body.append(
            '        <table:table-row table:number-rows-repeated="1048000">'
            "<table:table-cell /></table:table-row>\n"
        )
        body.append("      </table:table>\n")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        archive.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", _HEAD + "".join(body) + _TAIL)
    return path
