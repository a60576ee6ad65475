"""``normalize._latin``'s short ways for ASCII names give what its general way
(``_latin_general``) gives."""

from __future__ import annotations

import random
import string

import pytest

from countersight.matching.normalize import _latin, _latin_general


@pytest.mark.parametrize(
    "name", ["Ivan Petrov", "  ACME   Trading  ", "x", "MacDonald O Brien", "Ab Cd Ef Gh"]
)
def test_letters_and_spaces_the_short_way_as_the_long(name: str) -> None:
    assert _latin(name) == _latin_general(name)


@pytest.mark.parametrize(
    "alphabet",
    [
        string.ascii_letters + "   ",
        string.ascii_letters + string.digits + " .,-'`&/()",
        string.printable,  # underscores, tabs and the rest too
        "ao01357 \t\n.'",
    ],
)
def test_random_ascii_names_the_short_way_as_the_general(alphabet: str) -> None:
    rng = random.Random(3)
    names = ["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(5_000)]
    assert [n for n in names if _latin(n) != _latin_general(n)] == []


def test_other_names_keep_the_long_way() -> None:
    assert _latin("Qa'ida") == "qaida"
    assert _latin("Ig0r  Petr0v") == "igor petrov"
    assert _latin("Société Générale") == "societe generale"
    assert _latin("ACME\tTrading") == "acme trading"
    assert _latin("L'Oréal S.A.") == "loreal s a"
    assert _latin("Shenzhen Co., Ltd. (HK)") == "shenzhen co ltd hk"
    assert _latin("T3l3com_1 Ltd") == _latin_general("T3l3com_1 Ltd")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Ig0r Sech1n", "igor sechin"),  # digits that stand for letters
        ("1vanov R0sneft", "ivanov rosneft"),
        ("3M Company", "3m company"),  # names of digits and letters, as written
        ("3D Systems", "3d systems"),
        ("5G A1 X5", "5g a1 x5"),
        ("21Vianet MiG29 Covid19", "21vianet mig29 covid19"),  # digits together, or a 2
    ],
)
def test_digits_are_letters_only_where_they_stand_for_letters(name: str, words: str) -> None:
    assert _latin(name) == _latin_general(name) == words
