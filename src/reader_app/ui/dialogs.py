"""Small dialogs: files that could not be read, the shortcut sheet, preferences, the
notes trash."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.library import Problem
from reader_app.ui.actions import ACTIONS, MENUS, key_sequences
from reader_app.ui.i18n import LANGUAGES


class ProblemsDialog(QDialog):
    """Every file that failed to load, with the reason in words."""

    def __init__(self, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(self.tr("Files that could not be read"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("These files were skipped. The others loaded normally."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problemsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Why")])
        self.tree.setAlternatingRowColors(True)
        for problem in problems:
            item = QTreeWidgetItem([problem.path, problem.reason])
            item.setToolTip(0, problem.path)
            item.setToolTip(1, problem.reason)
            self.tree.addTopLevelItem(item)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 320)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.tree.topLevelItem(i).text(0), self.tree.topLevelItem(i).text(1))
            for i in range(self.tree.topLevelItemCount())
        ]


def shortcut_rows() -> list[tuple[str, str, list[str]]]:
    """(menu, command, shortcuts in native text) for every action that has a shortcut,
    straight from the action registry."""
    rows = []
    for spec in ACTIONS:
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in key_sequences(spec)]
        if keys:
            rows.append(
                (
                    QCoreApplication.translate("actions", spec.menu).replace("&", ""),
                    QCoreApplication.translate("actions", spec.text),
                    keys,
                )
            )
    return rows


class ShortcutSheet(QDialog):
    """Every keyboard shortcut, grouped by menu; generated from the action registry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 640)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("Single-key shortcuts work whenever you are not typing in a text field."),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for menu in MENUS:
            name = QCoreApplication.translate("actions", menu).replace("&", "")
            group = QTreeWidgetItem([name, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[name] = group
        for menu, text, keys in shortcut_rows():
            item = QTreeWidgetItem([text, "   ".join(keys)])
            item.setData(1, Qt.ItemDataRole.UserRole, keys)
            groups[menu].addChild(item)
        for group in groups.values():
            if group.childCount():
                self.tree.addTopLevelItem(group)
                group.setExpanded(True)
                group.setFirstColumnSpanned(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def listed_shortcuts(self) -> list[str]:
        found: list[str] = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for k in range(group.childCount()):
                found.extend(group.child(k).data(1, Qt.ItemDataRole.UserRole))
        return found


class PreferencesDialog(QDialog):
    """Theme, regional Traditional variant and interface language."""

    def __init__(
        self, theme: str, regional: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout()
        self.theme = QComboBox(self)
        for value, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("sepia", self.tr("Sepia")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.regional = QComboBox(self)
        self.regional.addItem(self.tr("Taiwan (臺灣正體)"), "taiwan")
        self.regional.addItem(self.tr("Hong Kong (香港繁體)"), "hong_kong")
        self.regional.setCurrentIndex(max(0, self.regional.findData(regional)))
        self.language = QComboBox(self)
        self.language.addItem(self.tr("Follow the system"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Regional Traditional"), self.regional)
        form.addRow(self.tr("Interface language"), self.language)
        note = QLabel(self.tr("A new interface language applies the next time the app starts."),
                      self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str]:
        return (self.theme.currentData(), self.regional.currentData(), self.language.currentData())


class NotesTrashDialog(QDialog):
    """Deleted notes, newest deletion first. ``restoreRequested(note_id)`` and
    ``emptyRequested`` say what the reader asked for; the window does it."""

    restoreRequested = Signal(str)
    emptyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        from reader_app.ui.notes_panel import NoteRole, NotesModel

        super().__init__(parent)
        self._role = NoteRole.NOTE_ID
        self.setObjectName("notesTrashDialog")
        self.setWindowTitle(self.tr("Notes Trash"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Deleted notes stay here until the trash is emptied."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = NotesModel(self)
        self.model.detached_label = self.tr("detached")
        self.model.article_label = self.tr("on the whole article")
        self.list_view = QListView(self)
        self.list_view.setObjectName("trashList")
        self.list_view.setModel(self.model)
        self.list_view.setWordWrap(True)
        layout.addWidget(self.list_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.empty_button = QPushButton(self.tr("Empty Trash…"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.empty_button.clicked.connect(self.emptyRequested.emit)
        layout.addWidget(buttons)

    def set_notes(self, notes: list, titles: dict[str, str]) -> None:  # type: ignore[type-arg]
        self.model.set_notes(notes, titles, show_titles=True)
        self.restore_button.setEnabled(bool(notes))
        self.empty_button.setEnabled(bool(notes))

    def _restore(self) -> None:
        index = self.list_view.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0)
        if index.isValid():
            self.restoreRequested.emit(str(index.data(self._role)))
