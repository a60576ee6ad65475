"""The ``countersight`` command: a thin adapter over importing, the store and the readers."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, TextIO, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from countersight.errors import CountersightError
from countersight.importing import import_paths
from countersight.model import Entity, to_dict
from countersight.outputs import replacing, writable
from countersight.settings import Settings, store_path
from countersight.sources.base import ReadOptions
from countersight.sources.registry import formats
from countersight.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

err = Console(stderr=True)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="SQLite store to use (default: $COUNTERSIGHT_DB, else "
        "~/.local/share/countersight/countersight.db).",
    )(func)


@contextmanager
def _store(db: Path | None) -> Iterator[Store]:
    with open_store(store_path(db)) as store:
        yield store


class _Commands(click.Group):
    """The command group. The matching and standards commands are imported when one of them
    is asked for (or help lists them): the others start without the matching core, whose
    imports are most of a command's start (about 0.3 s)."""

    ELSEWHERE: ClassVar[dict[str, tuple[str, str]]] = {
        "assess": ("countersight.cli_standards", "assess_command"),
        "compare": ("countersight.cli_matching", "compare_command"),
        "match": ("countersight.cli_matching", "match_command"),
        "screen": ("countersight.cli_matching", "screen_command"),
        "standards": ("countersight.cli_standards", "standards"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.ELSEWHERE and cmd_name not in self.commands:
            module, attribute = self.ELSEWHERE[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="countersight")
def cli() -> None:
    """Countersight: due diligence on surveillance technology.

    Screens parties against sanctions, export-control and exclusion lists, applies binding
    standards for facial recognition and AI, and records exclusion decisions."""


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--format", "format_", default=None, help="Force a format (see `formats`).")
@click.option("--dataset", default=None, help="Store under this dataset name.")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Tabular files: which column holds a field (name, schema, country, id, ...).",
)
@click.option("--schema", default=None, help="Tabular files: schema of rows that do not say.")
@click.option("--sheet", default=None, help="Spreadsheets: the sheet to read (default: first).")
def import_(
    paths: tuple[Path, ...],
    db: Path | None,
    format_: str | None,
    dataset: str | None,
    mapping: tuple[str, ...],
    schema: str | None,
    sheet: str | None,
) -> None:
    """Import list files (or folders of them) into the store.

    The format of each file is recognised from its content. OFAC's alias, address and remarks
    files are joined to the main SDN or consolidated file named in the same call. Importing
    unchanged files again changes nothing; a file that cannot be read leaves the store as it
    was."""
    options = ReadOptions(
        dataset=dataset, mapping=_parse_mapping(mapping), schema=schema, sheet=sheet
    )
    with _store(db) as store, _progress() as progress:
        tasks: dict[str, Any] = {}

        def report(name: str, count: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"importing {name}", total=None)
            progress.update(tasks[name], completed=count, description=f"{name}: {count:,}")

        reports, skipped = import_paths(
            store, list(paths), format=format_, options=options, progress=report
        )
    for path in skipped:
        err.print(
            f"[yellow]skipped[/] {escape(str(path))}: not a list file Countersight recognises"
        )
    for rep in reports:
        v = rep.version
        if rep.status == "unchanged":
            click.echo(f"{rep.dataset}: unchanged (version {v.version[:12]}), nothing to do")
            continue
        click.echo(
            f"{rep.dataset}: imported {v.entity_count:,} entities, "
            f"{v.relationship_count:,} relationships from {len(rep.files)} file(s) "
            f"as {rep.format}, version {v.version[:12]} ({rep.seconds:.1f}s)"
        )
        if v.warnings:
            click.echo(f"  {len(v.warnings)} warning(s), e.g. {v.warnings[0]}")


def _parse_mapping(pairs: tuple[str, ...]) -> dict[str, str] | None:
    if not pairs:
        return None
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{pair!r}: expected FIELD=COLUMN", param_hint="--map")
        out[field.strip()] = column.strip()
    return out


@contextmanager
def _progress() -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        yield progress


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def datasets(db: Path | None, as_json: bool) -> None:
    """List the datasets in the store: publisher, version, issue date, entity count."""
    with _store(db) as store:
        versions = store.datasets()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "name": v.name,
                        "title": v.title,
                        "publisher": v.publisher,
                        "version": v.version,
                        "issued": v.issued,
                        "entities": v.entity_count,
                        "relationships": v.relationship_count,
                        "imported_at": v.imported_at,
                        "format": v.format,
                        "files": list(v.files),
                    }
                    for v in versions
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not versions:
        click.echo("The store holds no datasets yet: run `countersight import FILE`.")
        return
    table = Table(title=None, show_lines=False)
    table.add_column("dataset", no_wrap=True)
    table.add_column("entities", justify="right", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("issued", no_wrap=True)
    table.add_column("imported (UTC)", no_wrap=True)
    table.add_column("publisher")
    for v in versions:
        table.add_row(
            v.name,
            f"{v.entity_count:,}",
            v.version[:12],
            v.issued or "-",
            v.imported_at.replace("T", " ")[:16],
            v.publisher,
        )
    console = Console() if Console().is_terminal else Console(width=200)
    console.print(table)


@cli.command()
@click.argument("entity_id")
@db_option
@click.option("--dataset", default=None, help="Only look in this dataset.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(entity_id: str, db: Path | None, dataset: str | None, as_json: bool) -> None:
    """Show an entity by its id, or by the reference its source gives it (source_ref)."""
    with _store(db) as store:
        found = store.entities(entity_id) or store.by_source_ref(entity_id, dataset)
        found = [e for e in found if dataset is None or e.dataset == dataset]
        relations = {e.id: store.relationships_of(e.id) for e in found}
    if not found:
        raise CountersightError(
            f"no entity with id or source reference {entity_id!r}",
            hint="`countersight export` lists every id",
        )
    if as_json:
        out = [
            {**to_dict(e), "relationships": [to_dict(r) for r in relations[e.id]]} for e in found
        ]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for number, entity in enumerate(found):
        if number:
            click.echo()
        _print_entity(entity, sys.stdout)
        for r in relations[entity.id]:
            share = f" {r.share:g}%" if r.share is not None else ""
            role = f" ({r.role})" if r.role else ""
            click.echo(f"  relation     {r.kind}{share}{role}: {r.source} -> {r.target}")


def _print_entity(entity: Entity, out: TextIO) -> None:
    # Here, not at the top: the matching core loads only for the commands that use it.
    from countersight.matching.scripts import script_of

    def line(label: str, value: str) -> None:
        out.write(f"  {label:<12} {value}\n")

    out.write(f"{entity.caption}  [{entity.schema}]\n")
    line("id", entity.id)
    line("dataset", entity.dataset)
    line("source_ref", entity.source_ref)
    for name in entity.names:
        tags: list[str] = [name.kind]
        script = script_of(name.value)
        if script is not None and script != "Latin":
            tags.append(script)
        if name.original_script:
            tags.append("original script")
        if name.lang:
            tags.append(name.lang)
        line("name", f"{name.value}  ({', '.join(tags)})")
    for ident in entity.identifiers:
        extra = ", ".join(x for x in (ident.country, ident.note) if x)
        line("identifier", f"{ident.scheme}: {ident.value}" + (f" ({extra})" if extra else ""))
    for fact in entity.dates:
        value = fact.value + (f" to {fact.end}" if fact.end else "")
        line("date", f"{fact.kind}: {'about ' if fact.approximate else ''}{value}")
    for place in entity.birth_places:
        line("birth place", place)
    for country in entity.countries:
        label = f" ({country.label})" if country.label else ""
        line("country", f"{country.role}: {country.code or '?'}{label}")
    for address in entity.addresses:
        line("address", address.full)
    if entity.gender:
        line("gender", entity.gender)
    if entity.topics:
        line("topics", ", ".join(entity.topics))
    if entity.programs:
        line("programs", ", ".join(entity.programs))
    for note in entity.notes:
        line("note", note if len(note) <= 300 else note[:297] + "...")
    if entity.source_url:
        line("source", entity.source_url)


@cli.command()
@db_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(["ftm"]),
    default="ftm",
    show_default=True,
    help="FollowTheMoney JSON lines.",
)
@click.option("--dataset", "names", multiple=True, help="Only these datasets (repeatable).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of standard output.",
)
def export(db: Path | None, format_: str, names: tuple[str, ...], out: Path | None) -> None:
    """Export entities and relationships (FollowTheMoney JSON lines)."""
    from countersight.sources.ftm import dump_lines

    if out is not None:
        writable(out, store_path(db))
    with _store(db) as store:
        known = {v.name for v in store.datasets()}
        missing = [n for n in names if n not in known]
        if missing:
            raise CountersightError(
                f"no dataset named {', '.join(missing)}", hint="`countersight datasets` lists them"
            )
        selected = list(names) or None

        def records() -> Iterator[Any]:
            yield from store.iter_entities(selected)
            yield from store.iter_relationships(selected)

        if out is None:
            for text in dump_lines(records()):
                sys.stdout.write(text)
        else:
            with replacing(out) as fh:
                fh.writelines(dump_lines(records()))


@cli.command()
@click.argument("names", nargs=-1)
@db_option
@click.option(
    "--mirror",
    default=None,
    metavar="URL",
    help="Fetch every file from URL/<file name> instead of the publishers (an internal mirror).",
)
@click.option("--list", "list_only", is_flag=True, help="Show the publication table and stop.")
def update(names: tuple[str, ...], db: Path | None, mirror: str | None, list_only: bool) -> None:
    """Fetch the current official lists from their publishers and import them.

    NAMES are dataset names (default: every publication); `--list` shows them and their
    addresses. Lists whose files have not changed are left as they are."""
    from countersight import update as updating

    publications = updating.select(list(names))
    if list_only:
        for pub in publications:
            click.echo(f"{pub.dataset:<14} {pub.title}")
            for remote in pub.files:
                click.echo(f"  {remote.name:<18} {' | '.join(remote.urls)}")
        return
    settings = Settings.from_env()
    with _store(db) as store, _progress() as progress:
        tasks: dict[str, Any] = {}

        def fetched(name: str, size: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=None)
            progress.update(tasks[name], description=f"{name}: {size / 1e6:.1f} MB")

        results = updating.update(
            store,
            publications,
            downloads=settings.download_dir or (db or settings.db).parent / "downloads",
            timeout=settings.http_timeout,
            mirror=mirror,
            progress=fetched,
        )
    failed = 0
    for result in results:
        if result.error is not None:
            failed += 1
            err.print(
                f"[red]{result.publication.dataset}: failed[/]: {escape(result.error)}",
                soft_wrap=True,
            )
            continue
        for rep in result.reports:
            state = "unchanged" if rep.status == "unchanged" else "updated"
            click.echo(
                f"{rep.dataset}: {state}, version {rep.version.version[:12]}, "
                f"{rep.version.entity_count:,} entities"
            )
    if failed:
        raise CountersightError(
            f"{failed} of {len(results)} publications could not be updated",
            hint="the datasets named above keep their previous version",
        )


@cli.command("formats")
def list_formats() -> None:
    """List the list formats Countersight reads."""
    for fmt in formats():
        click.echo(f"{fmt.name:<22} {fmt.title}")


def run(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 error, 2 usage, 130 interrupted)."""
    try:
        cli.main(args=argv, prog_name="countersight", standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except CountersightError as exc:
        err.print(f"[bold red]error:[/] {escape(exc.message)}", highlight=False, soft_wrap=True)
        if exc.hint:
            err.print(f"  hint: {escape(exc.hint)}", highlight=False, soft_wrap=True)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        err.print("interrupted; the store keeps its previous version of the dataset being read")
        return 130
    return 0


def main() -> None:
    sys.exit(run())
