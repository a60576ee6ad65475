"""Wade-Giles syllables read as pinyin, from pypinyin's table (read by its private name: this
test fails first if a pypinyin release renames it)."""

from __future__ import annotations

import pytest

from countersight.matching import wadegiles


@pytest.mark.parametrize(
    ("written", "pinyin"),
    [
        ("tse", ("ze", "ce")),  # ts'e written without its apostrophe is ce
        ("hsiao", ("xiao",)),
        ("chih", ("zhi", "chi")),
        ("lai", ("lai",)),  # which pypinyin's Style.WADEGILES gets wrong (lei)
        ("chuan", ("zhuan", "juan", "chuan", "quan")),  # the plain ones first
        ("ssu", ("si",)),
    ],
)
def test_a_wade_giles_syllable_is_the_pinyin_syllables_it_may_be(
    written: str, pinyin: tuple[str, ...]
) -> None:
    assert wadegiles.readings()[written] == pinyin


def test_pinyin_syllables_are_those_of_pinyin_only() -> None:
    syllables = wadegiles.pinyin_syllables()
    assert {"ze", "xiao", "lu", "nu"} <= syllables
    assert not {"tse", "hsiao", "chih", "lü"} & syllables
