"""Text copied from a (often Traditional) Chinese news web page.

Such pages put tone-marked pinyin in parentheses after many characters (精準(zhǔn)),
a 'source / time' line under the title, ASCII punctuation inside Chinese sentences,
and furniture after the article: a reprint credit, a copyright notice, related
articles with dates, hot-video and hot-news blocks, account and licence lines.
"""

from __future__ import annotations

import re

from reader_app.core.cleaning import (
    count_pinyin_annotations,
    ends_sentence,
    find_date,
    headline,
    normalize_inline,
    strip_pinyin,
    visual_width,
)
from reader_app.core.sources.base import Draft
from reader_app.core.sources.furniture import source_credit, starts_footer

name = "web"

_HEADER = re.compile(
    r"^\s*(?:来源|來源|稿源)\s*[:：]\s*(?P<source>\S.*?)\s+(?:时间|時間|发布时间|發佈時間|日期)\s*[:：]\s*(?P<date>.+)$",
    re.M,
)


def detect(text: str) -> float:
    sample = text[:50000]
    if count_pinyin_annotations(sample) >= 3:
        return 0.9
    if _HEADER.search(sample[:3000]):
        return 0.8
    return 0.0


def parse(text: str) -> Draft:
    text = strip_pinyin(text)
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    draft = Draft(title="")
    if not lines:
        return draft
    draft.title = normalize_inline(headline(lines[0]))
    page_source = None
    for ln in lines[1:]:
        if (m := _HEADER.match(ln)) and draft.date is None and not draft.blocks:
            page_source = m.group("source").strip()
            draft.date = find_date(m.group("date"))
            continue
        if starts_footer(ln):
            break
        if (credit := source_credit(ln)) is not None:
            draft.source = credit  # the paper the article was reprinted from
            continue
        if _is_heading(ln):
            draft.heading(headline(ln))
        else:
            draft.paragraph(ln)
    draft.source = draft.source or page_source
    return draft


def _is_heading(line: str) -> bool:
    clean = normalize_inline(line)
    return not ends_sentence(clean) and "。" not in clean and visual_width(clean) <= 24
