"""OpenSanctions source tables: one layout per table, recognised by its header; hand-written
fixtures for each layout's quirks, then every real table imported through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, DatasetInfo, Entity, Identifier, Name, Relationship
from countersight.sources import opensanctions
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff
from countersight.sources.opensanctions_common import country, when
from countersight.sources.opensanctions_us import fcc_names
from countersight.sources.opensanctions_world import pk_names
from countersight.store import open_store
from tests.conftest import CLI

FIXTURES = {
    "dod_1260h.csv": "os_us_dod_1260h",
    "bis_mieu.csv": "os_us_bis_mieu",
    "cuba_restricted.csv": "os_us_cuba_restricted",
    "us__special_leg__section_999.csv": "os_us_special_leg",
    "fcc_covered.csv": "os_us_fcc_covered_list",
    "fincen_measures.csv": "os_us_fincen_special_measures",
    "bg_mft.csv": "os_bg_mft_national",
    "ch_fiaa.csv": "os_ch_fiaa_freezes",
    "cn_sanctions.csv": "os_cn_sanctions",
    "pk_proscribed.json": "os_pk_proscribed_persons",
}


class Read:
    """A file read through the format its content selects."""

    def __init__(self, path: Path, dataset: str | None = None) -> None:
        found = sniff(path)
        assert found is not None, f"{path.name} not recognised"
        self.format = found[0].name
        reading = found[0].read(SourceGroup(main=path), ReadOptions(dataset=dataset))
        records = list(reading.records)
        self.info: DatasetInfo = reading.info
        self.entities = {r.source_ref: r for r in records if isinstance(r, Entity)}
        self.relations = [r for r in records if isinstance(r, Relationship)]
        self.warnings = reading.warnings
        assert len(self.entities) == len([r for r in records if isinstance(r, Entity)])

    def names(self, ref: str, kind: str | None = None) -> list[str]:
        return [n.value for n in self.entities[ref].names if kind is None or n.kind == kind]

    def links(self) -> set[tuple[str, str, str]]:
        ids = {e.id: ref for ref, e in self.entities.items()}
        return {(r.kind, ids[r.source], ids[r.target]) for r in self.relations}


@pytest.fixture
def fix(fixtures: Path) -> Path:
    return fixtures / "opensanctions"


# -- recognising the layouts ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), FIXTURES.items())
def test_layouts_are_recognised_by_content_not_file_name(
    fix: Path, tmp_path: Path, name: str, expected: str
) -> None:
    renamed = tmp_path / ("list.json" if name.endswith(".json") else "list.csv")
    shutil.copy(fix / name, renamed)
    found = sniff(renamed)
    assert found is not None
    assert found[0].name == expected


@pytest.mark.parametrize(
    "head",
    [
        # 1260H columns in another order, one column short, and a header-less data row
        "Clean Name,Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n",
        "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date\n",
        "Huawei,Huawei Technologies,,,,,2021-06-03,,\n",
        # the generic shape of other lists
        "name,schema,country\nExample,Company,cn\n",
        '{"id": "x", "schema": "Company", "properties": {}}\n',
        '[{"Name": "A", "FatherName": "B", "CNIC": "1"}]',
        '{"Name": "A", "FatherName": "B", "CNIC": "1", "Province": "P", "District": "D"}',
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, head: str) -> None:
    path = tmp_path / "other.csv"
    path.write_text(head, encoding="utf-8")
    sample = Sample.of(path)
    assert [f.name for f in opensanctions.FORMATS if f.sniff(sample)] == []


def test_every_dataset_names_its_original_publisher_and_the_licence(fix: Path) -> None:
    for name in FIXTURES:
        info = Read(fix / name).info
        assert info.publisher.endswith("(via OpenSanctions)")
        assert info.licence == "CC BY-NC 4.0"
        assert info.name.startswith("os_")
    assert (
        Read(fix / "dod_1260h.csv").info.publisher == "US Department of Defense (via OpenSanctions)"
    )


def test_shared_special_legislation_layout_takes_its_name_from_the_file(
    fix: Path, tmp_path: Path
) -> None:
    read = Read(fix / "us__special_leg__section_999.csv")
    assert read.info.name == "os_us_special_leg_section_999"
    assert read.info.title == "Section 999 of an Example Defense Authorization Act"
    assert read.info.publisher == "United States Congress (via OpenSanctions)"
    assert read.info.url == "https://example.org/1286-2022.pdf"
    other = tmp_path / "ndaa-extra.csv"
    shutil.copy(fix / "us__special_leg__section_999.csv", other)
    assert Read(other).info.name == "os_us_special_leg_ndaa_extra"
    assert Read(other, dataset="mine").info.name == "mine"
    lines = (fix / "us__special_leg__section_999.csv").read_text(encoding="utf-8").splitlines()
    no_authority = tmp_path / "us__special_leg__anonymous.csv"
    no_authority.write_text(
        "\n".join([lines[0], lines[1].replace("United States Congress", "")]), encoding="utf-8"
    )
    assert Read(no_authority).info.publisher == "United States Congress (via OpenSanctions)"
    assert {e.dataset for e in Read(other, dataset="mine").entities.values()} == {"mine"}


# -- value helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "short_year", "iso"),
    [
        ("October 1, 2027", False, "2027-10-01"),
        ("March 12, 2021", False, "2021-03-12"),
        ("December 2023", False, "2023-12"),
        ("1.01.1994", False, "1994-01-01"),
        ("13.07.20", True, "2020-07-13"),
        ("13.07.20", False, None),
        ("2022", False, "2022"),
        ("someday", True, None),
        ("", False, None),
    ],
)
def test_dates_in_the_spellings_these_tables_use(text: str, short_year: bool, iso: str) -> None:
    assert when(text, short_year=short_year) == iso


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CN", CountryRef("country", "cn")),
        ("DPRK", CountryRef("country", "kp", "DPRK")),
        ("Russian", CountryRef("country", "ru", "Russian")),
        ("ROK", CountryRef("country", "kr", "ROK")),
        ("EU", CountryRef("country", None, "EU")),
        (
            "Turkish Republic of Northern Cyprus",
            CountryRef("country", None, "Turkish Republic of Northern Cyprus"),
        ),
        ("Ruritania", CountryRef("country", None, "Ruritania")),
    ],
)
def test_countries_as_codes_names_or_labels(text: str, expected: CountryRef) -> None:
    assert country(text, "country") == expected


# -- Section 1260H ----------------------------------------------------------------------------


def test_1260h_listings_of_one_company_become_one_entity(fix: Path) -> None:
    read = Read(fix / "dod_1260h.csv")
    assert read.info.name == "os_us_dod_chinese_milcorps"
    assert len(read.entities) == 4  # five rows; two spellings of one company
    evt = read.entities["Example Vision Technology Co., Ltd."]
    assert evt.id == "os-us-dod-chinese-milcorps-example-vision-technology-co-ltd"
    assert read.names("Example Vision Technology Co., Ltd.", "primary") == [
        "Example Vision Technology Co., Ltd.",
        "Example Vision Technology Co. Ltd.",
    ]
    assert read.names("Example Vision Technology Co., Ltd.", "weak_alias") == ["EVT"]
    assert read.names("Example Vision Technology Co., Ltd.", "alias") == ["Example Vision"]
    assert [d.value for d in evt.dates_of("listed")] == ["2021-06-03", "2025-01-07"]
    assert evt.topics == ("mil",)
    assert evt.source_url == "https://example.org/1260h-2025.pdf"  # the newest listing
    assert [e.excerpt for e in evt.evidence] == [
        "Example Vision Technology Co., Ltd. (EVT)*",
        "Example Vision Technology Co. Ltd. (Example Vision)",
    ]
    assert any("military-civil fusion" in n for n in evt.notes)


def test_1260h_previous_names_glued_aliases_and_delisting(fix: Path) -> None:
    read = Read(fix / "dod_1260h.csv")
    assert read.names("Sample Memory Co., Ltd.", "previous") == ["Old Memory Co., Ltd.", "OMC"]
    assert (
        "delisted: 2025-01-07 (listed 2024-01-31)" in read.entities["Sample Memory Co., Ltd."].notes
    )
    assert read.names("Example Security Co.", "alias") == ["Examplesec", "Beijing Examplesec"]


def test_1260h_parents_become_relationships_when_listed(fix: Path) -> None:
    read = Read(fix / "dod_1260h.csv")
    # 'Example Electronics Group Corporation (EEGC)' is found without its acronym.
    assert read.links() == {
        ("parent", "Example Electronics Group Corporation", "Example Vision Technology Co., Ltd.")
    }
    (relation,) = read.relations
    assert len(relation.evidence) == 2  # stated in both listings
    assert "parent: Unlisted Holding Group" in read.entities["Example Security Co."].notes
    assert read.warnings == [
        "line 6: parent 'Unlisted Holding Group' is not on the list; kept as a note"
    ]


# -- BIS MIEU, Cuba, special legislation ------------------------------------------------------


def test_bis_mieu(fix: Path) -> None:
    read = Read(fix / "bis_mieu.csv")
    edmi = read.entities["Example Directorate of Military Intelligence"]
    assert edmi.schema == "Organization"
    assert read.names(edmi.source_ref, "alias") == ["EDMI", "Directorate Two"]
    assert edmi.countries == (CountryRef("country", "cu"),)
    assert edmi.topics == ("export.control",)  # bogus.topic dropped
    assert edmi.programs == ("US-BIS-MIEU",)
    signals = read.entities["Example Signals Office"]
    assert signals.countries == (CountryRef("country", None, "Ruritania"),)
    assert signals.notes == ("delisted: 2022-05-01",)
    assert read.warnings == ["line 2: dropped unknown topics ['bogus.topic']"]


def test_cuba_restricted_list(fix: Path) -> None:
    read = Read(fix / "cuba_restricted.csv")
    agency = read.entities["agencia-ejemplo"]
    assert agency.id == "os-us-cuba-sanctions-agencia-ejemplo"
    assert read.names("agencia-ejemplo", "weak_alias") == ["ADE", "ASE"]
    assert read.names("hotel-ejemplo", "alias") == ["Hotel Ejemplo Playa", "Ejemplo Beach Resort"]
    assert agency.countries == (CountryRef("country", "cu"),)
    assert agency.topics == ("sanction",)
    assert "sector: Customs Services" in agency.notes
    assert agency.source_url == "https://example.org/cuba-restricted-list"
    assert read.links() == {("parent", "grupo-ejemplo-s-a", "hotel-ejemplo")}
    assert "parent: grupo-desconocido" in agency.notes
    assert len(read.warnings) == 1 and "grupo-desconocido" in read.warnings[0]


def test_special_legislation_rows(fix: Path) -> None:
    read = Read(fix / "us__special_leg__section_999.csv")
    assert len(read.entities) == 5  # the institute is in two yearly reports
    institute = read.entities["Example Aerospace Institute"]
    assert [d.value for d in institute.dates_of("listed")] == ["2022", "2023"]
    assert read.names(institute.source_ref, "alias") == ["EAI", "Example Aero Institute"]
    assert "delisted: 2026 (listed 2023)" in institute.notes
    battery = read.entities["Example Battery Company, Limited"]
    assert battery.topics == ("debarment",)  # Section 154: none given, procurement ban
    assert "in force from: 2027-10-01" in battery.notes
    person = read.entities["Ejemplo Persona Uno"]
    assert person.schema == "Person"
    assert person.topics == ("sanction",)  # Section 353: none given, visa ban
    assert person.countries == (CountryRef("country", "gt", "GUATEMALA"),)
    assert "delisted: 2023-12 (listed 2021)" in person.notes
    assert "engaged in significant corruption; bribed a magistrate" in person.notes
    kim = read.entities["Example Kim"]
    assert kim.countries == (CountryRef("country", "kp", "DPRK"),)
    assert "listing ends: 2099-01-22 (listed 2026-01-27)" in kim.notes
    assert read.entities["Example Ivanov"].countries[0].code == "ru"  # 'Russian'
    assert read.warnings == []


# -- FCC Covered List -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Equipment produced by Huawei Technologies Company, including services provided by "
         "such entity.", ["Huawei Technologies Company"]),
        ("Software produced or provided by Kaspersky Lab, Inc. or any of its successors.",
         ["Kaspersky Lab, Inc."]),
        ("Services supplied, directly or indirectly, by AO Kaspersky Lab or any of its parents.",
         ["AO Kaspersky Lab"]),
        ("Services provided by Pacific Networks Corp and its wholly-owned subsidiary ComNet (USA) "
         "LLC subject to section 214.", ["Pacific Networks Corp", "ComNet (USA) LLC"]),
        ("Services provided by Digitalsystem Technology Inc., subject to section 214.",
         ["Digitalsystem Technology Inc."]),
        ("Routers produced in a foreign country, except approved ones.", []),
        ("Foreign-produced power inverters.", []),
    ],
)  # fmt: skip
def test_fcc_company_names_are_taken_from_the_text(text: str, names: list[str]) -> None:
    assert fcc_names(text) == names


def test_fcc_covered_list(fix: Path) -> None:
    read = Read(fix / "fcc_covered.csv")
    assert sorted(read.entities) == [
        "AO Example Lab",
        "Alpha Networks Corp",
        "Beta (USA) LLC",
        "Example Lab, Inc.",
        "Example Telecom Company",
        "Gamma Systems Inc.",
    ]
    telecom = read.entities["Example Telecom Company"]
    assert telecom.schema == "Company"
    assert telecom.topics == ("debarment",)
    assert [d.value for d in telecom.dates_of("listed")] == ["2021-03-12"]
    assert telecom.notes[0].startswith("covered: Telecommunications equipment produced by")
    gamma = read.entities["Gamma Systems Inc."]
    assert [d.value for d in gamma.dates_of("listed")] == ["2025-12-22"]
    assert "entry updated: 2026-01-07" in gamma.notes
    assert read.links() == {("parent", "Alpha Networks Corp", "Beta (USA) LLC")}
    assert len(read.warnings) == 1
    assert read.warnings[0].startswith("line 6: no producer or provider named, row skipped")


# -- FinCEN special measures ------------------------------------------------------------------


def test_fincen_subject_of_a_measure(fix: Path) -> None:
    read = Read(fix / "fincen_measures.csv")
    bank = read.entities["Example Bank AS"]  # footnote asterisks dropped
    assert bank.schema == "Company"
    assert read.names("Example Bank AS") == [
        "Example Bank AS",
        "Example Bank",
        "Example Bank-in-Liquidation",
    ]
    assert bank.topics == ("sanction",)
    assert bank.programs == ("FinCEN special measure: Example Bank AS",)
    assert bank.identifiers == (Identifier("registration", "LV40003000000"),)
    assert bank.addresses[0].full == "Riga, Latvia" and bank.addresses[0].country == "lv"
    assert len(bank.evidence) == 2
    burma = read.entities["Burma"]
    assert burma.schema == "Organization"
    assert "jurisdiction named by a FinCEN special measure" in burma.notes


def test_fincen_parties_are_linked_to_the_subject(fix: Path) -> None:
    read = Read(fix / "fincen_measures.csv")
    assert read.links() == {
        ("parent", "Example Bank AS", "Example Bank Luxembourg S.A."),
        ("ownership", "Erik Example", "Example Bank AS"),
        ("associate", "Example Militia", "Example Bank AS"),
        ("associate", "Odd Thing", "Example Bank AS"),
    }
    ownership = next(r for r in read.relations if r.kind == "ownership")
    assert len(ownership.evidence) == 2  # two documents, one relationship
    owner = read.entities["Erik Example"]
    assert owner.schema == "Person"
    assert owner.topics == ()  # the table states none
    assert "owner in FinCEN special measure: Example Bank AS" in owner.notes
    assert read.entities["Odd Thing"].schema == "LegalEntity"
    assert read.warnings == ["line 8: unknown type 'Spaceship'; kept as LegalEntity"]


def test_fincen_class_measures_keep_their_parties_without_links(fix: Path) -> None:
    read = Read(fix / "fincen_measures.csv")
    offshore = read.entities["Example Offshore Bank Ltd."]
    assert offshore.topics == ("reg.warn",)
    assert offshore.programs == ("FinCEN special measure: Example Island",)
    excluded = read.entities["Bank of Example Island"]
    assert excluded.topics == () and excluded.programs == ()
    assert "excluded from the rule's definition" in excluded.notes
    militia = read.entities["Example Militia"]  # named under two measures: one entity
    assert militia.schema == "Organization"
    assert "related in FinCEN special measure: Example Island" in militia.notes


# -- Bulgaria, Switzerland --------------------------------------------------------------------


def test_bulgarian_list(fix: Path) -> None:
    read = Read(fix / "bg_mft.csv")
    first = read.entities["III-1"]
    assert first.id == "os-bg-mft-national-iii-1"
    assert first.names[0] == Name("ПЕТЪР ПРИМЕРОВ ИВАНОВ", lang="bul", original_script=True)
    assert read.names("III-1", "alias") == ["Петър Примеров", "Пешо Примеров"]
    assert [d.value for d in first.dates_of("birth")] == ["1978-01-06"]
    assert first.birth_places == ("гр. Хасково, България",)  # noqa: RUF001
    second = read.entities["IV-2"]
    assert second.names[:2] == (
        Name("EXAMPLE PERSON"),
        Name("Примерен Човек", lang="bul", original_script=True),
    )
    assert read.names("IV-2", "previous") == ["OLD NAME", "OTHER OLD NAME", "Стар Име"]
    assert [d.value for d in second.dates_of("birth")] == ["1980-11-05"]  # '5.11.1980'
    assert second.countries == (CountryRef("citizenship", "au", "Australia"),)
    assert second.identifiers == (
        Identifier("passport", "М 2719127"),  # noqa: RUF001 - the list's Cyrillic EM, kept
        Identifier("national_id", "Y0T30XZ75"),
    )
    assert "delisted: 2020-01-15" in second.notes
    assert "State Gazette: ДВ, бр. 44 от 2016 г." in second.notes  # noqa: RUF001
    foundation = read.entities["IV-3"]
    assert foundation.schema == "Organization"
    assert foundation.countries[0].role == "country"
    assert "date of birth as listed: 1980-13-45" in foundation.notes
    assert len(read.warnings) == 2


def test_swiss_freezes(fix: Path) -> None:
    read = Read(fix / "ch_fiaa.csv")
    assert len(read.entities) == 3
    namesakes = [e for e in read.entities.values() if e.names[0].value == "Example ARBUZOV"]
    assert len({e.id for e in namesakes}) == 2  # same name, another person: a hashed ref
    father = read.entities["Example ARBUZOV"]
    assert read.names(father.source_ref, "alias") == ["Example ARBUSOV", "Example ARBUZOFF"]
    assert father.notes == ("ehemaliger Minister", "delisted: 2018-02-28")
    amin = read.entities["Amin EXAMPLE"]
    assert amin.schema == "Person"
    assert read.names("Amin EXAMPLE", "previous") == ["Amin Old EXAMPLE"]
    assert [d.value for d in amin.dates_of("birth")] == ["1972-02"]
    assert amin.countries == (CountryRef("nationality", "tn"), CountryRef("country", "tn"))
    assert [i.value for i in amin.identifiers] == ["A01490000", "20469"]
    assert amin.programs == ("CH-FIAA-TN",)


# -- PRC ----------------------------------------------------------------------------------------


def test_prc_designations_merge_by_qid_and_name(fix: Path) -> None:
    read = Read(fix / "cn_sanctions.csv")
    assert len(read.entities) == 6  # eight rows
    senator = read.entities["Q100000001"]
    assert senator.id == "os-cn-sanctions-q100000001"
    assert senator.names == (
        Name("Example Senator"),
        Name("示例参议员", kind="alias", lang="zho", original_script=True),
    )
    assert [d.value for d in senator.dates_of("listed")] == ["2020-07-13", "2020-08-10"]
    assert senator.notes == ("US Senator", "美国参议员")
    drones = read.entities["Example Drones Inc."]
    assert set(drones.topics) == {"sanction.counter", "export.control"}
    assert drones.programs == ("UEL", "List of Export Controls")
    assert read.names("Example Drones Inc.", "primary") == [
        "Example Drones Inc.",
        "Example Drones, Inc.",
    ]
    assert drones.addresses[0].full == "1 Example Way, Example City, CA, USA"


def test_prc_countries_topics_and_dates(fix: Path) -> None:
    read = Read(fix / "cn_sanctions.csv")
    assert read.entities["Q100000002"].topics == ("sanction",)
    assert read.entities["Example Research Institute"].countries == (
        CountryRef("country", "jp", "Japan"),
    )
    assert read.entities["Example Union Body"].countries == (CountryRef("country", None, "EU"),)
    bank = read.entities["Example Bank UAB"]
    assert bank.topics == ("sanction.counter",)
    assert "delisted: 2026-04-24 (listed 2025-08-13)" in bank.notes
    assert read.warnings == [
        "line 7: dropped unknown topics ['made.up']",
        "line 9: unreadable Date 'someday'",
    ]


# -- Pakistan -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "primary", "aliases"),
    [
        ("Ismail @ Dur Muhammad", "Ismail", ["Dur Muhammad"]),
        ("Hafiz Ur Rehman @ Pakhan@Muhsin", "Hafiz Ur Rehman", ["Pakhan", "Muhsin"]),
        ("Munazzam Ali alias Usama, Shaka, Ali", "Munazzam Ali", ["Usama", "Shaka", "Ali"]),
        ("Bilal Alias Bilawal", "Bilal", ["Bilawal"]),
        ("Abdullah aka Saad", "Abdullah", ["Saad"]),
        ("Nasrullah (Tata)", "Nasrullah (Tata)", []),
    ],
)
def test_pakistani_names_and_their_aliases(text: str, primary: str, aliases: list[str]) -> None:
    assert pk_names(text) == (primary, aliases)


def test_pakistani_fourth_schedule(fix: Path) -> None:
    read = Read(fix / "pk_proscribed.json")
    assert len(read.entities) == 6  # seven items, one a duplicate
    by_name = {
        e.names[0].value: e for e in read.entities.values() if e.names[0].value != "Sample Person"
    }
    khan = by_name["Example Khan"]
    assert khan.schema == "Person"
    assert khan.source_ref.startswith("Example Khan @ Kaka ")
    assert [n.value for n in khan.names if n.kind == "alias"] == ["Kaka"]
    assert khan.identifiers == (
        Identifier("national_id", "3230416384111", country="pk", note="CNIC"),
    )
    assert khan.notes == ("father: Example Father",)
    assert khan.addresses[0].full == "MULTAN, Punjab" and khan.addresses[0].country == "pk"
    assert set(khan.topics) == {"sanction", "crime.terror"}
    placeholder = by_name["Sample Ali"]
    assert placeholder.identifiers == ()
    assert placeholder.notes == ("CNIC as listed: 1234567890000",)  # 'nill' father dropped
    assert by_name["Nameless Cnic"].notes == ()
    assert "father: W/o Example Khan" in by_name["Example Wife"].notes  # no relation invented
    assert read.relations == []
    assert any("duplicate of item 3" in w for w in read.warnings)
    assert any("CNIC 5450121856293 is given for items [3, 5]" in w for w in read.warnings)
    assert sum("not a usable number" in w for w in read.warnings) == 2


# -- errors --------------------------------------------------------------------------------------


def test_a_forced_layout_on_another_file_names_the_file_and_line(
    fix: Path, cli: CLI, db_path: Path
) -> None:
    code, _out, err = cli(
        "import", "--db", db_path, "--format", "os_us_dod_1260h", fix / "bis_mieu.csv"
    )
    assert code == 1
    assert "bis_mieu.csv, line 1" in err and "expected the header" in err
    with open_store(db_path) as store:
        assert store.datasets() == []


def test_a_short_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mieu.csv"
    path.write_text(
        "Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL\n"
        "Organization,Example,,CU,export.control,US-BIS-MIEU,2021-03-16,,x\n"
        "Organization,Cut short\n",
        encoding="utf-8",
    )
    mieu = next(f for f in opensanctions.FORMATS if f.name == "os_us_bis_mieu")
    reading = mieu.read(SourceGroup(main=path), ReadOptions())
    with pytest.raises(SourceError, match=r"mieu\.csv, line 3: expected 9 columns"):
        list(reading.records)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[{"Name": "A", "FatherName": "B", "CNIC": "1", "Province": "P", "District": "D"},\n{"Na',
         "line 2"),
        ('[{"Name": "A", "FatherName": "B", "CNIC": "1", "Province": "P", "District": "D"},'
         ' {"Name": "C"}]', "element item 2"),
        ('[{"Name": "A", "FatherName": "B", "CNIC": ["1"], "Province": "P", "District": "D"}]',
         "element item 1"),
        ('{"Name": "A"}', "expected a JSON array"),
    ],
)  # fmt: skip
def test_broken_pakistani_json_is_refused(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "pk.json"
    path.write_text(text, encoding="utf-8")
    layout = next(f for f in opensanctions.FORMATS if f.name == "os_pk_proscribed_persons")
    with pytest.raises(SourceError, match=where):
        layout.read(SourceGroup(main=path), ReadOptions())


def test_all_fixtures_import_through_the_cli(fix: Path, cli: CLI, db_path: Path) -> None:
    code, out, _err = cli("import", "--db", db_path, fix)
    assert code == 0, out
    with open_store(db_path) as store:
        counts = {v.name: (v.entity_count, v.relationship_count) for v in store.datasets()}
        fcc = store.dataset("os_us_fcc_covered_list")
    assert counts == {
        "os_bg_mft_national": (3, 0),
        "os_ch_fiaa_freezes": (3, 0),
        "os_cn_sanctions": (6, 0),
        "os_pk_proscribed_persons": (6, 0),
        "os_us_bis_mieu": (2, 0),
        "os_us_cuba_sanctions": (3, 1),
        "os_us_dod_chinese_milcorps": (4, 1),
        "os_us_fcc_covered_list": (6, 1),
        "os_us_fincen_special_measures": (8, 4),
        "os_us_special_leg_section_999": (5, 0),
    }
    assert fcc is not None and fcc.licence == "CC BY-NC 4.0" and len(fcc.warnings) == 1


def test_records_read_back_from_the_store(fix: Path, cli: CLI, db_path: Path) -> None:
    code, _out, _err = cli("import", "--db", db_path, fix / "dod_1260h.csv")
    assert code == 0
    read = Read(fix / "dod_1260h.csv")
    with open_store(db_path) as store:
        stored = {e.id: e for e in store.iter_entities(["os_us_dod_chinese_milcorps"])}
        relations = list(store.iter_relationships(["os_us_dod_chinese_milcorps"]))
    assert stored == {e.id: e for e in read.entities.values()}  # evidence included
    assert relations == read.relations


def test_a_country_kept_as_a_label_reads_back_from_the_store(
    fix: Path, cli: CLI, db_path: Path
) -> None:
    code, _out, _err = cli("import", "--db", db_path, fix / "bis_mieu.csv")
    assert code == 0
    with open_store(db_path) as store:
        (signals,) = store.by_source_ref("Example Signals Office")
    assert signals.countries == (CountryRef("country", None, "Ruritania"),)


# -- the real tables ---------------------------------------------------------------------------

REAL = [
    # file, dataset, entities, relationships
    ("bg__mft_national__sanctions.csv", "os_bg_mft_national", 19, 0),
    ("ch__fiaa_freezes__freezes.csv", "os_ch_fiaa_freezes", 158, 0),
    ("cn__sanctions__sanctions.csv", "os_cn_sanctions", 457, 0),
    ("pk__proscribed_persons__source.json", "os_pk_proscribed_persons", 4662, 0),
    ("us__bis_mieu__mieu.csv", "os_us_bis_mieu", 13, 0),
    ("us__cuba_sanctions__restricted_entities.csv", "os_us_cuba_sanctions", 239, 54),
    ("us__dod_chinese_milcorps__sanctions.csv", "os_us_dod_chinese_milcorps", 227, 136),
    ("us__fcc_covered_list__table.csv", "os_us_fcc_covered_list", 13, 1),
    ("us__fincen_special_measures__details.csv", "os_us_fincen_special_measures", 397, 121),
    ("us__special_leg__inksna.csv", "os_us_special_leg_inksna", 28, 0),
    ("us__special_leg__section_1286.csv", "os_us_special_leg_section_1286", 190, 0),
    ("us__special_leg__section_154.csv", "os_us_special_leg_section_154", 6, 0),
    ("us__special_leg__section_353.csv", "os_us_special_leg_section_353", 167, 0),
    ("us__special_leg__section_5949.csv", "os_us_special_leg_section_5949", 3, 0),
    ("us__special_leg__section_889.csv", "os_us_special_leg_section_889", 5, 0),
]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "dataset", "entities", "relations"), REAL)
def test_real_table_imports_through_the_cli(
    shared_lists: Path,
    cli: CLI,
    db_path: Path,
    name: str,
    dataset: str,
    entities: int,
    relations: int,
) -> None:
    code, out, err = cli("import", "--db", db_path, shared_lists / "opensanctions" / name)
    assert code == 0, err
    assert out.startswith(f"{dataset}: imported {entities:,} entities, {relations:,} relationships")
    with open_store(db_path) as store:
        version = store.dataset(dataset)
        assert version is not None
        assert (version.entity_count, version.relationship_count) == (entities, relations)
        assert version.publisher.endswith("(via OpenSanctions)")
        assert not [w for w in version.warnings if "duplicate entity id" in w]


def _real(shared_lists: Path, name: str) -> Read:
    return Read(shared_lists / "opensanctions" / name)


@pytest.mark.shared
def test_real_1260h_surveillance_companies(shared_lists: Path) -> None:
    read = _real(shared_lists, "us__dod_chinese_milcorps__sanctions.csv")
    hik = read.entities["Hangzhou Hikvision Digital Technology Co., Ltd."]
    assert "Hikvision" in read.names(hik.source_ref, "alias")
    assert [d.value for d in hik.dates_of("listed")] == ["2021-06-03", "2025-01-07", "2026-06-08"]
    assert hik.topics == ("mil",)
    assert not [n for n in hik.notes if n.startswith("delisted")]
    assert (
        "parent",
        "China Electronics Technology Group Corporation",
        hik.source_ref,
    ) in read.links()
    dahua = read.entities["Zhejiang Dahua Technology Co., Ltd."]
    assert "Dahua" in read.names(dahua.source_ref)
    sensetime = read.entities["SenseTime Group, Inc."]
    assert "SenseTime" in read.names(sensetime.source_ref, "alias")
    megvii = read.entities["Beijing Megvii Technology Co., Ltd."]
    assert "Megvii" in read.names(megvii.source_ref, "alias")
    assert "delisted: 2025-01-07 (listed 2024-01-31)" in megvii.notes
    # 'Addsino Co. Ltd.' and 'Addsino Co., Ltd.' are one company listed twice.
    assert read.names("Addsino Co. Ltd.", "primary") == ["Addsino Co. Ltd.", "Addsino Co., Ltd."]
    assert read.warnings == []


@pytest.mark.shared
def test_real_prc_list_chinese_names(shared_lists: Path) -> None:
    read = _real(shared_lists, "cn__sanctions__sanctions.csv")
    shen = read.entities["Q96156873"]
    assert shen.names[0].value == "Puma Shen"
    assert Name("沈伯洋", kind="alias", lang="zho", original_script=True) in shen.names
    assert shen.countries == (CountryRef("country", "tw"),)
    rubio = read.entities["Q324546"]
    assert Name("鲁比欧", kind="alias", lang="zho", original_script=True) in rubio.names
    assert [d.value for d in rubio.dates_of("listed")] == ["2020-07-13", "2020-08-10"]
    taiclet = read.entities["Q110610881"]  # one row with the QID, one without: one entity
    assert taiclet.names[0].value == "James Donald Taiclet"
    assert len(taiclet.dates_of("listed")) == 2
    fn = read.entities["FN Herstal"]
    assert fn.countries == (CountryRef("country", "be", "Belgium"),)
    assert read.warnings == []


@pytest.mark.shared
def test_real_pakistani_cnic(shared_lists: Path) -> None:
    read = _real(shared_lists, "pk__proscribed_persons__source.json")
    (person,) = [
        e for e in read.entities.values()
        if Identifier("national_id", "3230416384111", country="pk", note="CNIC") in e.identifiers
    ]  # fmt: skip
    assert person.names[0].value == "Muhammad Muzamil"
    assert person.notes == ("father: Abdul Karim",)
    assert person.addresses[0].full == "MUZAFFARGARH, Punjab"
    assert sum(w.startswith("item ") and "duplicate of item" in w for w in read.warnings) == 3


@pytest.mark.shared
def test_real_fincen_fcc_and_special_legislation(shared_lists: Path) -> None:
    fincen = _real(shared_lists, "us__fincen_special_measures__details.csv")
    assert ("ownership", "Ernests Bernis", "ABLV Bank") in fincen.links()
    assert ("parent", "ABLV Bank", "ABLV Bank Luxembourg S.A.") in fincen.links()
    assert fincen.entities["Burma"].schema == "Organization"
    assert fincen.entities["Bank of Nauru"].topics == ()
    fcc = _real(shared_lists, "us__fcc_covered_list__table.csv")
    assert {"Huawei Technologies Company", "Hangzhou Hikvision Digital Technology Company",
            "Dahua Technology Company", "Kaspersky Lab, Inc."} <= set(fcc.entities)  # fmt: skip
    assert ("parent", "Pacific Networks Corp", "ComNet (USA) LLC") in fcc.links()
    assert len(fcc.warnings) == 4  # drones, routers, inverters, robots: no company named
    s889 = _real(shared_lists, "us__special_leg__section_889.csv")
    assert s889.entities["Hangzhou Hikvision Digital Technology Company"].topics == ("debarment",)
    s154 = _real(shared_lists, "us__special_leg__section_154.csv")
    assert "in force from: 2027-10-01" in s154.entities["BYD Company, Limited"].notes
    bg = _real(shared_lists, "bg__mft_national__sanctions.csv")
    assert bg.entities["III-1"].names[0].value == "ТОНИ РАДЕВ МИЛЕНОВ"
    cuba = _real(shared_lists, "us__cuba_sanctions__restricted_entities.csv")
    assert "GAESA" in cuba.names("grupo-de-administracion-empresarial-s-a", "weak_alias")
