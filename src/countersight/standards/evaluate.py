"""Assessing an AI system's facts and evidence against a standard, requirement by requirement.

Pure functions: the same standard (same content hash) and the same facts always give the same
assessment. A missing fact makes a requirement unknown, never met."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from countersight.model import Evidence
from countersight.standards.conditions import (
    Condition,
    Facts,
    FactValue,
    Truth,
    deciding_facts,
    open_facts,
)
from countersight.standards.schema import (
    Catalogue,
    Requirement,
    Standard,
    StandardError,
    Status,
    check_facts,
)

Verdict = Literal["prohibited practice found", "obligations unmet", "compliant so far as known"]


@dataclass(frozen=True, slots=True)
class SystemFacts:
    """What is known of one AI system: who offers it, its facts, and the evidence for them."""

    name: str
    facts: Mapping[str, FactValue]
    evidence: tuple[tuple[str, Evidence], ...] = ()
    """(fact name, evidence) pairs: which document shows which fact."""
    provider: str | None = None
    deployer: str | None = None
    description: str | None = None

    @property
    def facts_hash(self) -> str:
        canonical = json.dumps(
            {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(self.facts.items())},
            sort_keys=True,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Finding:
    requirement: Requirement
    status: Status
    reason: str
    decided_by: tuple[tuple[str, FactValue], ...]
    evidence: tuple[tuple[str, Evidence], ...]
    open_facts: tuple[str, ...]
    """Unknown facts whose answers could change this finding (empty unless unknown)."""


@dataclass(frozen=True, slots=True)
class Question:
    fact: str
    settles: tuple[str, ...]
    """The requirements whose status the answer could settle."""


@dataclass(frozen=True, slots=True)
class Assessment:
    standard: Standard
    system: SystemFacts
    findings: tuple[Finding, ...]
    verdict: Verdict
    questions: tuple[Question, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for finding in self.findings:
            out[finding.status] = out.get(finding.status, 0) + 1
        return out


def _show(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]" if value else "none"
    return value


def _facts_text(names: list[str], facts: Facts) -> str:
    return ", ".join(f"{n} = {_show(facts[n])}" for n in names if n in facts)


Outcome = tuple[Status, str, list[str], list[str]]
"""A requirement's status, the reason, the facts that decided it, the facts still open."""


def evaluate_requirement(req: Requirement, facts: Facts) -> Outcome:
    """The status of one requirement, the reason, the facts that decided it, the open facts."""
    if req.applies_when is not None:
        applies = req.applies_when.evaluate(facts)
        if applies is False:
            decided = deciding_facts(req.applies_when, facts)
            return "not_applicable", f"does not apply: {_facts_text(decided, facts)}", decided, []
        if applies is None:
            missing = open_facts(req.applies_when, facts)
            return (
                "unknown",
                f"unknown whether it applies: {', '.join(missing)} not known",
                [],
                missing,
            )
    applied = deciding_facts(req.applies_when, facts) if req.applies_when else []
    if req.kind == "prohibition":
        status, reason, decided, missing = _prohibition(req, facts)
    else:
        status, reason, decided, missing = _obligation(req, facts)
    return status, reason, list(dict.fromkeys(applied + decided)), missing


