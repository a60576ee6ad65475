"""OpenSanctions *source tables*: the reviewed CSV (and one JSON) files OpenSanctions keeps for
lists that their publishers only issue as PDFs or web pages (Section 1260H, the PRC's
counter-sanctions, FinCEN special measures, the FCC Covered List, Bulgaria, Pakistan...).

Each table has its own column layout. A layout is recognised by its exact header row (by
content, never by file name) and has its own row mapper in ``opensanctions_us``,
``opensanctions_fincen`` or ``opensanctions_world``. The data is CC BY-NC 4.0 (attribution
"OpenSanctions"); the publisher named for each dataset is the original authority.

The shared layout of the US special-legislation tables (``us__special_leg__*.csv``) carries no
word of which law a file lists, so its dataset name comes from the file name:
``us__special_leg__section_889.csv`` -> ``os_us_special_leg_section_889``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from countersight.errors import SourceError
from countersight.model import DatasetInfo
from countersight.sources.base import (
    Format,
    Reading,
    ReadOptions,
    Sample,
    Sniffed,
    SourceGroup,
    csv_rows,
    date_in_filename,
    open_text,
    slug,
)
from countersight.sources.opensanctions_common import (
    LICENCE,
    VIA,
    Context,
    Layout,
    Row,
    Rows,
)
from countersight.sources.opensanctions_fincen import fincen_measures
from countersight.sources.opensanctions_us import (
    bis_mieu,
    cuba_restricted,
    dod_1260h,
    fcc_covered,
    special_leg,
)
from countersight.sources.opensanctions_world import bg_mft, ch_fiaa, cn_sanctions, pk_proscribed
from countersight.sources.values import clean


def cols(header: str) -> tuple[str, ...]:
    """``"Name | Alias"`` -> ``("Name", "Alias")``: a header row written on one line."""
    return tuple(column.strip() for column in header.split("|"))


SPECIAL_LEG = Layout(
    name="os_us_special_leg",
    title="US special legislation list",
    columns=cols(
        "schema | name | aliases | topics | program | authority | reason | report-date | "
        "start-date | end-date | country | notes | source_url"
    ),
    dataset="",
    publisher="United States Congress" + VIA,
    url="https://www.congress.gov/",
    mapper=special_leg,
)

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="os_bg_mft_national",
        title="Bulgaria: national list under the Law on Measures Against the Financing of "
        "Terrorism",
        columns=cols(
            "Section | Number | Type | Name | Name BG | Alias | Alias BG | Previous name | "
            "Previous name BG | DOB | POB | Country | Passport | ID Number | Address | Notes | "
            "Gazette | Listed | Delisted"
        ),
        dataset="os_bg_mft_national",
        publisher="State Agency for National Security of Bulgaria (DANS)" + VIA,
        url="https://www.dans.bg/bg/28",
        mapper=bg_mft,
    ),
    Layout(
        name="os_ch_fiaa_freezes",
        title="Switzerland: asset freezes under the Foreign Illicit Assets Act (FIAA)",
        columns=cols(
            "Name | Alias | Previous name | Birth date | Birth place | Nationality | "
            "Passport numbers | Notes | Country | Program | Listed | Delisted | Source URL"
        ),
        dataset="os_ch_fiaa_freezes",
        publisher="Swiss Federal Council" + VIA,
        url="https://www.fedlex.admin.ch/",
        mapper=ch_fiaa,
    ),
    Layout(
        name="os_cn_sanctions",
        title="PRC counter-sanctions and export-control lists",
        columns=cols(
            "Type | QID | Name | Alias | Chinese name | Country | Topics | Summary | "
            "Chinese summary | Body | List | Date | End date | Source URL | Address"
        ),
        dataset="os_cn_sanctions",
        publisher="Ministry of Foreign Affairs and Ministry of Commerce of the PRC" + VIA,
        url="https://www.mfa.gov.cn/",
        mapper=cn_sanctions,
    ),
    Layout(
        name="os_us_bis_mieu",
        title="US BIS Military-Intelligence End User list",
        columns=cols(
            "Type | Name | Alias | Country | Topics | Program | Date | End date | Source URL"
        ),
        dataset="os_us_bis_mieu",
        publisher="US Bureau of Industry and Security" + VIA,
        url="https://www.bis.gov/",
        mapper=bis_mieu,
    ),
    Layout(
        name="os_us_cuba_restricted",
        title="US State Department Cuba Restricted List",
        columns=cols(
            "Id | Company | Acronym | Alias | Sector | Category | Parent | EffectiveDate | "
            "SourceURL"
        ),
        dataset="os_us_cuba_sanctions",
        publisher="US Department of State" + VIA,
        url="https://www.state.gov/cuba-sanctions/",
        mapper=cuba_restricted,
    ),
    Layout(
        name="os_us_dod_1260h",
        title="US DoD Chinese military companies (Section 1260H)",
        columns=cols(
            "Name | Clean Name | Alias | Previous Name | Parent Name | Note | Start date | "
            "End date | Source Url"
        ),
        dataset="os_us_dod_chinese_milcorps",
        publisher="US Department of Defense" + VIA,
        url="https://www.defense.gov/",
        mapper=dod_1260h,
    ),
    Layout(
        name="os_us_fcc_covered_list",
        title="US FCC Covered List",
        columns=("covered_equipment_or_services", "date_of_inclusion_on_covered_list"),
        dataset="os_us_fcc_covered_list",
        publisher="US Federal Communications Commission" + VIA,
        url="https://www.fcc.gov/supplychain/coveredlist",
        mapper=fcc_covered,
    ),
    Layout(
        name="os_us_fincen_special_measures",
        title="US FinCEN 311 and 9714 special measures",
        columns=cols(
            "Measure | Relationship | Type | Name | Alias | Country | Address | "
            "Registration number | Topics | Notes | Source URL"
        ),
        dataset="os_us_fincen_special_measures",
        publisher="US Financial Crimes Enforcement Network (FinCEN)" + VIA,
        url="https://www.fincen.gov/resources/statutes-and-regulations/311-and-9714-special-measures",
        mapper=fincen_measures,
    ),
    SPECIAL_LEG,
    Layout(
        name="os_pk_proscribed_persons",
        title="Pakistan: proscribed persons (Fourth Schedule, Anti-Terrorism Act 1997)",
        columns=("Name", "FatherName", "CNIC", "Province", "District"),
        dataset="os_pk_proscribed_persons",
        publisher="National Counter Terrorism Authority of Pakistan (NACTA)" + VIA,
        url="https://nacta.gov.pk/functions/counter-terrorism-wing/counter-terrorism/proscribed-persons/",
        mapper=pk_proscribed,
        kind="json",
    ),
)


# -- recognising ------------------------------------------------------------------------------


def _header(text: str) -> tuple[str, ...]:
    first = text.split("\n", 1)[0]
    try:
        row = next(csv.reader(io.StringIO(first)), [])
    except csv.Error:
        return ()
    return tuple(cell.strip() for cell in row)


def _first_object_keys(text: str) -> tuple[str, ...]:
    """The keys of the first object of a JSON array, read from the file's head."""
    body = text.lstrip()
    if not body.startswith("["):
        return ()
    try:
        first, _end = json.JSONDecoder().raw_decode(body[1:].lstrip())
    except ValueError:
        return ()
    return tuple(first) if isinstance(first, dict) else ()


