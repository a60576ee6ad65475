"""Match behaviour as tables of named cases: each a situation a screener meets."""

from __future__ import annotations

import pytest

from countersight.matching.names import word_similarity, words_of
from countersight.matching.normalize import fold, prepare, token
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
    # Legal forms as written, dots and commas included.
    ("a legal form with dots", "Company", "Nordlicht Sp. z o.o.", "Nordlicht", True),
    ("A/S is a legal form", "Company", "Havblik Shipping A/S", "Havblik Shipping AS", True),
    (
        "a numbered successor, A/S both",
        "Company",
        "Havblik Shipping II A/S",
        "Havblik Shipping A/S",
        False,
    ),
    ("Co.,Ltd. in one piece", "Company", "Hengda Co.,Ltd.", "Hengda Company Limited", True),
    # Numbers in digits and in words.
    (
        "an ordinal in digits and in words",
        "Company",
        "2nd Avenue Partners",
        "Second Avenue Partners",
        True,
    ),
    (
        "a number in digits and in words",
        "Organization",
        "Battalion 27",
        "Battalion Twenty-Seven",
        True,
    ),
    ("a different number", "Organization", "Battalion 27", "Battalion Twenty-Eight", False),
    # Spelling variants of transliterations.
    ("j and y, y and i", "Person", "Jurij Petrenko", "Yuriy Petrenko", True),
    ("two edits that are not variants", "Person", "Mirko Petrenko", "Marta Petrenko", False),
    # Patronymics, titles, stop words.
    ("a patronymic left out", "Person", "Pavel Smirnoff", "Pavel Igorevich Smirnov", True),
    ("a patronymic-like surname", "Person", "Andrei Petrovich", "Andrei Petrov", False),
    ("a title from rigour's list", "Person", "President Karimov", "Rashid Karimov", True),
    (
        "particles written as one word",
        "Company",
        "Vandermeer Holdings",
        "Van der Meer Holdings",
        True,
    ),
    ("a particle left out", "Person", "Abdullah al-Harbi", "Abdullah Harbi", True),
    ("a particle joined", "Person", "Alfarouq Omar", "Al Farouq Omar", True),
    (
        "a shared particle is not a shared name",
        "Person",
        "Muhammad al-Sharif",
        "Mohammad Hamid Mohammad Yasin al-Sharif",
        False,
    ),
    # Kinship: son of.
    ("bin and ibn", "Person", "Khalid bin Yusuf Al-Harbi", "Khalid ibn Yusuf Al-Harbi", True),
    (
        "son and father swapped",
        "Person",
        "Khalid bin Yusuf Al-Harbi",
        "Yusuf bin Khalid Al-Harbi",
        False,
    ),
    # Organisations: acronyms, subsidiaries, numbered successors.
    ("an acronym", "Organization", "NLF", "National Liberation Front", True),
    ("two letters are too few for an acronym", "Company", "GM", "Global Minerals", False),
    ("letters are not an acronym", "Company", "ABC Trading", "A.B.C. Holdings", False),
    (
        "a subsidiary, both in full",
        "Company",
        "Banco Rioplata S.A.",
        "Banco Rioplata Uruguay S.A.",
        False,
    ),
    (
        "initials with and without dots",
        "Company",
        "S.K. Wiremu & Sons Ltd",
        "SK Wiremu & Sons Ltd",
        True,
    ),
    (
        "a translation adds a word",
        "Company",
        "长沙天仪空间科技研究院有限公司",
        "Changsha Tianyi Space Science and Technology Research Institute Co. Ltd",
        True,
    ),
    ("a trade word more, one legal form", "Company", "Polar Star", "Polar Star Shipping Ltd", True),
    (
        "a roman numeral is not a legal form",
        "Company",
        "Atlas Capital II Ltd",
        "Atlas Capital Ltd",
        False,
    ),
    # One word of a person's name.
    ("a given name alone", "Person", "Rashid", "Rashid Karimov", False),
    ("a surname alone", "Person", "Karimov", "Rashid Karimov", True),
    ("a surname alone, written first", "Person", "Karimov", "KARIMOV, Rashid", True),
    ("a given name alone, written last", "Person", "Rashid", "KARIMOV, Rashid", False),
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
    "jurij",
    "yuriy",
    "sergej",
    "sergey",
    "sergejs",
    "yusuf",
    "jusuf",
    "youssef",
    "phillip",
    "filip",
    "aleksandr",
    "alexandr",
    "kouznetsov",
    "kuznetsov",
    "wladimir",
    "vladimir",
    "qasim",
    "kasim",
    "fortyfour",
    "fourtyfour",
    "44",
    "three",
    "3",
]
ALTS = {"rixin": ("rx",), "fortyfour": ("44",), "fourtyfour": ("44",), "three": ("3",)}


