"""Standards and facts as data: the YAML format of docs/standards/format.md, read and checked.

A file that breaks the format is refused with a StandardError naming the file, the requirement
and the field, e.g. ``fr-ai.yaml: requirement aia-5-1-h, field legal_basis: at least one``."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast, get_args

import yaml

from countersight.errors import CountersightError
from countersight.standards.conditions import All, Any_, Condition, Leaf, Not

FactType = Literal["bool", "choice", "multi"]
Kind = Literal["prohibition", "obligation", "good_practice"]
Actor = Literal["provider", "deployer", "buyer"]
Severity = Literal["critical", "high", "medium", "low"]
Effect = Literal["exclude_operator", "reject_tender", "award_criterion", "contract_clause"]
Status = Literal["met", "not_met", "partly_met", "not_applicable", "unknown"]
STATUSES: tuple[Status, ...] = get_args(Status)

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FACT = re.compile(r"^[a-z][a-z0-9_]*$")


class StandardError(CountersightError):
    """A standard or fact catalogue that breaks the format."""


@dataclass(frozen=True, slots=True)
class Fact:
    name: str
    question: str
    type: FactType
    help: str
    values: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    facts: tuple[Fact, ...]

    def get(self, name: str) -> Fact | None:
        for fact in self.facts:
            if fact.name == name:
                return fact
        return None

    def __contains__(self, name: object) -> bool:
        return any(f.name == name for f in self.facts)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    citation: str | None = None
    url: str | None = None
    short: str | None = None
    """The name citations use (``AI Act``); the title when absent."""


@dataclass(frozen=True, slots=True)
class LegalBasis:
    instrument: str
    article: str | None = None
    principle: str | None = None
    paragraph: str | None = None
    point: str | None = None
    in_force_from: str | None = None
    quote: str | None = None

    def cite(self, sources: Mapping[str, Source]) -> str:
        """``AI Act Art. 5(1)(h)``-style citation."""
        source = sources.get(self.instrument)
        name = (source.short or source.title) if source else self.instrument
        where = f"Principle {self.principle}" if self.principle else f"Art. {self.article}"
        if self.paragraph:
            where += f"({self.paragraph})"
        if self.point:
            where += f"({self.point})"
        return f"{name} {where}"


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    title: str
    condition: Condition


@dataclass(frozen=True, slots=True)
class Procurement:
    effect: Effect
    mandatory: bool
    exclusion_ground: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TestVector:
    name: str
    facts: Mapping[str, Any]
    expect: Status


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    title: str
    kind: Kind
    binds: tuple[Actor, ...]
    legal_basis: tuple[LegalBasis, ...]
    severity: Severity
    procurement: Procurement
    evidence: tuple[str, ...]
    tests: tuple[TestVector, ...]
    applies_when: Condition | None = None
    breach_when: Condition | None = None
    exception_when: Condition | None = None
    checks: tuple[Check, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Standard:
    id: str
    title: str
    version: str
    effective: str
    summary: str
    sources: tuple[Source, ...]
    requirements: tuple[Requirement, ...]
    content_hash: str
    """SHA-256 of the file the standard was read from: an assessment records it."""
    catalogue: Catalogue
    """The facts its requirements speak of: the shared catalogue and the standard's own."""

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def requirement(self, requirement_id: str) -> Requirement:
        for req in self.requirements:
            if req.id == requirement_id:
                return req
        raise StandardError(f"standard {self.id} has no requirement {requirement_id!r}")


# -- reading -----------------------------------------------------------------------------------


class _Where:
    """Where in a file a value is: for error messages."""

    def __init__(self, path: str, requirement: str | None = None) -> None:
        self.path = path
        self.requirement = requirement

    def error(self, field: str, message: str) -> StandardError:
        where = self.path
        if self.requirement:
            where += f": requirement {self.requirement}"
        return StandardError(f"{where}, field {field}: {message}")


