"""US Consolidated Screening List (CSV): the repeated header, multi-valued cells, sub-lists as
programs and topics, entries listed on two sub-lists, a file cut short, and the real list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import Address, CountryRef, DateFact, Entity, Identifier
from countersight.sources.base import ReadOptions, Sample, Sniffed, SourceGroup
from countersight.sources.csl import read, sniff
from countersight.store import open_store
from tests.conftest import CLI

SAMPLE = Path("csl") / "csl_2023-11-30_sample.csv"


def _read(path: Path) -> tuple[dict[str, Entity], list[str]]:
    reading = read(SourceGroup(main=path), ReadOptions())
    entities = {e.source_ref: e for e in reading.records if isinstance(e, Entity)}
    return entities, reading.warnings


def _names(entity: Entity, kind: str) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


def test_sniff_by_header(fixtures: Path, tmp_path: Path) -> None:
    assert sniff(Sample.of(fixtures / SAMPLE)) == Sniffed("us_csl")
    other = tmp_path / "other.csv"
    other.write_text("_id,name,country\n1,Example,CN\n", encoding="utf-8")
    assert sniff(Sample.of(other)) is None


def test_fixture_rows(fixtures: Path) -> None:
    entities, warnings = _read(fixtures / SAMPLE)
    # 8 data rows (the repeated header on line 2 is not one); 5002 is on two sub-lists.
    assert len(entities) == 7
    assert "_id" not in entities and "name" not in {e.caption for e in entities.values()}
    assert any("repeated on line(s) 2" in w for w in warnings)
    assert any("8 rows make 7 entities" in w for w in warnings)

    person = entities["5001"]
    assert person.id == "us-csl-5001"
    assert person.dataset == "us_csl"
    assert person.schema == "Person"
    assert (person.names[0].family, person.names[0].given) == ("DOE", "John Example")
    assert _names(person, "alias") == ["DOE, Johnny", "JD"]
    assert person.programs == (
        "Specially Designated Nationals (SDN) - Treasury Department",
        "SDGT",
        "IRGC",
    )
    assert person.topics == ("sanction",)
    assert person.dates == (
        DateFact("birth", "1962-03-12"),
        DateFact("birth", "1960", approximate=True),
        DateFact("birth", "1962", end="1965"),
    )
    assert person.addresses == (
        Address(full="1 Example Street, Tehran, IR", country="ir"),
        Address(full="Baghdad, IQ", country="iq"),
    )
    assert CountryRef("nationality", "ir") in person.countries
    assert CountryRef("citizenship", "iq") in person.countries
    assert person.birth_places == ("Tehran, Iran",)
    assert person.gender == "male"
    assert Identifier("passport", "A1234567", "ir", "2000") in person.identifiers
    assert Identifier("tax_id", "998877", "ir") in person.identifiers
    assert "Website: www.example.test" in person.notes
    assert "Title: Director" in person.notes
    assert person.source_url == "https://home.treasury.gov/example-sdn"

    # No entity_number (BIS, State lists): the CSL's own _id is the reference.
    listed = entities["0a1b2c3d4e5f"]
    assert listed.schema == "LegalEntity"
    assert listed.topics == ("export.control",)
    assert listed.programs == ("Entity List (EL) - Bureau of Industry and Security",)
    assert listed.dates == (DateFact("listed", "2019-10-09"),)
    assert _names(listed, "alias") == ["EVT", "Example Vision"]
    assert "License policy: Presumption of denial." in listed.notes
    assert "Federal Register: 84 FR 54002" in listed.notes

    assert entities["9f8e7d6c"].topics == ("debarment",)  # ITAR debarred
    assert entities["8e7d6c5b"].topics == ("sanction",)  # State nonproliferation

    # One OFAC entry on SSI and on NS-MBS: one entity on both sub-lists.
    bank = entities["5002"]
    assert bank.caption == "EXAMPLE BANK JSC"
    assert _names(bank, "alias") == ["EXAMPLE BANK", "Example Bank Joint Stock Company", "EXBANK"]
    assert bank.programs == (
        "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
        "UKRAINE-EO13662",
        "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
        "RUSSIA-EO14024",
    )
    assert Identifier("registration", "1027700000001", "ru", "Registration ID") in bank.identifiers
    assert "Listing Date (EO 14024 Directive 3): 2022-02-24" in bank.notes

    vessel = entities["5003"]
    assert vessel.schema == "Vessel"
    assert Identifier("imo", "9123456") in vessel.identifiers
    assert Identifier("call_sign", "9HA1234") in vessel.identifiers
    assert CountryRef("flag", "pa", "Panama") in vessel.countries

    unknown = entities["7c6b5a49"]
    assert unknown.topics == ()
    assert unknown.programs == ("Unknown New List (UNL) - Department of Examples",)
    assert any("sub-lists without a known topic" in w for w in warnings)


def test_import_through_the_cli(fixtures: Path, cli: CLI, db_path: Path) -> None:
    code, out, err = cli("import", "--db", db_path, fixtures / SAMPLE)
    assert code == 0, err
    assert "us_csl: imported 7 entities" in out
    with open_store(db_path) as store:
        version = store.dataset("us_csl")
        assert version is not None
        assert version.publisher == "US International Trade Administration"
        assert version.format == "us_csl"
        assert version.issued == "2023-11-30"
        (bank,) = store.by_source_ref("5002", "us_csl")
        assert len(bank.programs) == 4


def _header(fixtures: Path) -> str:
    return (fixtures / SAMPLE).read_text(encoding="utf-8").split("\n", 1)[0]


def test_a_row_of_the_wrong_width_inside_the_file_is_an_error(
    fixtures: Path, tmp_path: Path
) -> None:
    path = tmp_path / "csl.csv"
    header = _header(fixtures)
    good = (
        '"1","Entity List (EL) - Bureau of Industry and Security","","","","Example"' + ',""' * 23
    )
    path.write_text(f'{header}\n{good}\n"2","x","y"\n{good}\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"csl\.csv, line 3: expected 29 columns"):
        _read(path)


def test_a_file_cut_short_keeps_the_complete_part_of_its_last_row(
    fixtures: Path, tmp_path: Path
) -> None:
    path = tmp_path / "csl.csv"
    header = _header(fixtures)
    row = (
        '"7","Specially Designated Nationals (SDN) - Treasury Department","7","Individual",'
        '"SDNT","ROE, Jane","","c/o EXAMPLE S.A., Medellin, CO; Calle 1, Bogo'
    )
    path.write_text(f"{header}\n{row}", encoding="utf-8")  # no closing quote, no line break
    entities, warnings = _read(path)
    jane = entities["7"]
    assert jane.caption == "ROE, Jane"
    assert jane.programs[-1] == "SDNT"
    assert jane.addresses == (Address(full="c/o EXAMPLE S.A., Medellin, CO", country="co"),)
    assert any(
        "line 2: the file ends inside this row, in column 'addresses'" in w for w in warnings
    )


@pytest.mark.shared
def test_real_csl(shared_lists: Path, cli: CLI, db_path: Path) -> None:
    path = shared_lists / "us-csl" / "csl_2023-11-30_partial.csv"
    entities, warnings = _read(path)
    # 4,229 rows: the header, its repeat on line 2, and 4,227 listings. Seven OFAC entries are
    # on two sub-lists each (SSI and NS-MBS, SDN and PLC): 4,220 entities.
    assert any("4,227 rows make 4,220 entities" in w for w in warnings)
    assert len(entities) == 4_220
    assert any("repeated on line(s) 2" in w for w in warnings)
    # The partial file stops inside the addresses of its last row (line 4233).
    assert any("line 4233: the file ends inside this row" in w for w in warnings)
    cut = entities["11476"]
    assert cut.caption == "BERMUDEZ SUAZA, Pedro Antonio"
    assert len(cut.addresses) == 6  # the seventh, cut mid-word, is dropped

    topics = Counter(t for e in entities.values() for t in e.topics)
    assert topics == {"sanction": 2325, "export.control": 1753, "debarment": 142}
    assert not any("without a known topic" in w for w in warnings)

    telecom = entities["30882"]
    assert telecom.caption == "China Telecom Corporation Limited"
    assert "CHINA TELECOM CORP LTD" in _names(telecom, "alias")
    assert (
        Identifier("registration", "9111000071093019X7", "cn", "Unified Social Credit Code (USCC)")
        in telecom.identifiers
    )
    assert telecom.programs[0].startswith("Non-SDN Chinese Military-Industrial Complex")

    bank = entities["17014"]
    assert bank.caption == "Joint Stock Company Russian Agricultural Bank"
    assert any(p.startswith("Sectoral Sanctions Identifications") for p in bank.programs)
    assert any(p.startswith("Non-SDN Menu-Based Sanctions") for p in bank.programs)

    aerospace = next(
        e
        for e in entities.values()
        if e.caption == "Academy of Aerospace Solid Propulsion Technology (AASPT)"
    )
    assert aerospace.source_ref == "dcc742038bcb47f1bf9e805ef279484d"  # the CSL _id
    assert aerospace.topics == ("export.control",)

    code, out, err = cli("import", "--db", db_path, path)
    assert code == 0, err
    assert "us_csl: imported 4,220 entities" in out
