"""Compile the matching core (``countersight.matching.CORE``) with mypyc, and its ``NATIVE``
parts with Cython, in place: C extensions beside the ``.py`` files, which Python then imports
instead. ``make install`` runs it, and
again whenever one of those sources changed (``make test`` too); the ``.py`` files stay the
source of truth (see ``countersight/matching/__init__.py`` for what happens to extensions
left behind by an edit).

    .venv/bin/python tools/compile.py           # build the extensions
    .venv/bin/python tools/compile.py --clean   # remove them: the .py files run

The C files and objects go to build/mypyc (Cython's to build/mypyc/cython); the extensions to
src/countersight/matching, with the runtime the mypyc ones share (``countersight_core__mypyc``)
in src."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from importlib import metadata
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BUILD = ROOT / "build" / "mypyc"
GROUP = "countersight_core"

sys.path.insert(0, str(SRC))
os.environ["COUNTERSIGHT_PURE"] = "1"  # no warning about the extensions about to be replaced
from countersight.matching import COMPILED_FROM, CORE, NATIVE, source_digest  # noqa: E402

PACKAGE = SRC / "countersight" / "matching"


def built() -> list[Path]:
    """The extensions and the record of a build, as they are now."""
    names = [*(PACKAGE / name for name in (*CORE, *NATIVE)), SRC / f"{GROUP}__mypyc"]
    found = [Path(f"{n}{suffix}") for n in names for suffix in EXTENSION_SUFFIXES]
    return [p for p in [*found, PACKAGE / COMPILED_FROM] if p.exists()]


def compile_core() -> None:
    from Cython.Build import cythonize
    from mypyc.build import mypycify
    from setuptools import Extension, setup

    for path in built():  # no record of this build until it is whole
        path.unlink()
    digest = source_digest()  # before: an edit during the build leaves it out of date
    os.chdir(ROOT)  # mypy reads its settings from pyproject.toml
    modules = [str((PACKAGE / f"{name}.py").relative_to(ROOT)) for name in CORE]
    native = [
        Extension(
            f"countersight.matching.{name}",
            [str((PACKAGE / f"{name}.pyx").relative_to(ROOT))],
            extra_compile_args=["-O3"],
        )
        for name in NATIVE
    ]
    setup(
        name="countersight-core",
        package_dir={"": "src"},
        ext_modules=[
            *mypycify(modules, opt_level="3", group_name=GROUP, target_dir=str(BUILD)),
            *cythonize(native, build_dir=str(BUILD / "cython"), quiet=True),
        ],
        script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(BUILD / "temp")],
    )
    compilers = f"mypyc {metadata.version('mypy')}, Cython {metadata.version('cython')}"
    (PACKAGE / COMPILED_FROM).write_text(f"{compilers}\n{digest}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the extensions")
    args = parser.parse_args()
    if args.clean:
        for path in built():
            path.unlink()
        shutil.rmtree(BUILD, ignore_errors=True)
    else:
        compile_core()
    return 0


if __name__ == "__main__":
    sys.exit(main())
