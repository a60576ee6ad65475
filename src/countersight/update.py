"""Fetching the current official lists from their publishers, then importing them.

``PUBLICATIONS`` is the one table of where each list is published (documented in
docs/update.md). Each publication's files are downloaded completely into a fresh folder, checked
to be the format they should be (an error page is not a list), and only then imported, in one
call so that OFAC's sidecar files join their main file. A publication that fails leaves its
dataset as it was; the others go on."""

from __future__ import annotations

import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from countersight import __version__
from countersight.errors import CountersightError
from countersight.importing import ImportReport, import_paths
from countersight.sources.detect import sniff
from countersight.store.base import Store

_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


@dataclass(frozen=True, slots=True)
class RemoteFile:
    name: str
    """The local file name (it also tells OFAC's SDN and consolidated sidecars apart)."""
    urls: tuple[str, ...]
    """Where the publisher serves it, tried in order."""


@dataclass(frozen=True, slots=True)
class Publication:
    dataset: str
    title: str
    format: str
    files: tuple[RemoteFile, ...]


PUBLICATIONS: tuple[Publication, ...] = (
    Publication(
        "un_sc",
        "UN Security Council consolidated list",
        "un_sc",
        (
            RemoteFile(
                "consolidated.xml",
                ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
            ),
        ),
    ),
    Publication(
        "us_ofac_sdn",
        "OFAC Specially Designated Nationals (SDN) list",
        "ofac_csv",
        tuple(
            RemoteFile(name, (_OFAC + name.upper(),))
            for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
        ),
    ),
    Publication(
        "us_ofac_cons",
        "OFAC consolidated non-SDN lists",
        "ofac_csv",
        tuple(
            RemoteFile(name, (_OFAC + name.upper(),))
            for name in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
        ),
    ),
    Publication(
        "us_csl",
        "US Consolidated Screening List",
        "us_csl",
        (
            RemoteFile(
                "consolidated.csv",
                (
                    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/"
                    "consolidated.csv",
                ),
            ),
        ),
    ),
    Publication(
        "us_bis_dpl",
        "BIS Denied Persons List",
        "us_bis_dpl",
        (
            RemoteFile(
                "dpl.txt",
                ("https://www.bis.doc.gov/dpl/dpl.txt", "https://media.bis.gov/dpl/dpl.txt"),
            ),
        ),
    ),
    Publication(
        "ca_sema",
        "Canada Special Economic Measures Act list",
        "ca_sema",
        (
            RemoteFile(
                "sema-lmes.xml",
                (
                    "https://www.international.gc.ca/world-monde/assets/office_docs/"
                    "international_relations-relations_internationales/sanctions/sema-lmes.xml",
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class UpdateResult:
    publication: Publication
    reports: tuple[ImportReport, ...] = ()
    error: str | None = None


Fetched = Callable[[str, int], None]
"""Called as bytes arrive: (file name, bytes so far)."""


def select(names: Sequence[str]) -> tuple[Publication, ...]:
    if not names:
        return PUBLICATIONS
    known = {p.dataset: p for p in PUBLICATIONS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CountersightError(
            f"no publication named {', '.join(unknown)}",
            hint=f"known: {', '.join(known)}",
        )
    return tuple(known[n] for n in names)


def update(
    store: Store,
    publications: Sequence[Publication],
    *,
    downloads: Path,
    timeout: float,
    mirror: str | None = None,
    progress: Fetched | None = None,
) -> list[UpdateResult]:
    """Fetch and import each publication; a failure is reported, not raised."""
    downloads.mkdir(parents=True, exist_ok=True, mode=0o700)
    results = []
    for publication in publications:
        folder = Path(tempfile.mkdtemp(prefix=publication.dataset + "-", dir=downloads))
        try:
            paths = [
                _fetch(remote, folder, timeout=timeout, mirror=mirror, progress=progress)
                for remote in publication.files
            ]
            for path in paths:
                _check(path, publication)
            reports, _ = import_paths(store, paths, format=None)
            results.append(UpdateResult(publication, tuple(reports)))
        except CountersightError as exc:
            results.append(UpdateResult(publication, error=str(exc)))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def _urls(remote: RemoteFile, mirror: str | None) -> tuple[str, ...]:
    if mirror is None:
        return remote.urls
    return (mirror.rstrip("/") + "/" + remote.name,)


def _fetch(
    remote: RemoteFile,
    folder: Path,
    *,
    timeout: float,
    mirror: str | None,
    progress: Fetched | None,
) -> Path:
    target = folder / remote.name
    failures = []
    for url in _urls(remote, mirror):
        if not url.startswith(("https://", "http://")):
            raise CountersightError(f"{url}: only http(s) addresses can be fetched")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url, headers={"User-Agent": f"countersight/{__version__}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                size = 0
                with target.open("wb") as fh:
                    while chunk := response.read(1 << 16):
                        fh.write(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(remote.name, size)
            return target
        except urllib.error.HTTPError as exc:
            failures.append(f"{url}: HTTP {exc.code} {exc.reason}")
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            failures.append(f"{url}: {reason}")
    raise CountersightError(
        f"could not fetch {remote.name}: " + "; ".join(failures),
        hint="check the network, or fetch the file by hand and run `countersight import`",
    )


def _check(path: Path, publication: Publication) -> None:
    if path.stat().st_size == 0:
        raise CountersightError(f"{path.name}: the publisher sent an empty file")
    found = sniff(path)
    if found is None or found[0].name != publication.format:
        what = "an unrecognised file" if found is None else f"a {found[0].name} file"
        raise CountersightError(
            f"{path.name}: expected {publication.format} but received {what} "
            "(an error page or a changed format?)",
            hint="the publisher's address may have moved; see docs/update.md",
        )
