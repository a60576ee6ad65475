"""Chinese companies on the real US lists, by the names they go by in Chinese: the lists write
them in English only (a brand spelt by sound, 美亚柏科 as Meiya Pico; a state group's name
translated, 中国电子科技集团 as China Electronics Technology Group Corporation). Skipped, saying
why, when ../shared is absent."""

from __future__ import annotations

import pytest

from countersight.matching.screen import Screener
from tests.conftest import assert_found, screener_of_real_list


@pytest.fixture(scope="module")
def ofac_screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    return screener_of_real_list(
        tmp_path_factory.mktemp("ofac"), "ofac/consolidated/ofac_cons_2025-03-28.xml"
    )


@pytest.fixture(scope="module")
def milcorps_screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    return screener_of_real_list(
        tmp_path_factory.mktemp("milcorps"), "opensanctions/us__dod_chinese_milcorps__sanctions.csv"
    )


def test_a_brand_spelt_by_sound_is_found_by_its_chinese_name(ofac_screener: Screener) -> None:
    # XIAMEN MEIYA PICO INFORMATION CO., LTD. (CMIC-EO13959): meiya boke, written Meiya Pico.
    assert_found(ofac_screener, "厦门市美亚柏科信息股份有限公司", "33896", "Company")


def test_a_state_groups_translated_name_is_found_by_its_chinese_name(
    milcorps_screener: Screener,
) -> None:
    # 集团 (group) given in English, 中国 as China: every word a place or a trade word.
    reference = "China Electronics Technology Group Corporation"
    assert_found(milcorps_screener, "中国电子科技集团有限公司", reference, "Company")
