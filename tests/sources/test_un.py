"""The UN Security Council consolidated list reader: a hand-written fixture, the real list, and
the bad inputs an import must refuse without touching the store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.model import CountryRef, DateFact, Entity, Identifier, Name
from countersight.sources import un
from countersight.sources.base import ReadOptions, Sample, SourceGroup
from countersight.sources.detect import sniff
from countersight.store import Store
from tests.conftest import CLI


def read(path: Path, dataset: str | None = None) -> tuple[dict[str, Entity], list[str]]:
    reading = un.read(SourceGroup(main=path), ReadOptions(dataset=dataset))
    entities = {}
    for record in reading.records:
        assert isinstance(record, Entity)
        entities[record.source_ref] = record
    return entities, reading.warnings


@pytest.fixture
def small(fixtures: Path) -> Path:
    return fixtures / "un" / "un_small.xml"


@pytest.fixture
def entities(small: Path) -> dict[str, Entity]:
    return read(small)[0]


# -- recognising the format -------------------------------------------------------------------


def test_the_fixture_is_recognised_as_the_un_list(small: Path) -> None:
    found = sniff(small)
    assert found is not None
    assert found[0].name == "un_sc"


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0"?><sdnList><publshInformation/></sdnList>',
        '<?xml version="1.0"?><data-set><record/></data-set>',
        "CONSOLIDATED_LIST,REFERENCE_NUMBER\nx,y\n",
        "<!-- <CONSOLIDATED_LIST> in a comment only --><export/>",
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, head: str) -> None:
    path = tmp_path / "other.xml"
    path.write_text(head, encoding="utf-8")
    assert un.sniff(Sample.of(path)) is None


# -- what a record becomes --------------------------------------------------------------------


def test_dataset_description(small: Path) -> None:
    reading = un.read(SourceGroup(main=small), ReadOptions())
    assert reading.info.name == "un_sc"
    assert reading.info.publisher == "United Nations Security Council"
    assert reading.info.url == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
    assert reading.info.issued == "2025-11-03"  # from dateGenerated, not from the file name


def test_dataset_name_can_be_given(small: Path) -> None:
    entities, _ = read(small, dataset="un_test")
    assert {e.dataset for e in entities.values()} == {"un_test"}
    assert entities["QDi.901"].id == "un-test-qdi-901"


def test_records_and_skipped_records(small: Path) -> None:
    entities, warnings = read(small)
    assert sorted(entities) == ["CDi.901", "KPe.901", "KPi.901", "QDe.901", "QDi.901"]
    assert "LYi.901: skipped, the record gives no name" in warnings
    # An element the reader does not know is reported once, not dropped silently.
    assert [w for w in warnings if "NEW_FIELD" in w] == [
        "KPi.901: element <NEW_FIELD> is not read (first seen here)"
    ]


def test_person_names(entities: dict[str, Entity]) -> None:
    person = entities["QDi.901"]
    assert person.id == "un-sc-qdi-901"
    assert person.schema == "Person"
    # Four name parts of an Arabic nasab: no family name is claimed.
    assert person.names[0] == Name("SAMIR KHALID YUSUF AL-TESTI", "primary")
    assert Name("سمير خالد يوسف التستي", "alias", lang="ara", original_script=True) in person.names
    assert Name("Samir Khalid al-Testi", "alias") in person.names
    assert Name("Abu Testa", "weak_alias") in person.names
    # "In Arabic: ..." in an alias note, and a bracketed name in another script.
    assert Name("أبو تستا", "weak_alias", lang="ara", original_script=True) in person.names
    assert Name("Samir Testi", "alias") in person.names
    assert Name("سمير تستي", "alias", lang="ara", original_script=True) in person.names
    assert Name("Amir Testov", "weak_alias") in person.names
    assert Name("Амир Тестов", "weak_alias", lang="rus", original_script=True) in person.names
    assert "alias Abu Testa: Previously listed as" in person.notes


def test_given_and_family_only_where_the_order_is_plain(entities: dict[str, Entity]) -> None:
    # The DPRK list writes the family name first.
    assert entities["KPi.901"].names[0] == Name(
        "PAK TEST-SON", "primary", given="TEST-SON", family="PAK"
    )
    assert entities["CDi.901"].names[0] == Name(
        "JEAN-TEST EXEMPLE", "primary", given="JEAN-TEST", family="EXEMPLE"
    )


def test_dates_of_birth(entities: dict[str, Entity]) -> None:
    births = entities["QDi.901"].dates_of("birth")
    assert births == (
        DateFact("birth", "1969-02-05"),  # from an alias
        DateFact("birth", "1968-05-25"),
        DateFact("birth", "1971"),  # a bare year stays a year
        DateFact("birth", "1966", approximate=True),
        DateFact("birth", "1960", end="1963", approximate=True),
        DateFact("birth", "1973-11"),  # written only in NOTE: "Nov. 1973"
        DateFact("birth", "1958-09"),  # YEAR 1958, NOTE "Sep."
    )
    assert "date of birth: 12/03/1390 (Hijri Calendar)" in entities["QDi.901"].notes


def test_a_date_of_birth_that_is_no_date_is_kept_as_a_note(small: Path) -> None:
    entities, warnings = read(small)
    assert entities["CDi.901"].dates_of("birth") == ()
    assert "date of birth: 30-35 years old (approximately)" in entities["CDi.901"].notes
    assert "CDi.901: date of birth '30-35 years old' is not a date; kept as a note" in warnings


def test_other_dates(entities: dict[str, Entity]) -> None:
    person = entities["QDi.901"]
    # LISTED_ON with an XML Schema time zone: 2015-07-01-04:00.
    assert person.dates_of("listed") == (DateFact("listed", "2015-07-01"),)
    assert person.dates_of("modified") == (
        DateFact("modified", "2019-05-02"),
        DateFact("modified", "2021-10-11"),
    )


def test_places_countries_and_addresses(entities: dict[str, Entity]) -> None:
    person = entities["QDi.901"]
    assert person.birth_places == ("Zarqa, Jordan", "Irbid, Irbid Governorate, Jordan")
    assert CountryRef("nationality", "jo", "Jordan") in person.countries
    assert CountryRef("nationality", None, "former Soviet Union") in person.countries
    assert CountryRef("birth", "jo", "Jordan") in person.countries
    assert CountryRef("residence", "jo", "Jordan") in person.countries
    (address,) = person.addresses
    assert address.full == "12 Example Street, Amman, Jordan (as of 2019)"
    assert (address.street, address.city, address.country) == ("12 Example Street", "Amman", "jo")


def test_documents(entities: dict[str, Entity]) -> None:
    person = entities["QDi.901"]
    assert person.identifiers == (
        Identifier("passport", "K1234567", "jo", "issued 2010-01-31; expired on 30 Jan. 2015"),
        Identifier("tax_id", "TSTSMR68E25Z220X", "it", "Italian Fiscal Code; issued in Italy"),
    )
    # A document without a number is kept as a note.
    assert (
        "document: National Identification Number; SSN 000-00-0000 (United States of America)"
        in person.notes
    )


def test_programme_topics_and_notes(entities: dict[str, Entity]) -> None:
    person = entities["QDi.901"]
    assert person.programs == ("Al-Qaida",)
    assert person.topics == ("crime.terror", "sanction")
    assert person.gender == "male"
    assert person.notes[0] == "Fictional entry for tests. Second line of the comment."
    assert "title: Sheikh" in person.notes
    assert "designation: Finance officer" in person.notes
    assert entities["KPi.901"].topics == ("sanction",)


def test_entities(entities: dict[str, Entity]) -> None:
    front = entities["QDe.901"]
    assert front.schema == "Organization"
    assert front.topics == ("crime.terror", "sanction")
    assert Name("Front of Tests", "alias") in front.names
    assert Name("Old Test Brigade", "previous") in front.names
    assert Name("جبهة المثال", "alias", lang="ara", original_script=True) in front.names
    assert Name("Example Front", "alias") in front.names
    assert front.countries == (CountryRef("country", "sy", "Syrian Arab Republic"),)
    korea = entities["KPe.901"]
    assert korea.names == (
        Name("KOREA TEST TRADING CORPORATION", "primary"),
        Name("朝鲜测试贸易会社", "alias", lang="zho", original_script=True),
    )


def test_a_file_of_another_kind_is_refused_when_forced(tmp_path: Path) -> None:
    path = tmp_path / "ofac.xml"
    path.write_text('<?xml version="1.0"?>\n<sdnList><sdnEntry/></sdnList>\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"expected a UN .* found <sdnList>"):
        un.read(SourceGroup(main=path), ReadOptions())


# -- through the command line -----------------------------------------------------------------


def test_import_through_the_cli(cli: CLI, db_path: Path, small: Path, store: Store) -> None:
    code, out, err = cli("import", "--db", db_path, small)
    assert code == 0, err
    assert "un_sc: imported 5 entities" in out
    version = store.dataset("un_sc")
    assert version is not None
    assert version.format == "un_sc"
    assert version.issued == "2025-11-03"
    assert any("LYi.901" in w for w in version.warnings)
    (stored,) = store.by_source_ref("QDi.901", "un_sc")
    assert stored == read(small)[0]["QDi.901"]  # everything read back, unknown country too


def _flat(text: str) -> str:
    """The CLI wraps long messages: compare without whitespace."""
    return "".join(text.split())


def test_a_truncated_file_leaves_the_previous_version(
    cli: CLI, db_path: Path, small: Path, store: Store, tmp_path: Path
) -> None:
    code, _, err = cli("import", "--db", db_path, small)
    assert code == 0, err
    before = store.dataset("un_sc")
    assert before is not None and before.entity_count == 5

    data = small.read_text(encoding="utf-8")
    cut = tmp_path / "un_truncated.xml"
    cut.write_text(data[: data.index("<ENTITIES>") + 40], encoding="utf-8")
    last_line = cut.read_text(encoding="utf-8").count("\n") + 1
    code, _, err = cli("import", "--db", db_path, cut)
    assert code == 1
    assert _flat(f"{cut}, line {last_line}") in _flat(err)
    assert "malformed XML" in err

    after = store.dataset("un_sc")
    assert after is not None
    assert (after.version, after.entity_count) == (before.version, before.entity_count)
    assert len(list(store.iter_entities(["un_sc"]))) == 5


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST dateGenerated="2025-11-03T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>&lol9;</FIRST_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
    </INDIVIDUAL>
  </INDIVIDUALS>
</CONSOLIDATED_LIST>
"""