def test_word_similarities_worked_out_per_query_equal_those_pair_by_pair() -> None:
    # words_of (one rapidfuzz pass per query word) must give exactly word_similarity.
    tokens = [token(w, alt=ALTS.get(w, ())) for w in WORDS]
    words = words_of(tokens, tokens)
    for a in tokens:
        for b in tokens:
            expected = word_similarity(a, b)
            assert words.near.get(b.text, {}).get(a.text, 0.0) == expected, (a.text, b.text)


def test_legal_forms_are_found_as_written_and_roman_numerals_are_not_legal_forms() -> None:
    form = prepare("Atlas Capital II, S.A.", "Company")
    assert form.words == ("atlas", "capital", "ii")
    assert form.org_types == ("sa",)
    assert prepare("Nordlicht Sp. z o.o.", "Company").org_types == ("spzoo",)
    assert prepare("Havblik A/S", "Company").org_types == ("as",)
    assert prepare("Havblik c/o Nordlicht", "Company").org_types == ()


def test_numbers_are_one_token_with_their_digits() -> None:
    assert [(t.text, t.alt) for t in prepare("Brigade Forty-Four", "Organization").tokens] == [
        ("brigade", ()),
        ("fortyfour", ("44",)),
    ]
    assert prepare("1st Avenue Bank", "Company").words[0] == "1"


def test_spelling_variants_forgive_one_edit_more_but_never_make_words_equal() -> None:
    assert fold("yuriy") == fold("jurij") == "iurii"
    assert 0.8 < word_similarity(token("jurij"), token("yuriy")) < 1.0
    assert word_similarity(token("yusuf"), token("jusuf")) < 1.0


def test_the_documented_name_rules_are_the_ones_in_the_code() -> None:
    import re
    from pathlib import Path

    from countersight.matching import score

    text = (Path(__file__).parents[2] / "docs" / "matching.md").read_text(encoding="utf-8")
    text = " ".join(text.split())
    for name in ("ACRONYM_MATCH", "ADDED_WORDS", "KINSHIP_REVERSED", "LONE_GIVEN_NAME"):
        value = getattr(score, name)
        assert score.CONFIG[name.lower()] == value
        assert re.search(rf"{re.escape(f'{value:g}')}\**[^`]{{0,20}}`{name}`", text), name


def test_particles_are_kept_in_peoples_names_as_weak_words_and_titles_dropped() -> None:
    form = prepare("Dr. Ursula von der Leyen", "Person")
    assert [(t.text, t.weak) for t in form.tokens] == [
        ("ursula", False),
        ("von", True),
        ("der", True),
        ("leyen", False),
    ]


def test_words_split_differently_are_not_words_added() -> None:
    result = compare_names("S.K. Wiremu & Sons Ltd", "SK Wiremu & Sons Ltd", "Company")
    assert result.similarity == 1.0
    assert not any(f.name == "added_words" for f in result.features)
    result = compare_names("Banco Rioplata S.A.", "Banco Rioplata Uruguay S.A.", "Company")
    assert any(f.name == "added_words" for f in result.features)