def _yaml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise StandardError(f"{path}{line}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise StandardError(f"{path}: expected a mapping at the top of the file")
    return data


def _text(data: Mapping[str, Any], key: str, where: _Where, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise where.error(key, "missing")
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise where.error(key, f"expected text, found {type(value).__name__}")
    text = str(value).strip()
    if required and not text:
        raise where.error(key, "empty")
    return text


def _optional(data: Mapping[str, Any], key: str, where: _Where) -> str | None:
    return _text(data, key, where, required=False) or None


def _list(data: Mapping[str, Any], key: str, where: _Where, *, required: bool) -> list[Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise where.error(key, "missing")
        return []
    if not isinstance(value, list):
        raise where.error(key, "expected a list")
    if required and not value:
        raise where.error(key, "at least one")
    return value


def _choice(value: Any, allowed: tuple[str, ...], field: str, where: _Where) -> str:
    if value not in allowed:
        raise where.error(field, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _date(data: Mapping[str, Any], key: str, where: _Where, *, required: bool) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise where.error(key, "missing")
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise where.error(key, f"{text!r} is not an ISO date (YYYY-MM-DD)") from None
    return text


def load_catalogue(path: Path | str, text: str | None = None) -> Catalogue:
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    data = _yaml(path, text)
    return Catalogue(_parse_facts(_list(data, "facts", _Where(str(path)), required=True), path))


def _parse_facts(
    items: list[Any], path: Path | str, known: Catalogue | None = None
) -> tuple[Fact, ...]:
    where = _Where(str(path))
    facts: list[Fact] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise where.error(f"facts[{number}]", "expected a mapping")
        name = _text(item, "name", where)
        if not _FACT.match(name):
            raise where.error(f"facts[{number}].name", f"{name!r} is not snake_case")
        if any(f.name == name for f in facts) or (known is not None and name in known):
            raise where.error(f"facts[{number}].name", f"{name!r} is defined twice")
        fact_where = _Where(f"{path}: fact {name}")
        kind = cast(FactType, _choice(item.get("type"), get_args(FactType), "type", fact_where))
        values = tuple(str(v) for v in _list(item, "values", fact_where, required=False))
        if kind in ("choice", "multi") and not values:
            raise fact_where.error("values", f"a {kind} fact needs its allowed values")
        if kind == "bool" and values:
            raise fact_where.error("values", "a bool fact has no values")
        question = _text(item, "question", fact_where)
        if not question.endswith("?"):
            raise fact_where.error("question", "a question ends with '?'")
        facts.append(
            Fact(
                name=name,
                question=question,
                type=kind,
                help=_text(item, "help", fact_where),
                values=values,
                refs=tuple(str(r) for r in _list(item, "refs", fact_where, required=False)),
            )
        )
    return tuple(facts)


def parse_condition(data: Any, catalogue: Catalogue, field: str, where: _Where) -> Condition:
    if not isinstance(data, dict) or not data:
        raise where.error(field, "a condition is a mapping: {fact: ..., is: ...} or all/any/not")
    if "fact" in data:
        return _leaf(data, catalogue, field, where)
    if len(data) != 1:
        raise where.error(field, f"expected one of all, any, not; found {sorted(data)}")
    ((key, value),) = data.items()
    if key == "not":
        return Not(parse_condition(value, catalogue, f"{field}.not", where))
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise where.error(f"{field}.{key}", "expected a non-empty list of conditions")
        children = tuple(
            parse_condition(c, catalogue, f"{field}.{key}[{i}]", where)
            for i, c in enumerate(value, start=1)
        )
        return All(children) if key == "all" else Any_(children)
    raise where.error(field, f"unknown condition {key!r}; expected fact, all, any or not")


def _leaf(data: Mapping[str, Any], catalogue: Catalogue, field: str, where: _Where) -> Leaf:
    name = data["fact"]
    fact = catalogue.get(name) if isinstance(name, str) else None
    if fact is None:
        raise where.error(f"{field}.fact", f"unknown fact {name!r} (not in the fact catalogue)")
    ops = [op for op in ("is", "in", "includes", "includes_any") if op in data]
    extra = set(data) - {"fact", "is", "in", "includes", "includes_any"}
    if len(ops) != 1 or extra:
        raise where.error(
            field, "a fact condition has exactly one of is, in, includes, includes_any"
        )
    op = ops[0]
    value = data[op]

    def allowed(v: Any) -> str:
        if v not in fact.values:
            raise where.error(
                f"{field}.{op}", f"{v!r} is not a value of {fact.name} ({', '.join(fact.values)})"
            )
        return str(v)

    if op == "is":
        if fact.type == "bool":
            if not isinstance(value, bool):
                raise where.error(f"{field}.is", f"{fact.name} is true or false, not {value!r}")
            return Leaf(fact.name, "is", value)
        if fact.type == "multi":
            raise where.error(f"{field}.is", f"{fact.name} is a list: use includes")
        return Leaf(fact.name, "is", allowed(value))
    if op == "in":
        if fact.type != "choice" or not isinstance(value, list):
            raise where.error(f"{field}.in", f"in needs a choice fact and a list ({fact.name})")
        return Leaf(fact.name, "in", tuple(allowed(v) for v in value))
    if fact.type != "multi":
        raise where.error(f"{field}.{op}", f"{op} needs a multi fact; {fact.name} is {fact.type}")
    if op == "includes":
        return Leaf(fact.name, "includes", allowed(value))
    if not isinstance(value, list) or not value:
        raise where.error(f"{field}.includes_any", "expected a non-empty list")
    return Leaf(fact.name, "includes_any", tuple(allowed(v) for v in value))


def check_facts(facts: Mapping[str, Any], catalogue: Catalogue, where: str) -> dict[str, Any]:
    """Facts as given in a system file or a test vector, checked against the catalogue and
    turned into the values conditions compare (bool, str, tuple of str)."""
    out: dict[str, Any] = {}
    for name, value in facts.items():
        fact = catalogue.get(name)
        if fact is None:
            raise StandardError(f"{where}: unknown fact {name!r} (not in the fact catalogue)")
        if value is None:
            continue  # written as unknown
        if fact.type == "bool":
            if not isinstance(value, bool):
                raise StandardError(f"{where}: {name} is true or false, not {value!r}")
            out[name] = value
        elif fact.type == "choice":
            if value not in fact.values:
                raise StandardError(
                    f"{where}: {name} is one of {', '.join(fact.values)}, not {value!r}"
                )
            out[name] = str(value)
        else:
            if not isinstance(value, list) or any(v not in fact.values for v in value):
                raise StandardError(
                    f"{where}: {name} is a list of some of {', '.join(fact.values)}, not {value!r}"
                )
            out[name] = tuple(str(v) for v in value)
    return out


def load_standard(path: Path | str, catalogue: Catalogue, text: str | None = None) -> Standard:
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    data = _yaml(path, text)
    name = Path(str(path)).name
    top = _Where(name)
    standard_id = _text(data, "id", top)
    if not _ID.match(standard_id):
        raise top.error("id", f"{standard_id!r}: lower-case letters, digits and dashes")
    sources = []
    for i, item in enumerate(_list(data, "sources", top, required=True), start=1):
        if not isinstance(item, dict):
            raise top.error(f"sources[{i}]", "expected a mapping")
        sources.append(
            Source(
                id=_text(item, "id", top),
                title=_text(item, "title", top),
                citation=_optional(item, "citation", top),
                url=_optional(item, "url", top),
                short=_optional(item, "short", top),
            )
        )
    source_ids = {s.id for s in sources}
    own = _parse_facts(_list(data, "facts", top, required=False), name, catalogue)
    catalogue = Catalogue(catalogue.facts + own)
    requirements: list[Requirement] = []
    for i, item in enumerate(_list(data, "requirements", top, required=True), start=1):
        if not isinstance(item, dict):
            raise top.error(f"requirements[{i}]", "expected a mapping")
        req = _requirement(item, catalogue, source_ids, _Where(name, str(item.get("id", i))))
        if any(r.id == req.id for r in requirements):
            raise top.error(f"requirements[{i}].id", f"{req.id!r} is used twice")
        requirements.append(req)
    return Standard(
        id=standard_id,
        title=_text(data, "title", top),
        version=_text(data, "version", top),
        effective=cast(str, _date(data, "effective", top, required=True)),
        summary=_text(data, "summary", top, required=False),
        sources=tuple(sources),
        requirements=tuple(requirements),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        catalogue=catalogue,
    )


def _requirement(
    data: Mapping[str, Any], catalogue: Catalogue, source_ids: set[str], where: _Where
) -> Requirement:
    req_id = _text(data, "id", where)
    if not _ID.match(req_id):
        raise where.error("id", f"{req_id!r}: lower-case letters, digits and dashes")
    kind = cast(Kind, _choice(data.get("kind"), get_args(Kind), "kind", where))
    binds = tuple(
        cast(Actor, _choice(a, get_args(Actor), "binds", where))
        for a in _list(data, "binds", where, required=True)
    )
    bases = []
    for i, item in enumerate(_list(data, "legal_basis", where, required=True), start=1):
        field = f"legal_basis[{i}]"
        if not isinstance(item, dict):
            raise where.error(field, "expected a mapping")
        instrument = _text(item, "instrument", where)
        if instrument not in source_ids:
            raise where.error(f"{field}.instrument", f"{instrument!r} is not in sources")
        basis = LegalBasis(
            instrument=instrument,
            article=_optional(item, "article", where),
            principle=_optional(item, "principle", where),
            paragraph=_optional(item, "paragraph", where),
            point=_optional(item, "point", where),
            in_force_from=_date(item, "in_force_from", where, required=False),
            quote=_optional(item, "quote", where),
        )
        if not basis.article and not basis.principle:
            raise where.error(field, "name the article (or the principle) it rests on")
        bases.append(basis)

    def condition(key: str) -> Condition | None:
        return None if data.get(key) is None else parse_condition(data[key], catalogue, key, where)

    applies_when, breach_when = condition("applies_when"), condition("breach_when")
    exception_when = condition("exception_when")
    checks: list[Check] = []
    for i, item in enumerate(_list(data, "checks", where, required=False), start=1):
        if not isinstance(item, dict):
            raise where.error(f"checks[{i}]", "expected a mapping")
        checks.append(
            Check(
                id=_text(item, "id", where),
                title=_text(item, "title", where),
                condition=parse_condition(
                    item.get("condition"), catalogue, f"checks[{i}].condition", where
                ),
            )
        )
    if kind == "prohibition":
        if breach_when is None:
            raise where.error("breach_when", "a prohibition says what the practice is")
        if checks:
            raise where.error("checks", "a prohibition has breach_when, not checks")
    else:
        if not checks:
            raise where.error("checks", f"an {kind} needs at least one check")
        if breach_when is not None or exception_when is not None:
            raise where.error("breach_when", f"only prohibitions have breach_when ({kind})")
    proc = data.get("procurement")
    if not isinstance(proc, dict):
        raise where.error("procurement", "missing: the effect on a tender")
    mandatory = proc.get("mandatory")
    if not isinstance(mandatory, bool):
        raise where.error("procurement.mandatory", "true or false")
    procurement = Procurement(
        effect=cast(
            Effect, _choice(proc.get("effect"), get_args(Effect), "procurement.effect", where)
        ),
        mandatory=mandatory,
        exclusion_ground=_optional(proc, "exclusion_ground", where),
        note=_optional(proc, "note", where),
    )
    tests = []
    for i, item in enumerate(_list(data, "tests", where, required=True), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("facts", {}), dict):
            raise where.error(f"tests[{i}]", "expected {name, facts: {...}, expect}")
        name = _text(item, "name", where)
        facts = check_facts(item.get("facts") or {}, catalogue, f"{where.path}: test {name}")
        expect = cast(Status, _choice(item.get("expect"), STATUSES, f"tests[{i}].expect", where))
        tests.append(TestVector(name=name, facts=facts, expect=expect))
    return Requirement(
        id=req_id,
        title=_text(data, "title", where),
        kind=kind,
        binds=binds,
        legal_basis=tuple(bases),
        severity=cast(
            Severity, _choice(data.get("severity"), get_args(Severity), "severity", where)
        ),
        procurement=procurement,
        evidence=tuple(str(e) for e in _list(data, "evidence", where, required=True)),
        tests=tuple(tests),
        applies_when=applies_when,
        breach_when=breach_when,
        exception_when=exception_when,
        checks=tuple(checks),
        note=_optional(data, "note", where),
    )


# -- the built-in standards --------------------------------------------------------------------

BUILTIN = resources.files("countersight.standards") / "builtin"


def builtin_catalogue() -> Catalogue:
    path = BUILTIN / "facts.yaml"
    return load_catalogue("facts.yaml", path.read_text(encoding="utf-8"))


def builtin_ids() -> list[str]:
    return sorted(
        p.name.removesuffix(".yaml")
        for p in BUILTIN.iterdir()
        if p.name.endswith(".yaml") and p.name != "facts.yaml"
    )


def load_builtin(standard_id: str, catalogue: Catalogue | None = None) -> Standard:
    if standard_id not in builtin_ids():
        raise StandardError(
            f"no built-in standard {standard_id!r}",
            hint=f"built in: {', '.join(builtin_ids())}; or give the path of a YAML file",
        )
    path = BUILTIN / f"{standard_id}.yaml"
    return load_standard(
        f"{standard_id}.yaml", catalogue or builtin_catalogue(), path.read_text(encoding="utf-8")
    )


def resolve(name_or_path: str, catalogue: Catalogue | None = None) -> Standard:
    """A built-in standard by id, or a standard file by path."""
    catalogue = catalogue or builtin_catalogue()
    path = Path(name_or_path)
    if name_or_path.endswith((".yaml", ".yml")) or path.exists():
        if not path.is_file():
            raise StandardError(f"{name_or_path}: no such standard file")
        return load_standard(path, catalogue)
    return load_builtin(name_or_path, catalogue)
