# ruff: noqa: RUF001  (Cyrillic test data is meant to look like Latin letters)
"""Canada's consolidated sanctions list (SEMA XML): a hand-written fixture, the free-text alias
field, and the real list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import DateFact, Entity, Identifier, Name
from countersight.sources import canada
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff
from countersight.store import Store
from tests.conftest import CLI


def read(path: Path) -> tuple[dict[str, Entity], list[str]]:
    reading = canada.read(SourceGroup(main=path), ReadOptions())
    entities = {}
    for record in reading.records:
        assert isinstance(record, Entity)
        assert record.source_ref not in entities
        entities[record.source_ref] = record
    return entities, reading.warnings


@pytest.fixture
def small(fixtures: Path) -> Path:
    return fixtures / "canada" / "canada_small.xml"


@pytest.fixture
def entities(small: Path) -> dict[str, Entity]:
    return read(small)[0]


# -- recognising the format -------------------------------------------------------------------


def test_the_fixture_is_recognised(small: Path) -> None:
    found = sniff(small)
    assert found is not None
    assert found[0].name == "ca_sema"


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0"?><data-set><record><Name>x</Name><Amount>1</Amount></record>'
        "</data-set>",
        '<?xml version="1.0"?><data-set/>',
        '<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>',
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, head: str) -> None:
    path = tmp_path / "other.xml"
    path.write_text(head, encoding="utf-8")
    assert canada.sniff(Sample.of(path)) is None


def test_dataset_description(small: Path, tmp_path: Path) -> None:
    reading = canada.read(SourceGroup(main=small), ReadOptions())
    assert (reading.info.name, reading.info.publisher) == ("ca_sema", "Global Affairs Canada")
    assert reading.info.issued is None  # the file has no date, nor has its name
    dated = tmp_path / "canada_sema_2025-03-14.xml"
    dated.write_bytes(small.read_bytes())
    assert canada.read(SourceGroup(main=dated), ReadOptions()).info.issued == "2025-03-14"


# -- what a record becomes --------------------------------------------------------------------


def test_source_refs_are_regime_schedule_and_item(small: Path) -> None:
    entities, warnings = read(small)
    assert list(entities) == [
        "Belarus; Schedule 1, Part 1; Item 1",
        "Syria; Part 2; Item 60",
        "Russia; Schedule 1, Part 1; Item 12",
        "Russia; Schedule 1, Part 1; Item 13",
        "Sudan; Part 1; Item 1",
        "Russia; Schedule 1, Part 2; Item 689",
        "Russia; Schedule 1.1; Item 1",
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR); Item 7",
        # The same regime, schedule and item again: kept, told apart, and reported.
        "Belarus; Schedule 1, Part 1; Item 1 (2)",
        "Russia; Schedule 1, Part 3; Item 17",  # written "1,Part 3"
        "Russia; Nowhere Listed LLC",  # no Item: cited by regime and name
    ]
    assert entities["Belarus; Schedule 1, Part 1; Item 1"].id == (
        "ca-sema-belarus-schedule-1-part-1-item-1"
    )
    assert (
        "record 9: 'Belarus; Schedule 1, Part 1; Item 1' is listed again; "
        "this entry is 'Belarus; Schedule 1, Part 1; Item 1 (2)'"
    ) in warnings
    assert "record 10: element <Remark> is not read (first seen here)" in warnings
    assert (
        "record 11: no Country or Item to cite it by; cited as 'Russia; Nowhere Listed LLC'"
        in warnings
    )


def test_person_with_labelled_aliases(entities: dict[str, Entity]) -> None:
    person = entities["Belarus; Schedule 1, Part 1; Item 1"]
    assert person.schema == "Person"
    assert person.names == (
        Name("Ivan Petrovich Testovich", "primary", given="Ivan Petrovich", family="Testovich"),
        Name("Ivan Piatrovich TESTOVICH", "alias"),
        Name("Іван Пятровіч ТЭСТОВІЧ", "alias", lang="bel"),
        Name("Иван Петрович ТЕСТОВИЧ", "alias", lang="rus"),
    )
    assert person.dates == (DateFact("birth", "1965-04-29"), DateFact("listed", "2020-09-28"))
    assert person.programs == ("Belarus",)  # the regime, not a country of the person
    assert person.countries == ()
    assert person.topics == ("sanction",)


def test_person_with_a_title_and_non_breaking_spaces(entities: dict[str, Entity]) -> None:
    person = entities["Syria; Part 2; Item 60"]
    assert person.names == (
        Name("Samir Al-Exemple", "primary", given="Samir", family="Al-Exemple"),
    )
    assert person.notes == ("title: Major General/major-général",)
    assert person.dates_of("birth") == (DateFact("birth", "1958"),)


def test_dates_of_birth_in_several_spellings(small: Path) -> None:
    entities, warnings = read(small)
    assert entities["Russia; Schedule 1, Part 1; Item 12"].dates_of("birth") == (
        DateFact("birth", "1963"),
        DateFact("birth", "1964"),
    )
    assert entities["Russia; Schedule 1, Part 1; Item 13"].dates_of("birth") == (
        DateFact("birth", "1970", end="1971"),
    )
    sudan = entities["Sudan; Part 1; Item 1"]
    assert sudan.dates_of("birth") == ()
    assert "date of birth: born in the early 1970s" in sudan.notes
    assert (
        "Sudan; Part 1; Item 1: date of birth 'born in the early 1970s' is not a date; "
        "kept as a note"
    ) in warnings


def test_a_surname_comma_given_alias_stays_whole(entities: dict[str, Entity]) -> None:
    person = entities["Russia; Schedule 1, Part 1; Item 12"]
    assert Name("Примеров, Олег Анатольевич", "alias") in person.names
    assert Name("Примеров", "alias") not in person.names


def test_entity_aliases(entities: dict[str, Entity]) -> None:
    company = entities["Russia; Schedule 1, Part 2; Item 689"]
    assert company.schema == "LegalEntity"
    assert [n.value for n in company.names] == [
        "Joint Stock Company Example Instruments Plant",
        "Example Instruments Plant, АО",
        'Акционерное общество "Завод Пример"',
        "ЗП",
        "EIP",
        "Example Plant Co., Ltd.",
    ]


def test_vessel(entities: dict[str, Entity]) -> None:
    vessel = entities["Russia; Schedule 1.1; Item 1"]
    assert vessel.schema == "Vessel"
    assert vessel.identifiers == (Identifier("imo", "9000002"),)
    assert vessel.dates == (DateFact("other", "1980"), DateFact("listed", "2025-02-21"))
    assert vessel.notes == ("vessel type: General Cargo / Multi Purpose", "build date: 1980")


def test_thematic_regime(entities: dict[str, Entity]) -> None:
    person = entities[
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR); Item 7"
    ]
    assert person.programs == (
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)",
    )


ALIASES = [
    ("Jane Example", [("Jane Example", None)]),
    ("Jan Przyklad; Ян Пшиклад", [("Jan Przyklad", None), ("Ян Пшиклад", None)]),
    (
        "Иван ТЕСТОВ / Іван ТЕСТОВ",
        [("Иван ТЕСТОВ", None), ("Іван ТЕСТОВ", None)],
    ),
    (
        "Ivan Testau, Belarusian: Іван Тэстаў, Russian\xa0: Иван Тестов",
        [("Ivan Testau", None), ("Іван Тэстаў", "bel"), ("Иван Тестов", "rus")],
    ),
    # A surname, then given name and patronymic: one name, not a lone surname.
    ("Тестов, Иван Петрович", [("Тестов, Иван Петрович", None)]),
    # A legal form after a comma belongs to the name, before or after it.
    ("Завод Пример, АО", [("Завод Пример, АО", None)]),
    ("ОАО, Пример", [("ОАО, Пример", None)]),
    ("Example Trading Co., Ltd., ETC", [("Example Trading Co., Ltd.", None), ("ETC", None)]),
    ("Example Plant, LLC Example", [("Example Plant", None), ("LLC Example", None)]),
    # A comma inside brackets, and a lower-case continuation, do not split.
    ("Example Institute (EI, JSC)", [("Example Institute (EI, JSC)", None)]),
    (
        "Министерство образования, науки и спорта Примерии",
        [("Министерство образования, науки и спорта Примерии", None)],
    ),
    # "or" splits whole names or acronyms only.
    (
        "Bank of Examples or BOE",
        [("Bank of Examples", None), ("BOE", None)],
    ),
    ("Nikolay or Nikolai Testov", [("Nikolay or Nikolai Testov", None)]),
    (
        "Anna Testova or Hanna Testava",
        [("Anna Testova", None), ("Hanna Testava", None)],
    ),
    # A change of script, even without a separator, and a label glued to its name.
    (
        "Samir Testi Samir Testy\n سمير تستي",
        [("Samir Testi Samir Testy", None), ("سمير تستي", None)],
    ),
    (
        "Example Trading LLC    Arabic:شركة المثال",
        [("Example Trading LLC", None), ("شركة المثال", "ara")],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), ALIASES)
def test_split_aliases(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert canada.split_aliases(text) == expected


def test_a_file_of_another_kind_is_refused_when_forced(fixtures: Path) -> None:
    with pytest.raises(SourceError, match=r"expected Canada's .* found <CONSOLIDATED_LIST>"):
        canada.read(SourceGroup(main=fixtures / "un" / "un_small.xml"), ReadOptions())


# -- through the command line -----------------------------------------------------------------


def test_import_through_the_cli(cli: CLI, db_path: Path, small: Path, store: Store) -> None:
    code, out, err = cli("import", "--db", db_path, small)
    assert code == 0, err
    assert "ca_sema: imported 11 entities" in out
    version = store.dataset("ca_sema")
    assert version is not None
    assert version.format == "ca_sema"
    for ref, entity in read(small)[0].items():
        assert store.by_source_ref(ref, "ca_sema") == [entity]  # read back whole


# -- the real list ----------------------------------------------------------------------------


@pytest.fixture
def real(shared_lists: Path) -> Path:
    return shared_lists / "canada" / "canada_sema.xml"


@pytest.mark.shared
def test_real_list(real: Path) -> None:
    entities, warnings = read(real)
    assert len(entities) == 4759  # as MANIFEST.md says; every derived key is unique
    assert Counter(e.schema for e in entities.values()) == {
        "Person": 3334,
        "LegalEntity": 1316,
        "Vessel": 109,
    }
    # Only the two dates of birth that are no dates: no duplicate key, no unknown element.
    assert warnings == [
        "Russia; Schedule 1, Part 1; Item 1114: date of birth 'Sep-99' is not a date; "
        "kept as a note",
        "Sudan; Part 1; Item 1: date of birth 'born in the early 1970s' is not a date; "
        "kept as a note",
    ]
    lukashenko = entities["Belarus; Schedule 1, Part 1; Item 8"]
    assert lukashenko.names[0] == Name(
        "Aleksandr Grigoryevich Lukashenko",
        "primary",
        given="Aleksandr Grigoryevich",
        family="Lukashenko",
    )
    assert lukashenko.dates_of("birth") == (DateFact("birth", "1954-08-30"),)
    assert lukashenko.dates_of("listed") == (DateFact("listed", "2020-09-28"),)

    poly = entities["Russia; Schedule 1, Part 2; Item 689"]
    assert [n.value for n in poly.names] == ["Poly Technologies, Inc.", "PTI", "保利科技有限公司"]

    vessels = [e for e in entities.values() if e.schema == "Vessel"]
    ship = next(v for v in vessels if v.caption == "Balitiyskiy III")
    assert ship.identifiers == (Identifier("imo", "7612448"),)
    assert DateFact("other", "1980") in ship.dates
    assert len({e.id for e in entities.values()}) == 4759


@pytest.mark.shared
def test_real_list_imports(cli: CLI, db_path: Path, real: Path, store: Store) -> None:
    code, _, err = cli("import", "--db", db_path, real)
    assert code == 0, err
    version = store.dataset("ca_sema")
    assert version is not None
    assert version.entity_count == 4759


def test_a_record_without_a_regime_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "sema.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<data-set>\n<record>'
        "<LastName>Example</LastName><GivenName>Person</GivenName><Item>1</Item>"
        "</record>\n</data-set>\n",
        encoding="utf-8",
    )
    reading = canada.read(SourceGroup(main=path), ReadOptions())
    (entity,) = list(reading.records)
    assert isinstance(entity, Entity)
    assert entity.caption == "Person Example"
    assert entity.programs == ()