def _prohibition(req: Requirement, facts: Facts) -> Outcome:
    assert req.breach_when is not None
    breach = req.breach_when.evaluate(facts)
    decided = deciding_facts(req.breach_when, facts)
    if breach is None:
        missing = open_facts(req.breach_when, facts)
        return (
            "unknown",
            f"not known whether the practice is used: {', '.join(missing)}",
            [],
            missing,
        )
    if breach is False:
        return (
            "met",
            f"the prohibited practice is not found: {_facts_text(decided, facts)}",
            decided,
            [],
        )
    if req.exception_when is None:
        return "not_met", f"prohibited practice: {_facts_text(decided, facts)}", decided, []
    exception: Truth = req.exception_when.evaluate(facts)
    excepted = deciding_facts(req.exception_when, facts)
    if exception is None:
        missing = open_facts(req.exception_when, facts)
        return (
            "unknown",
            f"the practice is found ({_facts_text(decided, facts)}); not known whether the "
            f"exception applies: {', '.join(missing)}",
            decided,
            missing,
        )
    if exception:
        return (
            "met",
            f"the practice is found but the exception applies: {_facts_text(excepted, facts)}",
            decided + excepted,
            [],
        )
    return (
        "not_met",
        f"prohibited practice: {_facts_text(decided, facts)}; the exception does not apply: "
        f"{_facts_text(excepted, facts)}",
        decided + excepted,
        [],
    )


def _obligation(req: Requirement, facts: Facts) -> Outcome:
    met: list[str] = []
    unmet: list[str] = []
    unknown: list[str] = []
    decided: list[str] = []
    missing: list[str] = []
    for check in req.checks:
        result = check.condition.evaluate(facts)
        if result is None:
            unknown.append(check.title)
            missing.extend(open_facts(check.condition, facts))
        else:
            (met if result else unmet).append(check.title)
            decided.extend(deciding_facts(check.condition, facts))
    parts = []
    if met:
        parts.append("met: " + "; ".join(met))
    if unmet:
        parts.append("not met: " + "; ".join(unmet))
    if unknown:
        parts.append("unknown: " + "; ".join(unknown))
    reason = " | ".join(parts)
    decided = list(dict.fromkeys(decided))
    if not unmet and not unknown:
        return "met", reason, decided, []
    if not unmet:
        return "unknown", reason, decided, list(dict.fromkeys(missing))
    return ("partly_met" if met else "not_met"), reason, decided, []


def assess(standard: Standard, system: SystemFacts) -> Assessment:
    findings = []
    for req in standard.requirements:
        status, reason, decided, missing = evaluate_requirement(req, system.facts)
        evidence = tuple((f, e) for f, e in system.evidence if f in decided)
        findings.append(
            Finding(
                requirement=req,
                status=status,
                reason=reason,
                decided_by=tuple((n, system.facts[n]) for n in decided if n in system.facts),
                evidence=evidence,
                open_facts=tuple(missing),
            )
        )
    return Assessment(
        standard=standard,
        system=system,
        findings=tuple(findings),
        verdict=_verdict(findings),
        questions=_questions(findings),
    )


def _verdict(findings: list[Finding]) -> Verdict:
    if any(f.requirement.kind == "prohibition" and f.status == "not_met" for f in findings):
        return "prohibited practice found"
    if any(
        f.requirement.kind == "obligation" and f.status in ("not_met", "partly_met")
        for f in findings
    ):
        return "obligations unmet"
    return "compliant so far as known"


_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def _questions(findings: list[Finding]) -> tuple[Question, ...]:
    """The facts to ask about, most severe requirement first; each once."""
    settles: dict[str, list[str]] = {}
    ranked = sorted(
        (f for f in findings if f.status == "unknown"),
        key=lambda f: _SEVERITY_ORDER[f.requirement.severity],
    )
    for finding in ranked:
        for fact in finding.open_facts:
            settles.setdefault(fact, []).append(finding.requirement.id)
    return tuple(Question(fact, tuple(reqs)) for fact, reqs in settles.items())


def check_vectors(standard: Standard) -> list[str]:
    """Run every requirement's test vectors; the failures, described (empty when all pass)."""
    failures = []
    for req in standard.requirements:
        for vector in req.tests:
            status, reason, _, _ = evaluate_requirement(req, vector.facts)
            if status != vector.expect:
                failures.append(
                    f"{standard.id} {req.id} test {vector.name!r}: expected {vector.expect}, "
                    f"got {status} ({reason})"
                )
    return failures


# -- system files ------------------------------------------------------------------------------