def test_billion_laughs_is_recognised_then_refused(
    cli: CLI, db_path: Path, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    found = sniff(path)
    assert found is not None and found[0].name == "un_sc"  # the DTD is skipped, not expanded
    started = time.perf_counter()
    code, _, err = cli("import", "--db", db_path, path)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert "refused" in err and "entities" in err
    assert _flat(str(path)) in _flat(err)
    assert store.dataset("un_sc") is None
    assert list(store.iter_entities()) == []


def test_a_dtd_longer_than_the_sample_is_refused_clearly(
    cli: CLI, db_path: Path, store: Store, tmp_path: Path
) -> None:
    padding = "".join(f'  <!ENTITY pad{i} "{"x" * 60}">\n' for i in range(1200))
    path = tmp_path / "long_dtd.xml"
    path.write_text(BILLION_LAUGHS.replace("]>", padding + "]>"), encoding="utf-8")
    assert path.stat().st_size > 64 * 1024
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert "matches no list format" in err
    assert store.dataset("un_sc") is None


EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<CONSOLIDATED_LIST dateGenerated="2025-11-03T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>&secret;</FIRST_NAME>
      <REFERENCE_NUMBER>QDi.998</REFERENCE_NUMBER>
    </INDIVIDUAL>
  </INDIVIDUALS>
</CONSOLIDATED_LIST>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://127.0.0.1:9/evil.dtd">
<CONSOLIDATED_LIST dateGenerated="2025-11-03T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>&secret;</FIRST_NAME>
      <REFERENCE_NUMBER>QDi.997</REFERENCE_NUMBER>
    </INDIVIDUAL>
  </INDIVIDUALS>
</CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (EXTERNAL_ENTITY, "refused"),
        # An entity from an external DTD: the DTD is never fetched, the reference is undefined.
        (EXTERNAL_DTD, "undefined entity"),
    ],
)
def test_external_entities_are_refused(
    cli: CLI, db_path: Path, store: Store, tmp_path: Path, document: str, message: str
) -> None:
    path = tmp_path / "external.xml"
    path.write_text(document, encoding="utf-8")
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert message in err
    assert "root:" not in err  # nothing of /etc/passwd leaks into the message
    assert store.dataset("un_sc") is None


