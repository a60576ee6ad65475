"""What the characters of Chinese brands mean (``meanings``): the dictionary's one-word senses,
Latin words that say a brand a word per character, and what that finds, in comparison and in
screening, both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countersight.matching import foreign, meanings
from countersight.matching.index import Index
from countersight.matching.normalize import prepare
from countersight.matching.score import compare_names
from countersight.matching.screen import Screener, party_from_row
from tests.conftest import entity_named

# Lines in CC-CEDICT's format (traditional, simplified, pinyin, senses), written for these tests.
LINES = [
    "# a comment line",
    "星 星 [xing1] /star/heavenly body/satellite/small amount/",
    "通 通 [tong1] /to go through/to connect/classifier for letters, telegrams etc/",
    "亞 亚 [Ya4] /Asia/Asian/Taiwan pr. [Ya3]/",
    "亞 亚 [ya4] /second/next to/sub-/",
    "美 美 [Mei3] /(bound form) the Americas (abbr. for 美洲[Mei3 zhou1])/",
    "美 美 [mei3] /beautiful/very satisfactory; good/",
    "金 金 [Jin1] /surname Jin/surname Kim (Korean)/",
    "大 大 [da4] /big; large; great/older (than another person)/eldest/greatly/fully/a/b/",
    "個 个 [ge4] /CL:個|个[ge4]/variant of 箇|个[ge4]/used in 自個|自个[zi4 ge3]/",
    "星光 星光 [xing1 guang1] /starlight/",
    "五 五 [wu3] /five/5/",
]


def test_a_character_means_its_one_word_senses_written_either_way() -> None:
    table = meanings.read_meanings("\n".join(LINES))
    assert table["星"] == "star|satellite"
    assert table["通"] == "connect"  # "to connect"; a classifier says nothing
    assert table["亚"] == table["亞"] == "asia|asian|second"  # a proper noun's senses too
    assert table["美"] == "beautiful|good"  # a sense in brackets and an abbreviation: none
    assert table["大"] == "big|large|great|older|eldest|greatly"  # at most MOST_MEANINGS
    assert len(table["大"].split("|")) == meanings.MOST_MEANINGS
    assert table["五"] == "five|5"  # a number as written in figures too


def test_surnames_variants_and_words_of_two_characters_mean_nothing() -> None:
    table = meanings.read_meanings("\n".join(LINES))
    assert "金" not in table and "个" not in table and "個" not in table
    assert "星光" not in table  # brands are said a character at a time


@pytest.mark.parametrize(
    ("words", "han", "said"),
    [
        (["m", "star"], "美星", True),  # the first by its pinyin's initial, the second by meaning
        (["golden", "dragon"], "金龙", True),
        (["red", "cats"], "红猫", True),  # a plural
        (["mei", "star"], "美星", True),  # by its pinyin
        (["golden", "sun"], "金龙", False),  # one character said, the other not
        (["star"], "美星", False),  # a word for each character
        (["mei", "xing"], "美星", False),  # by sound alone: a spelling, met as such
        (["x", "star"], "美星", False),
        (["star", "m"], "美星", False),  # in order
        (["star"], "星", False),  # a brand of one character: its word is an everyday word
    ],
)
def test_words_say_a_brand_a_word_per_character_one_at_least_by_meaning(
    words: list[str], han: str, said: bool
) -> None:
    syllables = next(t.syllables for t in prepare(han + "有限公司", "Company").tokens)
    assert meanings.says(words, han, syllables) is said


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        ("M Star International Trading Company Limited", "美星國際貿易有限公司", True),
        ("Red Cat Holdings, Inc.", "红猫控股公司", True),
        ("Golden Dragon Trading Ltd", "金龙贸易有限公司", True),
        ("Golden Sun Trading Ltd", "金龙贸易有限公司", False),
        ("Time Art International LTD", "時亞國際有限公司", False),  # "Art" says nothing of 亞
        ("Star Trading Ltd", "美星貿易有限公司", False),
        ("5 Star Trading Ltd", "五星贸易有限公司", True),
        ("Five Stars Trading Ltd", "五星贸易有限公司", True),
    ],
)
def test_a_brand_translated_meets_its_characters(query: str, listed: str, expected: bool) -> None:
    for a, b in ((query, listed), (listed, query)):
        result = compare_names(a, b, "Company")
        assert result.match is expected, f"{a} ~ {b}: {result.score}"


def test_the_explanation_says_which_words_said_the_brand() -> None:
    result = compare_names("M Star Trading Co Ltd", "美星贸易有限公司", "Company")
    pairs = {(p.query, p.candidate) for p in result.names.pairs}
    assert ("m star (美星)", "meixing") in pairs


def test_a_brand_met_only_by_its_initials_is_no_match() -> None:
    assert not compare_names("HM", "红猫控股公司", "Organization").match
    # With a trade word in common, the initials are how the company writes its brand.
    assert compare_names("RX Electronics Limited", "日新電子有限公司", "Company").match


@pytest.mark.parametrize(
    ("listed", "screened"),
    [
        ("红猫控股公司", "Red Cat"),  # found by what the brand means: no word, no sound to meet
        ("Red Cat Holdings, Inc.", "红猫控股公司"),
    ],
)
def test_screening_finds_a_brand_by_what_it_means(listed: str, screened: str) -> None:
    names = [listed, "北京天美创科技有限公司", "Red Star Shipping", "Kevin Jones"]
    screener = Screener(Index([entity_named(n, "Company", x) for n, x in enumerate(names)]), [])
    hits = screener.screen(party_from_row(screened, "Company"), 1)
    assert hits and hits[0].result.match
    assert hits[0].listed.entity_id == "e0"


def test_only_a_brands_characters_have_keys_by_meaning() -> None:
    index = Index([entity_named(0, "Company", "红猫控股公司"), entity_named(1, "Person", "李明")])
    meant = {key for key in index.postings if key.startswith("m")}
    assert {"mred", "mcat"} <= meant
    assert not any(key in meant for key in ("mholding", "mholdings", "mplum", "mbright"))


def test_the_table_is_kept_and_read_back(tmp_path: Path) -> None:
    table = meanings.load(tmp_path)
    assert "star" in table["星"]
    [kept] = tmp_path.iterdir()
    assert kept.name.startswith("cedict-meanings-")
    # The next command reads the kept table, not the dictionary.
    kept.write_text(json.dumps({"星": "star|kept"}), encoding="utf-8")
    assert meanings.load(tmp_path) == {"星": ("star", "kept")}
    # A kept table that cannot be read is made again from the dictionary, and replaced.
    kept.write_text('{"星": ', encoding="utf-8")
    assert meanings.load(tmp_path) == table
    assert json.loads(kept.read_text(encoding="utf-8"))["星"].split("|")[0] == "star"


def test_without_the_dictionary_nothing_is_meant_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(foreign, "_DICTIONARY", ("no_such_package_here", "data/x.gz"))
    assert meanings.load(tmp_path) == {}
    assert list(tmp_path.iterdir()) == []


def test_a_brand_of_one_character_is_looked_up_by_no_meaning() -> None:
    assert meanings.meanings_of("机") and meanings.brand_meanings("机") == ()
    assert "star" in meanings.brand_meanings("美星")
