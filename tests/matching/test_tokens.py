"""``normalize.plain_token``: the token ``token`` makes, kept by word for each kind."""

from __future__ import annotations

import itertools

from countersight.matching.normalize import plain_token, token


def test_a_plain_token_is_the_token_of_its_word_and_kind() -> None:
    for weak, aside, abjad in itertools.product((False, True), repeat=3):
        made = plain_token("ivanov", weak, aside, abjad)
        assert made == token("ivanov", weak, aside=aside, abjad=abjad)
        assert (made.weak, made.aside, made.abjad, made.alt, made.syllables) == (
            weak,
            aside,
            abjad,
            (),
            (),
        )
        assert plain_token("ivanov", weak, aside, abjad) is made  # kept, not made again


def test_words_of_other_kinds_are_other_tokens() -> None:
    assert plain_token("co", True) != plain_token("co", False)
    assert plain_token("co", aside=True) is not plain_token("co")
