"""Three-valued conditions: what is decided, what is still open."""

from __future__ import annotations

import pytest

from countersight.standards.conditions import (
    All,
    Any_,
    Leaf,
    Not,
    Truth,
    deciding_facts,
    open_facts,
)

A = Leaf("a", "is", True)
B = Leaf("b", "is", True)
USES = Leaf("uses", "includes", "identification")

CASES: list[tuple[str, object, dict[str, object], Truth]] = [
    ("leaf true", A, {"a": True}, True),
    ("leaf false", A, {"a": False}, False),
    ("leaf unknown", A, {}, None),
    ("all decided false by one child", All((A, B)), {"a": False}, False),
    ("all unknown", All((A, B)), {"a": True}, None),
    ("all true", All((A, B)), {"a": True, "b": True}, True),
    ("any decided true by one child", Any_((A, B)), {"b": True}, True),
    ("any unknown", Any_((A, B)), {"a": False}, None),
    ("any false", Any_((A, B)), {"a": False, "b": False}, False),
    ("not keeps unknown", Not(A), {}, None),
    ("not swaps", Not(A), {"a": True}, False),
    ("includes", USES, {"uses": ("counting", "identification")}, True),
    ("includes, empty list", USES, {"uses": ()}, False),
    ("choice in", Leaf("role", "in", ("provider", "both")), {"role": "both"}, True),
]


@pytest.mark.parametrize(
    ("name", "condition", "facts", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_evaluate(name: str, condition: All, facts: dict[str, object], expected: Truth) -> None:
    assert condition.evaluate(facts) is expected  # type: ignore[arg-type]


def test_only_facts_that_can_still_change_the_result_are_open() -> None:
    condition = All((A, Any_((B, USES))))
    assert open_facts(condition, {}) == ["a", "b", "uses"]
    assert open_facts(condition, {"a": False}) == []  # already false: nothing to ask
    assert open_facts(condition, {"a": True, "b": True}) == []
    assert open_facts(condition, {"a": True, "b": False}) == ["uses"]


def test_the_facts_that_decided_a_result() -> None:
    condition = All((A, B))
    assert deciding_facts(condition, {"a": False, "b": True}) == ["a"]
    assert deciding_facts(condition, {"a": True, "b": True}) == ["a", "b"]
    assert deciding_facts(Any_((A, B)), {"a": False, "b": True}) == ["b"]
