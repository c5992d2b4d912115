"""The one small interface every source format implements.

A source module knows one kind of messy file. ``detect`` says how sure it is (0 to 1)
that a text is of its kind, from the content alone; ``parse`` turns such a text into a
Draft: title, metadata and clean blocks. The registry picks the surest module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from reader_app.core.article import Block, BlockType
from reader_app.core.cleaning import normalize_inline


@dataclass
class Draft:
    """What a source module returns; the loader adds id, path, script and format."""

    title: str
    subtitle: str | None = None
    date: str | None = None
    source: str | None = None
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: BlockType, text: str) -> None:
        """Append a block of normalised text; empty text adds nothing."""
        text = normalize_inline(text)
        if text:
            self.blocks.append(Block(kind, text))

    def heading(self, text: str) -> None:
        self.add(BlockType.HEADING, text)

    def paragraph(self, text: str) -> None:
        self.add(BlockType.PARAGRAPH, text)


class SourceFormat(Protocol):
    name: str

    def detect(self, text: str) -> float:
        """Confidence 0..1 that ``text`` is of this kind (content only, never the name)."""
        ...

    def parse(self, text: str) -> Draft: ...
