"""The core's own errors. Each carries a sentence a reader understands; the UI and the
CLI show ``str(error)`` as it is."""

from __future__ import annotations


class ReaderError(Exception):
    """Base class of every error the core raises on purpose."""


class SourceError(ReaderError):
    """A file or folder could not be turned into articles. ``reason`` is the sentence."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConversionError(ReaderError):
    """A script conversion was asked for that cannot be done."""
