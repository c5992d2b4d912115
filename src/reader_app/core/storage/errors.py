"""Errors of the notes-and-bookmarks store. Each one reads as a sentence the UI and the
CLI can show as it is (``str(error)``); the extra attributes are for code that wants to
do more than show it."""

from __future__ import annotations

from pathlib import Path

from reader_app.core.errors import ReaderError


class StorageError(ReaderError):
    """The library file could not be read or written.

    ``action`` says what failed ("Your note could not be saved"), ``reason`` why ("the
    data folder is read-only (/path)"), ``hint`` what is still safe ("Your text is still
    in the editor.").
    """

    def __init__(self, action: str, reason: str, path: Path | None = None, hint: str = "") -> None:
        sentence = f"{action}: {reason}."
        if hint:
            sentence += f" {hint}"
        super().__init__(sentence)
        self.action = action
        self.reason = reason
        self.path = path
        self.hint = hint


class DatabaseReadOnly(StorageError):
    """A write was refused because the file, its folder or the connection is read-only."""


class DiskFull(StorageError):
    """A write was refused because the disk (or the user's quota) is full."""


class DatabaseBusy(StorageError):
    """Another process held the write lock for longer than the busy timeout."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer version of the app; it was left untouched."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            "Your notes and bookmarks could not be opened",
            f"{path} was written by a newer version of Reader (library format {found}; "
            f"this version knows formats up to {known})",
            path,
            "Update Reader to use them; the file has not been changed.",
        )
        self.found = found
        self.known = known


class ImportFileError(ReaderError):
    """An annotations file to import is not something we can read; nothing was imported."""


class NotFound(StorageError):
    """The note or bookmark is no longer in the library (its trash was emptied)."""
