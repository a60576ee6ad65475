"""The matching core compiled with mypyc, its native parts with Cython (``countersight.matching``,
tools/compile.py): the Makefile compiles what the package expects, the compiled classes pickle,
and extensions left behind by an edit are set aside for the ``.py`` files."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from countersight import matching
from countersight.matching import cache
from countersight.matching.normalize import NameForm, Token
from countersight.matching.score import Party

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(matching.__file__).parent


def test_the_makefile_compiles_the_core() -> None:
    makefile = (ROOT / "Makefile").read_text()
    listed = re.search(r"^CORE_SOURCES := .*,(.*)\)$", makefile, re.MULTILINE)
    assert listed is not None and tuple(listed.group(1).split()) == matching.CORE
    native = re.search(r"^NATIVE_SOURCES := .*,(.*)\)$", makefile, re.MULTILINE)
    assert native is not None and tuple(native.group(1).split()) == matching.NATIVE


def test_the_classes_the_index_cache_and_the_workers_pickle_come_back_equal() -> None:
    token = Token("meixin", True, ("mx",), ("mei", "xin"), True)
    form = NameForm("Meixin (MX)", (token,), ("ltd",), "Han", 6, (0,), True, True)
    party = Party("Meixin", "Company", (1990,), ("cn",), ("123456",), ("MX",))
    for obj in (token, form, party):
        assert pickle.loads(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)) == obj


def test_the_index_cache_is_keyed_by_whether_the_core_is_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = cache.cache_key([])
    monkeypatch.setattr(matching, "compiled", "" if matching.compiled else "mypyc 0")
    assert cache.cache_key([]) != key


def _run(src: Path, **env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import countersight.matching as m, countersight.matching.names as n;"
        "print(repr(m.compiled), n.__file__, sep='\\n')"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(src), **env},
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.skipif(not matching.compiled, reason="the matching core is not compiled")
def test_extensions_out_of_date_with_their_sources_are_set_aside(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(PACKAGE.parent, src / "countersight")
    for runtime in PACKAGE.parent.parent.glob("*__mypyc*"):
        shutil.copy(runtime, src)
    copied = src / "countersight" / "matching"
    ran = _run(src)
    assert ran.stdout.splitlines()[0] == repr(matching.compiled) and not ran.stderr
    assert ran.stdout.splitlines()[1].endswith(EXTENSION_SUFFIXES[0])
    ran = _run(src, COUNTERSIGHT_PURE="1")
    assert ran.stdout.splitlines() == ["''", str(copied / "names.py")] and not ran.stderr
    with (copied / "score.py").open("a") as fh:
        fh.write("\n# an edit since the build\n")
    ran = _run(src)
    assert ran.stdout.splitlines() == ["''", str(copied / "names.py")]
    assert "out of date" in ran.stderr
