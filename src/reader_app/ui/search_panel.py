"""Searching the whole library: a field, a debounce, and the results as a real model.

The panel asks for nothing itself: ``queryChanged(text)`` fires ~200 ms after the last
keystroke and the window answers with ``set_results``; ``resultActivated(article_id)``
says a result was chosen. Snippets are article text, so they are escaped before the
hits are wrapped in <b>: nothing an article contains is ever read as HTML.
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.search import Hit

Index = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 200
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # cannot occur in cleaned article text


class ResultRole(IntEnum):
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 1
    HITS = Qt.ItemDataRole.UserRole + 2
    SNIPPET = Qt.ItemDataRole.UserRole + 3  # hits between HIT_OPEN and HIT_CLOSE
    RICH_TEXT = Qt.ItemDataRole.UserRole + 4  # escaped title, count, snippet with <b>
    HIT = Qt.ItemDataRole.UserRole + 5


def rich_text(title: str, count_label: str, snippet: str) -> str:
    """Title, count and snippet as HTML, every piece of article text escaped first."""
    body = html.escape(snippet).replace(HIT_OPEN, "<b>").replace(HIT_CLOSE, "</b>")
    return (
        f"<div><b>{html.escape(title)}</b>&nbsp;&nbsp;<small>{html.escape(count_label)}"
        f"</small></div><div>{body}</div>"
    )


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Hit, str, str]] = []  # hit, snippet, count label

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        hit, snippet, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            plain = snippet.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")
            return f"{hit.title}  {count}\n{plain}"
        if role == ResultRole.ARTICLE_ID:
            return hit.article_id
        if role == ResultRole.HITS:
            return hit.hits
        if role == ResultRole.SNIPPET:
            return snippet
        if role == ResultRole.RICH_TEXT:
            return rich_text(hit.title, count, snippet)
        if role == ResultRole.HIT:
            return hit
        return None

    def hits(self) -> list[Hit]:
        return [hit for hit, _s, _c in self._rows]

    def set_results(self, rows: list[tuple[Hit, str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


class ResultDelegate(QStyledItemDelegate):
    """Draws RICH_TEXT (already escaped) so the hits show in bold."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(ResultRole.RICH_TEXT) or ""))
        doc.setTextWidth(max(80, option.rect.width() - 8))
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft().x() + 4, option.rect.topLeft().y() + 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 300
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)


class SearchPanel(QWidget):
    queryChanged = Signal(str)
    resultActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.field = QLineEdit(self)
        self.field.setObjectName("librarySearchField")
        self.field.setPlaceholderText(self.tr("Search every article  (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        layout.addWidget(self.field)
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = SearchResultsModel(self)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.queryChanged.emit(self.field.text()))
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.activate_current)
        self.field.installEventFilter(self)
        self.results.activated.connect(self._activated)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_results(self, rows: list[tuple[Hit, str, str]], summary: str) -> None:
        self.model.set_results(rows)
        self.summary.setText(summary)
        if rows:
            self.results.setCurrentIndex(self.model.index(0))

    def model_hits(self) -> list[Hit]:
        return self.model.hits()

    def activate_current(self) -> None:
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0)
        self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.resultActivated.emit(str(index.data(ResultRole.ARTICLE_ID)))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Up and Down in the field move through the results, as in a browser's bar.
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.model.rowCount()
        ):
            row = self.results.currentIndex().row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.model.rowCount() - 1, row + step))
            self.results.setCurrentIndex(self.model.index(row))
            return True
        return super().eventFilter(watched, event)
