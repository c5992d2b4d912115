"""The registry of source formats: detect a text's kind and parse it.

A new kind of source is one new module here with ``name``, ``detect`` and ``parse``,
added to FORMATS. Order breaks ties: the more specific kinds come first.
"""

from __future__ import annotations

from types import ModuleType

from reader_app.core.sources import html, jekyll, newspaper, pinyin_web, segmented, text
from reader_app.core.sources.base import Draft, SourceFormat

FORMATS: tuple[ModuleType, ...] = (jekyll, pinyin_web, segmented, newspaper, html, text)


def detect(content: str) -> ModuleType:
    """The format module surest that ``content`` is its kind (plain text at worst)."""
    best, best_score = text, 0.0
    for fmt in FORMATS:
        score = fmt.detect(content)
        if score > best_score:
            best, best_score = fmt, score
    return best


__all__ = ["FORMATS", "Draft", "SourceFormat", "detect"]
