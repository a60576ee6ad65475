"""Assessing systems: statuses with reasons and evidence, the verdict, the questions that would
settle the unknowns, and the same answer every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.model import Evidence
from countersight.standards.evaluate import SystemFacts, assess, check_vectors, to_json
from countersight.standards.schema import Catalogue, Standard, load_standard


@pytest.fixture
def standard(fixtures: Path) -> Standard:
    return load_standard(fixtures / "standards" / "camera-basics.yaml", Catalogue(()))


def test_every_test_vector_of_the_user_standard_passes(standard: Standard) -> None:
    assert check_vectors(standard) == []


def test_a_wrong_vector_is_reported(fixtures: Path) -> None:
    text = (fixtures / "standards" / "camera-basics.yaml").read_text(encoding="utf-8")
    broken = load_standard(
        "x.yaml", Catalogue(()), text.replace("expect: partly_met", "expect: met")
    )
    (failure,) = check_vectors(broken)
    assert "audit test 'half': expected met, got partly_met" in failure


def test_prohibited_practice_with_reason_and_evidence(standard: Standard) -> None:
    report = Evidence(publisher="Vendor", title="Deployment plan", excerpt="faces matched")
    system = SystemFacts(
        name="Square cameras",
        facts={"public_spaces": True, "uses": ("identification",), "audited": False},
        evidence=(("uses", report), ("stores_faces", report)),
    )
    result = assess(standard, system)
    finding = result.findings[0]
    assert finding.status == "not_met"
    assert "prohibited practice: public_spaces = yes, uses = [identification]" in finding.reason
    assert "the exception does not apply: audited = no" in finding.reason
    assert finding.evidence == (("uses", report),)  # only the evidence for deciding facts
    assert result.verdict == "prohibited practice found"
    assert result.findings[1].status == "unknown"  # not known whether it stores faces
    assert [(q.fact, q.settles) for q in result.questions] == [("stores_faces", ("audit",))]


def test_unknown_is_never_met_and_only_open_questions_are_asked(standard: Standard) -> None:
    result = assess(standard, SystemFacts(name="Unknown box", facts={}))
    assert [f.status for f in result.findings] == ["unknown", "unknown"]
    assert result.verdict == "compliant so far as known"
    assert [q.fact for q in result.questions] == ["public_spaces", "uses", "stores_faces"]
    indoors = assess(standard, SystemFacts(name="Indoors", facts={"public_spaces": False}))
    assert indoors.findings[0].status == "met"
    assert "uses" not in [q.fact for q in indoors.questions]  # cannot change anything now


def test_partly_met_obligation_makes_obligations_unmet(standard: Standard) -> None:
    facts = {
        "public_spaces": False,
        "stores_faces": True,
        "audited": True,
        "audit_published": False,
    }
    result = assess(standard, SystemFacts(name="Half", facts=facts))
    assert result.findings[1].status == "partly_met"
    assert result.findings[1].reason == "met: Independently audited | not met: Audit published"
    assert result.verdict == "obligations unmet"


def test_replay_gives_the_same_assessment(standard: Standard) -> None:
    system = SystemFacts(name="S", facts={"public_spaces": True, "uses": ("counting",)})
    first, second = to_json(assess(standard, system)), to_json(assess(standard, system))
    assert first == second
    assert first["standard"] == {
        "id": "camera-basics",
        "version": "0.2.0",
        "content_hash": standard.content_hash,
    }
    assert first["system"]["facts_hash"] == system.facts_hash
