"""Match behaviour as tables of named cases: each a situation a screener meets."""

from __future__ import annotations

import pytest

from countersight.matching.names import word_similarity, words_of
from countersight.matching.normalize import prepare, token
from countersight.matching.parts import name_parts
from countersight.matching.score import compare_names

CASES = [
    # (name, schema, query, listed, should match)
    ("same person, reordered with a comma", "Person", "SALEK, ABDULHAI", "ABDULHAI SALEK", True),
    ("a typo in a surname", "Person", "Olaf Schloz", "Olaf Scholz", True),
    ("a transposition", "Person", "Donlad Trump", "Donald Trump", True),
    ("digits for letters", "Person", "Ig0r Sech1n", "Igor Sechin", True),
    (
        "a middle name the query lacks",
        "Person",
        "ABDULHAI SALEK",
        "ABDULHAI ABDUL GHAFOOR SALEK",
        True,
    ),
    ("a title is not a name", "Person", "Mr. Olaf Scholz", "Olaf Scholz", True),
    ("Cyrillic against Latin", "Person", "Мария Осетрова", "Mariya Osetrova", True),
    ("apostrophes join", "Organization", "Al Qaeda", "Al Qa'ida", True),
    (
        "legal forms in two languages",
        "Company",
        "Shenzhen Biguang Trading Co. Ltd",
        "深圳市比广贸易有限公司",
        True,
    ),
    (
        "a Chinese brand and its initials",
        "Company",
        "RX Electronics Limited",
        "日新電子有限公司",
        True,
    ),
    ("written as one word", "Company", "Siemens AG", "SiemensAG", True),
    (
        "different surname, same given names",
        "Person",
        "BARZAN IBRAHIM HASSAN AL-MOSULI",
        "BARZAN IBRAHIM HASSAN AL-TIKRITI",
        False,
    ),
    ("different people sharing a first name", "Person", "Angelo Cruz", "Angela Merkel", False),
    (
        "stock corporation is not a limited company",
        "Company",
        "Deutsche Bank AG",
        "Deutsche Bank GmbH",
        False,
    ),
    (
        "only a city and a trade word in common",
        "Company",
        "Shenzhen Trading Ltd",
        "Shenzhen Yilufa Trading Co",
        False,
    ),
    (
        "a one-word listed name inside a long query",
        "Company",
        "Apple Orchard Supplies of Oregon Incorporated",
        "Apple",
        False,
    ),
    ("a person is not a company of the same name", "Person", "Jordan", "Jordan", True),
    (
        "a branch in another country",
        "Company",
        "Bank of China (Hong Kong) Limited",
        "Bank of China (Singapore) Limited",
        False,
    ),
    ("one Korean syllable differs", "Person", "김종은", "김정은", False),
    # Across scripts: Chinese queries against Latin names and back.
    (
        "a Chinese brand spelt by ear",
        "Company",
        "Reno Electronics Ltd",
        "雷诺电子有限公司",
        True,
    ),
    (
        "a Chinese brand spelt by ear, the other way",
        "Company",
        "雷诺电子有限公司",
        "Reno Electronics Ltd",
        True,
    ),
    (
        "a brand's consonants as an abbreviation",
        "Company",
        "MKBL Technology (HK) Ltd",
        "美凯博龙科技(香港)有限公司",
        True,
    ),
    (
        "a sound-alike with nothing else in common",
        "Company",
        "Reno Ltd",
        "雷诺贸易有限公司",
        False,
    ),
    (
        "the same consonants, another vowel",
        "Company",
        "Sure Technology Ltd",
        "塞拉科技有限公司",
        False,
    ),
    (
        "the same consonants, too few to tell",
        "Company",
        "Ecod Technology Ltd",
        "亿可达科技有限公司",
        False,
    ),
    (
        "science and technology is one trade word; a short name in brackets is optional",
        "Company",
        "Hefei Longxin Science and Technology Co., Ltd (LXST)",
        "合肥龙芯科技有限公司",
        True,
    ),
    (
        "a city the glossary knows",
        "Company",
        "Wenzhou Haotian Trading Co",
        "温州浩天贸易有限公司",
        True,
    ),
    (
        "traditional characters",
        "Company",
        "Wenzhou Haotian Trading Co",
        "溫州浩天貿易有限公司",
        True,
    ),
    (
        "a name of places and trade words only, every word met",
        "Company",
        "Asia Pacific International Logistics Ltd",
        "亚太国际物流有限公司",
        True,
    ),
    (
        "a name of places and trade words only, one word missing",
        "Company",
        "Asia Pacific Logistics Ltd",
        "亚太国际物流有限公司",
        False,
    ),
    (
        "a brand's pinyin written syllable by syllable",
        "Company",
        "Hao Tian Electronic (HK) Co., Limited",
        "浩天電子(香港)有限公司",
        True,
    ),
    (
        "a Chinese short name in brackets repeats the brand",
        "Company",
        "Hua Rui Satellite Technology Co. Ltd",
        "华瑞卫星技术股份有限公司\uff08华瑞卫星\uff09",
        True,
    ),
    (
        "a brand read with a character's other reading",
        "Company",
        "Ningbo Hangtai Trading Co., Ltd",
        "宁波行泰贸易有限公司",
        True,
    ),
    (
        "syllables of another brand",
        "Company",
        "Hao Tian Electronic (HK) Co., Limited",
        "浩达电子(香港)有限公司",
        False,
    ),
    (
        "pinyin of other syllables is no sound-alike",
        "Company",
        "天眼科技有限公司",
        "Tianyi Technology Co Ltd",
        False,
    ),
    ("a country is a place, not a brand", "Organization", "美国国际共和研究所", "MG LLC", False),
    (
        "one of the names a field lists",
        "Company",
        "Nanjing Qiaoyu Electronic Co., Nanjing Hongshen Trading Co. Ltd / 南京鸿深贸易有限公司",
        "Qiaoyu Electronic",
        True,
    ),
]


