"""Importing list files into a store: detect, read, and replace each dataset atomically.

A dataset whose files have not changed since the last import is left alone (its version is the
hash of the files' content). A file that cannot be read raises SourceError before anything
changes; the previous version of the dataset stays as it was."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from countersight.errors import CountersightError
from countersight.model import DatasetVersion, Record
from countersight.sources.base import Reading, ReadOptions, content_hash
from countersight.sources.detect import Job, plan
from countersight.store.base import Store

Progress = Callable[[str, int], None]
"""Called as records are stored: (dataset name, records so far)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    dataset: str
    format: str
    files: tuple[str, ...]
    status: Literal["imported", "unchanged"]
    version: DatasetVersion
    seconds: float


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> tuple[list[ImportReport], tuple[Path, ...]]:
    """Import every list named (files or folders). Returns a report per dataset and the files
    inside named folders that were not recognised."""
    options = options or ReadOptions()
    the_plan = plan(paths, format=format)
    if options.dataset is not None and len(the_plan.jobs) > 1:
        raise CountersightError(
            f"--dataset names one dataset, but these files make {len(the_plan.jobs)}",
            hint="import them in separate calls, or leave out --dataset",
        )
    readings = [(job, job.format.read(job.group, options)) for job in the_plan.jobs]
    _refuse_two_versions_of_one_dataset(readings)
    fingerprint = options.fingerprint()
    reports = [
        import_reading(store, job, reading, fingerprint=fingerprint, progress=progress)
        for job, reading in readings
    ]
    return reports, the_plan.skipped


def _refuse_two_versions_of_one_dataset(readings: list[tuple[Job, Reading]]) -> None:
    """Two files of one call that would make the same dataset: the second would silently
    replace the first. Refuse before anything is imported."""
    seen: dict[str, Job] = {}
    for job, reading in readings:
        name = reading.info.name
        if name in seen:
            first = seen[name].group.main
            raise CountersightError(
                f"{first} and {job.group.main} would both become dataset {name!r}, the second "
                "replacing the first",
                hint="import them in separate calls, naming one of them with --dataset",
            )
        seen[name] = job


def import_reading(
    store: Store,
    job: Job,
    reading: Reading,
    *,
    fingerprint: str = "",
    progress: Progress | None = None,
) -> ImportReport:
    started = time.perf_counter()
    paths = job.group.paths
    version = content_hash(paths, fingerprint)
    files = tuple(str(p) for p in paths)
    current = store.dataset(reading.info.name)
    if current is not None and current.version == version:
        return ImportReport(reading.info.name, job.format.name, files, "unchanged", current, 0.0)
    stored = store.replace_dataset(
        reading.info,
        version=version,
        format=job.format.name,
        files=files,
        records=_counted(reading.info.name, reading.records, progress),
        warnings=reading.warnings,
    )
    elapsed = time.perf_counter() - started
    return ImportReport(stored.name, job.format.name, files, "imported", stored, elapsed)


def _counted(name: str, records: Iterator[Record], progress: Progress | None) -> Iterator[Record]:
    if progress is None:
        yield from records
        return
    count = 0
    for record in records:
        count += 1
        if count % 500 == 0:
            progress(name, count)
        yield record
    progress(name, count)
