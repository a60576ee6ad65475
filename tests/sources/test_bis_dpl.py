"""BIS Denied Persons List (tab-separated): rows of one entry merged, references derived from
the row, people recognised only when their address is a prison, and the real list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, DateFact, Entity
from countersight.sources.base import ReadOptions, Sample, Sniffed, SourceGroup
from countersight.sources.bis_dpl import read, sniff, source_ref
from countersight.store import open_store
from tests.conftest import CLI

SAMPLE = Path("bis_dpl") / "dpl_2019-07_sample.txt"


def _read(path: Path) -> tuple[list[Entity], list[str]]:
    reading = read(SourceGroup(main=path), ReadOptions())
    return [e for e in reading.records if isinstance(e, Entity)], reading.warnings


def test_sniff_by_header(fixtures: Path, tmp_path: Path) -> None:
    assert sniff(Sample.of(fixtures / SAMPLE)) == Sniffed("us_bis_dpl")
    other = tmp_path / "other.txt"
    other.write_text("Name\tCountry\nExample\tCN\n", encoding="utf-8")
    assert sniff(Sample.of(other)) is None


def test_fixture_rows_merge_by_name_and_order(fixtures: Path) -> None:
    entities, warnings = _read(fixtures / SAMPLE)
    # 8 rows: two rows of one name under one order (spaces aside) are one entry with two
    # addresses; the same name under another order and another name stay separate.
    assert [(e.caption, len(e.addresses)) for e in entities] == [
        ("JOHN EXAMPLE DOE", 2),
        ("JOHNNY DOE", 1),
        ("JOHN EXAMPLE DOE", 1),
        ("EXAMPLE TRADING CO.", 2),
        ("EXAMPLE PRISON SUPPLY LTD", 1),
        ("JANE ROE", 1),
    ]
    assert any("8 rows make 6 entries" in w for w in warnings)

    doe = entities[0]
    assert doe.schema == "Person"  # one of its addresses is a prison
    assert doe.dataset == "us_bis_dpl"
    assert doe.source_ref == source_ref("JOHN EXAMPLE DOE", "68 F.R. 38290 6/27/03", "06/19/2003")
    assert doe.id == f"us-bis-dpl-{doe.source_ref}"
    assert doe.topics == ("export.control",)
    assert doe.dates == (DateFact("listed", "2003-06-19"), DateFact("modified", "2007-01-31"))
    prison, home = doe.addresses
    assert prison.street is not None and prison.street.startswith("INMATE NUMBER")
    assert (home.street, home.city, home.region, home.postal_code, home.country) == (
        "12 ELM STREET",
        "DALLAS",
        "TX",
        "75001",
        "us",
    )
    assert "Denial expires: 2056-06-29" in doe.notes
    assert "Federal Register: 68 F.R. 38290 6/27/03" in doe.notes

    assert entities[1].schema == "LegalEntity"  # nothing says JOHNNY DOE is a person
    assert entities[2].source_ref != doe.source_ref
    company = entities[3]
    assert company.schema == "LegalEntity"
    assert [c.code for c in company.countries] == ["ir", "ae"]
    # A company whose address mentions a correctional depot is still a company.
    assert entities[4].schema == "LegalEntity"
    # "A/K/A" inside the name: a primary name and an alias; the reference is of the whole name.
    roe = entities[5]
    assert [(n.value, n.kind) for n in roe.names] == [
        ("JANE ROE", "primary"),
        ("JANIE ROE", "alias"),
    ]
    assert roe.source_ref == source_ref(
        "JANE ROE A/K/A JANIE ROE", "83 F.R. 5000 2/5/2018", "02/01/2018"
    )


def test_references_are_stable(fixtures: Path) -> None:
    first, _ = _read(fixtures / SAMPLE)
    second, _ = _read(fixtures / SAMPLE)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first)


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text('"Name"\t"Street_Address"\t"FR_Citation"\n"X"\t"Y"\t"Z"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"dpl\.txt, line 1: the header lacks .*Effective_Date"):
        _read(path)


def test_import_through_the_cli(fixtures: Path, cli: CLI, db_path: Path) -> None:
    code, out, err = cli("import", "--db", db_path, fixtures / SAMPLE)
    assert code == 0, err
    assert "us_bis_dpl: imported 6 entities" in out
    with open_store(db_path) as store:
        version = store.dataset("us_bis_dpl")
        assert version is not None
        assert version.publisher == "US Bureau of Industry and Security"
        assert version.issued == "2019-07"


@pytest.mark.shared
def test_real_dpl(shared_lists: Path, cli: CLI, db_path: Path) -> None:
    path = shared_lists / "us-bis" / "dpl_2019-07.txt"
    entities, warnings = _read(path)
    # 546 rows (the MANIFEST's count) make 432 entries: 83 names have several rows under one
    # order, one per address (3 of the rows are exact repeats).
    assert len(entities) == 432
    assert any("546 rows make 432 entries: 83 entries have several rows" in w for w in warnings)
    assert Counter(e.schema for e in entities) == {"LegalEntity": 288, "Person": 144}
    assert any("unreadable Last_Update '3017-08-22'" in w for w in warnings)

    by_name: dict[str, list[Entity]] = {}
    for entity in entities:
        by_name.setdefault(entity.caption, []).append(entity)
    (hernandez,) = by_name["ADRIAN MANUEL HERNANDEZ"]  # " ADRIAN ..." in the file
    assert hernandez.dates[0] == DateFact("listed", "2017-10-16")
    assert hernandez.addresses[0].city == "PHONEIX"  # as the list spells it
    (parto,) = by_name["PARTO ABGARDAN COOLING TOWERS CO."]
    assert parto.schema == "LegalEntity"
    assert len(parto.addresses) == 7
    assert {c.code for c in parto.countries} == {"ir", "us"}
    # One name under two Federal Register citations: two entries.
    assert len(by_name["ABDULAH AL NASSER"]) == 2
    # "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177": a person.
    assert [e.schema for e in by_name["I. ASH"]] == ["Person", "LegalEntity", "LegalEntity"]
    assert CountryRef("country", None, "NM") in by_name["STEPHEN EDWARD SMITH"][0].countries
    (sun,) = by_name["FUYI SUN"]
    assert [n.value for n in sun.names] == ["FUYI SUN", "FRANK SUN"]

    code, out, err = cli("import", "--db", db_path, path)
    assert code == 0, err
    assert "us_bis_dpl: imported 432 entities" in out
