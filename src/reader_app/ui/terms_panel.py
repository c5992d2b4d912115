"""The reader's own highlight terms, each with a colour, applied to every article."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.ui.reader_view import HighlightTerm
from reader_app.ui.text_spans import comparable
from reader_app.ui.themes import TERM_COLOURS


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class TermsPanel(QWidget):
    """Signal ``termsChanged(list[HighlightTerm])`` after any add, remove or recolour."""

    termsChanged = Signal(object)  # list[HighlightTerm]

    def __init__(self, terms: list[HighlightTerm], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsPanel")
        self._terms: list[HighlightTerm] = list(terms)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        self.field = QLineEdit(self)
        self.field.setObjectName("termField")
        self.field.setPlaceholderText(self.tr("Add a word to highlight"))
        self.add_button = QPushButton(self.tr("Add"), self)
        row.addWidget(self.field, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.list = QListWidget(self)
        self.list.setObjectName("termList")
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.colour_button = QPushButton(self.tr("Colour…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        buttons.addWidget(self.colour_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_from_field)
        self.field.returnPressed.connect(self._add_from_field)
        self.remove_button.clicked.connect(self.remove_current)
        self.colour_button.clicked.connect(self._choose_colour)
        self.list.itemDoubleClicked.connect(lambda _i: self._choose_colour())
        self._refill()

    def terms(self) -> list[HighlightTerm]:
        return list(self._terms)

    def add_term(self, text: str, colour: str | None = None) -> bool:
        text = text.strip()
        if not text or any(comparable(t.text) == comparable(text) for t in self._terms):
            return False
        colour = colour or TERM_COLOURS[len(self._terms) % len(TERM_COLOURS)]
        self._terms.append(HighlightTerm(text, colour))
        self._refill()
        self.termsChanged.emit(self.terms())
        return True

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._terms):
            del self._terms[row]
            self._refill()
            self.list.setCurrentRow(min(row, len(self._terms) - 1))
            self.termsChanged.emit(self.terms())

    def set_colour(self, row: int, colour: str) -> None:
        if 0 <= row < len(self._terms):
            self._terms[row] = HighlightTerm(self._terms[row].text, colour)
            self._refill()
            self.list.setCurrentRow(row)
            self.termsChanged.emit(self.terms())

    def _add_from_field(self) -> None:
        if self.add_term(self.field.text()):
            self.field.clear()

    def _choose_colour(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._terms):
            return
        colour = QColorDialog.getColor(QColor(self._terms[row].colour), self,
                                       self.tr("Highlight colour"))
        if colour.isValid():
            self.set_colour(row, colour.name())

    def _refill(self) -> None:
        self.list.clear()
        for term in self._terms:
            item = QListWidgetItem(swatch(term.colour), term.text)
            item.setData(Qt.ItemDataRole.UserRole, term.colour)
            self.list.addItem(item)
        has = bool(self._terms)
        self.remove_button.setEnabled(has)
        self.colour_button.setEnabled(has)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        deleting = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete
        if deleting and self.list.hasFocus():
            self.remove_current()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
