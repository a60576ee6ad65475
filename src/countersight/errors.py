"""The one family of errors a user sees: each says what was wrong, where, and what to do."""

from __future__ import annotations


class CountersightError(Exception):
    """Base class. ``status`` is the HTTP status an API would answer with."""

    status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}\n  hint: {self.hint}"


class SourceError(CountersightError):
    """A list file could not be read: names the file and the line or element."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        element: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = path or "<input>"
        if line is not None:
            where += f", line {line}"
        if element is not None:
            where += f", element {element}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.line = line
        self.element = element


class FormatUnknownError(SourceError):
    """The content of a file matches no known list format."""


class StoreError(CountersightError):
    status = 500


class NotFoundError(CountersightError):
    status = 404


class SettingsError(CountersightError):
    """An environment variable or option holds a value that cannot be used."""
