"""Finding terms in text regardless of script, and Python ↔ UTF-16 offsets.

Pure Python (no Qt): the reading view asks where terms are, in Python string indices,
and converts them to the UTF-16 units Qt counts just before it makes cursors.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from reader_app.core.script import fold


def comparable(text: str) -> str:
    """``text`` folded to Simplified and lower-cased, with its length kept so an index in
    the result is an index in ``text``."""
    folded = fold(text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded


def find_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every non-overlapping occurrence of any of ``terms`` in ``text`` as
    (start, end, term index), Simplified and Traditional forms matching alike.
    Longer terms win where two would overlap (中国移动 over 中国).

    The core's highlight_spans decides, so the list, the export and the view agree."""
    # Imported here: the keywords module is not needed to show an article with nothing
    # to highlight, so it stays out of the start-up.
    from reader_app.core.keywords import highlight_spans

    first: dict[str, int] = {}
    for i, term in enumerate(terms):
        first.setdefault(term.strip(), i)
    return [
        (s.start, s.end, first[s.term.strip()])
        for s in highlight_spans(text, list(terms))
        if s.term.strip() in first
    ]


def utf16_offsets(text: str) -> list[int]:
    """``offsets[i]``: where Python index i of ``text`` falls in UTF-16 units (what Qt
    counts); characters beyond U+FFFF take two units. Has len(text) + 1 entries."""
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


def to_utf16(spans: Sequence[tuple[int, int, int]], text: str) -> list[tuple[int, int, int]]:
    if all(ord(c) <= 0xFFFF for c in text):
        return list(spans)
    offsets = utf16_offsets(text)
    return [(offsets[s], offsets[e], t) for s, e, t in spans]
