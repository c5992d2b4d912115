"""Jekyll Markdown posts: YAML front matter, then a body of HTML paragraphs or of plain
Markdown, ending with source links and navigation that are not part of the article."""

from __future__ import annotations

import re

from reader_app.core.article import BlockType
from reader_app.core.cleaning import find_date, headline, normalize_inline
from reader_app.core.sources import htmltext
from reader_app.core.sources.base import Draft
from reader_app.core.sources.furniture import is_link_only, source_credit, strip_markdown_links

name = "jekyll"

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_MD_BOLD_LINE = re.compile(r"^\*\*(.+)\*\*$|^__(.+)__$")


def detect(text: str) -> float:
    m = _FRONT.match(text)
    if not m:
        return 0.0
    keys = re.findall(r"^([A-Za-z_][\w-]*)\s*:", m.group(1), re.M)
    return 0.95 if keys else 0.3


def front_matter(block: str) -> dict[str, str]:
    """Flat YAML as Jekyll posts use it: `key: value`, quoted or not, `[a, b]` lists and
    `- item` lists joined with commas. Enough for title/date/categories/tags/source."""
    data: dict[str, str] = {}
    key = None
    for line in block.splitlines():
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key:
            value = item.group(1).strip().strip("'\"")
            data[key] = f"{data[key]}, {value}" if data.get(key) else value
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            value = ", ".join(v.strip().strip("'\"") for v in value[1:-1].split(",") if v.strip())
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        data[key] = value
    return data


def _markdown_blocks(body: str) -> list[tuple[BlockType, str]]:
    blocks: list[tuple[BlockType, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append((BlockType.PARAGRAPH, "".join(para)))
            para.clear()

    for raw in body.splitlines():
        line = raw.strip()
        line = re.sub(r"^>\s?", "", line)  # blockquote: the quoted text is article text
        if not line:
            flush()
            continue
        if h := _MD_HEADING.match(line):
            flush()
            blocks.append((BlockType.HEADING, h.group(1)))
            continue
        if b := _MD_BOLD_LINE.match(line):
            flush()
            blocks.append((BlockType.HEADING, b.group(1) or b.group(2)))
            continue
        line = re.sub(r"^([-*+]|\d+\.)\s+", "", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        if para and para[-1][-1:].isascii() and para[-1][-1:].isalnum() and line[:1].isascii():
            para.append(" ")
        para.append(line)
    flush()
    return blocks


def parse(text: str) -> Draft:
    m = _FRONT.match(text)
    meta = front_matter(m.group(1)) if m else {}
    body = text[m.end() :] if m else text
    draft = Draft(title=normalize_inline(headline(meta.get("title", ""))))
    draft.date = find_date(meta.get("date", ""))
    draft.source = meta.get("source") or meta.get("publisher") or None

    if htmltext.looks_like_html(body):
        # Markdown lines outside the HTML (source links, navigation) become paragraphs too.
        doc = htmltext.extract(body.replace("\n\n", "\n<p>\n"))
        blocks = doc.blocks
    else:
        blocks = _markdown_blocks(body)

    for kind, raw in blocks:
        if is_link_only(raw):
            continue
        text_ = strip_markdown_links(raw)
        if (credit := source_credit(text_)) is not None:
            draft.source = draft.source or credit
            continue
        draft.add(kind, text_)
    if not draft.title and draft.blocks:
        draft.title = draft.blocks.pop(0).text
    return draft
