"""EU Official Journal annexes as tabulated by OpenSanctions: one CSV per regulation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import Entity, to_dict
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff as detect
from countersight.sources.eu_journal import read, sniff
from countersight.store import Store
from tests.conftest import CLI

EU = ("opensanctions", "eu_journal_sanctions")


def _read(path: Path, dataset: str | None = None) -> tuple[dict[str, Entity], list[str], str]:
    reading = read(SourceGroup(main=path), ReadOptions(dataset=dataset))
    entities = [r for r in reading.records if isinstance(r, Entity)]
    by_ref = {e.source_ref: e for e in entities}
    assert len(by_ref) == len(entities) == len({e.id for e in entities})
    return by_ref, reading.warnings, reading.info.name


@pytest.fixture
def sample(fixtures: Path) -> Path:
    return fixtures / "eu_journal" / "32099R0001.csv"


def test_record_ids_are_numbers_within_an_annex(sample: Path) -> None:
    by_ref, _warnings, name = _read(sample)
    assert name == "eu_journal_32099r0001"
    # recordId 1 is a person in I.PERSONS and a company in I.ENTITIES: two entries.
    person, company = by_ref["I.PERSONS/1"], by_ref["I.ENTITIES/1"]
    assert person.schema == "Person" and company.schema == "LegalEntity"
    assert person.id == "eu-journal-32099r0001-i-persons-1"
    assert company.caption == "Example Holding JSC"


def test_names_aliases_and_original_script(sample: Path) -> None:
    by_ref, warnings, _ = _read(sample)
    names = [(n.value, n.kind, n.original_script) for n in by_ref["I.PERSONS/1"].names]
    assert names == [
        ("Ivan Petrovich EXAMPLOV", "primary", False),
        ("Ivan Petrovich EKZAMPLOV", "alias", False),
        ("Иван Петрович ЭКЗАМПЛОВ", "alias", True),
        ("Іван Петрович ЕКЗАМПЛОВ", "alias", True),
        ("Vanya", "weak_alias", False),
    ]
    company = by_ref["I.ENTITIES/1"]
    assert [(n.value, n.kind) for n in company.names] == [
        ("Example Holding JSC", "primary"),
        ("示例控股有限公司", "alias"),
        ("EH", "alias"),
        ("Example Trust OJSC", "previous"),
    ]
    # "Chinese:" and "Text of image" are artefacts of the Journal's tables, not names.
    assert any("left out 2 alias fragment(s)" in w for w in warnings)


def test_multiple_values_dates_and_identifiers(sample: Path) -> None:
    by_ref, _, _ = _read(sample)
    person = by_ref["I.PERSONS/1"]
    assert [(d.kind, d.value) for d in person.dates] == [
        ("birth", "1960-02-01"),
        ("birth", "1961"),  # a bare year stays a year
        ("listed", "2014-03-17"),
    ]
    assert [(c.role, c.code) for c in person.countries] == [
        ("nationality", "ru"),
        ("nationality", "ua"),
        ("country", "ru"),  # the address piece that only names a country
    ]
    assert [(i.scheme, i.value, i.country, i.note) for i in person.identifiers] == [
        ("passport", "C2002515", "ir", None),
        ("passport", "477845448", None, "issued under another name"),
    ]
    assert person.gender == "male"
    assert person.addresses[0].full == "Ulitsa Primer 1, Moscow, Russian Federation"
    assert person.addresses[0].country == "ru"
    assert person.birth_places == ("Moscow, USSR (now Russian Federation)",)
    assert "position: (a) Governor, (b) General" in person.notes
    assert "father's name: Petr" in person.notes
    assert person.programs == ("EU-TEST",) and person.topics == ("sanction",)
    (evidence,) = person.evidence
    assert evidence.excerpt == "Example reason for listing person one."
    assert evidence.url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32099R0001"
    assert evidence.date == "2014-03-17"
    company = by_ref["I.ENTITIES/1"]
    assert {(i.scheme, i.value) for i in company.identifiers} == {
        ("registration", "1027700000000"),
        ("inn", "7700000000"),
    }
    assert [a.full for a in company.addresses] == [
        "1 Example Street, Kyiv, Ukraine 01001",
        "Minsk, Belarus",
    ]
    assert [a.country for a in company.addresses] == ["ua", "by"]
    assert company.dates_of("incorporation")[0].value == "1944-07-16"
    assert "website: https://example.test/; https://example.example/" in company.notes
    approx = by_ref["I.PERSONS/2"].dates_of("birth")
    assert [(d.value, d.approximate) for d in approx] == [("1957", True)]
    assert by_ref["I.PERSONS/2"].dates_of("listed")[0].value == "2013-10-21"
    assert [c.code for c in by_ref["I.PERSONS/2"].countries] == ["mm"]


def test_profiling_columns_are_never_stored(sample: Path) -> None:
    by_ref, warnings, _ = _read(sample)
    dumped = json.dumps([to_dict(e) for e in by_ref.values()], ensure_ascii=False)
    for text in ("hair colour", "slight", "Examplish", "tribe"):
        assert text not in dumped
    assert not any("appearance" in w or "ethnicity" in w for w in warnings)


def test_hijri_dates_are_not_read_as_gregorian(sample: Path) -> None:
    by_ref, warnings, _ = _read(sample)
    hijri = by_ref["I.PERSONS/3"]
    assert hijri.dates_of("birth") == ()
    assert "date of birth as listed: 24.6.1402 (Hijri Calendar)" in hijri.notes
    assert any("24.6.1402" in w and "line 5" in w for w in warnings)


def test_rows_of_one_entry_are_merged(sample: Path) -> None:
    by_ref, warnings, _ = _read(sample)
    merged = by_ref["I.PERSONS/4"]
    assert [(n.value, n.kind) for n in merged.names] == [
        ("Split EXAMPLE", "primary"),
        ("S. EXAMPLE", "alias"),
        ("Split EXAMPEL", "alias"),
    ]
    (birth,) = merged.dates_of("birth")
    assert (birth.value, birth.end) == ("1975", "1979")
    assert "I.PERSONS/4: rows on lines 6, 7 merged into one entry" in warnings


def test_unnumbered_entries_and_skipped_assets(sample: Path) -> None:
    by_ref, warnings, _ = _read(sample)
    vessel = by_ref["XIII.B/IMO 8606173"]
    assert vessel.schema == "Vessel"
    assert vessel.identifiers[0].scheme == "imo"
    plant = by_ref["V/example-repair-plant-jsc"]
    assert plant.topics == ("export.control",)
    assert plant.dates_of("listed") == ()
    assert len(by_ref) == 7  # the Asset row is not a party
    assert "skipped 1 Asset record(s): not a party" in warnings


def test_header_only_file_is_an_empty_dataset(fixtures: Path) -> None:
    by_ref, warnings, name = _read(fixtures / "eu_journal" / "32099R0002.csv")
    assert (by_ref, warnings, name) == ({}, [], "eu_journal_32099r0002")


def test_sniff_is_specific(sample: Path, fixtures: Path, tmp_path: Path) -> None:
    assert sniff(Sample.of(sample)) is not None
    other = tmp_path / "other.csv"
    other.write_text("name,country\nACME,DE\n", encoding="utf-8")
    assert sniff(Sample.of(other)) is None
    found = detect(sample)
    assert found is not None and found[0].name == "eu_journal"


def test_wrong_column_count_names_the_line(sample: Path, tmp_path: Path) -> None:
    broken = tmp_path / "32099R0003.csv"
    lines = sample.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines[:3], "32099R0003,9,EU-TEST,I", *lines[3:]]) + "\n")
    with pytest.raises(SourceError, match=r"line 4: expected 45 columns, found 4"):
        list(read(SourceGroup(main=broken), ReadOptions()).records)


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("celex,recordId,programKey,annex,measure,startDate\n", encoding="utf-8")
    with pytest.raises(SourceError, match="missing column"):
        read(SourceGroup(main=path), ReadOptions())


def test_import_through_the_cli(cli: CLI, db_path: Path, store: Store, sample: Path) -> None:
    code, out, err = cli("import", "--db", db_path, sample)
    assert code == 0, err
    assert "eu_journal_32099r0001: imported 7 entities" in out
    assert "as eu_journal" in out
    (found,) = store.by_source_ref("I.ENTITIES/1")
    assert found.dataset == "eu_journal_32099r0001"
    version = store.dataset("eu_journal_32099r0001")
    assert version is not None
    assert version.licence == "CC BY-NC 4.0"
    assert version.publisher == (
        "Official Journal of the European Union (tabulated by OpenSanctions)"
    )


# -- the real files ----------------------------------------------------------------------------


def test_real_russia_regulation(shared_lists: Path) -> None:
    by_ref, warnings, name = _read(shared_lists.joinpath(*EU, "32014R0269.csv"))
    assert name == "eu_journal_32014r0269"
    assert len(by_ref) == 2802  # 1,984 persons and 818 entities, every row its own entry
    assert sum(1 for e in by_ref.values() if e.schema == "Person") == 1984
    aksyonov = by_ref["I.PERSONS/1"]
    assert aksyonov.caption == "Sergey Valeryevich AKSYONOV"
    assert ("Сергей Валерьевич АКСЁНОВ", True) in [
        (n.value, n.original_script) for n in aksyonov.names
    ]
    assert [(d.kind, d.value) for d in aksyonov.dates] == [
        ("birth", "1972-11-26"),
        ("listed", "2014-03-17"),
    ]
    assert aksyonov.gender == "male"
    entity = by_ref["I.ENTITIES/1"]
    assert "Chernomorneftegaz" in entity.caption
    assert ("registration", "1149102099717") in [(i.scheme, i.value) for i in entity.identifiers]
    assert entity.dates_of("listed")[0].value == "2014-05-12"
    assert any("alias fragment" in w for w in warnings)


def test_real_files_counts(shared_lists: Path) -> None:
    folder = shared_lists.joinpath(*EU)
    counts = {p.stem: len(_read(p)[0]) for p in sorted(folder.glob("*.csv"))}
    assert len(counts) == 44
    assert sum(counts.values()) == 6270  # 6,271 rows, less one Asset (Belarusian digital rouble)
    assert counts["32002R0881"] == 350  # an unnumbered annex: references made from the names
    assert counts["32006R0765"] == 407
    assert counts["32017R1509"] == 326
    assert [stem for stem, count in counts.items() if count == 0] == [
        "32004R0314",
        "32006R0305",
        "32010D0573",
        "32011D0173",
        "32012R0377",
        "32015R1755",
        "32019R1890",
        "32023R2406",
    ]


def test_real_unnumbered_annexes(shared_lists: Path) -> None:
    al_qaida, warnings, _ = _read(shared_lists.joinpath(*EU, "32002R0881.csv"))
    group = al_qaida["I/abu-sayyaf-group"]
    assert group.countries[0].code == "ph"
    # The tabulation lists two people twice: both rows are kept, the second told apart.
    assert "I/ali-ghaleb-himmat/219" in al_qaida
    assert any("I/ali-ghaleb-himmat" in w for w in warnings)
    prk, _, _ = _read(shared_lists.joinpath(*EU, "32017R1509.csv"))
    assert prk["XIII.B/IMO 8606173"].caption == "Chol Ryong (Ryong Gun Bong)"


def test_real_folder_imports_through_the_cli(
    cli: CLI, db_path: Path, store: Store, shared_lists: Path
) -> None:
    code, out, err = cli("import", "--db", db_path, shared_lists.joinpath(*EU))
    assert code == 0, err
    assert out.count("as eu_journal") == 44
    version = store.dataset("eu_journal_32014r0269")
    assert version is not None and version.entity_count == 2802
    # Every entity reads back (countries the text names no known country of included).
    assert sum(1 for _ in store.iter_entities()) == 6270
    empty = store.dataset("eu_journal_32004r0314")
    assert empty is not None and empty.entity_count == 0
