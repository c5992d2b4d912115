"""Immutable article data: what every cleaner produces and every other part reads."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple, overload


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


def _blocks_from_json(items: list[dict[str, str]]) -> tuple[Block, ...]:
    # a dict lookup, not BlockType(...): enum construction was a third of the time to
    # read a 10,000-article library back from its cache
    return tuple(Block(_BLOCK_TYPES[b["type"]], b["text"]) for b in items)


class LazyBlocks(Sequence[Block]):
    """The blocks of a cached article, read and decoded on first use.

    A start of the app shows the list of a whole library but opens one article, so
    the cache hands out articles whose blocks are fetched only when something reads
    them (opening, search snippets, keywords). ``load`` returns the blocks' JSON text;
    it is called at most once per object (two threads may race to decode; both get
    equal blocks). Compares equal to the tuple of its blocks."""

    __slots__ = ("_items", "_load")

    def __init__(self, load: Callable[[], str]) -> None:
        self._load: Callable[[], str] | None = load
        self._items: tuple[Block, ...] | None = None

    def _blocks(self) -> tuple[Block, ...]:
        items = self._items
        if items is None:
            load = self._load
            assert load is not None
            items = _blocks_from_json(json.loads(load()))
            self._items, self._load = items, None
        return items

    @property
    def loaded(self) -> bool:
        return self._items is not None

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...
    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        return self._blocks()[index]

    def __len__(self) -> int:
        return len(self._blocks())

    def __iter__(self) -> Iterator[Block]:
        return iter(self._blocks())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyBlocks):
            other = other._blocks()
        return self._blocks() == other

    def __hash__(self) -> int:
        return hash(self._blocks())

    def __repr__(self) -> str:
        return f"LazyBlocks({self._items!r})" if self.loaded else "LazyBlocks(<not read yet>)"


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
    blocks: Sequence[Block]  # a tuple, or LazyBlocks for an article read from the cache
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
    def from_json(
        cls, data: dict[str, object], blocks: Sequence[Block] | None = None
    ) -> Article:
        """The inverse of to_json. ``blocks`` given (the cache passes LazyBlocks) are
        used instead of the record's own."""
        if blocks is None:
            items = data.get("blocks") or []
            assert isinstance(items, list)
            blocks = _blocks_from_json(items)
        return cls(
            id=str(data["id"]),
            path=str(data["path"]),
            format=str(data["format"]),
            title=str(data["title"]),
            subtitle=data.get("subtitle") or None,  # type: ignore[arg-type]
            date=data.get("date") or None,  # type: ignore[arg-type]
            source=data.get("source") or None,  # type: ignore[arg-type]
            script=Script(str(data["script"])),
            blocks=blocks,
            keywords=tuple(data.get("keywords") or ()),  # type: ignore[arg-type]
        )

    def head_json(self) -> dict[str, object]:
        """to_json without the blocks (what the cache keeps apart from them)."""
        record = self.to_json()
        del record["blocks"]
        return record

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
