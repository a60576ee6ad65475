"""The generic reader for the spreadsheets of parties users bring (CSV, XLSX, ODS)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, Entity
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff as detect
from countersight.sources.tabular import read, sniff
from countersight.store import Store
from tests.conftest import CLI
from tests.sources.odsfile import write_ods

QUERIES = (
    "query_id,schema,name,birth_date,nationality\n"
    "q-001,Person,ABDULHAI SALEK,1965,af\n"
    'q-002,Person,"SALEK, ABDULHAI",1960-06-29,Egypt\n'
    "q-003,Company,Example Vision Technology Co. Ltd,,CN\n"
    "q-004,Person,Somebody Else,12/31/1970,Atlantis\n"
)


def _read(path: Path, **options: object) -> tuple[list[Entity], list[str], str]:
    reading = read(SourceGroup(main=path), ReadOptions(**options))  # type: ignore[arg-type]
    entities = [r for r in reading.records if isinstance(r, Entity)]
    return entities, reading.warnings, reading.info.name


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bench_style_query_file(tmp_path: Path) -> None:
    entities, warnings, name = _read(_write(tmp_path / "parties.csv", QUERIES))
    assert name == "parties"
    assert [e.source_ref for e in entities] == ["q-001", "q-002", "q-003", "q-004"]
    first = entities[0]
    assert first.id == "parties-q-001"
    assert first.schema == "Person"
    assert first.topics == ()  # a party to screen, not a listing
    assert [(d.kind, d.value) for d in first.dates] == [("birth", "1965")]  # a year stays a year
    assert [(c.role, c.code, c.label) for c in first.countries] == [("nationality", "af", None)]
    second = entities[1]
    assert second.caption == "SALEK, ABDULHAI"
    assert second.dates[0].value == "1960-06-29"
    assert second.countries[0].code == "eg"
    assert entities[2].schema == "Company"
    unknown = entities[3]
    # names no known country: kept as the label of a country without a code
    assert unknown.countries == (CountryRef("nationality", None, label="Atlantis"),)
    assert unknown.dates == ()  # 12/31/1970 is not a day-first date: kept as a note
    assert "birth date as given: 12/31/1970" in unknown.notes
    assert warnings == ["line 5: unreadable birth date '12/31/1970', kept as a note"]


def test_bench_columns_that_must_not_be_read_stay_unread(tmp_path: Path) -> None:
    text = (
        "query_id,schema,name,birth_date,nationality,expected_ref,kind\nq1,Person,A B,,,X.1,pos\n"
    )
    entities, warnings, _ = _read(_write(tmp_path / "q.csv", text))
    assert warnings == ["column(s) not read: expected_ref, kind"]
    assert "X.1" not in repr(entities[0]) and "pos" not in repr(entities[0].notes)


def test_import_through_the_cli(cli: CLI, db_path: Path, store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "parties.csv", QUERIES)
    code, out, err = cli("import", "--db", db_path, path)
    assert code == 0, err
    assert "parties: imported 4 entities" in out and "as tabular" in out
    (found,) = store.by_source_ref("q-002", "parties")
    assert found.caption == "SALEK, ABDULHAI"
    (unknown,) = store.by_source_ref("q-004", "parties")  # the store reads every row back
    assert unknown.countries[0].label == "Atlantis"
    assert len(list(store.iter_entities(["parties"]))) == 4


def test_semicolons_german_headers_and_excel_sep_line(tmp_path: Path) -> None:
    text = (
        "sep=;\n"
        "Firma;Land;USt-IdNr;Anschrift;Bemerkung\n"
        "Beispiel GmbH, Berlin;Deutschland;DE123456789;Hauptstr. 1, Berlin;Lieferant seit 2020\n"
        ";Frankreich;;;leer\n"
        ";;;;\n"
        "Exemple SARL;France;;;\n"
    )
    path = _write(tmp_path / "Lieferanten 2025.csv", text)
    assert sniff(Sample.of(path)) is not None
    entities, warnings, name = _read(path)
    assert name == "lieferanten_2025"
    assert [e.caption for e in entities] == ["Beispiel GmbH, Berlin", "Exemple SARL"]
    company = entities[0]
    assert company.schema == "LegalEntity"
    assert company.source_ref == "line 3"
    assert [(c.role, c.code) for c in company.countries] == [("country", "de")]
    assert [(i.scheme, i.value) for i in company.identifiers] == [("vat", "DE123456789")]
    assert company.addresses[0].full == "Hauptstr. 1, Berlin"
    assert company.notes == ("Lieferant seit 2020",)
    assert warnings == [
        "no id column; rows identified by their line number",
        "line 4: no name; row skipped",
    ]


def test_tabs_and_french_headers(tmp_path: Path) -> None:
    text = "Raison sociale\tPays\tSIREN\nExemple SA\tFrance\t123456789\n"
    entities, _warnings, _ = _read(_write(tmp_path / "fournisseurs.tsv", text))
    assert entities[0].caption == "Exemple SA"
    assert entities[0].countries[0].code == "fr"


def test_mapping_overrides_detection(tmp_path: Path) -> None:
    text = (
        "Code,Supplier Name,Trading as,Kind,Seat,Company Reg\n"
        "S-1,Example Ltd,Example Trading; EXL,individual,United Kingdom,01234567\n"
        "S-2,Other Org,,NGO,France,\n"
    )
    path = _write(tmp_path / "suppliers.csv", text)
    mapping = {
        "id": "code",  # header matched without regard to case
        "name": "Supplier Name",
        "alias": "Trading as",
        "schema": "Kind",
        "country": "Seat",
        "registration": "Company Reg",
    }
    entities, warnings, _ = _read(path, mapping=mapping, schema="Organization")
    first, second = entities
    assert first.source_ref == "S-1"
    assert [(n.value, n.kind) for n in first.names] == [
        ("Example Ltd", "primary"),
        ("Example Trading", "alias"),
        ("EXL", "alias"),
    ]
    assert first.schema == "Person"  # the row says so
    assert second.schema == "Organization"  # the row's value is not a schema: the default
    assert first.countries[0].code == "gb"
    assert first.identifiers[0].value == "01234567"
    assert warnings == ["1 row(s) with schema 'NGO', not a schema: read as Organization"]


def test_xlsx_with_a_title_row(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Bidders"
    sheet.append(["Bidders for tender 2025/17"])
    sheet.append([])
    sheet.append(["Bidder ID", "Bidder", "Type", "Date of birth", "Country"])
    sheet.append([101, "Example Vision Ltd", "Company", None, "China"])
    sheet.append([102, "Jane Example", "Person", dt.datetime(1971, 5, 2), "gb"])
    sheet.append([103, None, None, None, None, "stray value"])
    other = workbook.create_sheet("Partners")
    other.append(["Partner", "LEI"])
    other.append(["Partner AG", "529900T8BM49AURSDO55"])
    path = tmp_path / "Tender 17.xlsx"
    workbook.save(path)
    assert sniff(Sample.of(path)) is not None
    entities, warnings, name = _read(path)
    assert name == "tender_17"
    assert [(e.source_ref, e.caption, e.schema) for e in entities] == [
        ("101", "Example Vision Ltd", "Company"),  # a number cell, as displayed
        ("102", "Jane Example", "Person"),
    ]
    assert entities[1].dates[0].value == "1971-05-02"  # a date cell
    assert entities[0].countries[0].code == "cn"
    assert warnings == [
        "row 6: values right of the last header column not read",
        "line 6: no name; row skipped",
    ]
    partners, _, _ = _read(path, sheet="Partners")
    assert [(i.scheme, i.value) for i in partners[0].identifiers] == [
        ("lei", "529900T8BM49AURSDO55")
    ]
    with pytest.raises(SourceError, match="no sheet named 'Nope'; the sheets are: 'Bidders'"):
        _read(path, sheet="Nope")


def test_ods(tmp_path: Path, cli: CLI, db_path: Path, store: Store) -> None:
    path = write_ods(
        tmp_path / "partners.ods",
        {
            "Partners": [
                ["Partner ID", "Organisation", "Country"],
                ["P1", "Example Partner\nHolding", "Japan"],
                ["P2", "Ωmega Ltd", ""],
            ]
        },
    )
    assert sniff(Sample.of(path)) is not None
    entities, _, _ = _read(path)
    assert [(e.source_ref, e.caption) for e in entities] == [
        ("P1", "Example Partner Holding"),  # two paragraphs in the cell
        ("P2", "Ωmega Ltd"),
    ]
    code, out, err = cli("import", "--db", db_path, path)
    assert code == 0, err
    assert "partners: imported 2 entities" in out and "as tabular" in out


def test_no_name_column_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", "foo,bar\n1,2\n")
    assert sniff(Sample.of(path)) is None
    with pytest.raises(SourceError) as caught:
        _read(path)
    message = str(caught.value)
    assert "no name column; the columns are: 'foo', 'bar'" in message
    assert "--map name=COLUMN" in message
    entities, _warnings, _ = _read(path, mapping={"name": "foo", "id": "bar"})
    assert [(e.caption, e.source_ref) for e in entities] == [("1", "2")]


def test_mapping_to_a_missing_column_lists_the_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "parties.csv", QUERIES)
    with pytest.raises(SourceError, match=r"--map name=Company: no column 'Company'; the columns"):
        _read(path, mapping={"name": "Company"})
    with pytest.raises(SourceError, match=r"--map colour=\.\.\.: no such field"):
        _read(path, mapping={"colour": "name"})
    with pytest.raises(SourceError, match="--schema Robot: not a schema"):
        _read(path, schema="Robot")


def test_wrong_column_count_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", "name,country\nA,DE\nB,FR,extra\n")
    with pytest.raises(SourceError, match=r"p\.csv, line 3: expected 2 columns"):
        _read(path)


def test_repeated_ids_are_kept_apart(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", "id,name\n7,Alpha\n7,Beta\n,Gamma\n")
    entities, warnings, _ = _read(path)
    assert [e.source_ref for e in entities] == ["7", "7 (line 3)", "line 4"]
    assert len({e.id for e in entities}) == 3
    assert warnings == [
        "line 3: id '7' already on line 2; kept apart",
        "line 4: empty id; identified by its line number",
    ]


def test_sniff_leaves_other_files_alone(tmp_path: Path, fixtures: Path) -> None:
    json_line = _write(tmp_path / "a.json", '{"id": "x", "schema": "Person", "name": "y"}\n')
    xml = _write(tmp_path / "a.xml", '<?xml version="1.0"?>\n<name>x</name>\n')
    for path in (json_line, xml):
        assert sniff(Sample.of(path)) is None
    eu = fixtures / "eu_journal" / "32099R0001.csv"
    found = detect(eu)
    assert found is not None and found[0].name == "eu_journal"  # has a name column, but is EU's


def test_real_bench_queries(shared_bench: Path) -> None:
    path = shared_bench / "dev" / "screen_un" / "queries.csv"
    found = detect(path)
    assert found is not None and found[0].name == "tabular"
    entities, warnings, name = _read(path, dataset="parties")
    assert name == "parties"
    assert len(entities) == 20678
    assert warnings == [
        "column(s) not read: expected_ref, kind",
        "line 277: unreadable birth date '1968-13-30', kept as a note",  # as the file has it
    ]
    first = entities[0]
    assert (first.source_ref, first.caption, first.schema) == (
        "un-clean-0000",
        "ABDULHAI SALEK",
        "Person",
    )
    assert first.dates[0].value == "1965"
    assert first.countries[0].code == "af"
