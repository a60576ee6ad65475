"""XML is read safely: entity declarations and external entities are refused, a file cut short
is an error naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.errors import SourceError
from countersight.sources.xml import iter_elements, text

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<LIST><ITEM><NAME>&lol9;</NAME></ITEM></LIST>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<LIST><ITEM><NAME>&xxe;</NAME></ITEM></LIST>
"""


def test_streams_the_elements_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "ok.xml"
    path.write_text("<LIST><ITEM><NAME> A </NAME></ITEM><ITEM><NAME>B</NAME></ITEM></LIST>")
    assert [text(e, "NAME") for e in iter_elements(path, {"ITEM"})] == ["A", "B"]


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_entities_are_refused(tmp_path: Path, document: str) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(document)
    with pytest.raises(SourceError, match="refused") as info:
        list(iter_elements(path, {"ITEM"}))
    assert "evil.xml" in str(info.value)


def test_a_file_cut_short_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text("<LIST>\n<ITEM><NAME>A</NAME></ITEM>\n<ITEM><NAME>B</NA")
    with pytest.raises(SourceError, match=r"cut\.xml, line 3: malformed XML"):
        list(iter_elements(path, {"ITEM"}))


def test_an_entity_from_an_external_dtd_is_refused_not_called_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "dtd.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE LIST SYSTEM "http://example.invalid/list.dtd">\n'
        "<LIST><ITEM><NAME>&name;</NAME></ITEM></LIST>\n"
    )
    with pytest.raises(SourceError, match="refused: undefined entity"):
        list(iter_elements(path, {"ITEM"}))