# -- the real list ----------------------------------------------------------------------------


@pytest.fixture
def real(shared_lists: Path) -> Path:
    return shared_lists / "un" / "un_consolidated_2026-02-27.xml"


@pytest.mark.shared
def test_real_list_counts_and_entries(real: Path) -> None:
    entities, warnings = read(real)
    people = [e for e in entities.values() if e.schema == "Person"]
    organisations = [e for e in entities.values() if e.schema == "Organization"]
    assert (len(people), len(organisations)) == (730, 273)

    badege = entities["CDi.001"]
    assert badege.names[0] == Name("ERIC BADEGE", "primary", given="ERIC", family="BADEGE")
    assert badege.dates_of("birth") == (DateFact("birth", "1971"),)
    assert badege.dates_of("listed") == (DateFact("listed", "2012-12-31"),)

    yun = entities["KPi.001"]
    assert yun.names[0] == Name("YUN HO-JIN", "primary", given="HO-JIN", family="YUN")

    saddam = entities["IQi.001"]
    assert Name("صدام حسين التكريتي", "alias", lang="ara", original_script=True) in saddam.names
    assert saddam.dates_of("birth") == (DateFact("birth", "1937-04-28"),)

    qaida = entities["QDe.004"]
    assert qaida.schema == "Organization"
    assert qaida.names[0].value == "AL-QAIDA"
    assert "crime.terror" in qaida.topics

    akhund = entities["TAi.002"]
    assert DateFact("birth", "1955", end="1958", approximate=True) in akhund.dates_of("birth")
    assert akhund.topics == ("sanction",)

    assert entities["SSi.001"].dates_of("listed") == (DateFact("listed", "2015-07-01"),)
    assert DateFact("birth", "1958-09") in entities["QDi.395"].dates_of("birth")
    assert "QDi.291: date of birth '24/06/1402 (Hijri Calendar)' is not a date; kept as a note" in (
        warnings
    )
    cyrillic = [n for e in people for n in e.names if n.lang == "rus"]
    chinese = [n for e in organisations for n in e.names if n.lang == "zho"]
    assert cyrillic and chinese
    assert len(warnings) == 3


@pytest.mark.shared
def test_real_list_imports(cli: CLI, db_path: Path, real: Path, store: Store) -> None:
    code, _, err = cli("import", "--db", db_path, real)
    assert code == 0, err
    version = store.dataset("un_sc")
    assert version is not None
    assert (version.entity_count, version.issued) == (1003, "2026-02-27")
