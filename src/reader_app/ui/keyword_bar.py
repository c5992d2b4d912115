"""A row of keyword chips above the article: click one to step through its occurrences."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

MAX_CHIPS = 10


class KeywordBar(QWidget):
    """Signal ``keywordClicked(term)``. Shows a quiet status text while keywords load."""

    keywordClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keywordBar")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self._layout.setSpacing(6)
        self._label = QLabel(self.tr("Keywords"), self)
        self._label.setObjectName("keywordLabel")
        self._status = QLabel(self)
        self._status.setObjectName("keywordStatus")
        self._layout.addWidget(self._label)
        self._layout.addWidget(self._status)
        self._layout.addStretch(1)
        self._chips: list[QPushButton] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_status(self, text: str) -> None:
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def set_keywords(self, terms: list[str]) -> None:
        for chip in self._chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for i, term in enumerate(terms[:MAX_CHIPS]):
            chip = QPushButton(term, self)
            chip.setObjectName("keywordChip")
            chip.setFlat(True)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            chip.setToolTip(self.tr("Show the next place “%1” appears").replace("%1", term))
            chip.clicked.connect(lambda _c=False, t=term: self.keywordClicked.emit(t))
            self._layout.insertWidget(1 + i, chip)
            self._chips.append(chip)
        if terms:
            self.set_status("")

    def chips(self) -> list[QPushButton]:
        return list(self._chips)

    def terms(self) -> list[str]:
        return [c.text() for c in self._chips]
