"""Immutable article data: what every cleaner produces and every other part reads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple


class Script(StrEnum):
    """The script an article is written in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


class BlockType(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"


_BLOCK_TYPES = {t.value: t for t in BlockType}


class Block(NamedTuple):
    """One heading or paragraph of clean text (no markup, no hard wraps).

    A named tuple rather than a frozen dataclass: a 10,000-article library holds over
    100,000 blocks, and a frozen dataclass's __init__ made reading them back from the
    cache several times slower."""

    type: BlockType
    text: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type.value, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article.

    ``id`` is derived from the decoded text of the source, so it is the same on every
    run, for every path the same content is found at, and in any byte encoding.
    """

    id: str
    path: str
    format: str
    title: str
    subtitle: str | None
    date: str | None  # YYYY-MM-DD
    source: str | None
    script: Script
    blocks: tuple[Block, ...]
    keywords: tuple[str, ...] = field(default=())

    @property
    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def all_text(self) -> str:
        """Title, subtitle and blocks, one per line: what conversion and search see."""
        head = [self.title] + ([self.subtitle] if self.subtitle else [])
        return "\n".join([*head, *(b.text for b in self.blocks)])

    def with_changes(self, **changes: object) -> Article:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Article:
        """The inverse of to_json (used for the cleaned-article cache)."""
        blocks = data.get("blocks") or []
        assert isinstance(blocks, list)
        return cls(
            id=str(data["id"]),
            path=str(data["path"]),
            format=str(data["format"]),
            title=str(data["title"]),
            subtitle=data.get("subtitle") or None,  # type: ignore[arg-type]
            date=data.get("date") or None,  # type: ignore[arg-type]
            source=data.get("source") or None,  # type: ignore[arg-type]
            script=Script(str(data["script"])),
            # a dict lookup, not BlockType(...): enum construction was a third of the
            # time to read a 10,000-article library back from its cache
            blocks=tuple(Block(_BLOCK_TYPES[b["type"]], b["text"]) for b in blocks),
            keywords=tuple(data.get("keywords") or ()),  # type: ignore[arg-type]
        )

    def to_json(self) -> dict[str, object]:
        """The export record (see README: `reader-app export`)."""
        return {
            "id": self.id,
            "path": self.path,
            "format": self.format,
            "title": self.title,
            "subtitle": self.subtitle,
            "date": self.date,
            "source": self.source,
            "script": self.script.value,
            "blocks": [b.to_json() for b in self.blocks],
            "keywords": list(self.keywords),
        }
