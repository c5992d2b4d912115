"""HTML to text blocks, for the formats that carry HTML (web pages, Jekyll posts).

Not a source format itself. Scripts, styles and page chrome are dropped; block
elements become paragraphs; headings and paragraphs that are wholly bold become
headings; images are dropped (their captions, being text, stay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader_app.core.article import BlockType

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "form",
        "button",
        "select",
        "textarea",
        "nav",
        "header",
        "footer",
        "aside",
        "head",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "figcaption",
        "caption",
        "td",
        "th",
        "tr",
        "table",
        "pre",
        "dd",
        "dt",
        "dl",
        "figure",
        "hr",
        "address",
        "center",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_BOLD = frozenset(["strong", "b"])
_VOID = frozenset(
    [
        "br",
        "img",
        "hr",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass
class HtmlDoc:
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    time: str | None = None
    blocks: list[tuple[BlockType, str]] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = HtmlDoc()
        self._skip_depth = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._text: list[str] = []
        self._bold_text: list[str] = []
        self._bold_depth = 0
        self._heading_depth = 0

    # -- helpers
    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        bold = re.sub(r"\s+", " ", "".join(self._bold_text)).strip()
        if text:
            is_heading = self._heading_depth > 0 or (bold and bold == text)
            self.doc.blocks.append((BlockType.HEADING if is_heading else BlockType.PARAGRAPH, text))
        self._text, self._bold_text = [], []

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or "").lower()
            if key and a.get("content"):
                self.doc.meta[key] = a["content"]
            return
        if tag == "time" and a.get("datetime") and not self.doc.time:
            self.doc.time = a["datetime"]
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip_depth += 1
            return
        if tag == "title":
            self._in_title = True
        if self._skip_depth:
            return
        if tag in _BLOCK:
            self._flush()
        if tag in _HEADINGS:
            self._heading_depth += 1
        if tag in _BOLD:
            self._bold_depth += 1
        if tag == "br":
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag == "title":
            self._in_title = False
            self.doc.title = re.sub(r"\s+", " ", "".join(self._title_parts)).strip() or None
            return
        if self._skip_depth:
            return
        if tag in _BLOCK:
            self._flush()
        if tag in _HEADINGS:
            self._heading_depth = max(0, self._heading_depth - 1)
        if tag in _BOLD:
            self._bold_depth = max(0, self._bold_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip_depth:
            return
        self._text.append(data)
        if self._bold_depth:
            self._bold_text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def extract(html: str) -> HtmlDoc:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return parser.doc


_TAG = re.compile(r"<(p|div|h[1-6]|figure|img|br|strong|span|table|ul|li|blockquote)\b", re.I)


def looks_like_html(text: str, minimum: int = 2) -> bool:
    return len(_TAG.findall(text[:20000])) >= minimum
