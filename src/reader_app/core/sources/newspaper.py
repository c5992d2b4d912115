"""Text extracted from a printed newspaper page.

What such text looks like: short hard-wrapped column lines, blank lines that sometimes
separate paragraphs and sometimes follow every single line, spaces scattered around
full-width punctuation and between characters and digits, a title and a subtitle at the
top, section headings as short unpunctuated lines (often two lines: a topic and a
phrase), picture captions and photo credits, and '?' where the extraction lost a glyph.

Paragraphs are rebuilt from the geometry of the column: the width of each line against
the width of its neighbours, whether a line ends a sentence, and whether blank lines
carry meaning in that part of the page.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from reader_app.core.cleaning import (
    cjk_count,
    continues,
    ends_sentence,
    find_date,
    headline,
    is_wide,
    join_wrapped,
    normalize_inline,
    visual_width,
)
from reader_app.core.sources.base import Draft

name = "newspaper"

_SPACED_PUNCT = re.compile(r"[\u4e00-\u9fff] +[，。、；：？！]|[，。、；：？！] +[\u4e00-\u9fff“]")
_WIDE_PUNCT = re.compile(r"[，。、；：？！]")
_CREDIT = re.compile(
    r"^(摄影|攝影|图|圖|文|记者|記者|通讯员|通訊員|编辑|編輯)[ \u3000：:/]+(\S{2,8})$"
)
_LOST_GLYPH = re.compile(r"\?(?=\s*[\u4e00-\u9fff])")
_INNER_STOP = re.compile(r"[。！？；：:;!?]")
_FUNCTION_CHARS = set("的了于和与在是为把被对从向将及等或而并且也都就着之其该")
_LEADING_RUN = re.compile(r"[^\s，。、；：？！“”（）]*")


@dataclass
class _Line:
    text: str
    blank_before: bool
    width: float


def detect(text: str) -> float:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 8:
        return 0.0
    cjk = cjk_count(text)
    if cjk < 100:
        return 0.0
    median_width = statistics.median(visual_width(ln) for ln in lines)
    punct = len(_WIDE_PUNCT.findall(text))
    if median_width > 24 or punct < 0.02 * cjk:
        return 0.0
    score = 0.55
    if len(_SPACED_PUNCT.findall(text)) >= 5:
        score += 0.3
    return score


def _column_widths(lines: list[_Line], radius: int = 3) -> list[float]:
    """The full width of the column around each line: a high percentile of its neighbours
    (headings and paragraph ends are short, so the median would underestimate it)."""
    cols = []
    for i in range(len(lines)):
        window = sorted(ln.width for ln in lines[max(0, i - radius) : i + radius + 1])
        cols.append(window[int(0.7 * (len(window) - 1))])
    return cols


def _double_spaced(lines: list[_Line], radius: int = 3) -> list[bool]:
    """Whether blank lines around each line are noise (a blank after every line)."""
    flags = []
    for i in range(len(lines)):
        window = lines[max(1, i - radius) : i + radius + 1]
        gaps = sum(ln.blank_before for ln in window)
        flags.append(bool(window) and gaps > 0.6 * len(window))
    return flags


def _is_full(width: float, col: float) -> bool:
    return width >= col - 0.5


def parse(text: str) -> Draft:
    text = _LOST_GLYPH.sub("□", text)  # '?' before a character: a glyph lost in extraction
    raw = text.splitlines()
    lines: list[_Line] = []
    blank = False
    for ln in raw:
        s = ln.strip()
        if not s:
            blank = True
            continue
        # a line indented in the source starts a paragraph, like one after a blank line
        lines.append(_Line(s, blank or ln[:1].isspace(), visual_width(s)))
        blank = False

    # Title block: the lines before the first blank line, when they are few and short.
    draft = Draft(title="")
    head_end = 0
    while head_end < len(lines) and (head_end == 0 or not lines[head_end].blank_before):
        head_end += 1
    if 0 < head_end <= 3 and all(not ends_sentence(ln.text) for ln in lines[:head_end]):
        draft.title = normalize_inline(headline(lines[0].text))
        if head_end > 1:
            subtitle = "\u3000".join(ln.text for ln in lines[1:head_end])
            draft.subtitle = normalize_inline(headline(subtitle))
        body = lines[head_end:]
    else:
        body = lines

    cols = _column_widths(body)
    double = _double_spaced(body)

    # Walk the lines, deciding after each whether the paragraph (or heading) ends.
    groups: list[tuple[bool, list[_Line]]] = []  # (is_heading, lines)
    current: list[_Line] = []
    after_break = True
    for i, ln in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        col = cols[i]
        heading = after_break and not current and _heading_line(body, cols, i)
        if heading or _CREDIT.match(ln.text):
            if current:
                groups.append((False, current))
                current = []
            kind = heading and not _CREDIT.match(ln.text)
            groups.append((kind, [ln]))
            after_break = True
            continue
        current.append(ln)
        if nxt is None:
            break
        if continues(ln.text):
            brk = False
        elif ends_sentence(ln.text):
            brk = (
                ln.width <= col - 2.5
                or (nxt.blank_before and not double[i + 1])
                or (nxt.width <= col - 1.5 and not ends_sentence(nxt.text))
            )
        else:
            brk = ln.width <= col - 4 or (nxt.blank_before and not double[i + 1])
        if brk:
            groups.append((False, current))
            current = []
        after_break = brk
    if current:
        groups.append((False, current))

    # Consecutive heading lines form one heading: a line that fills the column wraps
    # into the next, a short one is a deliberate break (kept as a full-width space).
    groups = [
        (True, grp)
        if not h and _looks_like_heading(join_wrapped(ln.text for ln in grp))
        else (h, grp)
        for h, grp in groups
    ]
    merged: list[tuple[bool, list[_Line]]] = []
    for is_heading, grp in groups:
        if is_heading and merged and merged[-1][0] and not grp[0].blank_before:
            merged[-1][1].extend(grp)
        else:
            merged.append((is_heading, list(grp)))

    for is_heading, grp in merged:
        if is_heading:
            pieces = [headline(grp[0].text)]
            for prev, ln in itertools.pairwise(grp):
                wrapped = prev.width >= 2 * ln.width  # 火灾后，救援物资第一时间 / 到达
                pieces.append(("" if wrapped else "\u3000") + headline(ln.text))
            draft.heading("".join(pieces))
        elif len(grp) == 1 and (m := _CREDIT.match(grp[0].text)):
            draft.paragraph(f"{m.group(1)}\u3000{m.group(2)}")
        else:
            draft.paragraph(join_wrapped(ln.text for ln in grp))

    if not draft.title:
        first = next((b for b in draft.blocks), None)
        if first is not None:
            draft.title = first.text
            draft.blocks.pop(0)
    return draft


def _looks_like_heading(para: str) -> bool:
    """A short paragraph that does not end a sentence is a heading the geometry missed."""
    return (
        not ends_sentence(para)
        and not continues(para)
        and not _INNER_STOP.search(para)
        and not find_date(para[:12])
        and not _CREDIT.match(para)
        and visual_width(para) <= 20
        and any(is_wide(c) for c in para)
    )


def _heading_line(body: list[_Line], cols: list[float], i: int) -> bool:
    """Whether line i, right after a paragraph ended, is a heading and not the (indented)
    first line of the next paragraph. A heading is a short phrase: no clause punctuation,
    not ending on a function word, and what follows it starts a paragraph (the next line
    is shorter than the one after it: the indent), rather than finishing a word it split."""
    ln = body[i]
    if i + 1 >= len(body):
        return False
    nxt = body[i + 1]
    if (
        ends_sentence(ln.text)
        or continues(ln.text)
        or _INNER_STOP.search(ln.text)
        or "，" in ln.text
        or ln.text[-1] in _FUNCTION_CHARS
        or _is_full(ln.width, cols[i] - 1)
        or ends_sentence(nxt.text)
        or len(_LEADING_RUN.match(nxt.text).group(0)) <= 1
    ):
        return False
    if i + 2 >= len(body):
        return True
    return nxt.width < body[i + 2].width - 0.25 or ends_sentence(body[i + 2].text)