@pytest.mark.parametrize(
    ("name", "schema", "query", "listed", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_case(name: str, schema: str, query: str, listed: str, expected: bool) -> None:
    result = compare_names(query, listed, schema)
    assert result.match is expected, f"{name}: score {result.score}"


def test_a_person_against_a_company_scores_lower() -> None:
    from countersight.matching.score import Party, score_party

    person, company = Party("Jordan Holdings", "Person"), Party("Jordan Holdings", "Company")
    result = score_party(person, person.forms(), company, company.forms())
    assert not result.match
    assert any(f.name == "kind" for f in result.features)


def test_the_explanation_says_which_word_met_which() -> None:
    result = compare_names("Olaf Schloz", "Olaf Scholz", "Person")
    assert [(p.query, p.candidate) for p in result.names.pairs] == [
        ("olaf", "olaf"),
        ("schloz", "scholz"),
    ]
    assert 0.8 < result.names.pairs[1].similarity < 1.0
    assert result.features[0].name == "name"


def test_han_company_names_are_split_into_their_parts() -> None:
    form = prepare("深圳市亿路发科技有限公司", "Company")
    assert [(t.text, t.weak) for t in form.tokens] == [
        ("shenzhen", True),
        ("yilufa", False),
        ("technology", True),
    ]
    assert form.org_types == ("ltd",)


@pytest.mark.parametrize("name", ["", "   ", "---", "x" * 10_000_000])
def test_odd_names_do_not_crash(name: str) -> None:
    result = compare_names(name[:500], "Olaf Scholz", "Person")
    assert 0.0 <= result.score <= 1.0


WORDS = [
    "scholz",
    "schloz",
    "scholtz",
    "olaf",
    "o",
    "s",
    "abdulhai",
    "abdulhay",
    "al",
    "ali",
    "mohammed",
    "muhammad",
    "mohamad",
    "international",
    "internacional",
    "rixin",
    "rx",
    "sechin",
    "sech1n",
    "a",
    "ab",
    "ba",
    "trading",
    "tradign",
    "biguang",
    "biguan",
]


def test_word_similarities_worked_out_per_query_equal_those_pair_by_pair() -> None:
    # words_of (one rapidfuzz pass per query word) must give exactly word_similarity.
    tokens = [token(w, alt=("rx",) if w == "rixin" else ()) for w in WORDS]
    words = words_of(tokens, tokens)
    for a in tokens:
        for b in tokens:
            expected = word_similarity(a, b)
            assert words.near.get(b.text, {}).get(a.text, 0.0) == expected, (a.text, b.text)


SOUNDING = [
    token("leinuo", alt=("ln",), syllables=("lei", "nuo")),
    token("reno"),
    token("renovo"),
    token("lana"),
    token("meikaibolong", alt=("mkbl",), syllables=("mei", "kai", "bo", "long")),
    token("mkbl"),
    token("mkpl"),
    token("saila", alt=("sl",), syllables=("sai", "la")),
    token("sure"),
    token("keyuan", alt=("ky",), syllables=("ke", "yuan")),
    token("coyuan"),
    token("technology", weak=True),
    token("tnlg"),
]


def test_sound_similarities_worked_out_per_query_equal_those_pair_by_pair() -> None:
    words = words_of(SOUNDING, SOUNDING)
    for a in SOUNDING:
        for b in SOUNDING:
            expected = word_similarity(a, b)
            assert words.near.get(b.text, {}).get(a.text, 0.0) == expected, (a.text, b.text)
    near = words.near
    assert near["reno"]["leinuo"] == near["leinuo"]["reno"] == 0.9
    assert near["mkpl"]["meikaibolong"] == 0.9  # b and p are one sound class
    assert "sure" not in near.get("saila", {})  # u is not a
    assert near["coyuan"]["keyuan"] == 0.9  # two consonants, spelt close
    assert "lana" not in near.get("leinuo", {})  # a is not e
    assert "technology" not in near.get("leinuo", {})  # trade words are not brands


def test_traditional_and_simplified_names_prepare_alike() -> None:
    traditional, simplified = prepare("溫州浩天貿易有限公司"), prepare("温州浩天贸易有限公司")
    assert traditional.tokens == simplified.tokens
    assert traditional.org_types == simplified.org_types == ("ltd",)


def test_a_name_field_is_split_only_where_each_part_has_a_legal_form() -> None:
    assert name_parts("A Trading Co., B Electronic Co. Ltd / 丙公司") == (
        "A Trading Co., B Electronic Co. Ltd / 丙公司",
        "A Trading Co.",
        "B Electronic Co. Ltd",
        "丙公司",
    )
    assert name_parts("Shenzhen Biguang Trading Co., Ltd.") == (
        "Shenzhen Biguang Trading Co., Ltd.",
    )
    assert name_parts("Bank Melli Iran, Hamburg Branch") == ("Bank Melli Iran, Hamburg Branch",)
    assert name_parts("SALEK, ABDULHAI / SALEK, A.", "Person") == (
        "SALEK, ABDULHAI / SALEK, A.",
        "SALEK, ABDULHAI",
        "SALEK, A.",
    )


def test_the_traditional_table_keeps_every_reading() -> None:
    from pypinyin import lazy_pinyin

    from countersight.matching.hanzi import TRADITIONAL

    assert len(TRADITIONAL) > 150
    for traditional, simple in TRADITIONAL.items():
        assert traditional != simple
        assert lazy_pinyin(traditional) == lazy_pinyin(simple), traditional


def test_the_documented_sound_similarity_is_the_one_in_the_code() -> None:
    from pathlib import Path

    from countersight.matching.phonetic import SOUND_SIMILARITY

    text = (Path(__file__).parents[2] / "docs" / "matching.md").read_text(encoding="utf-8")
    assert f"are **{SOUND_SIMILARITY}** (`SOUND_SIMILARITY`" in text


def test_translated_trade_words_stay_distinctive_in_latin_names() -> None:
    from countersight.matching.glossary import HAN_TRANSLATED_WORDS, LATIN_WEAK_WORDS

    assert HAN_TRANSLATED_WORDS["激光"] == "laser"
    assert ("laser", True) in [(t.text, t.weak) for t in prepare("深圳激光科技有限公司").tokens]
    assert "laser" not in LATIN_WEAK_WORDS
    assert ("laser", False) in [(t.text, t.weak) for t in prepare("Ou Rui Laser Co Ltd").tokens]
