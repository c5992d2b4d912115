"""Where a passage note points: a quote with its context, and finding it again.

Everything here is in fold()-normalised text (Traditional folded to Simplified, one
character for one), so a note made while reading in one script stays attached when the
article is shown in the other. Offsets are Python string indices into the text of one
block, ``article.blocks[i].text``; because fold() preserves length they are the same
indices in the original and in the folded text. A quote never spans two blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader_app.core.article import Article
from reader_app.core.script import fold

CONTEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class Anchor:
    """A passage: ``quote`` is exactly ``fold(block text)[start:end]`` when attached;
    ``prefix``/``suffix`` are up to CONTEXT_CHARS folded characters either side within
    the block. ``block_index`` is -1 when not known (a note imported from elsewhere)."""

    block_index: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


def make_anchor(article: Article, block_index: int, start: int, end: int) -> Anchor:
    """The anchor of ``article.blocks[block_index].text[start:end]`` (a selection)."""
    if not 0 <= block_index < len(article.blocks):
        raise ValueError(
            f"block {block_index} is not in the article ({len(article.blocks)} blocks)"
        )
    text = fold(article.blocks[block_index].text)
    if not 0 <= start < end <= len(text):
        raise ValueError(f"[{start}:{end}] is not a non-empty passage of a {len(text)}-char block")
    return _anchor_at(text, block_index, start, end)


def _anchor_at(text: str, block_index: int, start: int, end: int) -> Anchor:
    return Anchor(
        block_index=block_index,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def locate(anchor: Anchor, article: Article) -> Anchor | None:
    """Where the passage of ``anchor`` is in ``article`` now, or None (detached).

    The stored place is kept when the quote is still there. Otherwise every occurrence
    of the quote in every block is a candidate; the one whose surroundings agree most
    with the stored prefix and suffix wins, then the one nearest the old place. The
    returned anchor carries fresh context from the current text.
    """
    if not anchor.quote:
        return None
    # stored anchors are folded already; one imported from elsewhere may not be
    quote, prefix, suffix = fold(anchor.quote), fold(anchor.prefix), fold(anchor.suffix)
    blocks = [fold(b.text) for b in article.blocks]
    i = anchor.block_index
    if 0 <= i < len(blocks) and blocks[i][anchor.start : anchor.end] == quote:
        return _anchor_at(blocks[i], i, anchor.start, anchor.end)
    best: tuple[tuple[int, int, int], int, int] | None = None
    for index, text in enumerate(blocks):
        start = text.find(quote)
        while start != -1:
            end = start + len(quote)
            context = _common_suffix(prefix, text[:start]) + _common_prefix(suffix, text[end:])
            nearness = (-abs(index - i) if i >= 0 else 0, -abs(start - anchor.start))
            score = (context, *nearness)
            if best is None or score > best[0]:
                best = (score, index, start)
            start = text.find(quote, start + 1)
    if best is None:
        return None
    _, index, start = best
    return _anchor_at(blocks[index], index, start, start + len(quote))
