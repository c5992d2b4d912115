"""Web pages saved as HTML: title from <title> or the first heading, text from the body;
scripts, styles, navigation and other markup dropped."""

from __future__ import annotations

import re

from reader_app.core.article import BlockType
from reader_app.core.cleaning import find_date, headline, normalize_inline
from reader_app.core.sources import htmltext
from reader_app.core.sources.base import Draft
from reader_app.core.sources.furniture import is_link_only, source_credit, starts_footer

name = "html"

_DOC_START = re.compile(r"\A\s*(<!doctype html|<html|<\?xml|<head|<body|<meta|<title)", re.I)


def detect(text: str) -> float:
    if _DOC_START.match(text):
        return 0.85
    return 0.5 if htmltext.looks_like_html(text, minimum=4) else 0.0


def parse(text: str) -> Draft:
    doc = htmltext.extract(text)
    draft = Draft(title="")
    blocks = list(doc.blocks)
    first_heading = next((t for k, t in blocks if k is BlockType.HEADING), None)
    if first_heading:
        draft.title = first_heading
        blocks.remove((BlockType.HEADING, first_heading))
    elif doc.title:
        draft.title = doc.title
    draft.title = normalize_inline(headline(draft.title))
    draft.date = find_date(
        doc.meta.get("article:published_time") or doc.meta.get("date") or doc.time or ""
    )
    draft.source = doc.meta.get("og:site_name") or doc.meta.get("author") or None
    for kind, raw in blocks:
        if starts_footer(raw):
            break
        if is_link_only(raw):
            continue
        if (credit := source_credit(raw)) is not None:
            draft.source = credit
            continue
        draft.add(kind, raw)
    if not draft.title and draft.blocks:
        draft.title = draft.blocks.pop(0).text
    return draft
