"""``countersight standards`` and ``countersight assess``: the standards as a user meets them."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from countersight.errors import CountersightError
from countersight.outputs import replacing, writable
from countersight.standards.conditions import FactValue
from countersight.standards.evaluate import Assessment, SystemFacts, assess, load_system, to_json
from countersight.standards.questionnaire import (
    AnswerError,
    next_question,
    parse_answer,
    prompt_text,
)
from countersight.standards.render import effect_text, render_markdown
from countersight.standards.schema import builtin_catalogue, builtin_ids, load_builtin, resolve


@click.group("standards")
def standards() -> None:
    """The binding standards Countersight applies (built in, or your own YAML files)."""


@standards.command("list")
def list_standards() -> None:
    """Each built-in standard: id, title, version, requirement count."""
    catalogue = builtin_catalogue()
    for standard_id in builtin_ids():
        standard = load_builtin(standard_id, catalogue)
        click.echo(
            f"{standard.id:<10} {standard.version:<8} {len(standard.requirements):>3} "
            f"requirements  {standard.title}"
        )


@standards.command("show")
@click.argument("standard")
@click.option("--markdown", is_flag=True, help="The full reference, as Markdown.")
def show_standard(standard: str, markdown: bool) -> None:
    """Each requirement of STANDARD (a built-in id or a YAML file): id, kind, legal basis,
    severity, procurement effect."""
    loaded = resolve(standard)
    if markdown:
        click.echo(render_markdown(loaded), nl=False)
        return
    sources = loaded.sources_by_id
    click.echo(f"{loaded.title}  ({loaded.id} {loaded.version}, effective {loaded.effective})")
    for req in loaded.requirements:
        effect = effect_text(req)
        click.echo(f"\n{req.id}  [{req.kind.replace('_', ' ')}, {req.severity}]")
        click.echo(f"  {req.title}")
        click.echo(f"  basis:  {'; '.join(b.cite(sources) for b in req.legal_basis)}")
        click.echo(f"  binds:  {', '.join(req.binds)}")
        click.echo(f"  effect: {effect}")


@click.command("assess")
@click.argument(
    "system_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--standard",
    "standard_name",
    default="fr-ai",
    show_default=True,
    help="A built-in standard's id, or a standard YAML file.",
)
@click.option(
    "--interactive", is_flag=True, help="Ask the questions whose answers still matter, then assess."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the assessment as JSON to this file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
def assess_command(
    system_file: Path | None,
    standard_name: str,
    interactive: bool,
    out: Path | None,
    as_json: bool,
) -> None:
    """Assess an AI system (a YAML or JSON file of facts and evidence) against a standard:
    a status per requirement with reasons and evidence, a verdict, and the open questions."""
    if out is not None:
        writable(out, system_file)
    standard = resolve(standard_name)
    if system_file is not None:
        system = load_system(system_file, standard.catalogue)
    elif interactive:
        system = SystemFacts(
            name=click.prompt("Name of the system", default="unnamed system"), facts={}
        )
    else:
        raise CountersightError(
            "name a system file, or answer the questions with --interactive",
            hint="see examples/systems/ for the file format",
        )
    if interactive:
        system = _ask(standard_name, system)
    result = assess(standard, system)
    data = to_json(result)
    if out is not None:
        with replacing(out) as fh:
            fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print(result, data)
        if out is not None:
            click.echo(f"\nwritten to {out}")


def _ask(standard_name: str, system: SystemFacts) -> SystemFacts:
    standard = resolve(standard_name)
    facts: dict[str, FactValue] = dict(system.facts)
    skipped: set[str] = set()
    asked = 0
    while (fact := next_question(standard, replace(system, facts=facts), skipped)) is not None:
        asked += 1
        click.echo(f"\n{asked}. {prompt_text(fact)}")
        click.echo(click.style(f"   {fact.help}", dim=True))
        while True:
            text = click.prompt(">", default="?", show_default=False)
            try:
                value = parse_answer(fact, text)
                break
            except AnswerError as exc:
                click.echo(f"   {exc}")
        if value is None:
            skipped.add(fact.name)
        else:
            facts[fact.name] = value
    click.echo(f"\n{asked} question(s) asked." if asked else "\nNothing left to ask.")
    return replace(system, facts=facts)


_MARK = {
    "met": "met",
    "not_met": "NOT MET",
    "partly_met": "partly met",
    "not_applicable": "n/a",
    "unknown": "unknown",
}


def _print(result: Assessment, data: dict[str, Any]) -> None:
    standard = result.standard
    click.echo(
        f"{result.system.name}: assessed against {standard.id} {standard.version} "
        f"(sha256 {standard.content_hash[:12]})"
    )
    click.echo(f"verdict: {result.verdict}")
    counts = ", ".join(f"{n} {_MARK[s]}" for s, n in sorted(result.counts().items()))
    click.echo(f"requirements: {counts}\n")
    for finding, row in zip(result.findings, data["requirements"], strict=True):
        req = finding.requirement
        click.echo(f"{_MARK[finding.status]:<11} {req.id:<34} {req.title}")
        if finding.status in ("not_met", "partly_met", "unknown"):
            click.echo(f"{'':<11} {finding.reason}")
            click.echo(f"{'':<11} basis: {'; '.join(row['legal_basis'])}")
            for fact, evidence in finding.evidence:
                source = evidence.title or evidence.url or evidence.publisher
                click.echo(f"{'':<11} evidence ({fact}): {source}")
    if result.questions:
        click.echo("\nQuestions that would settle the unknowns:")
        for question in result.questions:
            asked = standard.catalogue.get(question.fact)
            text = asked.question if asked else question.fact
            click.echo(f"  - {question.fact}: {text}  (settles {', '.join(question.settles)})")
    sys.stdout.flush()
