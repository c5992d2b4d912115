"""The fallback for any other text: plain .txt or Markdown.

Paragraphs come from blank lines (hard wraps inside them are reflowed), the title from
the first line, Markdown headings (#) and lone short unpunctuated lines are headings,
Markdown links keep their text and images are dropped.
"""

from __future__ import annotations

import re

from reader_app.core.cleaning import (
    ends_sentence,
    headline,
    join_wrapped,
    normalize_inline,
    split_blank_separated,
    visual_width,
)
from reader_app.core.sources.base import Draft
from reader_app.core.sources.furniture import is_link_only, source_credit, strip_markdown_links

name = "text"

_MD_HEADING = re.compile(r"^#{1,6}\s+")


def detect(text: str) -> float:
    return 0.1  # whatever is text can be read this way


def _unmark(line: str) -> str:
    line = re.sub(r"^>\s?", "", line.strip())
    line = re.sub(r"^([-*+]|\d+\.)\s+", "", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    return strip_markdown_links(line)


def parse(text: str) -> Draft:
    groups = split_blank_separated(text.splitlines())
    draft = Draft(title="")
    for group in groups:
        first = group[0].strip()
        if not draft.title:
            draft.title = normalize_inline(headline(_unmark(_MD_HEADING.sub("", first))))
            group = group[1:]
            if not group:
                continue
            first = group[0].strip()
        if all(is_link_only(ln) for ln in group):
            continue
        if len(group) == 1 and _MD_HEADING.match(first):
            draft.heading(headline(_unmark(_MD_HEADING.sub("", first))))
            continue
        para = join_wrapped(_unmark(ln) for ln in group)
        if (credit := source_credit(para)) is not None:
            draft.source = draft.source or credit
            continue
        clean = normalize_inline(para)
        if len(group) == 1 and not ends_sentence(clean) and visual_width(clean) <= 20:
            draft.heading(headline(para))
        else:
            draft.paragraph(para)
    return draft
