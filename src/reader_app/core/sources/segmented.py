"""Word-segmented text from research corpora: every word separated by a space,
punctuation and digits stripped, a '原 标题' line repeating the title, picture
captions at the top.

Spaces between Chinese words are removed (normalize_inline). Lines broken where a
number was stripped ('投入' / '万元 用于…') are joined again. What was stripped
(punctuation, digits) cannot be brought back and is not invented.
"""

from __future__ import annotations

import re

from reader_app.core.cleaning import cjk_count, normalize_inline
from reader_app.core.sources.base import Draft

name = "segmented"

_CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
_WIDE_PUNCT = re.compile(r"[，。、；：？！“”]")
_ORIGINAL_TITLE = re.compile(r"^原\s*标\s*题\s*[:：]?\s*|^原\s*標\s*題\s*[:：]?\s*")
# A line starting with a unit whose number was stripped continues the line before.
_UNIT_START = re.compile(r"^(亿|万|千|百)")
_FUNCTION = set("的了是在和与对为把被从向将")


def detect(text: str) -> float:
    cjk = cjk_count(text)
    if cjk < 50:
        return 0.0
    spaced = len(_CJK_SPACE_CJK.findall(text))
    punct = len(_WIDE_PUNCT.findall(text))
    if spaced > 0.25 * cjk and punct < 0.01 * cjk:
        return 0.9
    return 0.0


def _words(line: str) -> str:
    return normalize_inline(line)


def parse(text: str) -> Draft:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    draft = Draft(title="")
    if not lines:
        return draft
    draft.title = _words(lines[0])
    body: list[str] = []
    for ln in lines[1:]:
        if _ORIGINAL_TITLE.match(ln):
            repeated = _words(_ORIGINAL_TITLE.sub("", ln))
            if repeated == draft.title:
                continue  # the same title again
            if not draft.subtitle:
                draft.subtitle = repeated
                continue
        if body and _UNIT_START.match(ln):
            body[-1] = body[-1] + " " + ln
        else:
            body.append(ln)

    seen_long = False
    for i, ln in enumerate(body):
        words = _words(ln)
        n = cjk_count(words)
        is_last = i == len(body) - 1
        if seen_long and not is_last and 4 <= n <= 10 and not (_FUNCTION & set(words)):
            nxt = cjk_count(_words(body[i + 1]))
            if nxt > n:
                draft.heading(words)
                continue
        seen_long = seen_long or n >= 30
        draft.paragraph(words)
    return draft
