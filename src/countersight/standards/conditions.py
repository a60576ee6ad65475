"""Conditions over facts, evaluated in three values: True, False, None (unknown).

A condition is a small tree: leaves compare one fact with a value, ``all``/``any``/``not``
combine them. An unknown fact makes a leaf unknown; ``all`` and ``any`` settle as soon as one
child decides them (Kleene logic), so a fact that cannot change the result is never needed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

FactValue = bool | str | tuple[str, ...]
Facts = Mapping[str, FactValue]
Truth = bool | None

Op = Literal["is", "in", "includes", "includes_any"]


@dataclass(frozen=True, slots=True)
class Leaf:
    fact: str
    op: Op
    value: bool | str | tuple[str, ...]

    def evaluate(self, facts: Facts) -> Truth:
        if self.fact not in facts:
            return None
        given = facts[self.fact]
        if self.op == "is":
            return given == self.value
        if self.op == "in":
            assert isinstance(self.value, tuple)
            return given in self.value
        if not isinstance(given, tuple):
            return None
        if self.op == "includes":
            return self.value in given
        assert isinstance(self.value, tuple)
        return any(v in given for v in self.value)

    def describe(self) -> str:
        if self.op == "is":
            return f"{self.fact} is {_show(self.value)}"
        return f"{self.fact} {self.op.replace('_', ' ')} {_show(self.value)}"


@dataclass(frozen=True, slots=True)
class All:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> Truth:
        results = [c.evaluate(facts) for c in self.children]
        if False in results:
            return False
        return None if None in results else True


@dataclass(frozen=True, slots=True)
class Any_:
    children: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> Truth:
        results = [c.evaluate(facts) for c in self.children]
        if True in results:
            return True
        return None if None in results else False


@dataclass(frozen=True, slots=True)
class Not:
    child: Condition

    def evaluate(self, facts: Facts) -> Truth:
        result = self.child.evaluate(facts)
        return None if result is None else not result


Condition = Leaf | All | Any_ | Not


def _show(value: bool | str | tuple[str, ...]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return value


def facts_named(condition: Condition) -> list[str]:
    """Every fact a condition mentions, in order of first mention."""
    if isinstance(condition, Leaf):
        return [condition.fact]
    children = (condition.child,) if isinstance(condition, Not) else condition.children
    out: dict[str, None] = {}
    for child in children:
        out.update(dict.fromkeys(facts_named(child)))
    return list(out)


def open_facts(condition: Condition, facts: Facts) -> list[str]:
    """The unknown facts whose answers could still change this condition's value: none when it
    is already decided; under an ``all`` or ``any`` only the children still undecided."""
    if condition.evaluate(facts) is not None:
        return []
    if isinstance(condition, Leaf):
        return [condition.fact]
    children = (condition.child,) if isinstance(condition, Not) else condition.children
    out: dict[str, None] = {}
    for child in children:
        out.update(dict.fromkeys(open_facts(child, facts)))
    return list(out)


def deciding_facts(condition: Condition, facts: Facts) -> list[str]:
    """The known facts that settled the condition's value (for the reason of a status)."""
    result = condition.evaluate(facts)
    if isinstance(condition, Leaf):
        return [condition.fact] if result is not None else []
    if isinstance(condition, Not):
        return deciding_facts(condition.child, facts)
    out: dict[str, None] = {}
    for child in condition.children:
        child_result = child.evaluate(facts)
        # An `all` that is false is decided by its false children, an `any` that is true by its
        # true ones; otherwise every known child played a part.
        if result is None or child_result == result:
            out.update(dict.fromkeys(deciding_facts(child, facts)))
    return list(out)
