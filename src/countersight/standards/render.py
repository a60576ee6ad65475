"""Reference documentation of a standard, generated from its YAML (docs/standards/<id>.md)."""

from __future__ import annotations

from countersight.standards.conditions import All, Any_, Condition, Leaf, Not
from countersight.standards.schema import Requirement, Standard


def describe(condition: Condition) -> str:
    """A condition in words: ``all of (a is true; any of (b is x; c includes y))``."""
    if isinstance(condition, Leaf):
        return condition.describe()
    if isinstance(condition, Not):
        return f"not ({describe(condition.child)})"
    word = "all of" if isinstance(condition, All) else "any of"
    assert isinstance(condition, All | Any_)
    return f"{word} (" + "; ".join(describe(c) for c in condition.children) + ")"


def render_markdown(standard: Standard) -> str:
    sources = standard.sources_by_id
    lines = [
        f"# {standard.title}",
        "",
        f"`{standard.id}` version {standard.version}, effective {standard.effective}. "
        "Generated from the standard's YAML by `countersight standards show "
        f"{standard.id} --markdown`; do not edit by hand.",
        "",
    ]
    if standard.summary:
        lines += [standard.summary, ""]
    lines += ["## Sources", ""]
    for source in standard.sources:
        cite = f", {source.citation}" if source.citation else ""
        url = f" <{source.url}>" if source.url else ""
        lines.append(f"- **{source.title}**{cite}.{url}")
    lines += ["", "## Requirements", "", "| id | kind | legal basis | severity | effect |"]
    lines.append("|---|---|---|---|---|")
    for req in standard.requirements:
        basis = "; ".join(b.cite(sources) for b in req.legal_basis)
        lines.append(
            f"| [{req.id}](#{req.id}) | {req.kind.replace('_', ' ')} | {basis} | "
            f"{req.severity} | {_effect(req)} |"
        )
    for req in standard.requirements:
        lines += ["", *_requirement(req, standard)]
    return "\n".join(lines) + "\n"


def _effect(req: Requirement) -> str:
    return effect_text(req, code="`{}`")


def effect_text(req: Requirement, code: str = "{}") -> str:
    """``exclude operator (exg-mis-misconduct), discretionary``: mandatory or discretionary is
    said of exclusions and rejections only."""
    proc = req.procurement
    text = proc.effect.replace("_", " ")
    if proc.exclusion_ground:
        text += " (" + code.format(proc.exclusion_ground) + ")"
    if proc.effect in ("exclude_operator", "reject_tender"):
        text += ", mandatory" if proc.mandatory else ", discretionary"
    return text


def _requirement(req: Requirement, standard: Standard) -> list[str]:
    sources = standard.sources_by_id
    lines = [
        f"### {req.id}",
        "",
        f"**{req.title}** — {req.kind.replace('_', ' ')}, binds {', '.join(req.binds)}, "
        f"severity {req.severity}.",
        "",
    ]
    for basis in req.legal_basis:
        since = f" (applies from {basis.in_force_from})" if basis.in_force_from else ""
        quote = f": “{basis.quote}”" if basis.quote else ""
        lines.append(f"- Basis: {basis.cite(sources)}{since}{quote}")
    if req.applies_when is not None:
        lines.append(f"- Applies when: {describe(req.applies_when)}")
    if req.breach_when is not None:
        lines.append(f"- Breached when: {describe(req.breach_when)}")
    if req.exception_when is not None:
        lines.append(f"- Except when: {describe(req.exception_when)}")
    for check in req.checks:
        lines.append(f"- Check *{check.title}*: {describe(check.condition)}")
    lines.append(f"- Evidence: {'; '.join(req.evidence)}")
    lines.append(
        f"- Procurement: {_effect(req)}"
        + (f". {req.procurement.note}" if req.procurement.note else "")
    )
    if req.note:
        lines.append(f"- Note: {req.note}")
    lines.append(f"- Test vectors: {', '.join(f'{t.name} → {t.expect}' for t in req.tests)}")
    return lines
