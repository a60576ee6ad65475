"""The OFAC XML reader: hand-written fixtures in both namespaces, and the real consolidated list
with the Chinese military-industrial complex companies."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, DateFact, Entity, Identifier, Name
from countersight.sources import ofac_xml
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff
from countersight.store import Store
from tests.conftest import CLI


def read(path: Path, dataset: str | None = None) -> tuple[str, dict[str, Entity], list[str]]:
    reading = ofac_xml.read(SourceGroup(main=path), ReadOptions(dataset=dataset))
    entities = {}
    for record in reading.records:
        assert isinstance(record, Entity)
        entities[record.source_ref] = record
    return reading.info.name, entities, reading.warnings


@pytest.fixture
def cons(fixtures: Path) -> Path:
    return fixtures / "ofac_xml" / "ofac_cons_small.xml"


@pytest.fixture
def sdn(fixtures: Path) -> Path:
    return fixtures / "ofac_xml" / "sdn_tempuri.xml"


# -- recognising the format and the list -------------------------------------------------------


def test_both_namespaces_are_recognised(cons: Path, sdn: Path) -> None:
    for path in (cons, sdn):
        found = sniff(path)
        assert found is not None
        assert found[0].name == "ofac_xml"


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0"?><CONSOLIDATED_LIST/>',
        '<?xml version="1.0"?><sanctionsData><entities/></sanctionsData>',
        "uid,lastName,sdnType\n1,X,Entity\n",
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, head: str) -> None:
    path = tmp_path / "other.xml"
    path.write_text(head, encoding="utf-8")
    assert ofac_xml.sniff(Sample.of(path)) is None


def test_the_consolidated_list_is_told_by_its_programmes(cons: Path, tmp_path: Path) -> None:
    # NS-PLC and CMIC-EO13959 are non-SDN programmes: the file name does not matter.
    renamed = tmp_path / "sdn_2025.xml"
    renamed.write_bytes(cons.read_bytes())
    assert read(renamed)[0] == "us_ofac_cons"


def test_without_telling_programmes_the_file_name_decides(sdn: Path, tmp_path: Path) -> None:
    assert read(sdn)[0] == "us_ofac_sdn"
    for name in ("cons_2025.xml", "ofac_cons_2025-03-28.xml", "consolidated.xml"):
        renamed = tmp_path / name
        renamed.write_bytes(sdn.read_bytes())
        assert read(renamed)[0] == "us_ofac_cons", name


def test_dataset_description(cons: Path) -> None:
    reading = ofac_xml.read(SourceGroup(main=cons), ReadOptions(dataset="ofac_test"))
    assert reading.info.name == "ofac_test"
    assert reading.info.issued == "2025-03-28"  # Publish_Date is MM/DD/YYYY
    assert reading.info.publisher == "US Treasury OFAC"
    assert reading.info.title == "OFAC Consolidated Sanctions List (non-SDN lists)"


# -- what an entry becomes -----------------------------------------------------------------------


def test_individual(cons: Path) -> None:
    _, entities, warnings = read(cons)
    person = entities["90001"]
    assert person.id == "us-ofac-cons-90001"
    assert person.schema == "Person"
    assert person.source_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=90001"
    assert person.names == (
        Name("Karim Abdel TESTAWI", "primary", given="Karim Abdel", family="TESTAWI"),
        Name("Karim TESTAOUI", "alias", given="Karim", family="TESTAOUI"),
        Name("ABU TEST", "weak_alias", family="ABU TEST"),
    )
    assert person.dates_of("birth") == (
        DateFact("birth", "1962"),
        DateFact("birth", "1962-03-12"),
        DateFact("birth", "1960", approximate=True),
        DateFact("birth", "1962", end="1965"),
    )
    assert "date of birth: in the sixties" in person.notes
    assert "uid 90001: date of birth 'in the sixties' is not a date; kept as a note" in warnings
    assert person.birth_places == ("Port-au-Prince, Haiti",)
    assert CountryRef("birth", "ht", "Haiti") in person.countries
    assert CountryRef("nationality", "ps", "Palestinian") in person.countries
    assert CountryRef("citizenship", "tr", "Turkey") in person.countries
    assert person.identifiers == (Identifier("passport", "P0000001", "tr", "issued 01 Jan 2015"),)
    assert person.gender == "male"
    assert person.programs == ("NS-PLC",)
    assert person.notes[:2] == ("(Linked To: EXAMPLE FRONT)", "title: Member, Example Council")


def test_company_with_cmic_features(cons: Path) -> None:
    _, entities, _ = read(cons)
    company = entities["90002"]
    assert company.schema == "Company"  # Target Type: Public Company
    assert company.names == (
        Name("TESTVISION DIGITAL TECHNOLOGY CO., LTD.", "primary"),
        Name("TESTVISION", "alias"),
        Name("OLD TESTVISION CO", "previous"),
    )
    assert company.identifiers == (
        Identifier("registration", "91330000000000000X", "cn", "Unified Social Credit Code (USCC)"),
        Identifier("other", "CNE000000000", None, "ISIN"),
        Identifier("other", "www.testvision.example", None, "Website"),
    )
    # Dates and notices that OFAC keeps among the identifiers go where they belong.
    assert company.dates == (
        DateFact("listed", "2021-06-03"),
        DateFact("incorporation", "2001-11-30"),
    )
    assert "Issuer Name: Testvision Digital Technology" in company.notes
    assert "Effective Date (CMIC): 02 Aug 2021" in company.notes
    (address,) = company.addresses
    assert address.full == "555, Example Road, Binjiang District, Hangzhou, 310000, China"
    assert (address.street, address.postal_code, address.country) == (
        "555, Example Road, Binjiang District",
        "310000",
        "cn",
    )


def test_bank_with_directives(cons: Path) -> None:
    _, entities, _ = read(cons)
    bank = entities["90003"]
    assert bank.schema == "LegalEntity"
    assert bank.topics == ("gov.soe", "sanction")
    assert bank.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert bank.identifiers == (
        # The country written inside the number: "1020000000000 (Russia)".
        Identifier("registration", "1020000000000", "ru", "Registration ID"),
        Identifier("swift", "EXBKRUMM", None, "SWIFT/BIC"),
        Identifier("lei", "253400EXAMPLE0000001", "ru", "Legal Entity Number"),
        Identifier("other", "00000001", "ru", "Government Gazette Number"),
    )
    assert CountryRef("jurisdiction", "ru", "Russia") in bank.countries
    assert "Executive Order 13662 Directive Determination: Subject to Directive 1" in bank.notes


def test_an_entry_without_a_name_is_skipped_with_a_warning(cons: Path) -> None:
    _, entities, warnings = read(cons)
    assert sorted(entities) == ["90001", "90002", "90003"]
    assert "uid 90004: skipped, the entry gives no name" in warnings
    assert not any("Record_Count" in w for w in warnings)  # 4 entries, as the file says


def test_a_record_count_that_does_not_match_is_reported(cons: Path, tmp_path: Path) -> None:
    path = tmp_path / "ofac_cons_wrong_count.xml"
    path.write_text(
        cons.read_text(encoding="utf-8").replace(
            "<Record_Count>4</Record_Count>", "<Record_Count>5</Record_Count>"
        ),
        encoding="utf-8",
    )
    warnings = read(path)[2]
    assert "the file says Record_Count 5 but holds 4 entries" in warnings


def test_sdn_entries_in_the_older_namespace(sdn: Path) -> None:
    name, entities, warnings = read(sdn)
    assert name == "us_ofac_sdn"
    assert warnings == []
    assert entities["36"].id == "us-ofac-sdn-36"
    person = entities["7001"]
    assert person.topics == ("crime.terror", "sanction")  # SDGT
    assert person.dates_of("birth") == (DateFact("birth", "1970-01-01", approximate=True),)
    assert person.identifiers == (
        Identifier("national_id", "12345678", "co", "Cedula No."),
        Identifier(
            "other", "1ExampleAddressXXXXXXXXXXXXXXXXXXX", None, "Digital Currency Address - XBT"
        ),
    )


def test_vessel_and_aircraft(sdn: Path) -> None:
    _, entities, _ = read(sdn)
    vessel = entities["7002"]
    assert vessel.schema == "Vessel"
    assert Name("OCEAN EXAMPLE", "previous") in vessel.names
    assert vessel.identifiers == (
        Identifier("imo", "9000001", None, "Vessel Registration Identification"),
        Identifier("mmsi", "422000001"),
        Identifier("call_sign", "9BAA1"),
    )
    assert vessel.countries == (CountryRef("flag", "ir", "Iran"),)
    assert "vessel type: Crude Oil Tanker" in vessel.notes
    assert "vessel owner: EXAMPLE SHIPPING CO" in vessel.notes
    assert "Vessel Year of Build: 1999" in vessel.notes
    aircraft = entities["7003"]
    assert aircraft.schema == "Airplane"
    assert "Aircraft Model: Example 747" in aircraft.notes
    assert aircraft.identifiers == (
        Identifier("other", "00001", None, "Aircraft Manufacturer's Serial Number (MSN)"),
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1962", DateFact("birth", "1962")),
        ("12 Mar 1962", DateFact("birth", "1962-03-12")),
        ("Mar 1962", DateFact("birth", "1962-03")),
        ("circa 1962", DateFact("birth", "1962", approximate=True)),
        ("1962 to 1965", DateFact("birth", "1962", end="1965")),
        ("01 Jan 1962 to 31 Dec 1963", DateFact("birth", "1962-01-01", end="1963-12-31")),
        ("circa 1962 to 1965", DateFact("birth", "1962", end="1965", approximate=True)),
        ("sixties", None),
        ("1962 to later", None),
    ],
)
def test_dates_of_birth(written: str, expected: DateFact | None) -> None:
    assert ofac_xml.parse_ofac_date(written) == expected


def test_a_file_of_another_kind_is_refused_when_forced(fixtures: Path) -> None:
    with pytest.raises(SourceError, match=r"expected an OFAC list .* found <CONSOLIDATED_LIST>"):
        ofac_xml.read(SourceGroup(main=fixtures / "un" / "un_small.xml"), ReadOptions())


def test_a_truncated_file_is_refused_naming_the_line(cons: Path, tmp_path: Path) -> None:
    data = cons.read_text(encoding="utf-8")
    path = tmp_path / "ofac_cons_cut.xml"
    path.write_text(data[: data.index("<uid>90003</uid>")], encoding="utf-8")
    reading = ofac_xml.read(SourceGroup(main=path), ReadOptions())
    with pytest.raises(SourceError, match=r"ofac_cons_cut\.xml, line \d+: malformed XML"):
        list(reading.records)


# -- through the command line -----------------------------------------------------------------


def test_import_through_the_cli(cli: CLI, db_path: Path, cons: Path, store: Store) -> None:
    code, out, err = cli("import", "--db", db_path, cons)
    assert code == 0, err
    assert "us_ofac_cons: imported 3 entities" in out
    version = store.dataset("us_ofac_cons")
    assert version is not None
    assert (version.format, version.issued) == ("ofac_xml", "2025-03-28")
    for uid, entity in read(cons)[1].items():
        assert store.by_source_ref(uid, "us_ofac_cons") == [entity]  # read back whole


# -- the real consolidated list ----------------------------------------------------------------


@pytest.fixture
def real(shared_lists: Path) -> Path:
    return shared_lists / "ofac" / "consolidated" / "ofac_cons_2025-03-28.xml"


@pytest.mark.shared
def test_real_consolidated_list(real: Path) -> None:
    name, entities, warnings = read(real)
    assert name == "us_ofac_cons"
    assert len(entities) == 443  # Record_Count
    assert warnings == []

    hikvision = entities["30946"]
    assert hikvision.names == (
        Name("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "primary"),
        Name("HIKVISION", "alias"),
        Name("HANGZHOU HIKVISION DIGITAL TECHNOLOGY", "alias"),
    )
    assert hikvision.programs == ("CMIC-EO13959",)
    assert Identifier(
        "registration", "91330000733796106P", "cn", "Unified Social Credit Code (USCC)"
    ) in (hikvision.identifiers)
    assert hikvision.dates_of("listed") == (DateFact("listed", "2021-06-03"),)

    sensetime = entities["33114"]
    assert sensetime.names == (
        Name("SENSETIME GROUP LIMITED", "primary"),
        Name("SENSETIME GROUP LTD", "alias"),
    )
    assert sensetime.identifiers == (Identifier("registration", "2162198", "hk", "C.R. No."),)

    megvii = entities["33091"]
    assert megvii.names == (Name("MEGVII TECHNOLOGY LIMITED", "primary"),)
    assert {a.country for a in megvii.addresses} == {"ky", "cn"}

    expected = {
        "33112": "CLOUDWALK TECHNOLOGY CO., LTD.",
        "33893": "YITU LIMITED",
        "33895": "NETPOSA TECHNOLOGIES LIMITED",
        "33896": "XIAMEN MEIYA PICO INFORMATION CO., LTD.",
    }
    for uid, caption in expected.items():
        assert entities[uid].caption == caption
        assert entities[uid].programs == ("CMIC-EO13959",)
    assert Name("CLOUDWALK", "weak_alias") in entities["33112"].names  # OFAC: category weak
    assert Name("NETPOSA", "alias") in entities["33895"].names

    haniya = entities["9639"]
    assert haniya.names[0] == Name(
        "Ismail Abdul Salah HANIYA", "primary", given="Ismail Abdul Salah", family="HANIYA"
    )
    assert haniya.dates_of("birth") == (DateFact("birth", "1962"),)
    assert sum(e.schema == "Person" for e in entities.values()) == 80


@pytest.mark.shared
def test_real_consolidated_list_imports(cli: CLI, db_path: Path, real: Path, store: Store) -> None:
    code, _, err = cli("import", "--db", db_path, real)
    assert code == 0, err
    version = store.dataset("us_ofac_cons")
    assert version is not None
    assert (version.entity_count, version.issued) == (443, "2025-03-28")
    (hikvision,) = store.by_source_ref("30946", "us_ofac_cons")
    assert "HIKVISION" in [n.value for n in hikvision.names]
