"""Searching the whole library: a field, filters, a debounce, and the results as a
real model.

The panel asks for nothing itself: ``queryChanged(text)`` fires ~200 ms after the last
keystroke, or at once when a filter changes, and the window answers with
``set_results``, reading ``search_filter()`` and ``bookmarked_only()`` for the filters;
``resultActivated(article_id)`` says a result was chosen. Snippets are article text, so
they are escaped before the hits are wrapped in <b>: nothing an article contains is
ever read as HTML.

The filters sit under the field, reached from it with Tab: a source (the window fills
the list with ``set_sources``), From and To dates typed as 2021-01-05, 2021-01 or 2021
(a month or year as From starts on its first day, as To ends on its last; empty is no
limit), and Bookmarked only. A date that is not one is said in the summary when the
field is left, and no search runs until it is fixed or cleared.
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
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.search import Hit, SearchFilter, date_bound, source_key

Index = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 200
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # cannot occur in cleaned article text
_COMBO_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp,
               Qt.Key.Key_PageDown)


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
    queryChanged = Signal(str)  # the query text; also sent again when a filter changes
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
        self._build_filters(layout)
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
        for first, second in zip(self._tab_chain(), self._tab_chain()[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._request)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.activate_current)
        self.field.installEventFilter(self)
        self.results.activated.connect(self._activated)
        self.source_box.currentIndexChanged.connect(lambda _i: self._request())
        self.bookmarked_box.toggled.connect(lambda _on: self._request())
        for date_field in (self.from_field, self.to_field):
            date_field.textChanged.connect(self._date_edited)
            date_field.editingFinished.connect(self._date_finished)
        for widget in (self.source_box, self.bookmarked_box):
            widget.installEventFilter(self)

    def _build_filters(self, layout: QVBoxLayout) -> None:
        # Two short rows, so the dock still fits at its narrowest (280 px).
        first = QHBoxLayout()
        first.setSpacing(6)
        self.source_box = QComboBox(self)
        self.source_box.setObjectName("searchSourceFilter")
        self.source_box.setToolTip(self.tr("Only articles from this source"))
        self.source_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_box.setMinimumContentsLength(8)
        self.source_box.addItem(self.tr("All sources"), None)
        first.addWidget(self.source_box, 1)
        self.bookmarked_box = QCheckBox(self.tr("Bookmarked only"), self)
        self.bookmarked_box.setObjectName("searchBookmarkedOnly")
        first.addWidget(self.bookmarked_box)
        layout.addLayout(first)
        second = QHBoxLayout()
        second.setSpacing(6)
        self.from_field, self.to_field = QLineEdit(self), QLineEdit(self)
        self.from_field.setObjectName("searchDateFrom")
        self.to_field.setObjectName("searchDateTo")
        hint = self.tr("A day (2021-01-05), a month (2021-01) or a year (2021); empty for no limit")
        for label_text, date_field in ((self.tr("From"), self.from_field),
                                       (self.tr("To"), self.to_field)):
            label = QLabel(label_text, self)
            label.setBuddy(date_field)
            date_field.setPlaceholderText(self.tr("YYYY-MM-DD"))
            date_field.setToolTip(hint)
            date_field.setClearButtonEnabled(True)
            date_field.setAccessibleName(label_text)
            second.addWidget(label)
            second.addWidget(date_field, 1)
        layout.addLayout(second)

    def _tab_chain(self) -> list[QWidget]:
        return [self.field, self.source_box, self.bookmarked_box, self.from_field,
                self.to_field, self.results]

    # -- what the window reads ---------------------------------------------------------
    def search_filter(self) -> SearchFilter | None:
        """The source and dates chosen, as a filter (the window adds the bookmarked ids);
        None while a date field holds something that is not a date."""
        try:
            return self._filter()
        except ValueError:
            return None

    def bookmarked_only(self) -> bool:
        return self.bookmarked_box.isChecked()

    def set_sources(self, counts: list[tuple[str, int]]) -> None:
        """The sources to offer, with their article counts (``source_counts``). The
        choice is kept while the source is still there (else: All sources); nothing
        is searched here, the caller reads ``search_filter()`` after."""
        items = [(self.tr("All sources"), None)] + [
            (self.tr("%1 (%2)").replace("%1", name).replace("%2", str(n)), name)
            for name, n in counts
        ]
        current = [(self.source_box.itemText(i), self.source_box.itemData(i))
                   for i in range(self.source_box.count())]
        if items == current:
            return
        chosen = self.source_box.currentData()
        keys = [None if name is None else source_key(name) for _text, name in items]
        self.source_box.blockSignals(True)
        try:
            self.source_box.clear()
            for text, name in items:
                self.source_box.addItem(text, name)
            wanted = None if chosen is None else source_key(chosen)
            self.source_box.setCurrentIndex(keys.index(wanted) if wanted in keys else 0)
        finally:
            self.source_box.blockSignals(False)

    def _filter(self) -> SearchFilter:
        """Raises ValueError with the sentence to show when the dates are no good."""
        bounds = []
        for date_field, end in ((self.from_field, False), (self.to_field, True)):
            try:
                bounds.append(date_bound(date_field.text(), end=end))
            except ValueError:
                raise ValueError(
                    self.tr("Write dates as 2021-01-05, 2021-01 or 2021.")
                ) from None
        date_from, date_to = bounds
        if date_from and date_to and date_from > date_to:
            raise ValueError(self.tr("The From date is after the To date."))
        source = self.source_box.currentData()
        return SearchFilter(
            sources=frozenset() if source is None else frozenset({source}),
            date_from=date_from,
            date_to=date_to,
        )

    # -- asking for a search ------------------------------------------------------------
    def _request(self) -> None:
        self._timer.stop()
        try:
            self._filter()
        except ValueError as problem:
            self.set_results([], str(problem))
            return
        self.queryChanged.emit(self.field.text())

    def _date_edited(self, text: str) -> None:
        # While a date is being typed ("2021-0") it is not one yet: search again only
        # once it is (or is empty); a wrong one is said when the field is left.
        try:
            date_bound(text)
        except ValueError:
            self._timer.stop()
            return
        self._timer.start()

    def _date_finished(self) -> None:
        try:
            self._filter()
        except ValueError as problem:
            self._timer.stop()
            self.set_results([], str(problem))

    # -- results --------------------------------------------------------------------
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
        # Keys the check box and the source list act on themselves (Space ticks or opens
        # the list; Home, End, PgUp, PgDown choose a source) are theirs, not the
        # reader's page and Home/End shortcuts: claim them before the shortcut sees them.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.ShortcutOverride
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and (
                (watched is self.bookmarked_box and event.key() == Qt.Key.Key_Space)
                or (watched is self.source_box and event.key() in _COMBO_KEYS)
            )
        ):
            event.accept()
            return False
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
