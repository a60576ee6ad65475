"""Which reader takes which file: formats are recognised from content, and sidecar files
(OFAC alias, address and remarks files) are joined to the main file of their family that is
named in the same call, whatever the order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from countersight.errors import CountersightError, FormatUnknownError, SourceError
from countersight.sources.base import Format, Role, Sample, Sniffed, SourceGroup
from countersight.sources.registry import formats, get_format


@dataclass(frozen=True, slots=True)
class Job:
    format: Format
    group: SourceGroup


@dataclass(frozen=True, slots=True)
class Plan:
    jobs: tuple[Job, ...]
    skipped: tuple[Path, ...]
    """Files inside a named folder that no format recognised (a README, a licence)."""


def sniff(path: Path, forced: str | None = None) -> tuple[Format, Sniffed] | None:
    sample = Sample.of(path)
    if forced is not None:
        fmt = get_format(forced)
        claim = fmt.sniff(sample)
        return fmt, claim or Sniffed(family=fmt.name)
    for fmt in formats():
        claim = fmt.sniff(sample)
        if claim is not None:
            return fmt, claim
    return None


def _expand(paths: Sequence[Path]) -> list[tuple[Path, bool]]:
    """Files to consider, each with whether the user named it directly."""
    out: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _documentation(child):
                    out.append((child, False))
        elif path.exists():
            out.append((path, True))
        else:
            raise SourceError("no such file or folder", path=str(path))
    return out


def _documentation(path: Path) -> bool:
    """Files that sit beside lists in a folder and are never lists: hidden files, Markdown,
    READMEs and licences."""
    name = path.name.lower()
    return name.startswith((".", "readme", "license", "licence", "copyright")) or name.endswith(
        ".md"
    )


def plan(paths: Sequence[Path], *, format: str | None = None) -> Plan:
    mains: list[tuple[Format, Sniffed, Path]] = []
    sidecars: list[tuple[Format, Sniffed, Path]] = []
    skipped: list[Path] = []
    for path, named in _expand(paths):
        if path.stat().st_size == 0:
            if named:
                raise SourceError("the file is empty", path=str(path), hint="check the download")
            skipped.append(path)
            continue
        found = sniff(path, format)
        if found is None:
            if named:
                known = ", ".join(f.name for f in formats())
                raise FormatUnknownError(
                    "the content matches no list format Countersight reads",
                    path=str(path),
                    hint=f"name one with --format (one of: {known})",
                )
            skipped.append(path)
            continue
        fmt, claim = found
        (mains if claim.role == "main" else sidecars).append((fmt, claim, path))

    attached: dict[Path, list[tuple[Role, Path]]] = {path: [] for _, _, path in mains}
    for _fmt, claim, path in sidecars:
        owner = _owner(claim, path, mains)
        taken = {role for role, _ in attached[owner]}
        if claim.role in taken:
            raise SourceError(
                f"a second {claim.role} file for {owner.name}",
                path=str(path),
                hint="import each set of files in its own call",
            )
        attached[owner].append((claim.role, path))
    jobs = tuple(
        Job(fmt, SourceGroup(main=path, sidecars=tuple(sorted(attached[path]))))
        for fmt, _, path in mains
    )
    return Plan(jobs=jobs, skipped=tuple(skipped))


def _owner(claim: Sniffed, path: Path, mains: list[tuple[Format, Sniffed, Path]]) -> Path:
    family = [p for _, c, p in mains if c.family == claim.family]
    if not family:
        raise CountersightError(
            f"{path}: this is the {claim.role} file of a {claim.family} list, but no main file "
            "of that list is named in the same call",
            hint="name the main file too, e.g. countersight import sdn.csv alt.csv add.csv",
        )
    if len(family) == 1:
        return family[0]
    near = [p for p in family if p.parent == path.parent]
    if len(near) == 1:
        return near[0]
    raise CountersightError(
        f"{path}: cannot tell which of {', '.join(str(p) for p in family)} it belongs to",
        hint="import each set of files in its own call",
    )
