"""Korean names written in Hangul against the real UN list, which spells the North Korean
individuals it lists in McCune-Reischauer (apostrophes, typographic ones too, and hyphens as
the list writes them), and its organisations in English with their names so spelt. Skipped,
saying why, when ../shared is absent."""

from __future__ import annotations

import pytest

from countersight.matching.screen import Screener, party_from_row
from tests.conftest import assert_found, screener_of_real_list

# Each name as a Korean writes it, and the UN reference of the listed individual it names (the
# list's own spelling beside it). The North writes 리 where the South writes 이: both are Ri.
HANGUL = [
    ("김영철", "KPi.024"),  # KIM YONG CHOL
    ("리수용", "KPi.052"),  # RI SU YONG
    ("이수용", "KPi.052"),
    ("박춘일", "KPi.029"),  # PAK CHUN IL
    ("최춘식", "KPi.013"),  # CHOE CHUN-SIK
    ("김정식", "KPi.066"),  # KIM JONG SIK
    ("박영식", "KPi.063"),  # PAK YONG SIK
    ("연정남", "KPi.010"),  # YO'N CHO'NG NAM
    ("문정철", "KPi.012"),  # MUN CHO'NG-CH'O'L
    ("리은성", "KPi.078"),  # RI U'N SO'NG (a typographic apostrophe in the list)
    ("최석민", "KPi.064"),  # CH'OE SO'K MIN
    ("주혁", "KPi.065"),  # CHU HYO'K
    ("강룡", "KPi.020"),  # KANG RYONG
    ("민병철", "KPi.047"),  # MIN BYONG CHOL
]


# North Korean organisations on the UN list, by the names they go by in Korean (조선 is Korea
# at the start of a name; 은행 bank, 무역 trading, 총회사 general corporation).
ORGANISATIONS = [
    ("조선광업개발무역회사", "KPe.001"),  # KOREA MINING DEVELOPMENT TRADING CORPORATION
    ("조선련봉총회사", "KPe.002"),  # KOREA RYONBONG GENERAL CORPORATION
    ("단천상업은행", "KPe.003"),  # TANCHON COMMERCIAL BANK
    ("조선혁신무역회사", "KPe.006"),  # KOREA HYOKSIN TRADING CORPORATION
    ("조선흥진무역회사", "KPe.011"),  # KOREA HEUNGJIN TRADING COMPANY
    ("조선광선은행", "KPe.025"),  # KOREA KWANGSON BANKING CORPORATION (KKBC)
    ("조선부강무역회사", "KPe.038"),  # KOREA PUGANG TRADING CORPORATION
    ("조선금산무역회사", "KPe.044"),  # KOREA KUMSAN TRADING CORPORATION
    ("고려은행", "KPe.045"),  # KORYO BANK
    ("조선명덕해운회사", "KPe.063"),  # KOREA MYONGDOK SHIPPING CO
]


@pytest.fixture(scope="module")
def un_screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    return screener_of_real_list(
        tmp_path_factory.mktemp("korean"), "un/un_consolidated_2026-02-27.xml"
    )


@pytest.mark.parametrize(("hangul", "reference"), HANGUL)
def test_a_listed_north_korean_is_found_by_the_name_in_hangul(
    un_screener: Screener, hangul: str, reference: str
) -> None:
    assert_found(un_screener, hangul, reference)


@pytest.mark.parametrize(
    "hangul",
    [
        "김영남",  # KIM YONG CHOL's family name and first syllable, another name
        "박춘인",  # In is not Il (PAK CHUN IL)
        "윤정남",  # Yun is not Yon (YO'N CHO'NG NAM)
    ],
)
def test_a_korean_name_a_syllable_apart_is_no_match(un_screener: Screener, hangul: str) -> None:
    hits = un_screener.screen(party_from_row(hangul, "Person"), 1)
    assert not hits or not hits[0].result.match, (hangul, hits[0].listed.caption)


@pytest.mark.parametrize(("hangul", "reference"), ORGANISATIONS)
def test_a_listed_north_korean_organisation_is_found_by_its_name_in_hangul(
    un_screener: Screener, hangul: str, reference: str
) -> None:
    assert_found(un_screener, hangul, reference, "Company")
