"""Screening against a store: hits with explanations, the replay guarantee, the batch contract
of the benchmark, and bad input."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from countersight.matching import batch
from countersight.matching.batch import Row, screen_best, screen_many
from countersight.matching.index import Index
from countersight.matching.score import ALGORITHM, CONFIG_HASH, THRESHOLD
from countersight.matching.screen import Screener, party_from_row
from countersight.model import Entity, Identifier, Name
from countersight.store import Store
from tests.conftest import CLI


def _store_with_lists(cli: CLI, db_path: Path, fixtures: Path) -> None:
    code, _, err = cli(
        "import",
        "--db",
        db_path,
        fixtures / "un" / "un_small.xml",
        fixtures.parent.parent / "examples" / "lists" / "example_registry.ftm.json",
    )
    assert code == 0, err


def _screened(
    cli: CLI, db_path: Path, tmp_path: Path, parties: str
) -> tuple[str, list[dict[str, str]]]:
    """``parties`` (a CSV's text) screened against the store: the command's standard error and
    the rows of its results (the command must succeed)."""
    queries = tmp_path / "parties.csv"
    queries.write_text(parties, encoding="utf-8")
    out = tmp_path / "results.csv"
    code, _, err = cli("screen", "--db", db_path, queries, "--out", out)
    assert code == 0, err
    return err, list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))


def test_match_finds_the_listed_company_across_scripts(
    cli: CLI, db_path: Path, fixtures: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    code, out, _ = cli(
        "match",
        "--db",
        db_path,
        "Example Vision Technology Company Limited",
        "--schema",
        "Company",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    best = data["hits"][0]
    assert best["entity_id"] == "ex-co-vision" and best["match"] is True
    assert {"query", "listed", "similarity"} <= set(best["tokens"][0])
    assert data["versions"]["algorithm"] and data["versions"]["config"]
    assert "example_registry" in data["versions"]["datasets"]
    code, out, _ = cli("match", "--db", db_path, "示例视觉科技有限公司", "--schema", "Company")
    assert code == 0 and "MATCH" in out and "Example Vision Technology" in out


def test_replay_gives_the_same_answer(
    cli: CLI, db_path: Path, fixtures: Path, store: Store
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    party = party_from_row("Wang Shili", "Person", "1975")
    first = [(h.listed.entity_id, h.result.score) for h in Screener.from_store(store).screen(party)]
    again = [(h.listed.entity_id, h.result.score) for h in Screener.from_store(store).screen(party)]
    assert first == again and first[0][0] == "ex-pe-founder"


def test_screen_writes_the_benchmark_contract(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    err, rows = _screened(
        cli,
        db_path,
        tmp_path,
        "query_id,schema,name,birth_date,nationality\n"
        "q1,Person,Wang Shili,1975,cn\n"
        "q2,Company,Completely Unrelated Bakery,,\n"
        "q3,Person,,,\n",
    )
    assert [r["query_id"] for r in rows] == ["q1", "q2", "q3"]
    assert {"query_id", "match", "score", "entity_id", "source_ref"} <= set(rows[0])
    assert rows[0]["match"] == "true" and rows[0]["source_ref"] == "ex-pe-founder"
    assert rows[1]["match"] == "false" and rows[2]["match"] == "false"
    assert "1 without a name" in err


def test_screen_shows_a_progress_bar_on_a_terminal_only(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    queries = tmp_path / "parties.csv"
    queries.write_text("name\nWang Shili\nExample Vision\n", encoding="utf-8")
    results = []
    for terminal in ("0", "1"):
        monkeypatch.setenv("TTY_COMPATIBLE", terminal)
        out = tmp_path / f"results-{terminal}.csv"
        code, _, err = cli("screen", "--db", db_path, queries, "--out", out, "--workers", "1")
        assert code == 0, err
        # rich draws the bar; its last frame counts both parties.
        assert ("2/2" in err) == (terminal == "1"), err
        results.append([r[:3] for r in csv.reader(out.read_text(encoding="utf-8").splitlines())])
    assert results[0] == results[1] and len(results[0]) == 3


def test_rows_with_cells_over_or_missing_and_blank_lines_are_read(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    """A row with more cells than the header (the extra left out), one with fewer (the rest
    empty), and a blank line between rows: each party screened in place, no crash."""
    _store_with_lists(cli, db_path, fixtures)
    _, rows = _screened(
        cli,
        db_path,
        tmp_path,
        " Query_ID ,NAME,schema\nq1,Wang Shili,Person,extra cell\n\nq2,Nobody At All\n",
    )
    assert (rows[0]["query_id"], rows[0]["entity_id"]) == ("q1", "ex-pe-founder")
    assert [r["query_id"] for r in rows] == ["q1", "q2"] and rows[0]["match"] == "true"


def test_a_file_that_is_not_utf8_is_refused_naming_the_line_and_nothing_is_left_half_written(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    """A parties file saved as Latin-1 (as spreadsheets often save CSV), its bad byte far past
    the first block read: a clear error naming the line; the results of an earlier screening
    stay as they were, and no part-written file is left beside them. The same for pairs."""
    _store_with_lists(cli, db_path, fixtures)
    out = tmp_path / "results.csv"
    out.write_text("earlier results\n", encoding="utf-8")
    queries = tmp_path / "parties.csv"
    lines = [b"query_id,name"] + [b"q%d,Wang Shili" % i for i in range(5000)]
    lines.insert(4001, "q4001,Müller Stahl GmbH".encode("latin-1"))
    queries.write_bytes(b"\n".join(lines) + b"\n")
    code, _, err = cli("screen", "--db", db_path, queries, "--out", out)
    assert code == 1 and "line 4002: byte 0xfc is not UTF-8" in err and "UTF-8" in err
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("results")) == [
        "results.csv"
    ]
    pairs = tmp_path / "pairs.csv"
    pairs.write_bytes("id,schema,name1,name2\n1,Company,Müller,Mueller\n".encode("latin-1"))
    code, _, err = cli("compare", "--pairs", pairs, "--out", tmp_path / "scores.csv")
    assert code == 1 and "line 2: byte 0xfc is not UTF-8" in err
    assert not list(tmp_path.glob("scores.csv*"))


def test_results_over_their_own_input_or_in_a_missing_folder_are_refused(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    queries = tmp_path / "parties.csv"
    queries.write_text("name\nWang Shili\n", encoding="utf-8")
    code, _, err = cli("screen", "--db", db_path, queries, "--out", queries)
    assert code == 1 and "written over a file it is made from" in err
    assert queries.read_text(encoding="utf-8") == "name\nWang Shili\n"
    code, _, err = cli("screen", "--db", db_path, queries, "--out", tmp_path / "no" / "r.csv")
    assert code == 1 and "no such folder" in err
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("id,schema,name1,name2\n1,Person,A B,A B\n", encoding="utf-8")
    code, _, err = cli("compare", "--pairs", pairs, "--out", pairs)
    assert code == 1 and "written over a file it is made from" in err
    assert pairs.read_text(encoding="utf-8").startswith("id,schema,name1,name2")


def test_a_zip_that_is_no_workbook_is_refused_as_such(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    broken = tmp_path / "parties.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(200)))
    code, _, err = cli("screen", "--db", db_path, broken, "--out", tmp_path / "r.csv")
    assert code == 1 and "not a readable XLSX or ODS workbook" in err


def test_a_file_without_a_name_column_is_refused(cli: CLI, db_path: Path, tmp_path: Path) -> None:
    queries = tmp_path / "parties.csv"
    queries.write_text("id,firm\n1,Example\n", encoding="utf-8")
    code, _, err = cli("screen", "--db", db_path, queries, "--out", tmp_path / "r.csv")
    assert code == 1 and "no name column (found: id, firm)" in err


def test_screening_a_missing_or_empty_store_is_refused(
    cli: CLI, db_path: Path, tmp_path: Path
) -> None:
    queries = tmp_path / "parties.csv"
    queries.write_text("query_id,name\nq1,Example Vision\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    code, _, err = cli("screen", "--db", tmp_path / "typo.db", queries, "--out", out)
    assert code == 1 and "no such store" in err
    assert not (tmp_path / "typo.db").exists() and not out.exists()
    db_path.touch()
    code, _, err = cli("match", "--db", db_path, "Example Vision")
    assert code == 1 and "no lists imported" in err


def test_a_ten_megabyte_name_is_screened_cut_and_a_larger_cell_refused(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    queries = tmp_path / "parties.csv"
    huge = "x" * 10_000_000
    queries.write_text(f"query_id,name\nq1,{huge}\nq2,Example Vision Technology\n", "utf-8")
    out = tmp_path / "r.csv"
    code, _, err = cli("screen", "--db", db_path, queries, "--out", out)
    assert code == 0, err
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["query_id"] for r in rows] == ["q1", "q2"]
    assert rows[0]["match"] == "false" and rows[1]["match"] == "true"
    queries.write_text(f'query_id,name\nq1,"{"y" * (65 * 2**20)}"\n', "utf-8")
    code, _, err = cli("screen", "--db", db_path, queries, "--out", out)
    assert code == 1 and "not readable as CSV" in err and "64 MiB" in err


def test_compare_pairs_writes_id_score_match(cli: CLI, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "id,schema,name1,name2\np1,Person,Olaf Scholz,Olaf Schloz\n"
        "p2,Person,Angelo Cruz,Angela Merkel\n",
        encoding="utf-8",
    )
    out = tmp_path / "scores.csv"
    code, _, _ = cli("compare", "--pairs", pairs, "--out", out)
    assert code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [(r["id"], r["match"]) for r in rows] == [("p1", "true"), ("p2", "false")]
    assert {(r["algorithm"], r["config"]) for r in rows} == {(ALGORITHM, CONFIG_HASH)}
    code, out_text, _ = cli("compare", "深圳市比广贸易有限公司", "Shenzhen Biguang Trading Co. Ltd")
    assert code == 0 and out_text.startswith("MATCH")


def test_screening_on_two_workers_gives_the_same_rows_in_order(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    names = ["Wang Shili", "Example Vision Technology", "", "示例视觉科技有限公司", "Nobody At All"]
    queries = tmp_path / "parties.csv"
    lines = [f"q{i},{names[i % len(names)]}" for i in range(450)]  # three chunks of 200 or less
    queries.write_text("query_id,name\n" + "\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"results-{workers}.csv"
        code, _, err = cli("screen", "--db", db_path, queries, "--out", out, "--workers", workers)
        assert code == 0, err
        assert f"{workers} worker(s)" in err and "90 without a name" in err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    rows = list(csv.DictReader(outputs[1].splitlines()))
    assert [r["query_id"] for r in rows] == [f"q{i}" for i in range(450)]
    assert rows[0]["entity_id"] == "ex-pe-founder" and rows[3]["entity_id"] == "ex-co-vision"


def test_batch_screening_keeps_parties_without_a_name_in_place(
    cli: CLI, db_path: Path, fixtures: Path, store: Store
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    screener = Screener.from_store(store)
    parties = [party_from_row("Wang Shili", "Person"), None, party_from_row("Nobody At All")]
    for workers in (1, 2):
        results = list(screen_many(screener, iter(parties), workers))
        assert len(results) == 3 and results[1] == []
        assert results[0][0].listed.entity_id == "ex-pe-founder"
        assert not results[2] or not results[2][0].result.match


def test_screen_best_gives_the_best_hit_of_screen_many(
    cli: CLI, db_path: Path, fixtures: Path, store: Store
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    screener = Screener.from_store(store)
    rows: list[Row | None] = [
        ("Wang Shili", "Person", None, (), ()),
        None,
        ("Nobody At All", None, None, (), ()),
        ("Example Vision Technology", "Company", "", ("cn",), ()),
        ("示例视觉科技有限公司", None, None, (), ()),
    ] * 90  # three chunks of 200 or less
    parties = [party_from_row(*row) if row is not None else None for row in rows]
    expected = [
        (hits[0].listed, hits[0].result.match, hits[0].result.score, hits[0].result.candidate_name)
        if hits
        else None
        for hits in screen_many(screener, iter(parties), 1)
    ]
    assert expected[0] is not None and expected[0][0].entity_id == "ex-pe-founder"
    for workers in (1, 2):
        assert list(screen_best(screener, iter(rows), workers)) == expected


def test_parties_screened_in_windows_of_their_own_order_come_back_in_input_order(
    cli: CLI, db_path: Path, fixtures: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parties are handed out a window at a time, sorted by their common words (``_order``):
    with windows and chunks smaller than the input, each party still gets its own hits, in
    the order given."""
    _store_with_lists(cli, db_path, fixtures)
    screener = Screener.from_store(store)
    names = ["Wang Shili", "Nobody At All", "Example Vision Technology", "示例视觉科技有限公司"]
    parties = [party_from_row(names[i % 4] if i % 7 else "", "LegalEntity") for i in range(40)]
    alone = [screener.screen(p, 1) if p.name else [] for p in parties]
    assert alone[4][0].listed.entity_id == "ex-pe-founder" and alone[0] == []
    monkeypatch.setattr(batch, "WINDOW", 9)
    monkeypatch.setattr(batch, "CHUNK", 2)
    for workers in (1, 2):
        got = screen_many(screener, iter(p if p.name else None for p in parties), workers)
        assert [[(h.listed.entity_id, h.result) for h in hits] for hits in got] == [
            [(h.listed.entity_id, h.result) for h in hits] for hits in alone
        ]


def test_the_screening_order_puts_a_names_common_words_first(
    cli: CLI, db_path: Path, fixtures: Path, store: Store
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    screener = Screener.from_store(store)
    postings = screener.index.postings
    order = batch._order(screener)
    words = order("Zzyzx Wáng SHILI")
    assert words[0] in {"wang", "shili"} and words[-1] == "zzyzx" and "wzzyzx" not in postings
    counts = [postings.count("w" + w) for w in words]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert order("示例") == []


def test_screen_and_compare_read_xlsx(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    _store_with_lists(cli, db_path, fixtures)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Query_ID", "Name", "Schema"])
    sheet.append(["x1", "Wang Shili", "Person"])
    sheet.append(["x2", "Completely Unrelated Bakery", "Company"])
    parties = tmp_path / "parties.xlsx"
    book.save(parties)
    out = tmp_path / "results.csv"
    code, _, err = cli("screen", "--db", db_path, parties, "--out", out)
    assert code == 0, err
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [(r["query_id"], r["match"]) for r in rows] == [("x1", "true"), ("x2", "false")]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "schema", "name1", "name2"])
    sheet.append(["p1", "Person", "Olaf Scholz", "Olaf Schloz"])
    pairs = tmp_path / "pairs.xlsx"
    book.save(pairs)
    code, _, err = cli("compare", "--pairs", pairs, "--out", tmp_path / "scores.csv")
    assert code == 0, err
    scores = list(csv.DictReader((tmp_path / "scores.csv").read_text().splitlines()))
    assert scores[0]["id"] == "p1" and scores[0]["match"] == "true"


def test_the_demo_parties_meet_the_entries_they_spell(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    """``make demo`` screens examples/parties.csv against the bundled lists: each party that
    spells a listed entry another way (pinyin for Han, Cyrillic, Arabic, a typo, a vessel's
    prefix, reordered) or gives its registration number meets it; the others meet nothing."""
    root = fixtures.parent.parent
    lists = [
        root / "examples" / "lists",
        *(fixtures / n for n in ("un", "ofac_csv", "canada", "csl")),
    ]
    code, _, err = cli("import", "--db", db_path, *lists)
    assert code == 0, err
    out = tmp_path / "results.csv"
    code, _, err = cli("screen", "--db", db_path, root / "examples" / "parties.csv", "--out", out)
    assert code == 0, err
    rows = {r["query_id"]: r for r in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    found = {q: r["caption"] for q, r in rows.items() if r["match"] == "true"}
    assert found == {
        "p01": "Example Vision Technology Co., Ltd.",
        "p02": "Example Vision Technology Co., Ltd.",
        "p03": "Ivan Petrovich Testovich",
        "p04": "Oleg Anatolyevich PRIMEROV",
        "p05": "Example Cloud Analytics GmbH",
        "p08": "EXAMPLE STAR",
        "p09": "EXAMPLE TRADING CO., LTD.",
        "p10": "DOE, John Example",
        "p12": "SAMIR KHALID YUSUF AL-TESTI",
        "p13": "EXAMPLE TRADING CO., LTD.",  # by its registration number
    }
    assert "13 parties screened" in err and "10 matches" in err


def test_a_candidate_that_meets_none_of_the_words_is_no_hit(
    cli: CLI, db_path: Path, fixtures: Path
) -> None:
    _store_with_lists(cli, db_path, fixtures)
    code, out, _ = cli("match", "--db", db_path, "Northwind Logistics Ltd", "--json")
    assert code == 0
    assert json.loads(out)["hits"] == []


def test_screen_results_carry_the_versions_that_replay_them(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    """Each row names the algorithm, the configuration and the lists (a digest of the datasets'
    content hashes); ``<results>.versions.json`` spells the lists out, with the threshold and
    the hash of the parties file. Screening again with the same versions gives the same rows."""
    _store_with_lists(cli, db_path, fixtures)
    parties = "query_id,schema,name\nq1,Person,Wang Shili\nq2,Company,Unrelated Bakery\n"
    err, rows = _screened(cli, db_path, tmp_path, parties)
    assert "results.csv.versions.json" in err
    queries, out = tmp_path / "parties.csv", tmp_path / "results.csv"
    manifest = json.loads((tmp_path / "results.csv.versions.json").read_text(encoding="utf-8"))
    code, listed, _ = cli("datasets", "--db", db_path, "--json")
    assert code == 0
    assert manifest["datasets"] == {d["name"]: d["version"] for d in json.loads(listed)}
    assert manifest["threshold"] == THRESHOLD and manifest["parties"]["parties"] == 2
    assert manifest["parties"]["sha256"] == hashlib.sha256(queries.read_bytes()).hexdigest()
    for row in rows:
        assert (row["algorithm"], row["config"], row["lists"]) == (
            manifest["algorithm"],
            manifest["config"],
            manifest["lists"],
        )
    again = tmp_path / "again.csv"
    assert cli("screen", "--db", db_path, queries, "--out", again)[0] == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    _store_with_more(cli, db_path, fixtures)
    assert cli("screen", "--db", db_path, queries, "--out", again)[0] == 0
    changed = list(csv.DictReader(again.read_text(encoding="utf-8").splitlines()))
    assert changed[0]["lists"] != rows[0]["lists"]


def _store_with_more(cli: CLI, db_path: Path, fixtures: Path) -> None:
    code, _, err = cli("import", "--db", db_path, fixtures / "canada")
    assert code == 0, err


def test_a_listed_identifier_finds_the_entity_under_another_name(
    cli: CLI, db_path: Path, fixtures: Path, tmp_path: Path
) -> None:
    """A company renamed since its listing is still found by its registration number."""
    code, _, err = cli("import", "--db", db_path, fixtures / "ofac_csv")
    assert code == 0, err
    name = "Pearl River Commerce Ltd"
    code, out, _ = cli("match", "--db", db_path, name, "--json")
    assert json.loads(out)["hits"] == []
    code, out, _ = cli("match", "--db", db_path, name, "--id", "91440300-MA5EXAMPL1", "--json")
    best = json.loads(out)["hits"][0]
    assert best["source_ref"] == "1001" and best["match"] is True
    assert [f["feature"] for f in best["features"]].count("identifier") == 1
    queries = tmp_path / "parties.csv"
    queries.write_text(
        "query_id,name,registration_number\nq1,Pearl River Commerce Ltd,x; 91440300MA5EXAMPL1\n",
        encoding="utf-8",
    )
    results = tmp_path / "results.csv"
    assert cli("screen", "--db", db_path, queries, "--out", results)[0] == 0
    row = next(csv.DictReader(results.read_text(encoding="utf-8").splitlines()))
    assert row["match"] == "true" and row["source_ref"] == "1001"


def test_only_identifiers_long_enough_find_candidates_by_themselves() -> None:
    listed = _listed(
        "Company",
        "Alpha Beta Holdings",
        (Identifier("registration", "AB-123456"), Identifier("tax", "12345")),
    )
    index = Index([listed])
    forms = tuple(f for f in party_from_row("Zeta Omega", "Company").forms() if f.tokens)
    assert [c.entity_id for c in index.candidates(forms, identifiers=("AB123456",))] == ["x1"]
    assert index.candidates(forms, identifiers=("12345",)) == []
    assert index.candidates(forms) == []


def test_a_person_does_not_match_a_name_written_with_a_legal_form() -> None:
    """A LegalEntity may be a person or a company, but "FENG SHENG CO., LTD." is a company's
    name: a person called Feng Sheng meets it at half the similarity, as a Company would not."""
    listed = _listed("LegalEntity", "FENG SHENG CO., LTD.")
    screener = Screener(Index([listed]), [])
    person = screener.screen(party_from_row("Feng Sheng", "Person"))
    company = screener.screen(party_from_row("Feng Sheng Company Limited", "Company"))
    assert not person[0].result.match and person[0].result.similarity <= 0.5
    assert ("kind", "Person vs FENG SHENG CO., LTD.") in {
        (f.name, f.value) for f in person[0].result.features
    }
    assert company[0].result.match


def _listed(schema: str, name: str, identifiers: tuple[Identifier, ...] = ()) -> Entity:
    return Entity(
        id="x1",
        schema=schema,  # type: ignore[arg-type]
        dataset="d",
        source_ref="x1",
        names=(Name(name, "primary"),),
        identifiers=identifiers,
    )
