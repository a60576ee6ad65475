"""Reading standards: a broken file is refused with the requirement and the field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.standards.schema import Catalogue, StandardError, load_catalogue, load_standard

BASE = Catalogue(())


@pytest.fixture
def text(fixtures: Path) -> str:
    return (fixtures / "standards" / "camera-basics.yaml").read_text(encoding="utf-8")


def test_a_user_written_standard_loads_with_its_own_facts(fixtures: Path) -> None:
    standard = load_standard(fixtures / "standards" / "camera-basics.yaml", BASE)
    assert (standard.id, standard.version, standard.effective) == (
        "camera-basics",
        "0.2.0",
        "2026-01-01",
    )
    assert [r.id for r in standard.requirements] == ["no-public-identification", "audit"]
    assert "audit_published" in standard.catalogue
    assert len(standard.content_hash) == 64
    basis = standard.requirements[1].legal_basis[0]
    assert basis.cite(standard.sources_by_id) == "City camera policy Art. 3(1)"


BROKEN = [
    (
        "unknown fact",
        "- {fact: public_spaces, is: true}",
        "- {fact: public_squares, is: true}",
        "requirement no-public-identification, field breach_when.all[1].fact: "
        "unknown fact 'public_squares'",
    ),
    (
        "bad condition operator",
        "exception_when: {fact: audited, is: true}",
        "exception_when: {every: [{fact: audited, is: true}]}",
        "requirement no-public-identification, field exception_when: unknown condition 'every'",
    ),
    (
        "value a fact does not allow",
        "{fact: uses, includes: identification}",
        "{fact: uses, includes: recognition}",
        "field breach_when.all[2].includes: 'recognition' is not a value of uses",
    ),
    (
        "bool compared with text",
        "applies_when: {fact: stores_faces, is: true}",
        "applies_when: {fact: stores_faces, is: sometimes}",
        "requirement audit, field applies_when.is: stores_faces is true or false",
    ),
    (
        "missing legal basis",
        '    legal_basis:\n      - instrument: city-policy\n        article: "3"\n'
        '        paragraph: "1"\n',
        "",
        "requirement audit, field legal_basis: missing",
    ),
    (
        "legal basis without an article",
        '        article: "2"\n',
        "",
        "requirement no-public-identification, field legal_basis[1]: name the article",
    ),
    (
        "unknown instrument",
        '      - instrument: city-policy\n        article: "2"',
        '      - instrument: state-law\n        article: "2"',
        "field legal_basis[1].instrument: 'state-law' is not in sources",
    ),
    (
        "a test vector expecting a status that does not exist",
        "expect: partly_met",
        "expect: half_met",
        "requirement audit, field tests[3].expect: 'half_met' is not one of",
    ),
    (
        "a test vector with an unknown fact",
        "facts: {stores_faces: false}",
        "facts: {stores_face: false}",
        "test no-faces: unknown fact 'stores_face'",
    ),
    (
        "an obligation without checks",
        "    checks:\n      - {id: audited, title: Independently audited, condition: {fact: "
        "audited, is: true}}\n      - {id: published, title: Audit published, condition: "
        "{fact: audit_published, is: true}}\n",
        "",
        "requirement audit, field checks: an obligation needs at least one check",
    ),
    (
        "a redefined fact",
        "  - name: audited\n",
        "  - name: stores_faces\n",
        "'stores_faces' is defined twice",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_standards_are_refused(
    text: str, name: str, old: str, new: str, message: str
) -> None:
    assert old in text, f"the fixture changed: {old!r} is no longer in it"
    with pytest.raises(StandardError) as info:
        load_standard("camera-basics.yaml", BASE, text.replace(old, new, 1))
    assert message in str(info.value)


def test_not_yaml_says_the_line() -> None:
    with pytest.raises(StandardError, match=r"broken.yaml, line 2: not valid YAML"):
        load_standard("broken.yaml", BASE, "id: x\n  - : [\n")


def test_a_catalogue_question_ends_with_a_question_mark(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("facts:\n  - {name: x, question: Tell me, type: bool, help: h}\n")
    with pytest.raises(StandardError, match="fact x, field question"):
        load_catalogue(path)
