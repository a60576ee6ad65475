"""Names written in Arabic or Hebrew against their Latin spellings (``matching.abjad``): the
consonants and the long vowels the abjad writes must be there, the short vowels are free."""

from __future__ import annotations

import pytest

from countersight.matching import abjad
from countersight.matching.normalize import compounds, prepare
from countersight.matching.score import compare_names
from countersight.matching.screen import Screener
from tests.conftest import assert_found, screener_of_real_list

ZWNJ = "\u200c"
"""The zero-width non-joiner, which Persian writes between the parts of one word."""


def _written(word: str) -> str:
    """A word in Arabic or Hebrew as screening transliterates it."""
    (token,) = prepare(word, "Person").tokens
    assert token.abjad
    return token.text


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("محمد", "mohammed"),
        ("محمد", "muhammad"),
        ("محمد", "mohamed"),
        ("محمود", "mahmoud"),
        ("حسين", "hussein"),
        ("حسين", "husayn"),
        ("حسن", "hassan"),
        ("صدام", "saddam"),
        ("علي", "ali"),
        ("يوسف", "youssef"),
        ("يوسف", "yusuf"),
        ("جعفر", "jafar"),  # an ayn, not written
        ("جعفر", "jaafar"),  # an ayn, written as a vowel
        ("إسماعيل", "ismail"),
        ("أسامة", "osama"),  # ta marbuta, not written
        ("الرشيد", "rashid"),  # the article, a word of its own in the Latin name
        ("قاسم", "kassem"),  # q as k, a letter doubled
        ("خالد", "khaled"),
        ("الله", "allah"),
        ("נתניהו", "netanyahu"),
        ("طه", "taha"),  # ICU writes it "th", as ث: read apart too; a final h, a consonant
        ("سحر", "sahar"),  # س ح, "sh" as ش is
        ("فتحي", "fathi"),
        ("شريف", "sharif"),  # ش itself still sh
        (f"احمدی{ZWNJ}نژاد", "ahmadinejad"),  # Persian: two parts of one word, ژ as j
        (f"احمدی{ZWNJ}نژاد", "ahmadinezhad"),  # or zh
        (f"خامنه{ZWNJ}ای", "khamenei"),  # a heh before the non-joiner is the vowel e
        ("روحانی", "rouhani"),  # the Persian ya
    ],
)
def test_an_abjad_word_meets_its_latin_spellings(written: str, latin: str) -> None:
    assert abjad.meets(_written(written), latin)


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("محمد", "mahmoud"),  # Mahmoud has a long vowel محمد does not write
        ("محمود", "mohammed"),  # and محمود writes one Mohammed lacks
        ("حسين", "hassan"),  # ya, a long i: not a
        ("صدام", "adam"),  # a consonant missing
        ("علي", "alexander"),  # one consonant meets a short word only
        ("خالد", "khalil"),
        ("معيض", "omid"),  # a vowel first, where the abjad starts with a consonant
        ("طه", "tahir"),  # a consonant more
        ("طه", "tahaa"),  # a final h written has one short vowel after it at most
        (f"احمدی{ZWNJ}نژاد", "ahmadi"),  # both parts are the word
    ],
)
def test_an_abjad_word_does_not_meet_other_words(written: str, latin: str) -> None:
    assert not abjad.meets(_written(written), latin)


def test_the_fast_skeleton_is_the_one_of_the_classes() -> None:
    words = ["mohammed", "saddam", "hussein", "sheikh", "qaradawi", "zawahiri", "abdullah"]
    words += ["chakib", "thabet", "dhahir", "ghassan", "philip", "jackson", "ahh", "h", ""]
    for word in words:
        assert abjad.latin_skeleton(word) == abjad._skeleton(abjad._classes(word)), word


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        ("محمد علي حسن", "Mohammed Ali Hassan", True),
        ("Mohammed Ali Hassan", "محمد علي حسن", True),  # either way round
        ("صدام حسين", "Saddam Hussein", True),
        ("أيمن الظواهري", "Ayman al-Zawahiri", True),
        ("عبد العزيز الرشيد", "Abd al-Aziz al-Rashid", True),
        ("בנימין נתניהו", "Binyamin Netanyahu", True),
        ("محمد حسن", "Mahmoud Hassan", False),
        ("حسين علي", "Hassan Ali", False),
        # Compounds that Latin names write as one word (``normalize.compounds``).
        ("عبد الله", "Abdullah", True),
        ("عبد الرحمن", "Abdulrahman", True),
        ("عبد الرحمن", "Abdurrahman", True),  # the article as the sun letter
        ("حسن نصر الله", "Hassan Nasrallah", True),
        ("صلاح الدين", "Salahuddin", True),
        ("عبد الله", "Abdul", False),
        ("عبد الرحمن", "Abdul", False),
        # Titles, dropped in Arabic as in Latin letters.
        ("خالد شيخ محمد", "Khalid Sheikh Mohammed", True),
        # Persian: a zero-width non-joiner between the parts of one word.
        (f"محمود احمدی{ZWNJ}نژاد", "Mahmoud Ahmadinejad", True),
        (f"علی خامنه{ZWNJ}ای", "Ali Khamenei", True),
        ("الدكتور أيمن الظواهري", "Dr. Ayman al-Zawahiri", True),
    ],
)
def test_names_in_an_abjad_against_latin_ones(query: str, listed: str, expected: bool) -> None:
    assert compare_names(query, listed, "Person").match is expected


# Names written in Arabic, and the entry of the OFAC list of July 2021 (Latin names only) that
# spells them (its ent_num, the list's spelling beside it).
OFAC = [
    ("أيمن الظواهري", "2676"),  # AL ZAWAHIRI, Dr. Ayman
    ("قاسم سليماني", "10481"),  # SOLEIMANI, Qasem
    ("إسماعيل هنية", "23627"),  # HANIYEH, Ismail
    ("نزار جمعة علي القصير", "8332"),  # AL-QASIR, Nazar Jumah Ali
    ("حسن نصر الله", "2686"),  # NASRALLAH, Hasan
    ("طه محيي الدين معروف", "7866"),  # MA'RUF, Taha Muhyi-al-Din
]


@pytest.fixture(scope="module")
def ofac_screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    return screener_of_real_list(tmp_path_factory.mktemp("abjad"), "ofac/sdn_2021-07")


@pytest.mark.parametrize(("arabic", "reference"), OFAC)
def test_a_name_in_arabic_finds_its_entry_on_a_list_in_latin_letters(
    ofac_screener: Screener, arabic: str, reference: str
) -> None:
    assert_found(ofac_screener, arabic, reference)


def test_a_name_with_compounds_has_a_form_with_each_as_one_word() -> None:
    form = prepare("محمد عبد الله نور الدين", "Person")
    joined = compounds(form)
    assert joined is not None and joined.original == form.original
    assert [t.text for t in joined.tokens] == ["mhmd", "ebdallh", "nwraldyn"]
    assert joined.tokens[2].alt == ("nwradyn",)  # ud-din
    assert compounds(prepare("محمد علي", "Person")) is None
    assert compounds(prepare("Abd Allah", "Person")) is None