def load_system(path: Path, catalogue: Catalogue) -> SystemFacts:
    """A system's facts and evidence from a YAML or JSON file (see examples/systems/)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise StandardError(f"{path}: cannot read the system file: {exc}") from None
    if not isinstance(data, dict):
        raise StandardError(f"{path}: expected a mapping with system, facts and evidence")
    system = data.get("system") or {}
    if not isinstance(system, dict) or not system.get("name"):
        raise StandardError(f"{path}: system.name is missing")
    raw_facts = data.get("facts") or {}
    if not isinstance(raw_facts, dict):
        raise StandardError(f"{path}: facts must be a mapping of fact name to value")
    facts = check_facts(raw_facts, catalogue, str(path))
    evidence: list[tuple[str, Evidence]] = []
    for i, item in enumerate(data.get("evidence") or [], start=1):
        if not isinstance(item, dict) or "fact" not in item or "publisher" not in item:
            raise StandardError(f"{path}: evidence[{i}] needs at least fact and publisher")
        if item["fact"] not in catalogue:
            raise StandardError(f"{path}: evidence[{i}]: unknown fact {item['fact']!r}")
        date = item.get("date")
        evidence.append(
            (
                str(item["fact"]),
                Evidence(
                    publisher=str(item["publisher"]),
                    url=_opt(item.get("url")),
                    date=None if date is None else str(date),
                    title=_opt(item.get("title")),
                    excerpt=_opt(item.get("excerpt")),
                ),
            )
        )
    return SystemFacts(
        name=str(system["name"]),
        provider=_opt(system.get("provider")),
        deployer=_opt(system.get("deployer")),
        description=_opt(system.get("description")),
        facts=facts,
        evidence=tuple(evidence),
    )


def _opt(value: Any) -> str | None:
    return None if value is None else str(value).strip() or None


def to_json(assessment: Assessment) -> dict[str, Any]:
    standard, system = assessment.standard, assessment.system
    sources = standard.sources_by_id

    def evidence_json(pairs: tuple[tuple[str, Evidence], ...]) -> list[dict[str, Any]]:
        return [
            {"fact": f, **{k: v for k, v in vars_of(e).items() if v is not None}} for f, e in pairs
        ]

    return {
        "standard": {
            "id": standard.id,
            "version": standard.version,
            "content_hash": standard.content_hash,
        },
        "system": {
            "name": system.name,
            "provider": system.provider,
            "deployer": system.deployer,
            "facts_hash": system.facts_hash,
        },
        "verdict": assessment.verdict,
        "counts": assessment.counts(),
        "requirements": [
            {
                "id": f.requirement.id,
                "title": f.requirement.title,
                "kind": f.requirement.kind,
                "severity": f.requirement.severity,
                "status": f.status,
                "reason": f.reason,
                "legal_basis": [b.cite(sources) for b in f.requirement.legal_basis],
                "decided_by": {n: list(v) if isinstance(v, tuple) else v for n, v in f.decided_by},
                "evidence": evidence_json(f.evidence),
                "procurement": {
                    "effect": f.requirement.procurement.effect,
                    "exclusion_ground": f.requirement.procurement.exclusion_ground,
                    "mandatory": f.requirement.procurement.mandatory,
                },
                "open_facts": list(f.open_facts),
            }
            for f in assessment.findings
        ],
        "questions": [{"fact": q.fact, "settles": list(q.settles)} for q in assessment.questions],
    }


def vars_of(evidence: Evidence) -> dict[str, Any]:
    return {
        "publisher": evidence.publisher,
        "title": evidence.title,
        "url": evidence.url,
        "date": evidence.date,
        "excerpt": evidence.excerpt,
    }


__all__ = [
    "Assessment",
    "Condition",
    "Finding",
    "Question",
    "SystemFacts",
    "assess",
    "check_vectors",
    "evaluate_requirement",
    "load_system",
    "to_json",
]
