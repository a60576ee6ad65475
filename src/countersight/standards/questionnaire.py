"""The questionnaire: which question still matters, and what an answer typed by a person means.

Pure logic; the command line asks and prints. A question is asked only while its answer could
change a requirement's status; "don't know" is a valid answer and the fact stays unknown."""

from __future__ import annotations

from collections.abc import Collection

from countersight.standards.conditions import FactValue
from countersight.standards.evaluate import SystemFacts, assess
from countersight.standards.schema import Fact, Standard

DONT_KNOW = {"", "?", "dk", "don't know", "dont know", "unknown", "skip"}
_YES = {"y", "yes", "true", "1", "ja", "oui"}
_NO = {"n", "no", "false", "0", "nein", "non"}


class AnswerError(ValueError):
    """An answer that does not fit the question; the message says what would."""


def next_question(
    standard: Standard, system: SystemFacts, skipped: Collection[str] = ()
) -> Fact | None:
    """The most important fact still open and not declined, or None when nothing is left."""
    for question in assess(standard, system).questions:
        if question.fact not in skipped:
            return standard.catalogue.get(question.fact)
    return None


def prompt_text(fact: Fact) -> str:
    """How the question is put: the question, then the choices it accepts."""
    if fact.type == "bool":
        return f"{fact.question} [yes/no/?]"
    options = "\n".join(f"  {i}. {value}" for i, value in enumerate(fact.values, start=1))
    how = "one number" if fact.type == "choice" else "numbers separated by commas, or 'none'"
    return f"{fact.question}\n{options}\n({how}; ? if you don't know)"


def parse_answer(fact: Fact, text: str) -> FactValue | None:
    """The value of an answer, or None for "don't know"."""
    answer = text.strip().lower()
    if answer in DONT_KNOW:
        return None
    if fact.type == "bool":
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        raise AnswerError("answer yes or no (or ? if you don't know)")
    if fact.type == "choice":
        return _value(fact, answer)
    if answer in ("none", "nothing", "-"):
        return ()
    parts = [p for p in (p.strip() for p in answer.replace(";", ",").split(",")) if p]
    return tuple(dict.fromkeys(_value(fact, p) for p in parts))


def _value(fact: Fact, answer: str) -> str:
    if answer.isdigit() and 1 <= int(answer) <= len(fact.values):
        return fact.values[int(answer) - 1]
    for value in fact.values:
        if answer == value.lower():
            return value
    raise AnswerError(f"choose from 1 to {len(fact.values)} (or ? if you don't know)")
