"""OFAC legacy CSV (SDN and consolidated): recognising the files, joining the sidecars, reading
the remarks, the real lists, and the bad input every CSV reader must refuse clearly."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, DateFact, Entity, Identifier, entity_from_dict, to_dict
from countersight.sources.base import ReadOptions, Sample, Sniffed, SourceGroup
from countersight.sources.detect import plan
from countersight.sources.ofac_csv import programs, read, sniff
from countersight.store import Store, open_store
from tests.conftest import CLI


def _entities(*paths: Path) -> tuple[dict[str, Entity], list[str]]:
    """Read through detection (as the CLI does): the one job of this reader."""
    (job,) = [job for job in plan(list(paths)).jobs if job.format.name == "ofac_csv"]
    reading = job.format.read(job.group, ReadOptions())
    entities = {e.source_ref: e for e in reading.records if isinstance(e, Entity)}
    return entities, reading.warnings


def _names(entity: Entity, kind: str) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


# -- recognising the files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sdn.csv", Sniffed("ofac_sdn", "main")),
        ("alt.csv", Sniffed("ofac_sdn", "alt")),
        ("add.csv", Sniffed("ofac_sdn", "add")),
        ("sdn_comments.csv", Sniffed("ofac_sdn", "comments")),
        ("consolidated/cons_prim.csv", Sniffed("ofac_cons", "main")),
        ("consolidated/cons_alt.csv", Sniffed("ofac_cons", "alt")),
    ],
)
def test_role_comes_from_the_layout_and_family_from_the_cons_prefix(
    fixtures: Path, name: str, expected: Sniffed
) -> None:
    assert sniff(Sample.of(fixtures / "ofac_csv" / name)) == expected


def test_role_does_not_depend_on_the_file_name(fixtures: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "download (3).csv"
    shutil.copy(fixtures / "ofac_csv" / "alt.csv", renamed)
    assert sniff(Sample.of(renamed)) == Sniffed("ofac_sdn", "alt")


@pytest.mark.parametrize(
    "text",
    [
        "name,country\nEXAMPLE CO,China\n",  # a spreadsheet with a header
        "_id,source,entity_number,type,programs,name\n",  # the CSL
        "1,2,3,4,5\n6,7,8,9,10\n",  # five numbers are not an alias file
        '{"id": "x", "schema": "Person"}\n',
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.csv"
    path.write_text(text, encoding="utf-8")
    assert sniff(Sample.of(path)) is None


def test_programs_are_split_out_of_the_brackets() -> None:
    assert programs("SDGT] [IRGC") == ("SDGT", "IRGC")
    assert programs("[SDGT] [IRGC]") == ("SDGT", "IRGC")
    assert programs("CUBA") == ("CUBA",)
    assert programs("-0- ") == ()


# -- the fixture set ---------------------------------------------------------------------------


def test_fixture_entries_with_their_sidecars(fixtures: Path) -> None:
    folder = fixtures / "ofac_csv"
    entities, warnings = _entities(
        folder / "sdn.csv", folder / "alt.csv", folder / "add.csv", folder / "sdn_comments.csv"
    )
    assert sorted(entities) == ["1001", "1002", "1003", "1004", "1005", "1006", "1007"]

    company = entities["1001"]
    assert company.id == "us-ofac-sdn-1001"
    assert company.schema == "LegalEntity"  # OFAC leaves entities untyped (-0-)
    assert company.dataset == "us_ofac_sdn"
    assert company.programs == ("SDGT", "IRGC")
    assert company.topics == ("sanction",)
    assert _names(company, "alias") == ["EXAMPLE TRADING COMPANY"]
    assert _names(company, "weak_alias") == ["EXCO"]
    assert Identifier("lei", "5493001KJTIIGC8Y1R12") in company.identifiers
    assert Identifier("swift", "EXAMCNSH") in company.identifiers
    assert Identifier("registration", "91440300MA5EXAMPL1", country="cn") in company.identifiers
    assert company.dates == (DateFact("incorporation", "2015"),)
    (address,) = company.addresses
    assert address.full == "1 Example Road, Nanshan District, Shenzhen, Guangdong 518000, China"
    assert (address.street, address.country) == ("1 Example Road, Nanshan District", "cn")
    assert "Linked To: EXAMPLE GROUP." in company.notes
    assert any(note.startswith("Registration Number 91440300MA5EXAMPL1") for note in company.notes)
    assert company.source_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=1001"

    person = entities["1002"]
    assert person.schema == "Person"
    primary = person.names[0]
    assert (primary.value, primary.kind, primary.family, primary.given) == (
        "DOE, John Example",
        "primary",
        "DOE",
        "John Example",
    )
    assert _names(person, "alias") == ["DOE, Johnny"]
    assert _names(person, "previous") == ["ROE, John"]  # fka in alt.csv
    assert _names(person, "weak_alias") == ["JD", "OLD JD"]  # a.k.a. and f.k.a. in remarks
    assert person.dates == (
        DateFact("birth", "1962-03-12"),
        DateFact("birth", "1960", approximate=True),
    )
    assert person.birth_places == ("Tehran, Iran",)
    assert CountryRef("nationality", "ir", "Iran") in person.countries
    assert CountryRef("citizenship", "iq", "Iraq") in person.countries
    assert person.gender == "male"
    passport = next(i for i in person.identifiers if i.scheme == "passport")
    assert (passport.value, passport.country) == ("A1234567", "ir")
    assert passport.note == "issued 01 Jan 2000 expires 01 Jan 2010"
    assert Identifier("national_id", "0012345678", country="ir") in person.identifiers
    assert Identifier("national_id", "DOEJ620312HDFXXX01", "mx", "C.U.R.P.") in person.identifiers
    assert "Title: Director" in person.notes
    assert [a.full for a in person.addresses] == ["Tehran, Iran", "Region: Example Coast"]
    assert "Address Region: Example Coast: last seen 2019" in person.notes

    vessel = entities["1003"]
    assert vessel.schema == "Vessel"
    assert _names(vessel, "previous") == ["OLD STAR"]
    assert Identifier("imo", "9123456") in vessel.identifiers
    assert Identifier("mmsi", "123456789") in vessel.identifiers
    assert Identifier("call_sign", "9HA1234") in vessel.identifiers
    assert CountryRef("flag", "pa", "Panama") in vessel.countries
    assert "Vessel owner: Example Shipping Ltd" in vessel.notes
    assert "Tonnage: 150,000" in vessel.notes

    aircraft = entities["1004"]
    assert aircraft.schema == "Airplane"
    assert aircraft.addresses == ()  # an address row of -0- only adds nothing

    ranged = entities["1005"]
    assert ranged.dates == (DateFact("birth", "1962", end="1965"), DateFact("birth", "1970-03"))
    assert _names(ranged, "alias") == ["ROE-SMITH, Jane"]  # nka
    assert "Alias ROE-SMITH, Jane: name since 2020" in ranged.notes
    # A text that names no country is kept as text; "undetermined" is no country mention at all.
    assert [c for c in ranged.countries if c.role == "nationality"] == [
        CountryRef("nationality", None, "Region: Example Coast")
    ]

    # Remarks cut at 1,000 characters continue, mid-word, in sdn_comments.csv.
    joined = entities["1006"]
    assert _names(joined, "weak_alias") == ["EXAMPLE LONG NAME"]
    assert "Linked To: EXAMPLE TRADING CO., LTD." in joined.notes
    assert any("www.example33.test; Website www.example34.test" in n for n in joined.notes)
    # ... and when nothing continues them, the cut last sentence is not read.
    cut = entities["1007"]
    assert cut.identifiers == (Identifier("tax_id", "7702000002", country="ru"),)

    assert any(
        "1 of 6 rows of alt.csv" in w and "1 of 5 rows of add.csv" in w and "sdn.csv" in w
        for w in warnings
    )
    assert any("no comments file continues them" in w for w in warnings)
    assert any("'Region: Example Coast'" in w for w in warnings)


def test_consolidated_family_by_prefix(fixtures: Path) -> None:
    entities, warnings = _entities(fixtures / "ofac_csv" / "consolidated")
    assert sorted(entities) == ["2001", "2002"]
    company = entities["2001"]
    assert company.dataset == "us_ofac_cons"
    assert company.id == "us-ofac-cons-2001"
    assert _names(company, "alias") == ["EXAMPLE VISION"]
    assert company.programs == ("CMIC-EO13959",)
    assert company.identifiers == (
        Identifier("registration", "91330000EXAMPLE01X", "cn", "Unified Social Credit Code (USCC)"),
    )
    assert entities["2002"].dates == (DateFact("birth", "1959"),)
    assert warnings == []


def test_import_through_the_cli_with_sidecars_named_first(
    fixtures: Path, cli: CLI, db_path: Path
) -> None:
    folder = fixtures / "ofac_csv"
    code, out, err = cli(
        "import",
        "--db",
        db_path,
        folder / "sdn_comments.csv",
        folder / "alt.csv",
        folder / "add.csv",
        folder / "sdn.csv",
    )
    assert code == 0, err
    assert "us_ofac_sdn: imported 7 entities" in out
    with open_store(db_path) as store:
        version = store.dataset("us_ofac_sdn")
        assert version is not None
        assert version.publisher == "US Treasury OFAC"
        assert version.format == "ofac_csv"
        assert len(version.files) == 4 and version.files[0].endswith("sdn.csv")
        (company,) = store.by_source_ref("1001", "us_ofac_sdn")
        assert _names(company, "alias") == ["EXAMPLE TRADING COMPANY"]  # alt.csv was joined
        assert company.addresses[0].city == "Shenzhen, Guangdong 518000"  # and add.csv
        (joined,) = store.by_source_ref("1006", "us_ofac_sdn")
        assert "EXAMPLE LONG NAME" in _names(joined, "weak_alias")  # and the comments file


def test_a_country_kept_as_text_survives_the_store(fixtures: Path) -> None:
    entities, _ = _entities(fixtures / "ofac_csv" / "sdn.csv")
    ranged = entities["1005"]
    assert entity_from_dict(to_dict(ranged)) == ranged


# -- bad input ---------------------------------------------------------------------------------


def _good_sdn(path: Path) -> Path:
    path.write_bytes(
        b'1,"FIRST EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'2,"SECOND EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )
    return path


def test_wrong_column_count_fails_naming_file_and_line_and_keeps_the_previous_version(
    tmp_path: Path, cli: CLI, db_path: Path, store: Store
) -> None:
    (tmp_path / "good").mkdir()
    good = _good_sdn(tmp_path / "good" / "sdn.csv")
    code, _, err = cli("import", "--db", db_path, good)
    assert code == 0, err
    before = store.dataset("us_ofac_sdn")
    assert before is not None and before.entity_count == 2

    bad = tmp_path / "sdn.csv"
    bad.write_bytes(
        b'1,"FIRST EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'2,"SECOND EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'3,"THIRD EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'4,"FOURTH EXAMPLE CO.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    )
    code, _, err = cli("import", "--db", db_path, bad)
    assert code == 1
    assert f"{bad}, line 3" in err
    assert "expected 12 columns" in err and "found 11" in err
    with open_store(db_path) as again:
        after = again.dataset("us_ofac_sdn")
        assert after == before
        assert [e.source_ref for e in again.iter_entities(["us_ofac_sdn"])] == ["1", "2"]


def test_a_sidecar_row_of_the_wrong_layout_names_its_file(tmp_path: Path) -> None:
    main = _good_sdn(tmp_path / "sdn.csv")
    alt = tmp_path / "alt.csv"
    alt.write_bytes(b'1,10,"aka","FIRST CO",-0- \r\n2,11,"aka","SECOND CO"\r\n')
    reading = read(SourceGroup(main=main, sidecars=(("alt", alt),)), ReadOptions())
    with pytest.raises(SourceError, match=r"alt\.csv, line 2: expected 5 columns"):
        list(reading.records)


def test_non_utf8_bytes_fail_naming_the_line(tmp_path: Path, cli: CLI, db_path: Path) -> None:
    header = (
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
        "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
        "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
        "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
        "source_information_url,ids\n"
    )
    empty = ',""' * 22
    path = tmp_path / "csl.csv"
    path.write_bytes(
        (header + header).encode()
        + b'"1","Entity List (EL) - Bureau of Industry and Security","","","","Example"'
        + empty.encode()
        + b"\n"
        + b'"2","Entity List (EL) - Bureau of Industry and Security","","","",'
        + b'"Soci\xe9t\xe9 Exemple"'
        + empty.encode()
        + b"\n"
    )
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert f"{path}, line 4" in err
    assert "not valid UTF-8" in err
    with open_store(db_path) as store:
        assert store.datasets() == []


def test_an_empty_file_is_refused(tmp_path: Path, cli: CLI, db_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"")
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert "sdn.csv" in err and "the file is empty" in err
    with pytest.raises(SourceError, match="the file is empty"):
        read(SourceGroup(main=path), ReadOptions())


def test_a_file_of_only_the_end_of_file_byte_holds_no_records(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\x1a")
    reading = read(SourceGroup(main=path), ReadOptions())
    assert list(reading.records) == []


def test_an_alias_file_alone_asks_for_the_primary_file(
    fixtures: Path, cli: CLI, db_path: Path
) -> None:
    code, _, err = cli("import", "--db", db_path, fixtures / "ofac_csv" / "alt.csv")
    assert code == 1
    assert "alt.csv" in err
    assert "no main file of that list is named" in err
    assert "name the main file too" in err
    with open_store(db_path) as store:
        assert store.datasets() == []


def test_a_cons_sidecar_is_not_joined_to_the_sdn_file(
    fixtures: Path, cli: CLI, db_path: Path
) -> None:
    folder = fixtures / "ofac_csv"
    code, _, err = cli(
        "import", "--db", db_path, folder / "sdn.csv", folder / "consolidated" / "cons_alt.csv"
    )
    assert code == 1
    assert "ofac_cons" in err


# -- the real lists ----------------------------------------------------------------------------


@pytest.mark.shared
def test_real_sdn_2024_with_2025_sidecars(shared_lists: Path, cli: CLI, db_path: Path) -> None:
    folder = shared_lists / "ofac"
    files = [
        folder / "alt_2025-12.csv",
        folder / "sdn_2024-05-03.csv",
        folder / "add_2025-12.csv",
        folder / "sdn_comments_2025-12.csv",
    ]
    code, out, err = cli("import", "--db", db_path, *files)
    assert code == 0, err
    # The file has 14,966 lines: 14,965 records and OFAC's end-of-file byte (0x1A) on the last.
    assert "us_ofac_sdn: imported 14,965 entities" in out
    with open_store(db_path) as store:
        version = store.dataset("us_ofac_sdn")
        assert version is not None
        assert version.entity_count == 14_965
        assert version.issued == "2024-05-03"
        warnings = "\n".join(version.warnings)
        # Sidecars from 19 months later: 82% of the entries with aliases are in the 2024 file.
        assert "2,460 of 20,107 rows of alt_2025-12.csv" in warnings
        assert "4,893 of 24,244 rows of add_2025-12.csv" in warnings
        assert "6 of 28 rows of sdn_comments_2025-12.csv" in warnings
        assert "sdn_2024-05-03.csv is dated 2024-05-03, its sidecars otherwise" in warnings

        (bank,) = store.by_source_ref("306", "us_ofac_sdn")
        assert bank.caption == "BANCO NACIONAL DE CUBA"
        assert bank.schema == "LegalEntity"
        assert _names(bank, "alias") == ["NATIONAL BANK OF CUBA"]
        assert _names(bank, "weak_alias") == ["BNC"]
        assert bank.programs == ("CUBA",)
        assert {a.country for a in bank.addresses} == {"ch", "es", "jp", "pa"}

    entities, _ = _entities(*files)
    schemas = Counter(e.schema for e in entities.values())
    assert schemas == {"LegalEntity": 6884, "Person": 6854, "Vessel": 851, "Airplane": 376}
    assert sum(len(_names(e, "weak_alias")) for e in entities.values()) == 3695


@pytest.mark.shared
def test_real_sdn_2021_set_joins_every_sidecar_row(shared_lists: Path) -> None:
    entities, warnings = _entities(shared_lists / "ofac" / "sdn_2021-07")
    # 8,977 lines: 8,976 records and the end-of-file byte.
    assert len(entities) == 8_976
    assert not any("were ignored" in w for w in warnings)  # every alias and address joins
    assert not any("not cut off" in w or "no comments file" in w for w in warnings)
    assert sum(len(_names(e, "alias")) + len(_names(e, "previous")) for e in entities.values()) == (
        11_910 - 2  # 11,911 lines less the end-of-file byte, less 2 rows repeating a name
    )

    hacker = entities["28263"]
    assert hacker.caption == "TIAN, Yinyin"
    assert hacker.names[0].family == "TIAN" and hacker.names[0].given == "Yinyin"
    # 'snowsjohn' is cut in sdn.csv ('snowsjo') and completed by sdn_comments.csv.
    assert _names(hacker, "weak_alias") == ["tianyinyin0404", "snowsjohn"]
    assert hacker.dates == (DateFact("birth", "1986-07-12"),)
    assert "Linked To: LAZARUS GROUP." in hacker.notes
    assert hacker.programs == ("DPRK3", "CYBER2")

    tanker = entities["15036"]
    assert tanker.schema == "Vessel" and tanker.caption == "ARTAVIL"
    assert _names(tanker, "previous") == ["ABADAN", "SHONA"]
    assert Identifier("imo", "9187629") in tanker.identifiers
    assert CountryRef("flag", "ir", "Iran") in tanker.countries

    sheikh = entities["19348"]
    assert DateFact("birth", "1979-01-01", end="1981-12-31") in sheikh.dates
    assert Identifier("passport", "592667", "qa", "issued 03 May 2007") in sheikh.identifiers


@pytest.mark.shared
def test_real_consolidated_list(shared_lists: Path) -> None:
    entities, warnings = _entities(shared_lists / "ofac" / "consolidated")
    assert len(entities) == 442  # 443 lines, the last the end-of-file byte
    assert {e.dataset for e in entities.values()} == {"us_ofac_cons"}
    hikvision = entities["30946"]
    assert hikvision.caption == "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."
    assert _names(hikvision, "alias") == ["HIKVISION", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY"]
    assert hikvision.programs == ("CMIC-EO13959",)
    assert (
        Identifier("registration", "91330000733796106P", "cn", "Unified Social Credit Code (USCC)")
        in hikvision.identifiers
    )
    assert hikvision.addresses[0].city == "Hangzhou 310051"
    sensetime = entities["33114"]
    assert _names(sensetime, "alias") == ["SENSETIME GROUP LTD"]
    haniya = entities["9639"]
    assert haniya.schema == "Person"
    assert haniya.dates == (DateFact("birth", "1962"),)
    assert haniya.birth_places == ("Shati",)
    assert "HANIYYA, Ismaeel" in _names(haniya, "alias")
    assert not any("were ignored" in w for w in warnings)
