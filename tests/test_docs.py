"""The documentation says what the code does: every format is described, and the README's
demo imports cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from countersight.sources.registry import formats
from tests.conftest import CLI

ROOT = Path(__file__).resolve().parent.parent


def test_every_format_is_described_in_docs() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| `([a-z_*]+)` \|", text, flags=re.MULTILINE))
    for fmt in formats():
        assert fmt.name in described or (fmt.name.startswith("os_") and "os_*" in described), (
            f"format {fmt.name} is not described in docs/formats.md"
        )


def _demo_lists() -> list[Path]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^DEMO_LISTS := (.*?)(?<!\\)\n", makefile, flags=re.MULTILINE | re.DOTALL)
    assert match is not None, "the Makefile names the demo's lists in DEMO_LISTS"
    return [ROOT / part for part in match.group(1).replace("\\\n", " ").split()]


def test_the_demo_imports_its_lists(cli: CLI, db_path: Path) -> None:
    lists = _demo_lists()
    assert lists and all(path.exists() for path in lists)
    code, out, err = cli("import", "--db", db_path, *lists)
    assert code == 0, err
    code, out, _ = cli("datasets", "--db", db_path)
    for name in ("example_registry", "un_sc", "us_ofac_sdn", "ca_sema", "us_csl", "us_bis_dpl"):
        assert name in out


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
