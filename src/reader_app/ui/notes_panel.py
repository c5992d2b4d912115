"""The notes panel: the notes of the article being read (or of the whole library), a
filter, and an editor that saves by itself.

The panel never touches storage. It shows the Note dataclasses it is given and says
what happened by signal: ``noteActivated(note_id)`` when a note is chosen (Enter or a
double click), ``noteEdited(note_id, body)`` ~700 ms after the last keystroke (or at
once on ``flush``), ``deleteRequested(note_id)``, ``scopeChanged(all_notes)``. Note text
is shown as plain text everywhere: a list view's default delegate and a QPlainTextEdit
never interpret HTML.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.script import fold
from reader_app.core.storage import Note
from reader_app.ui.article_filter import change_filter

Index = QModelIndex | QPersistentModelIndex
AUTOSAVE_MS = 700


class NoteRole(IntEnum):
    NOTE_ID = Qt.ItemDataRole.UserRole + 1
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 2
    NOTE = Qt.ItemDataRole.UserRole + 3
    DETACHED = Qt.ItemDataRole.UserRole + 4
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 5


class NotesModel(QAbstractListModel):
    """Notes, newest first, with the title of each note's article for the list."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self._titles: dict[str, str] = {}
        self._show_titles = False
        self.detached_label = "detached"
        self.article_label = "on the whole article"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(note)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._titles.get(note.article_id, "")
        if role == NoteRole.NOTE_ID:
            return note.id
        if role == NoteRole.ARTICLE_ID:
            return note.article_id
        if role == NoteRole.NOTE:
            return note
        if role == NoteRole.DETACHED:
            return note.detached
        if role == NoteRole.SEARCH_TEXT:
            quote = note.anchor.quote if note.anchor else ""
            return fold(f"{quote}\n{note.body}\n{self._titles.get(note.article_id, '')}").casefold()
        return None

    def _display(self, note: Note) -> str:
        lines: list[str] = []
        if self._show_titles:
            lines.append(self._titles.get(note.article_id, note.article_id))
        if note.anchor is not None:
            quote = note.anchor.quote.replace("\n", " ")
            if len(quote) > 60:
                quote = quote[:59] + "…"
            mark = f"[{self.detached_label}] " if note.detached else ""
            lines.append(f"{mark}“{quote}”")
        else:
            lines.append(f"({self.article_label})")
        body = note.body.strip().splitlines()
        if body:
            first = body[0] if len(body[0]) <= 80 else body[0][:79] + "…"
            lines.append(first + (" …" if len(body) > 1 else ""))
        return "\n".join(lines)

    def set_notes(self, notes: list[Note], titles: dict[str, str], show_titles: bool) -> None:
        self.beginResetModel()
        self._notes = sorted(notes, key=lambda n: (n.created, n.id), reverse=True)
        self._titles = dict(titles)
        self._show_titles = show_titles
        self.endResetModel()

    def update_note(self, note: Note) -> None:
        """The note changed (its text was saved): one dataChanged row."""
        for row, old in enumerate(self._notes):
            if old.id == note.id:
                self._notes[row] = note
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return

    def row_of(self, note_id: str) -> int | None:
        for row, note in enumerate(self._notes):
            if note.id == note_id:
                return row
        return None

    def notes(self) -> list[Note]:
        return list(self._notes)


class NotesFilter(QSortFilterProxyModel):
    """Keeps the notes whose quote, text or article title contains every word typed,
    Simplified and Traditional alike."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        words = [fold(w).casefold() for w in text.split()]
        if words != self._words:
            change_filter(self, lambda: setattr(self, "_words", words))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(index.data(NoteRole.SEARCH_TEXT) or "")
        return all(w in haystack for w in self._words)


class NotesPanel(QWidget):
    noteActivated = Signal(str)
    noteEdited = Signal(str, str)
    deleteRequested = Signal(str)
    scopeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.model = NotesModel(self)
        self.model.detached_label = self.tr("detached")
        self.model.article_label = self.tr("on the whole article")
        self.proxy = NotesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._editing: str | None = None
        self._loading = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.all_notes_box = QCheckBox(self.tr("All notes in the library"), self)
        self.all_notes_box.setObjectName("allNotesBox")
        layout.addWidget(self.all_notes_box)
        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("notesFilter")
        self.filter_field.setPlaceholderText(self.tr("Filter notes"))
        self.filter_field.setClearButtonEnabled(True)
        layout.addWidget(self.filter_field)
        self.list_view = QListView(self)
        self.list_view.setObjectName("notesList")
        self.list_view.setModel(self.proxy)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setWordWrap(True)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.list_view, 2)
        self.empty_label = QLabel(self.tr("No notes yet. Select a passage and press Ctrl+M."), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("notesEmptyLabel")
        layout.addWidget(self.empty_label)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(self.tr("Write your note here; it is saved as you type."))
        self.editor.setEnabled(False)
        layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Go to Passage"), self)
        self.delete_button = QPushButton(self.tr("Delete Note"), self)
        self.delete_button.setObjectName("deleteNoteButton")
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._pending = False
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._text_changed)
        self.filter_field.textChanged.connect(self.proxy.set_text)
        self.all_notes_box.toggled.connect(self.scopeChanged.emit)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)
        self.list_view.activated.connect(self._activated)
        self.open_button.clicked.connect(lambda: self._activated(self.list_view.currentIndex()))
        self.delete_button.clicked.connect(self.request_delete)
        self._update_buttons()

    # -- content --

    def all_notes(self) -> bool:
        return self.all_notes_box.isChecked()

    def set_notes(
        self, notes: list[Note], titles: dict[str, str], select: str | None = None
    ) -> None:
        """Show ``notes``; keep the note being edited selected (or ``select``)."""
        self.flush()
        keep = select or self._editing
        self.model.set_notes(notes, titles, show_titles=self.all_notes())
        self.empty_label.setVisible(not notes)
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row))
            self.list_view.setCurrentIndex(index)
            self._load(self.model.notes()[row])
        else:
            self._load(None)
        self._update_buttons()

    def note_saved(self, note: Note) -> None:
        self.model.update_note(note)

    def current_note_id(self) -> str | None:
        return self._editing

    def _load(self, note: Note | None) -> None:
        self._loading = True
        try:
            self._editing = note.id if note is not None else None
            self.editor.setPlainText(note.body if note is not None else "")
            self.editor.setEnabled(note is not None)
        finally:
            self._loading = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note = current.data(NoteRole.NOTE) if current.isValid() else None
        if note is not None and note.id == self._editing:
            return
        self.flush()
        self._load(note)
        self._update_buttons()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.noteActivated.emit(str(index.data(NoteRole.NOTE_ID)))

    def _update_buttons(self) -> None:
        has = self._editing is not None
        self.delete_button.setEnabled(has)
        self.open_button.setEnabled(has)

    # -- editing --

    def edit(self, note_id: str) -> None:
        """Select the note and put the cursor in the editor."""
        row = self.model.row_of(note_id)
        if row is None:
            return
        self.list_view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row)))
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _text_changed(self) -> None:
        if not self._loading and self._editing is not None:
            self._pending = True
            self._timer.start()

    def flush(self) -> None:
        """Save now what the autosave would save shortly (switching, closing)."""
        self._timer.stop()
        pending, self._pending = self._pending, False
        if pending and self._editing is not None:
            self.noteEdited.emit(self._editing, self.editor.toPlainText())

    def has_unsaved_text(self) -> bool:
        return self._pending

    def request_delete(self) -> None:
        if self._editing is not None:
            self.flush()
            self.deleteRequested.emit(self._editing)
