"""The command line as a user meets it: import, datasets, show, export, and its errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLI


def _sample(fixtures: Path) -> Path:
    return fixtures / "ftm" / "sample.ftm.json"


def test_datasets_on_an_empty_store_says_what_to_do(cli: CLI, db_path: Path) -> None:
    code, out, _ = cli("datasets", "--db", db_path)
    assert code == 0
    assert "countersight import" in out


def test_import_then_datasets_table_and_json(cli: CLI, db_path: Path, fixtures: Path) -> None:
    code, out, _ = cli("import", "--db", db_path, "--dataset", "sample", _sample(fixtures))
    assert code == 0
    assert "sample: imported 3 entities, 1 relationships" in out
    code, out, _ = cli("datasets", "--db", db_path)
    assert code == 0 and "sample" in out and "FollowTheMoney file" in out
    code, out, _ = cli("datasets", "--db", db_path, "--json")
    (row,) = json.loads(out)
    assert row["name"] == "sample" and row["entities"] == 3 and len(row["version"]) == 64
    code, out, _ = cli("import", "--db", db_path, "--dataset", "sample", _sample(fixtures))
    assert code == 0 and "unchanged" in out


def test_show_by_id_and_by_source_reference(cli: CLI, db_path: Path, fixtures: Path) -> None:
    cli("import", "--db", db_path, "--dataset", "sample", _sample(fixtures))
    code, out, _ = cli("show", "--db", db_path, "co-1")
    assert code == 0
    assert "Example Vision Technology Co., Ltd.  [Company]" in out
    assert "示例视觉科技有限公司  (alias, Han)" in out
    assert "registration: 91440300000000000X" in out
    assert "relation     ownership 51%: pe-1 -> co-1" in out
    code, out, _ = cli("show", "--db", db_path, "--json", "pe-1")
    (entity,) = json.loads(out)
    assert entity["source_ref"] == "pe-1"
    assert entity["dates"] == [{"kind": "birth", "value": "1971"}]


def test_show_unknown_entity_is_an_error(cli: CLI, db_path: Path) -> None:
    code, _, err = cli("show", "--db", db_path, "nobody")
    assert code == 1
    assert "no entity with id or source reference 'nobody'" in err


def test_export_writes_ftm_lines(cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path) -> None:
    cli("import", "--db", db_path, "--dataset", "sample", _sample(fixtures))
    code, out, _ = cli("export", "--db", db_path, "--format", "ftm")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["schema"] for line in lines} == {"Company", "Person", "Organization", "Ownership"}
    code, _, err = cli("export", "--db", db_path, "--dataset", "missing")
    assert code == 1 and "no dataset named missing" in err
    stored = db_path.read_bytes()
    code, _, err = cli("export", "--db", db_path, "--out", db_path)
    assert code == 1 and "written over a file it is made from" in err
    assert db_path.read_bytes() == stored and not list(tmp_path.glob("*.part"))
    code, _, _ = cli("export", "--db", db_path, "--out", tmp_path / "lists.ftm.json")
    assert code == 0 and len((tmp_path / "lists.ftm.json").read_text().splitlines()) == len(lines)


def test_unknown_file_is_refused_with_the_formats_to_choose(
    cli: CLI, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing like a list\n")
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1
    assert "notes.txt: the content matches no list format" in err
    assert "--format" in err


def test_empty_file_is_refused(cli: CLI, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    code, _, err = cli("import", "--db", db_path, path)
    assert code == 1 and "empty.csv: the file is empty" in err


def test_missing_path_is_a_usage_error(cli: CLI, db_path: Path, tmp_path: Path) -> None:
    code, _, err = cli("import", "--db", db_path, tmp_path / "nope.xml")
    assert code == 2 and "does not exist" in err


def test_folder_import_skips_files_that_are_not_lists(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copy(_sample(fixtures), folder / "sample.ftm.json")
    (folder / "README.md").write_text("# where these lists come from\n")
    (folder / "data.bin").write_bytes(b"\x00\x01 not a list")
    code, out, err = cli("import", "--db", db_path, folder)
    assert code == 0
    assert "sample: imported" in out
    assert "data.bin" in err and "skipped" in err
    assert "README.md" not in err  # documentation beside lists is passed over quietly


def test_one_dataset_name_for_many_datasets_is_refused(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.ftm.json"
    shutil.copy(_sample(fixtures), other)
    code, _, err = cli("import", "--db", db_path, "--dataset", "x", _sample(fixtures), other)
    assert code == 1 and "--dataset names one dataset" in err


def test_formats_lists_the_readers(cli: CLI) -> None:
    code, out, _ = cli("formats")
    assert code == 0 and "ftm" in out


def test_db_defaults_to_the_environment(
    cli: CLI, fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTERSIGHT_DB", str(tmp_path / "env.db"))
    code, _, _ = cli("import", "--dataset", "sample", _sample(fixtures))
    assert code == 0
    assert (tmp_path / "env.db").exists()


def test_two_files_that_would_make_one_dataset_are_refused(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    for folder in ("2023", "2024"):
        (tmp_path / folder).mkdir()
        shutil.copy(_sample(fixtures), tmp_path / folder / "sample.ftm.json")
    code, _, err = cli("import", "--db", db_path, tmp_path / "2023", tmp_path / "2024")
    assert code == 1
    assert "would both become dataset 'sample'" in err
    code, out, _ = cli("datasets", "--db", db_path)
    assert "holds no datasets" in out  # nothing was imported


def test_new_reading_options_make_a_new_version(cli: CLI, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bidders.csv"
    path.write_text("id,name,trading name\n1,Alpha Vision Ltd,AlphaCam\n2,Beta Systems,BetaEye\n")
    code, out, _ = cli("import", "--db", db_path, path)
    assert code == 0 and "bidders: imported 2 entities" in out
    code, out, _ = cli("import", "--db", db_path, path)
    assert "unchanged" in out
    code, out, _ = cli("import", "--db", db_path, path, "--map", "name=trading name")
    assert code == 0 and "bidders: imported 2 entities" in out  # not "unchanged"
    code, out, _ = cli("show", "--db", db_path, "--json", "bidders-1")
    assert json.loads(out)[0]["names"][0]["value"] == "AlphaCam"
    code, _, err = cli("import", "--db", db_path, path, "--sheet", "Parties")
    assert code == 1 and "a CSV file has no sheets" in err


def test_help_lists_every_command(cli: CLI) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    listed = {line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == {
        "assess",
        "compare",
        "datasets",
        "export",
        "formats",
        "import",
        "match",
        "screen",
        "show",
        "standards",
        "update",
    }


def test_commands_that_read_no_index_start_without_the_matching_core(
    db_path: Path, fixtures: Path
) -> None:
    # In a process of its own: this one has imported the core already.
    script = (
        "import sys\n"
        "from countersight.cli import run\n"
        f"code = run(['import', '--db', {str(db_path)!r}, {str(fixtures / 'un')!r}])\n"
        f"code += run(['datasets', '--db', {str(db_path)!r}])\n"
        "core = [m for m in sys.modules if m.startswith('countersight.matching.')]\n"
        "print(code, core)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []"
