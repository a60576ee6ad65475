"""``normalize._latin``'s short way for names of ASCII letters and spaces gives what its long
way gives: a full stop at the end sends the same name the long way, and changes nothing else."""

from __future__ import annotations

import random
import string

import pytest

from countersight.matching.normalize import _latin


@pytest.mark.parametrize(
    "name", ["Ivan Petrov", "  ACME   Trading  ", "x", "MacDonald O Brien", "Ab Cd Ef Gh"]
)
def test_letters_and_spaces_the_short_way_as_the_long(name: str) -> None:
    assert _latin(name) == _latin(name + ".")


def test_random_letters_and_spaces_the_short_way_as_the_long() -> None:
    rng = random.Random(3)
    alphabet = string.ascii_letters + "   "
    names = ["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(5_000)]
    assert [n for n in names if n.strip() and _latin(n) != _latin(n + ".")] == []


def test_other_names_keep_the_long_way() -> None:
    assert _latin("Qa'ida") == "qaida"
    assert _latin("Ig0r  Petr0v") == "igor petrov"
    assert _latin("Société Générale") == "societe generale"
    assert _latin("ACME\tTrading") == "acme trading"
