"""Dates and countries as lists write them."""

from __future__ import annotations

import pytest

from countersight.sources.values import clean, country_code, parse_date

DATES = [
    ("1971", "1971"),
    ("1971-05", "1971-05"),
    ("1971-05-02", "1971-05-02"),
    ("2026-02-27T00:00:09.554Z", "2026-02-27"),
    ("2015-07-01-04:00", "2015-07-01"),  # XML Schema dates with a time zone
    ("2015-07-01Z", "2015-07-01"),
    ("2015-07-01+02:00", "2015-07-01"),
    ("2015-02-30Z", None),
    ("02 May 1971", "1971-05-02"),
    ("2 Sept 1971", "1971-09-02"),
    ("May 1971", "1971-05"),
    ("October 1, 2027", "2027-10-01"),
    ("Sept. 9 2001", "2001-09-09"),
    ("02.05.1971", "1971-05-02"),
    ("31-12-2020", "2020-12-31"),
    ("1971/5/2", "1971-05-02"),
    ("  1971. ", "1971"),
    ("31.02.1971", None),  # no such day
    ("unknown", None),
    ("", None),
    (None, None),
    ("0000", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_month_first_dates_as_ofac_writes_them() -> None:
    assert parse_date("03/28/2025", month_first=True) == "2025-03-28"
    assert parse_date("03/28/2025") is None  # day 3 of month 28 does not exist


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("China", "cn"),
        ("Russian Federation", "ru"),
        ("IR", "ir"),
        ("DPRK", "kp"),
        ("ROK", "kr"),
        ("Kosovo", "xk"),
        ("EU", None),  # not a country
        ("Crimea", None),  # a region: kept as the label by readers
        ("USSR", None),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_clean_drops_placeholders_and_collapses_space() -> None:
    assert clean(" -0- ", empty=("-0-",)) is None
    assert clean("  Banco \n Nacional  ") == "Banco Nacional"
