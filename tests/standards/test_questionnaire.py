"""The interactive questionnaire, driven as a person would: in a pseudo-terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.standards.questionnaire import AnswerError, parse_answer
from countersight.standards.schema import Fact
from tests.conftest import on_terminal

BOOL = Fact("x", "Is it?", "bool", "help")
MULTI = Fact("uses", "Which?", "multi", "help", values=("counting", "identification"))
CHOICE = Fact("role", "Who?", "choice", "help", values=("provider", "deployer"))


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        (BOOL, "Yes", True),
        (BOOL, "n", False),
        (BOOL, "?", None),
        (BOOL, "", None),
        (CHOICE, "2", "deployer"),
        (CHOICE, "provider", "provider"),
        (MULTI, "1, 2", ("counting", "identification")),
        (MULTI, "identification", ("identification",)),
        (MULTI, "none", ()),
    ],
)
def test_answers(fact: Fact, text: str, value: object) -> None:
    assert parse_answer(fact, text) == value


@pytest.mark.parametrize(("fact", "text"), [(BOOL, "maybe"), (CHOICE, "3"), (MULTI, "1, 7")])
def test_answers_that_do_not_fit_say_what_would(fact: Fact, text: str) -> None:
    with pytest.raises(AnswerError):
        parse_answer(fact, text)


def test_a_person_answers_only_the_questions_that_matter(fixtures: Path, tmp_path: Path) -> None:
    standard = fixtures / "standards" / "camera-basics.yaml"
    out = tmp_path / "assessment.json"
    args = ("assess", "--standard", str(standard), "--interactive", "--out", str(out))
    with on_terminal(*args, timeout=30) as child:
        child.expect("Name of the system")
        child.sendline("Square cameras")
        child.expect(r"Is it deployed in publicly accessible spaces\? \[yes/no/\?\]")
        child.sendline("maybe")
        child.expect("answer yes or no")
        child.sendline("yes")
        child.expect(r"What does the system do with the images\?")
        child.sendline("3")
        child.expect(r"Has an independent auditor examined it")
        child.sendline("no")
        child.expect(r"Does it store images of faces\?")
        child.sendline("?")
        child.expect("4 question\\(s\\) asked")
        child.expect("verdict: prohibited practice found")
        child.expect("Questions that would settle the unknowns:")
        child.expect("stores_faces")
    assert '"status": "not_met"' in out.read_text(encoding="utf-8")
