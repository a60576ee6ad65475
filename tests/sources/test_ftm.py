"""FollowTheMoney JSON lines: reading the real exports, folding side records, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countersight.importing import import_paths
from countersight.model import Entity
from countersight.sources.base import ReadOptions, SourceGroup
from countersight.sources.ftm import EXTENSION, read
from countersight.store import Store, open_store
from tests.conftest import CLI


def _read(path: Path, dataset: str = "sample") -> tuple[list[Entity], list[object], list[str]]:
    reading = read(SourceGroup(main=path), ReadOptions(dataset=dataset))
    records = list(reading.records)
    entities = [r for r in records if isinstance(r, Entity)]
    others = [r for r in records if not isinstance(r, Entity)]
    return entities, others, reading.warnings


def test_side_records_are_folded_into_their_entities(fixtures: Path) -> None:
    entities, relations, warnings = _read(fixtures / "ftm" / "sample.ftm.json")
    by_id = {e.id: e for e in entities}
    assert set(by_id) == {"co-1", "pe-1", "pb-1"}
    company = by_id["co-1"]
    assert company.schema == "Company"
    assert company.source_ref == "co-1"
    assert [n.value for n in company.names if n.kind == "alias"] == ["示例视觉科技有限公司", "EVT"]
    assert company.addresses[0].full == "1 Example Road, Shenzhen"
    assert company.addresses[0].city == "Shenzhen"
    assert set(company.topics) == {"export.control", "sanction"}  # sanction from Sanction record
    assert company.programs == ("US-TEST",)
    assert [(d.kind, d.value) for d in company.dates] == [("incorporation", "2015-06")]
    person = by_id["pe-1"]
    assert person.names[0].given == "Example" and person.names[0].family == "Zhang"
    assert ("passport", "E12345678", "cn") in [
        (i.scheme, i.value, i.country) for i in person.identifiers
    ]
    assert person.dates[0].value == "1971"  # a bare year stays a year
    assert by_id["pb-1"].schema == "Organization"  # PublicBody is screened as an organisation
    (ownership,) = relations
    assert (ownership.kind, ownership.source, ownership.target, ownership.share) == (  # type: ignore[attr-defined]
        "ownership",
        "pe-1",
        "co-1",
        51.0,
    )
    assert any("Payment" in w for w in warnings)
    assert any("unknown.topic" in w for w in warnings)


def test_malformed_line_names_file_and_line(tmp_path: Path, cli: CLI, db_path: Path) -> None:
    path = tmp_path / "broken.ftm.json"
    path.write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": "b", "sch\n',
        encoding="utf-8",
    )
    code, _out, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert "broken.ftm.json, line 2" in err
    with open_store(db_path) as store:
        assert store.datasets() == []


def test_export_then_import_gives_the_same_entities(
    fixtures: Path, tmp_path: Path, cli: CLI, db_path: Path
) -> None:
    code, _, _ = cli("import", "--db", db_path, fixtures / "ftm" / "sample.ftm.json")
    assert code == 0
    out = tmp_path / "all.ftm.json"
    code, _, _ = cli("export", "--db", db_path, "--out", out)
    assert code == 0
    again = tmp_path / "again.db"
    code, _, _ = cli("import", "--db", again, "--dataset", "sample", out)
    assert code == 0
    with open_store(db_path) as first, open_store(again) as second:
        assert list(first.iter_entities()) == list(second.iter_entities())
        assert list(first.iter_relationships()) == list(second.iter_relationships())


def test_exported_properties_alone_carry_the_screening_facts(
    fixtures: Path, tmp_path: Path, store: Store
) -> None:
    """Another FtM tool drops our extension key: names, ids, dates and countries survive."""
    import_paths(store, [fixtures / "ftm" / "sample.ftm.json"], options=ReadOptions("sample"))
    from countersight.sources.ftm import dump_lines

    plain = tmp_path / "plain.ftm.json"
    with plain.open("w", encoding="utf-8") as fh:
        for line in dump_lines(store.iter_entities()):
            data = json.loads(line)
            del data[EXTENSION]
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
    entities, _, _ = _read(plain, "sample")
    original = {e.id: e for e in store.iter_entities()}
    for entity in entities:
        before = original[entity.id]
        assert {n.value for n in entity.names} == {n.value for n in before.names}
        assert {(i.scheme, i.value) for i in entity.identifiers} >= {
            (i.scheme, i.value) for i in before.identifiers if i.scheme != "passport"
        }
        assert {(d.kind, d.value) for d in entity.dates} == {
            (d.kind, d.value) for d in before.dates
        }
        assert {c.code for c in entity.countries} == {c.code for c in before.countries}
        assert entity.schema == before.schema


@pytest.mark.parametrize(
    ("name", "entities", "relationships"),
    [
        ("sa_wiki_peps_v2_2024-03_entities.ftm.json", 607, 756),
        ("yente_parteispenden_entities.ftm.json", 96, 0),
        ("yente_t1_entities.ftm.json", 6, 0),
        ("yente_zala_entities.ftm.json", 17, 21),
    ],
)
def test_real_opensanctions_exports(
    shared_lists: Path, store: Store, name: str, entities: int, relationships: int
) -> None:
    reports, _ = import_paths(store, [shared_lists / "opensanctions" / "ftm" / name])
    (report,) = reports
    assert report.format == "ftm"
    assert report.version.entity_count == entities
    assert report.version.relationship_count == relationships


def test_real_export_spot_check(shared_lists: Path, store: Store) -> None:
    import_paths(store, [shared_lists / "opensanctions" / "ftm" / "yente_zala_entities.ftm.json"])
    (person,) = store.entities("NK-2Tbri3s6GgNtAwsSXh4qpL")
    names = {n.value for n in person.names}
    assert "Мария Александровна Осетрова" in names
    assert "Maria Aleksandrovna ZAKHAROVA" in names
    assert ("inn", "183116181362") in {(i.scheme, i.value) for i in person.identifiers}
    assert person.dates_of("birth")[0].value == "1988-01-07"
    assert "sanction" in person.topics
