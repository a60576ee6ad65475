from __future__ import annotations

import pytest

from countersight.matching.scripts import script_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Shenzhen Biguang Trading Co Ltd", "Latin"),
        ("深圳市比广贸易有限公司", "Han"),
        ("Мария Александровна Осетрова", "Cyrillic"),
        ("محمد عبد الله", "Arabic"),
        ("Ελληνική Εταιρεία", "Greek"),
        ("김정은", "Hangul"),
        ("株式会社トヨタ", "Japanese"),
        ("3M Co.", "Latin"),
        ("1234 - !", None),
    ],
)
def test_script_of(text: str, script: str | None) -> None:
    assert script_of(text) == script