def _sniffer(layout: Layout) -> Callable[[Sample], Sniffed | None]:
    def sniff(sample: Sample) -> Sniffed | None:
        text = sample.text
        found = _first_object_keys(text) if layout.kind == "json" else _header(text)
        return Sniffed(family=layout.name) if found == layout.columns else None

    return sniff


# -- reading ----------------------------------------------------------------------------------


def _csv(path: Path, layout: Layout) -> Rows:
    """Rows as dicts after checking the header; the check runs before the first row."""
    rows = csv_rows(path, columns=len(layout.columns))
    first = next(rows, None)
    if first is None:
        raise SourceError("the file holds no rows", path=str(path))
    number, header = first
    if tuple(cell.strip() for cell in header) != layout.columns:
        raise SourceError(
            f"expected the header {', '.join(layout.columns)}; found {', '.join(header)}",
            path=str(path),
            line=number,
            hint=f"this is not the {layout.name} layout; leave out --format to detect it",
        )
    return ((n, dict(zip(layout.columns, row, strict=True))) for n, row in rows)


def _json(path: Path, layout: Layout) -> Rows:
    """Items of a JSON array as rows of text; the whole file is parsed before the first."""
    try:
        data = json.load(open_text(path))
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    if not isinstance(data, list):
        raise SourceError("expected a JSON array of entries", path=str(path))
    rows: list[tuple[int, Row]] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not set(layout.columns) <= set(item):
            raise SourceError(
                f"expected an object with the keys {', '.join(layout.columns)}",
                path=str(path),
                element=f"item {number}",
            )
        row: Row = {}
        for key in layout.columns:
            value = item[key]
            if value is not None and not isinstance(value, str | int):
                raise SourceError(
                    f"{key}: expected text, found {type(value).__name__}",
                    path=str(path),
                    element=f"item {number}",
                )
            row[key] = "" if value is None else str(value)
        rows.append((number, row))
    return iter(rows)


def dataset_name(layout: Layout, path: Path) -> str:
    if layout.dataset:
        return layout.dataset
    stem = path.name.split(".")[0]
    match = re.match(r"^us__special_leg__(.+)$", stem)
    return "os_us_special_leg_" + slug(match.group(1) if match else stem).replace("-", "_")


def _reader(layout: Layout) -> Callable[[SourceGroup, ReadOptions], Reading]:
    def read(group: SourceGroup, options: ReadOptions) -> Reading:
        path = group.main
        rows = _json(path, layout) if layout.kind == "json" else _csv(path, layout)
        title, publisher, url = layout.title, layout.publisher, layout.url
        if layout is SPECIAL_LEG:
            # The shared layout says in its rows which law, authority and document it lists.
            first = next(rows, None)
            if first is not None:
                rows = _chain(first, rows)
                authority = clean(first[1]["authority"])
                title = clean(first[1]["program"]) or title
                publisher = authority + VIA if authority else publisher
                url = clean(first[1]["source_url"]) or url
        info = DatasetInfo(
            name=options.dataset or dataset_name(layout, path),
            title=title,
            publisher=publisher,
            url=url,
            issued=date_in_filename(path),
            licence=LICENCE,
        )
        reading = Reading(info=info, records=iter(()))
        context = Context(
            path=path,
            dataset=info.name,
            warnings=reading.warnings,
            unit="item" if layout.kind == "json" else "line",
        )
        reading.records = layout.mapper(context, rows)
        return reading

    return read


def _chain(first: tuple[int, Row], rest: Rows) -> Rows:
    yield first
    yield from rest


FORMATS: tuple[Format, ...] = tuple(
    Format(
        name=layout.name,
        title=f"{layout.title} (OpenSanctions source table)",
        sniff=_sniffer(layout),
        read=_reader(layout),
        extensions=(".json",) if layout.kind == "json" else (".csv",),
    )
    for layout in LAYOUTS
)
PRIORITY = 30
"""Exact header matches: tried before looser tabular formats."""
