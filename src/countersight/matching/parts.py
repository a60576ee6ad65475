"""Name fields that list several names: "A / B", or for an organisation "A Co., B Co. Ltd"
(each part with its own legal form). Each part is screened as a name of its own, beside the
whole: a listed "Powerever Electronic Technology" is found by a query that lists it with two
other names."""

from __future__ import annotations

import re
from typing import Final

from countersight.matching.glossary import ORG_WORDS
from countersight.matching.normalize import prepare

_SLASH: Final = re.compile(r"\s+/\s+")
_COMMA: Final = re.compile(r"[,;]\s+")


def name_parts(name: str, schema: str = "LegalEntity") -> tuple[str, ...]:
    """The whole name, then the names it lists (none if it lists only one)."""
    if "/" not in name and (schema == "Person" or ("," not in name and ";" not in name)):
        return (name,)  # most names: nothing to split them at
    parts = [p for p in _SLASH.split(name) if p.strip()]
    if schema != "Person":
        parts = [q for p in parts for q in _by_legal_form(p, schema)]
    return tuple(dict.fromkeys([name, *parts]))


def _by_legal_form(text: str, schema: str) -> list[str]:
    """Split at commas where every part has a legal form of its own; a part that is a legal
    form alone ("X Co., Ltd") stays with the one before it."""
    if "," not in text and ";" not in text:
        return [text]
    merged: list[str] = []
    for piece in _COMMA.split(text):
        form = prepare(piece, schema)
        if merged and (not form.tokens or all(t.text in ORG_WORDS for t in form.tokens)):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and all(prepare(p, schema).org_types for p in merged):
        return merged
    return [text]
