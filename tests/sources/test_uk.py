"""The UK FCDO sanctions list summary (ODS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import Entity
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff as detect
from countersight.sources.uk import read, sniff
from countersight.store import Store
from tests.conftest import CLI
from tests.sources.odsfile import Cell, write_ods

HEADER = [
    "Unique ID",
    "OFSI Group ID",
    "Name",
    "Regime Name",
    "Type",
    "Designation source",
    "Date Designated",
    "Sanctions Imposed",
]
ROWS: list[list[Cell]] = [
    [
        *("AFG0001", "12703", "HAJI KHAIRULLAH  MONEY EXCHANGE", "Afghanistan", "Entity"),
        *("UN", "29-06-2012", "Asset freeze"),
    ],
    [
        *("RUS0001", 12944.0, "Kiselyov  Dmitry Konstantinovich", "Russia", "Individual"),
        *("UK", "31-12-2020", "Asset freeze, Travel Ban"),
    ],
    [
        *("GHR0050", "13918", "LUKASHENKO Alexander", "Global Human Rights", "Individual"),
        *("UK|UN", ("date", "2020-09-29"), "Asset freeze"),
    ],
    [
        *("DPR0075", "", "Petrel 8", "Democratic People's Republic of Korea", "Ship"),
        *("UN", "03-10-2017", "Prohibition of port entry"),
    ],
    ["BEL0174", "16744", "", "Belarus", "Individual", "UK", "27-01-2025", "Asset freeze"],
    [
        *("MYA0052", "15495", "Sky One Construction Company Ltd   *", "Myanmar", "Entity"),
        *("UK", "24-08-2022", "Asset freeze"),
    ],
    ["XXX0001", "1", "Odd Thing", "Test", "Spaceship", "UK", "31-02-2020", "Asset freeze"],
]

URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"


@pytest.fixture
def summary(tmp_path: Path) -> Path:
    rows: list[list[Cell]] = [["UK sanctions list summary"], [], list(HEADER), *ROWS]
    return write_ods(tmp_path / "FCDO_UK_Sanctions_List_2025-01-02.ods", {"Summary": rows})


def _read(path: Path) -> tuple[dict[str, Entity], list[str]]:
    reading = read(SourceGroup(main=path), ReadOptions())
    assert reading.info.name == "gb_fcdo"
    entities = {r.source_ref: r for r in reading.records if isinstance(r, Entity)}
    return entities, reading.warnings


def test_rows_become_entities(summary: Path) -> None:
    reading = read(SourceGroup(main=summary), ReadOptions())
    assert reading.info.issued == "2025-01-02"
    assert reading.info.publisher == "UK Foreign, Commonwealth & Development Office"
    assert reading.info.url == URL
    entities = {r.source_ref: r for r in reading.records if isinstance(r, Entity)}
    assert set(entities) == {"AFG0001", "RUS0001", "GHR0050", "DPR0075", "MYA0052", "XXX0001"}
    person = entities["RUS0001"]
    assert person.id == "gb-fcdo-rus0001"
    assert person.schema == "Person"
    assert [n.value for n in person.names] == ["Kiselyov Dmitry Konstantinovich"]  # spaces
    assert person.programs == ("Russia",)
    assert person.topics == ("sanction",)
    assert [(d.kind, d.value) for d in person.dates] == [("listed", "2020-12-31")]
    assert [(i.scheme, i.value, i.note) for i in person.identifiers] == [
        ("other", "12944", "OFSI Group ID")  # a number cell, read as displayed
    ]
    assert "sanctions imposed: Asset freeze, Travel Ban" in person.notes
    assert entities["AFG0001"].schema == "LegalEntity"
    assert entities["DPR0075"].schema == "Vessel"
    assert entities["DPR0075"].identifiers == ()
    both = entities["GHR0050"]
    assert "designated by: UK and UN" in both.notes
    assert both.dates[0].value == "2020-09-29"  # a cell typed as a date


def test_doubtful_rows_are_warned_about(summary: Path) -> None:
    entities, warnings = _read(summary)
    assert "BEL0174" not in entities
    assert "row 8: BEL0174 has no name; skipped" in warnings
    starred = entities["MYA0052"]
    assert starred.caption == "Sky One Construction Company Ltd"
    assert any("asterisk" in note for note in starred.notes)
    odd = entities["XXX0001"]
    assert odd.schema == "LegalEntity"
    assert odd.dates == ()
    assert any("XXX0001 has unknown type 'Spaceship'" in w for w in warnings)
    assert any("unreadable Date Designated '31-02-2020'" in w for w in warnings)


def test_sniff_needs_the_fcdo_header(summary: Path, tmp_path: Path) -> None:
    assert sniff(Sample.of(summary)) is not None
    other = write_ods(tmp_path / "other.ods", {"S": [["Name", "Country"], ["ACME", "DE"]]})
    assert sniff(Sample.of(other)) is None
    csv = tmp_path / "list.csv"
    csv.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    assert sniff(Sample.of(csv)) is None  # the layout, but not an ODS file
    found = detect(summary)
    assert found is not None and found[0].name == "gb_fcdo"


def test_other_layout_is_an_error(tmp_path: Path) -> None:
    other = write_ods(tmp_path / "other.ods", {"S": [["Name", "Country"], ["ACME", "DE"]]})
    with pytest.raises(SourceError, match="no header row with the FCDO columns"):
        read(SourceGroup(main=other), ReadOptions())


def test_import_through_the_cli(cli: CLI, db_path: Path, store: Store, summary: Path) -> None:
    code, out, err = cli("import", "--db", db_path, summary)
    assert code == 0, err
    assert "gb_fcdo: imported 6 entities" in out and "as gb_fcdo" in out
    (found,) = store.by_source_ref("RUS0001")
    assert found.caption == "Kiselyov Dmitry Konstantinovich"


# -- the real file -----------------------------------------------------------------------------


@pytest.fixture
def real(shared_lists: Path) -> Path:
    return shared_lists / "uk" / "FCDO_UK_Sanctions_List_2025-08-11.ods"


def test_real_list(real: Path) -> None:
    entities, warnings = _read(real)
    # 5,302 rows; two have no name (BEL0174, RUS1467) and are skipped with a warning.
    assert len(entities) == 5300
    assert warnings == [
        "row 649: BEL0174 has no name; skipped",
        "row 3524: RUS1467 has no name; skipped",
    ]
    schemas = [e.schema for e in entities.values()]
    assert (schemas.count("Person"), schemas.count("LegalEntity"), schemas.count("Vessel")) == (
        3752,
        1087,
        461,
    )
    first = entities["AFG0001"]
    assert first.caption == "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    assert first.programs == ("Afghanistan",)
    assert first.dates[0].value == "2012-06-29"
    assert "designated by: UN" in first.notes
    last = entities["YEM0018"]
    assert last.caption == "Al-HOUTHI Ali Hussein Badr Al Din"
    assert last.dates[0].value == "2024-02-27"
    assert entities["DPR0075"].schema == "Vessel"
    # One person designated under three regimes: three entries, one OFSI Group ID.
    jafari = [
        e
        for e in entities.values()
        if ("other", "10638") in [(i.scheme, i.value) for i in e.identifiers]
    ]
    assert sorted(e.source_ref for e in jafari) == ["INU0011", "IRN0058", "SYR0161"]
    programs = {p for e in entities.values() for p in e.programs}
    assert len(programs) == 31


def test_real_list_imports_through_the_cli(
    cli: CLI, db_path: Path, store: Store, real: Path
) -> None:
    code, out, err = cli("import", "--db", db_path, real)
    assert code == 0, err
    assert "gb_fcdo: imported 5,300 entities" in out and "as gb_fcdo" in out
    version = store.dataset("gb_fcdo")
    assert version is not None
    assert version.issued == "2025-08-11"
    assert version.licence == "Open Government Licence v3.0"
    (kiselyov,) = store.by_source_ref("RUS0001", "gb_fcdo")
    assert kiselyov.caption == "Kiselyov Dmitry Konstantinovich"
