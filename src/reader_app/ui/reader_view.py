"""The reading view: one article laid out for long reading, with highlights and find.

Article text is always inserted as plain text (``QTextCursor.insertText``), never
parsed as HTML. Offsets from text_spans are Python indices; they are converted to the
UTF-16 positions QTextDocument counts before any cursor is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from reader_app.core.article import Article, BlockType, Script
from reader_app.core.script import fold
from reader_app.ui import themes
from reader_app.ui.text_spans import find_spans, to_utf16, utf16_offsets

BASE_POINT_SIZE = 13.0
ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = -6, 12
MEASURE_EM = 40  # the longest comfortable line for Chinese text, in body-font em
LINE_HEIGHT_PERCENT = 175
TOP_MARGIN_EM = 2.5


@dataclass(frozen=True)
class HighlightTerm:
    text: str
    colour: str


@dataclass(frozen=True)
class Passage:
    """A noted passage: ``article.blocks[block_index].text[start:end]`` (Python
    indices into the article as written) whose folded text is ``quote``."""

    block_index: int
    start: int
    end: int
    quote: str


class ReaderView(QTextBrowser):
    """Read-only view of one article.

    Signals say what happened: ``findResultChanged(current, total)`` after a search
    or a step through its matches; ``firstPainted`` once, the first time an article
    is on screen (the start-up probe listens for it).
    """

    findResultChanged = Signal(int, int)
    firstPainted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._article: Article | None = None
        self._original_script: Script | None = None
        self._header_blocks = 0
        self._zoom = 0
        self._theme = themes.THEMES["light"]
        self._meta_labels: dict[str, str] = {}
        self._keywords: list[str] = []
        self._terms: list[HighlightTerm] = []
        self._highlighting = True
        self._passages: list[Passage] = []
        self._search_spans: list[tuple[int, int]] = []
        self._find_query = ""
        self._find_matches: list[tuple[int, int]] = []
        self._find_current = -1
        self._painted = False
        self._pending_block: int | None = None
        self.document().setDocumentMargin(0)

    # -- content --

    def article(self) -> Article | None:
        return self._article

    def show_article(
        self,
        article: Article,
        *,
        original_script: Script | None = None,
        meta_labels: dict[str, str] | None = None,
        block_index: int = 0,
    ) -> None:
        """Lay out ``article`` (maybe converted; ``original_script`` is the script it
        was written in) and scroll so body block ``block_index`` is at the top."""
        self._article = article
        self._original_script = original_script or article.script
        if meta_labels is not None:
            self._meta_labels = meta_labels
        self._rebuild()
        self.scroll_to_block(block_index)

    def clear_article(self) -> None:
        self._article = None
        self.document().clear()
        self._refresh_extra_selections()

    def _rebuild(self) -> None:
        doc = QTextDocument(self)
        doc.setDocumentMargin(0)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self._body_font())
        article = self._article
        if article is None:
            self.setDocument(doc)
            return
        cursor = QTextCursor(doc)
        t = self._theme
        size = self._point_size()
        first = True

        def add(text: str, block_fmt: QTextBlockFormat, char_fmt: QTextCharFormat) -> None:
            nonlocal first
            # A stray newline would split one article block into two document blocks
            # and break the block-index bookkeeping; a line separator keeps it one.
            text = text.replace("\r", "").replace("\n", "\u2028").replace("\u2029", "\u2028")
            if first:
                cursor.setBlockFormat(block_fmt)
                cursor.setBlockCharFormat(char_fmt)
                first = False
            else:
                cursor.insertBlock(block_fmt, char_fmt)
            cursor.insertText(text, char_fmt)

        em = size * self.logicalDpiY() / 72.0
        title_fmt = self._block_format(130, top=em * TOP_MARGIN_EM, bottom=em * 0.5)
        title_char = self._char_format(themes.UI_FAMILIES, size * 1.7, t.heading, QFont.Weight.Bold)
        add(article.title, title_fmt, title_char)
        header = 1
        if article.subtitle:
            add(article.subtitle, self._block_format(150, bottom=em * 0.4),
                self._char_format(themes.UI_FAMILIES, size * 1.15, t.muted))
            header += 1
        add(self._meta_line(article), self._block_format(150, bottom=em * 1.6),
            self._char_format(themes.UI_FAMILIES, size * 0.85, t.muted))
        header += 1
        self._header_blocks = header

        para_fmt = self._block_format(LINE_HEIGHT_PERCENT, bottom=em * 0.9)
        para_fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        para_char = self._char_format(themes.BODY_FAMILIES, size, t.text)
        head_fmt = self._block_format(150, top=em * 0.9, bottom=em * 0.6)
        head_char = self._char_format(themes.UI_FAMILIES, size * 1.12, t.heading,
                                      QFont.Weight.Bold)
        for block in article.blocks:
            if block.type is BlockType.HEADING:
                add(block.text, head_fmt, head_char)
            else:
                add(block.text, para_fmt, para_char)
        # Room after the last paragraph, so End does not leave it glued to the edge.
        last = cursor.blockFormat()
        last.setBottomMargin(em * 4)
        cursor.setBlockFormat(last)
        self.setDocument(doc)
        self._update_measure()
        self._find_matches = []
        self._find_current = -1
        if self._find_query:
            self.find_text(self._find_query, move=False)
        self._refresh_extra_selections()

    def _meta_line(self, article: Article) -> str:
        labels = self._meta_labels
        script = self._original_script or article.script
        written = labels.get(script.value, script.value)
        parts = [article.date or "", article.source or "", written]
        return "  ·  ".join(p for p in parts if p)

    def _block_format(self, line_height: int, *, top: float = 0, bottom: float = 0
                      ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        return fmt

    def _char_format(self, families: tuple[str, ...], size: float, colour: str,
                     weight: QFont.Weight | None = None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(list(families))
        fmt.setFontPointSize(size)
        fmt.setForeground(QColor(colour))
        if weight is not None:
            fmt.setFontWeight(int(weight.value) if hasattr(weight, "value") else int(weight))
        return fmt

    def _body_font(self) -> QFont:
        return themes.font(themes.BODY_FAMILIES, self._point_size())

    def _point_size(self) -> float:
        return BASE_POINT_SIZE * (ZOOM_STEP**self._zoom)

    # -- measure and theme --

    def _update_measure(self) -> None:
        """Keep the text column at most MEASURE_EM wide, centred, on wide windows."""
        em = self._point_size() * self.logicalDpiY() / 72.0
        width = self.viewport().width()
        column = min(width - 2 * em * 1.5, em * MEASURE_EM)
        side = max(em * 1.5, (width - column) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) < 0.5:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)

    def resizeEvent(self, event: Any) -> None:
        block = self._pending_block if self._pending_block is not None else self.top_block_index()
        super().resizeEvent(event)
        if self._article is not None:
            # Rewrapping moves every paragraph; keep the one being read on top.
            self._update_measure()
            self.scroll_to_block(block)

    def showEvent(self, event: Any) -> None:
        # QTextEdit scrolls to its cursor on first show; the reading position wins.
        block = self._pending_block if self._pending_block is not None else self.top_block_index()
        super().showEvent(event)
        if self._article is not None:
            self.scroll_to_block(block)

    def set_theme(self, theme: themes.Theme) -> None:
        self._theme = theme
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(theme.base))
        palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
        palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.selection))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.text))
        self.setPalette(palette)
        self.viewport().setPalette(palette)
        if self._article is not None:
            block = self.top_block_index()
            self._rebuild()
            self.scroll_to_block(block)

    def theme(self) -> themes.Theme:
        return self._theme

    # -- zoom --

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, level: int) -> None:
        level = max(ZOOM_MIN, min(ZOOM_MAX, int(level)))
        if level == self._zoom:
            return
        block = self.top_block_index()
        self._zoom = level
        if self._article is not None:
            self._rebuild()
            self.scroll_to_block(block)

    def body_point_size(self) -> float:
        return self._point_size()

    # -- position --

    def header_block_count(self) -> int:
        return self._header_blocks

    def body_block(self, index: int) -> QTextBlock:
        return self.document().findBlockByNumber(self._header_blocks + index)

    def top_block_index(self) -> int:
        """Index (into ``article.blocks``) of the first body block whose bottom is below
        the top of the view: the paragraph the reader is at. 0 while the title shows."""
        if self._article is None:
            return 0
        layout = self.document().documentLayout()
        top = self.verticalScrollBar().value()
        block = self.document().findBlockByNumber(self._header_blocks)
        index = 0
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.bottom() > top + 1:
                return index
            block = block.next()
            index += 1
        return max(0, index - 1)

    def scroll_to_block(self, index: int) -> None:
        # Before the view is on screen its size (and so the layout) is not final: keep
        # the wish and apply it again once shown.
        self._pending_block = None if self.isVisible() else index
        if self._article is None or index <= 0:
            self.verticalScrollBar().setValue(0)
            return
        index = min(index, len(self._article.blocks) - 1)
        block = self.body_block(index)
        if not block.isValid():
            return
        rect = self.document().documentLayout().blockBoundingRect(block)
        # The document may lay out lazily; make sure the range covers the target.
        bar = self.verticalScrollBar()
        doc_height = self.document().size().height()
        bar.setRange(0, max(0, int(doc_height - self.viewport().height())))
        bar.setValue(int(rect.top()))

    def page(self, direction: int) -> None:
        bar = self.verticalScrollBar()
        # Keep two lines of context from the previous page.
        overlap = int(self._point_size() * self.logicalDpiY() / 72.0 * 3.5)
        bar.setValue(bar.value() + direction * max(40, self.viewport().height() - overlap))

    def scroll_to_end(self, end: bool) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum() if end else 0)

    # -- highlights --

    def set_keywords(self, keywords: list[str]) -> None:
        self._keywords = list(keywords)
        self._refresh_extra_selections()

    def keywords(self) -> list[str]:
        return list(self._keywords)

    def set_highlight_terms(self, terms: list[HighlightTerm]) -> None:
        self._terms = list(terms)
        self._refresh_extra_selections()

    def set_highlighting(self, on: bool) -> None:
        self._highlighting = on
        self._refresh_extra_selections()

    def highlighting(self) -> bool:
        return self._highlighting

    def occurrences(self, terms: list[str]) -> list[tuple[int, int, int]]:
        """(start, end, term index) in document positions (UTF-16), every block."""
        found: list[tuple[int, int, int]] = []
        if not terms or self._article is None:
            return found
        block = self.document().begin()
        while block.isValid():
            text = block.text()
            base = block.position()
            for s, e, t in to_utf16(find_spans(text, terms), text):
                found.append((base + s, base + e, t))
            block = block.next()
        return found

    def highlight_ranges(self) -> list[tuple[int, int, str]]:
        """What is painted as highlight now: (start, end, colour) in document positions."""
        if not self._highlighting:
            return []
        # The reader's colours are pastels picked for a light page; on a dark page they
        # are darkened so the text stays legible. Keyword colours come from the theme.
        own = [QColor(t.colour).darker(260).name() if self._theme.dark else t.colour
               for t in self._terms]
        terms = [t.text for t in self._terms] + self._keywords
        colours = own + [self._theme.keyword] * len(self._keywords)
        return [(s, e, colours[t]) for s, e, t in self.occurrences(terms)]

    # -- search hits --

    def set_search_spans(self, spans: list[tuple[int, int]]) -> None:
        """Highlight library-search hits given as Python indices into the shown
        article's ``all_text()`` (title, subtitle, blocks joined by newlines)."""
        self._search_spans = list(spans)
        self._refresh_extra_selections()

    def search_ranges(self) -> list[tuple[int, int]]:
        """The search hits in document positions (UTF-16), in order."""
        article = self._article
        if article is None or not self._search_spans:
            return []
        # all_text() has no meta line; map each of its lines to its document block.
        blocks = [self.document().findBlockByNumber(0)]
        if article.subtitle:
            blocks.append(self.document().findBlockByNumber(1))
        blocks += [self.body_block(i) for i in range(len(article.blocks))]
        starts: list[int] = []
        pos = 0
        for text in [article.title, *([article.subtitle] if article.subtitle else []),
                     *(b.text for b in article.blocks)]:
            starts.append(pos)
            pos += len(text) + 1
        ranges: list[tuple[int, int]] = []
        line = 0
        for start, end in self._search_spans:
            while line + 1 < len(starts) and starts[line + 1] <= start:
                line += 1
            block = blocks[line]
            if not block.isValid():
                continue
            text = block.text()
            lo = start - starts[line]
            hi = min(end - starts[line], len(text))
            if not 0 <= lo < hi:
                continue
            offsets = utf16_offsets(text)
            ranges.append((block.position() + offsets[lo], block.position() + offsets[hi]))
        return ranges

    def reveal_first_search_hit(self) -> bool:
        ranges = self.search_ranges()
        if not ranges:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(ranges[0][0])
        self.setTextCursor(cursor)
        self._reveal(cursor)
        return True

    # -- noted passages --

    def set_passages(self, passages: list[Passage]) -> None:
        """Underline these passages (notes); the text shown may be converted, so each
        is found again by its quote when the offsets no longer hold it."""
        self._passages = list(passages)
        self._refresh_extra_selections()

    def passage_ranges(self) -> list[tuple[int, int]]:
        """Where the noted passages are, in document positions (UTF-16)."""
        found = [self.passage_range(p) for p in self._passages]
        return [r for r in found if r is not None]

    def passage_range(self, passage: Passage) -> tuple[int, int] | None:
        if self._article is None or not 0 <= passage.block_index < len(self._article.blocks):
            return None
        block = self.body_block(passage.block_index)
        if not block.isValid():
            return None
        text = block.text()
        start, end = passage.start, passage.end
        if fold(text[start:end]) != passage.quote:
            spans = find_spans(text, [passage.quote])
            if not spans:
                return None
            start, end, _t = min(spans, key=lambda sp: abs(sp[0] - passage.start))
        offsets = utf16_offsets(text)
        return (block.position() + offsets[start], block.position() + offsets[end])

    def reveal_passage(self, passage: Passage) -> bool:
        """Select the passage and scroll it into view; False when it is not found."""
        found = self.passage_range(passage)
        if found is None:
            return False
        self._select(*found)
        return True

    def selected_passage(self) -> tuple[int, int, int, str] | None:
        """The selection as (body block index, start, end, text), Python indices into the
        text shown in that block; clipped to the block the selection starts in. None
        without a selection or when it starts in the title lines."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._article is None:
            return None
        block = self.document().findBlock(cursor.selectionStart())
        index = block.blockNumber() - self._header_blocks
        if index < 0:
            return None
        text = block.text()
        offsets = utf16_offsets(text)
        lo = cursor.selectionStart() - block.position()
        hi = min(cursor.selectionEnd() - block.position(), offsets[-1])
        start = next(i for i, o in enumerate(offsets) if o >= lo)
        end = next((i for i, o in enumerate(offsets) if o >= hi), len(text))
        if end <= start:
            return None
        return (index, start, end, text[start:end])

    def _refresh_extra_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        for start, end in self.passage_ranges():
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(self._theme.accent))
            selections.append(self._selection(start, end, fmt))
        for start, end, colour in self.highlight_ranges():
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            selections.append(self._selection(start, end, fmt))
        for start, end in self.search_ranges():
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(self._theme.find))
            selections.append(self._selection(start, end, fmt))
        for i, (start, end) in enumerate(self._find_matches):
            fmt = QTextCharFormat()
            current = i == self._find_current
            fmt.setBackground(QColor(self._theme.find_current if current else self._theme.find))
            selections.append(self._selection(start, end, fmt))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def step_occurrence(self, terms: list[str], direction: int) -> bool:
        """Select the next (1) or previous (-1) occurrence of any of ``terms`` after or
        before the cursor, wrapping around; False when there is none."""
        found = self.occurrences(terms)
        if not found:
            return False
        here = self.textCursor()
        if direction > 0:
            pos = here.selectionEnd() if here.hasSelection() else self._view_top_position()
            after = [f for f in found if f[0] >= pos]
            target = after[0] if after else found[0]
        else:
            pos = here.selectionStart() if here.hasSelection() else self._view_top_position()
            before = [f for f in found if f[0] < pos]
            target = before[-1] if before else found[-1]
        self._select(target[0], target[1])
        return True

    def _view_top_position(self) -> int:
        cursor = self.cursorForPosition(self.viewport().rect().topLeft())
        return cursor.position()

    def _select(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._reveal(cursor)

    def _reveal(self, cursor: QTextCursor) -> None:
        """Bring ``cursor`` into view a third of the way down, unless already visible."""
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if rect.top() < height * 0.1 or rect.bottom() > height * 0.9:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)

    def selected_text(self) -> str:
        return self.textCursor().selectedText()

    # -- find --

    def find_text(self, query: str, *, move: bool = True) -> tuple[int, int]:
        """Find every match of ``query`` (script- and case-insensitive); select the first
        one at or after the view top when ``move``. Returns (current 1-based, total)."""
        self._find_query = query
        found = self.occurrences([query]) if query.strip() else []
        self._find_matches = [(s, e) for s, e, _t in found]
        self._find_current = -1
        if self._find_matches and move:
            top = self._view_top_position()
            after = [i for i, (s, _e) in enumerate(self._find_matches) if s >= top]
            self._find_current = after[0] if after else 0
            self._select(*self._find_matches[self._find_current])
        self._refresh_extra_selections()
        result = (self._find_current + 1, len(self._find_matches))
        self.findResultChanged.emit(*result)
        return result

    def find_step(self, direction: int) -> tuple[int, int]:
        if not self._find_matches:
            return (0, 0)
        self._find_current = (self._find_current + direction) % len(self._find_matches)
        self._select(*self._find_matches[self._find_current])
        self._refresh_extra_selections()
        result = (self._find_current + 1, len(self._find_matches))
        self.findResultChanged.emit(*result)
        return result

    def clear_find(self) -> None:
        self._find_query = ""
        self._find_matches = []
        self._find_current = -1
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self._refresh_extra_selections()

    def find_matches(self) -> list[tuple[int, int]]:
        return list(self._find_matches)

    def find_current(self) -> int:
        return self._find_current

    # -- first paint (start-up probe) --

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._painted and self._article is not None:
            self._painted = True
            self.firstPainted.emit()

