"""`update` fetches from the publishers (here: a server on loopback), checks what arrived and
imports it; nothing in these tests leaves the machine."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from countersight.store import Store
from countersight.update import PUBLICATIONS, Publication, RemoteFile, select, update
from tests.conftest import CLI


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static file server on 127.0.0.1 serving the folder it yields."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


SAMPLE = Publication(
    "sample", "Sample list", "ftm", (RemoteFile("sample.ftm.json", ("https://invalid.example/",)),)
)


def test_fetches_checks_and_imports(
    served: tuple[str, Path], fixtures: Path, store: Store, tmp_path: Path
) -> None:
    base, root = served
    shutil.copy(fixtures / "ftm" / "sample.ftm.json", root / "sample.ftm.json")
    (result,) = update(store, [SAMPLE], downloads=tmp_path / "dl", timeout=5, mirror=base)
    assert result.error is None
    (report,) = result.reports
    assert report.status == "imported"
    assert report.version.entity_count == 3
    (again,) = update(store, [SAMPLE], downloads=tmp_path / "dl", timeout=5, mirror=base)
    assert again.reports[0].status == "unchanged"
    assert list((tmp_path / "dl").iterdir()) == []  # downloads are cleaned up


def test_an_error_page_is_not_imported(
    served: tuple[str, Path], fixtures: Path, store: Store, tmp_path: Path
) -> None:
    base, root = served
    shutil.copy(fixtures / "ftm" / "sample.ftm.json", root / "sample.ftm.json")
    update(store, [SAMPLE], downloads=tmp_path / "dl", timeout=5, mirror=base)
    before = store.dataset("sample")
    (root / "sample.ftm.json").write_text("<html><body>Service unavailable</body></html>")
    (result,) = update(store, [SAMPLE], downloads=tmp_path / "dl", timeout=5, mirror=base)
    assert result.error is not None and "expected ftm but received" in result.error
    assert store.dataset("sample") == before


def test_a_missing_file_is_reported_with_its_address(
    served: tuple[str, Path], store: Store, tmp_path: Path
) -> None:
    base, _root = served
    (result,) = update(store, [SAMPLE], downloads=tmp_path / "dl", timeout=5, mirror=base)
    assert result.error is not None
    assert f"{base}/sample.ftm.json" in result.error and "HTTP 404" in result.error
    assert store.datasets() == []


def test_the_publication_table(cli: CLI) -> None:
    names = [p.dataset for p in PUBLICATIONS]
    assert len(names) == len(set(names))
    for publication in PUBLICATIONS:
        for remote in publication.files:
            assert all(url.startswith("https://") for url in remote.urls)
    code, out, _ = cli("update", "--list")
    assert code == 0
    assert "https://scsanctions.un.org/resources/xml/en/consolidated.xml" in out
    code, _, err = cli("update", "--list", "nowhere")
    assert code == 1 and "no publication named nowhere" in err
    assert select(["un_sc"])[0].dataset == "un_sc"


def test_update_fails_loudly_when_a_publisher_is_unreachable(
    served: tuple[str, Path], cli: CLI, db_path: Path
) -> None:
    base, _root = served
    code, _, err = cli("update", "--db", db_path, "--mirror", base, "un_sc")
    assert code == 1
    assert "un_sc: failed" in err and "keep their previous version" in err


def test_update_through_the_cli_imports_what_the_mirror_serves(
    served: tuple[str, Path], cli: CLI, db_path: Path, fixtures: Path
) -> None:
    base, root = served
    shutil.copy(fixtures / "un" / "un_small.xml", root / "consolidated.xml")
    code, out, err = cli("update", "--db", db_path, "--mirror", base, "un_sc")
    assert code == 0, err
    assert "un_sc: updated" in out
    code, out, _ = cli("update", "--db", db_path, "--mirror", base, "un_sc")
    assert code == 0 and "un_sc: unchanged" in out
