"""The built-in standard fr-ai: its test vectors, its coverage of the law, its generated
reference, and the three example systems assessed end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countersight.standards.evaluate import assess, evaluate_requirement, load_system
from countersight.standards.render import render_markdown
from countersight.standards.schema import builtin_ids, load_builtin
from tests.conftest import CLI

ROOT = Path(__file__).resolve().parents[2]
FR_AI = load_builtin("fr-ai")


@pytest.mark.parametrize(
    ("requirement", "vector"),
    [(r, t) for r in FR_AI.requirements for t in r.tests],
    ids=[f"{r.id}:{t.name}" for r in FR_AI.requirements for t in r.tests],
)
def test_vector(requirement: object, vector: object) -> None:
    status, reason, _, _ = evaluate_requirement(requirement, vector.facts)  # type: ignore[arg-type,attr-defined]
    assert status == vector.expect, reason  # type: ignore[attr-defined]


def test_every_requirement_has_vectors_for_its_outcomes() -> None:
    for req in FR_AI.requirements:
        outcomes = {t.expect for t in req.tests}
        assert {"unknown"} <= outcomes, f"{req.id}: no vector for a missing fact"
        if req.kind == "prohibition":
            assert {"met", "not_met"} <= outcomes, req.id
        else:
            assert {"met", "not_met"} <= outcomes or {"met", "partly_met"} <= outcomes, req.id


def _cited() -> set[str]:
    sources = FR_AI.sources_by_id
    return {b.cite(sources) for r in FR_AI.requirements for b in r.legal_basis}


def test_the_law_the_standard_must_cover() -> None:
    cited = _cited()
    for point in "abcdefgh":
        assert f"AI Act Art. 5(1)({point})" in cited
    assert {"AI Act Art. 5(2)", "AI Act Art. 5(3)", "AI Act Art. 14(5)"} <= cited
    for article in ("9", "11", "26", "27"):
        assert any(c.startswith(f"AI Act Art. {article}(") for c in cited), article
    for article in ("9", "32", "33", "35"):
        assert any(c.startswith(f"GDPR Art. {article}(") for c in cited), article
    for principle in ("17", "18", "19", "20", "21"):
        assert f"UNGP Principle {principle}" in cited
    ids = {r.id for r in FR_AI.requirements}
    assert {"no-ethnic-or-religious-targeting", "no-cooperation-with-excluded-operators"} <= ids


def test_dates_of_application_come_from_the_text() -> None:
    dates = {
        b.cite(FR_AI.sources_by_id): b.in_force_from
        for r in FR_AI.requirements
        for b in r.legal_basis
    }
    assert dates["AI Act Art. 5(1)(h)"] == "2025-02-02"  # Art. 113(a): Chapters I and II
    assert dates["AI Act Art. 14(5)"] == "2026-08-02"  # Art. 113, second paragraph


def test_the_reference_documentation_is_generated_from_the_yaml() -> None:
    for standard_id in builtin_ids():
        doc = ROOT / "docs" / "standards" / f"{standard_id}.md"
        assert doc.read_text(encoding="utf-8") == render_markdown(load_builtin(standard_id)), (
            f"regenerate: countersight standards show {standard_id} --markdown > {doc}"
        )


def _statuses(name: str) -> tuple[str, dict[str, str]]:
    system = load_system(ROOT / "examples" / "systems" / f"{name}.yaml", FR_AI.catalogue)
    result = assess(FR_AI, system)
    return result.verdict, {f.requirement.id: f.status for f in result.findings}


def test_a_sensenets_like_system_breaches_the_named_prohibitions() -> None:
    verdict, status = _statuses("sensenets-like")
    assert verdict == "prohibited practice found"
    for req in ("aia-5-1-h", "aia-5-1-g", "no-ethnic-or-religious-targeting", "gdpr-32"):
        assert status[req] == "not_met", req
    assert status["aia-27"] == "not_met"  # no fundamental-rights impact assessment
    assert status["no-cooperation-with-excluded-operators"] == "unknown"  # screening's to say


def test_phone_unlock_verification_is_not_high_risk() -> None:
    verdict, status = _statuses("phone-unlock")
    assert verdict == "compliant so far as known"
    for req in (
        "aia-9",
        "aia-10",
        "aia-11",
        "aia-12",
        "aia-13",
        "aia-14",
        "aia-14-5",
        "aia-15",
        "aia-26",
        "aia-27",
        "aia-5-1-h",
        "aia-5-1-g",
    ):
        assert status[req] == "not_applicable", req
    assert "not_met" not in status.values()


def test_a_well_run_deployment_with_partial_documentation_has_the_right_unknowns() -> None:
    system = load_system(ROOT / "examples" / "systems" / "well-run-partial.yaml", FR_AI.catalogue)
    result = assess(FR_AI, system)
    status = {f.requirement.id: f.status for f in result.findings}
    assert result.verdict == "compliant so far as known"
    assert status["aia-5-1-h"] == "met" and status["aia-14-5"] == "met"
    unknown = {r for r, s in status.items() if s == "unknown"}
    assert unknown == {
        "aia-10",
        "aia-15",
        "aia-26-10",
        "gdpr-32",
        "ungp-17-21",
        "no-cooperation-with-excluded-operators",
    }
    asked = [q.fact for q in result.questions]
    assert "security_regularly_tested" in asked
    assert "operator_or_partner_on_exclusion_list" in asked
    assert len(asked) == len(set(asked))


def test_assess_through_the_cli_writes_a_replayable_record(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "assessment.json"
    system = ROOT / "examples" / "systems" / "sensenets-like.yaml"
    code, text, err = cli("assess", "--standard", "fr-ai", system, "--out", out)
    assert code == 0, err
    assert "verdict: prohibited practice found" in text
    first = json.loads(out.read_text(encoding="utf-8"))
    assert first["standard"]["version"] == "1.0.0"
    assert first["standard"]["content_hash"] == FR_AI.content_hash
    code, _, _ = cli("assess", "--standard", "fr-ai", system, "--out", out)
    assert json.loads(out.read_text(encoding="utf-8")) == first
    own = tmp_path / "system.yaml"
    own.write_bytes(system.read_bytes())
    code, _, err = cli("assess", "--standard", "fr-ai", own, "--out", own)
    assert code == 1 and "written over a file it is made from" in err
    assert own.read_bytes() == system.read_bytes()


def test_standards_list_and_show(cli: CLI, fixtures: Path) -> None:
    code, out, _ = cli("standards", "list")
    assert code == 0 and "fr-ai" in out and "26 requirements" in out
    code, out, _ = cli("standards", "show", "fr-ai")
    assert "aia-14-5  [obligation, high]" in out and "basis:  AI Act Art. 14(5)" in out
    code, out, _ = cli("standards", "show", fixtures / "standards" / "camera-basics.yaml")
    assert code == 0 and "no-public-identification" in out
    code, _, err = cli("standards", "show", "nope")
    assert code == 1 and "no built-in standard 'nope'" in err
