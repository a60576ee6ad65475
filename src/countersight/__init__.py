"""Countersight: due diligence on surveillance technology."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # The version is read from the installed package's metadata when asked for (by `update`,
    # for its User-Agent), not at every start: importlib.metadata takes a tenth of the
    # command's imports.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("countersight")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0"
