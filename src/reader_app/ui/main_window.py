"""The reader window: assembles the list, the reading view and the panels; owns the actions.

Everything the reader can do is an action from ui/actions.py; this module supplies the
handlers. Conversion and keyword extraction run in workers the first time (they load
dictionaries); the list and the last article are on screen before either has loaded.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.core.article import Article, Script
from reader_app.core.paths import AppPaths
from reader_app.core.script import fold
from reader_app.core.storage import StorageError
from reader_app.ui import themes
from reader_app.ui.actions import ACTIONS, MENUS, build_actions
from reader_app.ui.article_delegate import ArticleDelegate
from reader_app.ui.article_filter import ArticleFilterModel, SortKey
from reader_app.ui.article_list_model import ArticleListModel, Role
from reader_app.ui.find_bar import FindBar
from reader_app.ui.keyword_bar import KeywordBar
from reader_app.ui.reader_view import HighlightTerm, Passage, ReaderView
from reader_app.ui.settings import Settings
from reader_app.ui.workers import Workers

if TYPE_CHECKING:
    from reader_app.core.library import Problem
    from reader_app.ui.keyword_source import Extractor
    from reader_app.ui.notes_panel import NotesPanel
    from reader_app.ui.search_panel import SearchPanel
    from reader_app.ui.terms_panel import TermsPanel


def _convert_module() -> Any:
    """reader_app.core.convert, imported when first needed (a text shown as written
    needs none of it); None in a build without it. Conversion is another module's job;
    without it the reader shows articles as written."""
    try:
        from reader_app.core import convert
    except ImportError:  # pragma: no cover - only in a build without convert
        return None
    return convert


def _conversion_available() -> bool:
    """Whether this build has the converter, without importing it."""
    return importlib.util.find_spec("reader_app.core.convert") is not None


MODES = ("original", "simplified", "traditional", "regional")
# Menu entries that start a new group (a separator above them).
SEPARATE_BEFORE = frozenset(
    {"problems", "preferences", "close", "back", "page_down", "focus_filter", "cycle_theme",
     "script_original", "next_keyword", "highlight_terms", "search_library", "add_note", "delete",
     "notes_trash"}
)


class MainWindow(QMainWindow):
    """Signals: ``articleShown(article_id)`` after an article is laid out (in whatever
    script); ``modeChanged(mode)`` after the script mode changed; ``keywordsReady``
    once the keyword extractor is loaded; ``converterReady`` likewise;
    ``articlesImported(count)`` when an import into the library has finished (count
    rows were added; 0 after a failure or a cancel before any file)."""

    articleShown = Signal(str)
    modeChanged = Signal(str)
    keywordsReady = Signal()
    articlesImported = Signal(int)
    converterReady = Signal()

    def __init__(
        self,
        articles: list[Article],
        problems: list[Problem],
        app_paths: AppPaths,
        settings: Settings,
        *,
        background_loading: bool = True,
        db: Any = None,
        collection: Any = None,
        missing: list[str] | None = None,
        notices: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._paths = app_paths
        self._settings = settings
        # The library file (notes, bookmarks) and the reader's imported articles; None
        # when the file could not be opened: the window then reads without them.
        self._db = db
        self._collection = collection
        self._notices = list(notices or [])
        self._problems = list(problems)
        if missing:
            from reader_app.core.library import Problem

            moved = self.tr("the file was moved or deleted; its notes are kept")
            self._problems += [Problem(path, moved) for path in missing]
        self._workers = Workers(self)
        self._converter_made = False  # see the _converter property
        self._converter_object: Any = None
        self._converter_ready = False
        self._converter_loading = False
        self._extractor: Extractor | None = None
        self._keywords_loading = False
        self._keyword_cache: dict[str, list[str]] = {}
        self._current: Article | None = None
        self._shown: Article | None = None
        self._history: list[str] = []
        self._history_pos = -1
        self._selecting = False
        self._mode = settings.display_mode() if settings.display_mode() in MODES else "original"
        self._regional = settings.regional_variant()
        self._theme_choice = settings.theme()
        self._language = settings.language()
        self._background_loading = background_loading
        self._highlight_terms: list[HighlightTerm] = settings.highlight_terms()

        self.model = ArticleListModel(articles, self)
        if self._db is not None:
            try:
                for article_id in self._db.bookmarks.bookmarked_article_ids():
                    self.model.set_bookmarked(article_id, True)
            except StorageError as error:
                self._notices.append(str(error))
        try:
            sort_key = SortKey(settings.sort_key())
        except ValueError:
            sort_key = SortKey.DATE
        self.proxy = ArticleFilterModel(self, sort_key=sort_key)
        self.proxy.setSourceModel(self.model)  # sorts the list, once

        self._build_widgets()
        self.actions_by_id = build_actions(self, self._handler)
        self._guard_single_keys()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.check_chinese_font()
        self._build_sidebar_buttons()
        self._connect()

        self.reader.set_zoom(settings.zoom())
        self.reader.set_highlighting(settings.highlighting())
        self.reader.set_highlight_terms(self._highlight_terms)
        self.actions_by_id["toggle_highlights"].setChecked(settings.highlighting())
        self.apply_theme(self._theme_choice)
        self._sync_mode_actions()
        self._restore_geometry()
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(800)
        self._position_timer.timeout.connect(self._save_position)
        scrollbar = self.reader.verticalScrollBar()
        scrollbar.valueChanged.connect(lambda _v: self._position_timer.start())
        self.reader.firstPainted.connect(self._after_first_paint)
        self._painted = False
        self._opened_unsaved: list[str] = []  # see _mark_opened

        first = settings.last_article()
        if self.model.row_of(first) is None and self.proxy.rowCount() > 0:
            first = self.proxy.index(0, 0).data(Role.ARTICLE_ID)
        if first:
            self.open_article(first)
        self._update_title()
        # Start in the text, so J, Space and S work at once (not typed into the filter).
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._notices:
            QTimer.singleShot(0, self._show_notices)

    # ------------------------------------------------------------------ building

    def _build_widgets(self) -> None:
        sidebar = QWidget(self)
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(8, 8, 0, 8)
        side.setSpacing(6)
        self.filter_field = QLineEdit(sidebar)
        self.filter_field.setObjectName("filterField")
        self.filter_field.setPlaceholderText(self.tr("Filter by title or source  (/)"))
        self.filter_field.setClearButtonEnabled(True)
        self.sort_box = QComboBox(sidebar)
        self.sort_box.setObjectName("sortBox")
        for key, label in (
            (SortKey.DATE, self.tr("Newest first")),
            (SortKey.TITLE, self.tr("By title")),
            (SortKey.SOURCE, self.tr("By source")),
        ):
            self.sort_box.addItem(label, key.value)
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(self.proxy.sort_key().value)))
        self.sort_box.setToolTip(self.tr("Sort the list"))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.sort_box)
        side.addLayout(top)
        self._sidebar_top = top
        self.list_view = QListView(sidebar)
        self.list_view.setObjectName("articleList")
        self.list_view.setModel(self.proxy)
        self.list_view.setItemDelegate(ArticleDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        # Row heights depend on the width (titles wrap): re-measure when it changes.
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setAlternatingRowColors(False)
        side.addWidget(self.list_view, 1)
        self.empty_label = QLabel(self.tr("No article matches the filter."), sidebar)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        side.addWidget(self.empty_label)

        page = QWidget(self)
        page.setObjectName("page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.keyword_bar = KeywordBar(page)
        self.reader = ReaderView(page)
        self.find_bar = FindBar(page)
        self.find_bar.hide()
        column.addWidget(self.keyword_bar)
        column.addWidget(self.reader, 1)
        column.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(page)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([330, 950])
        self.setCentralWidget(self.splitter)
        self.sidebar = sidebar

        # The three docks are there from the start (empty, hidden) so that restoreState
        # finds them; what they hold is built the first time it is wanted (see
        # terms_panel, search_panel, notes_panel), which keeps it out of the start-up.
        self.terms_dock = self._empty_dock("termsDock", self.tr("My highlight terms"))
        self.resizeDocks([self.terms_dock], [240], Qt.Orientation.Horizontal)
        self.search_dock = self._empty_dock("searchDock", self.tr("Search the Library"))
        self._search_hit: tuple[str, tuple[tuple[int, int], ...], tuple[str, ...]] | None = None
        self._search_query: Any = None
        self.notes_dock = self._empty_dock("notesDock", self.tr("Notes"))
        self._terms_panel: TermsPanel | None = None
        self._search_panel: SearchPanel | None = None
        self._notes_panel: NotesPanel | None = None

    def _empty_dock(self, name: str, title: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        return dock

    @property
    def terms_panel(self) -> TermsPanel:
        """The reader's highlight terms panel, built (in its dock) on first use."""
        if self._terms_panel is None:
            from reader_app.ui.terms_panel import TermsPanel

            panel = TermsPanel(self._highlight_terms, self)
            panel.setMinimumWidth(220)
            panel.termsChanged.connect(self._terms_changed)
            self.terms_dock.setWidget(panel)
            self._terms_panel = panel
        return self._terms_panel

    @property
    def search_panel(self) -> SearchPanel:
        """The library search panel, built (in its dock) on first use."""
        if self._search_panel is None:
            from reader_app.ui.search_panel import SearchPanel

            panel = SearchPanel(self)
            panel.setMinimumWidth(280)
            panel.queryChanged.connect(self._search_library)
            panel.resultActivated.connect(self._search_result_activated)
            self.search_dock.setWidget(panel)
            self._search_panel = panel
        return self._search_panel

    @property
    def notes_panel(self) -> NotesPanel:
        """The notes panel, built (in its dock, filled with the notes) on first use."""
        if self._notes_panel is None:
            from reader_app.ui.notes_panel import NotesPanel

            panel = NotesPanel(self)
            panel.setMinimumWidth(260)
            panel.noteEdited.connect(self._note_edited)
            panel.noteActivated.connect(self.open_note)
            panel.deleteRequested.connect(self.delete_note)
            panel.scopeChanged.connect(lambda _all: self._refresh_notes())
            self.notes_dock.setWidget(panel)
            self._notes_panel = panel
            self._refresh_notes()
        return self._notes_panel

    def _dock_shown(self, dock: QDockWidget) -> None:
        """A dock became visible (its action, restoreState, the docks' context menu):
        make sure it holds its panel."""
        panels = {"termsDock": "terms_panel", "searchDock": "search_panel",
                  "notesDock": "notes_panel"}
        getattr(self, panels[dock.objectName()])  # the properties build on first access

    def _handler(self, name: str) -> Callable[[], None]:
        method = getattr(self, name)
        return method  # type: ignore[no-any-return]

    def _guard_single_keys(self) -> None:
        """J, K, Space, / must type into a text field, not trigger a command. A key
        press is first offered as a ShortcutOverride event; accepting it for a typing
        key while a field has focus sends the key to the field. Shortcuts with Ctrl or
        Alt (Ctrl+Down, Alt+Left) still work from anywhere.

        The guard is an application-wide event filter, so every object that gets an
        event is handed to Python, and PySide6 works out each one's Python type the
        first time (making the enums of every class it looks at: ~40 ms). It goes in
        once the first article is painted, or before that as soon as the focus moves
        into a text field, the only time it has anything to do."""
        self._typing_guard = _TypingGuard(self.typing, self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._typing_guard.focus_moved)
            self.destroyed.connect(lambda _o=None, a=app, g=self._typing_guard:
                                   a.removeEventFilter(g))

    def typing(self) -> bool:
        from PySide6.QtWidgets import QAbstractSpinBox, QPlainTextEdit

        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit | QAbstractSpinBox | QPlainTextEdit):
            return True
        if isinstance(widget, QComboBox) and widget.isEditable():
            return True
        return isinstance(widget, QTextEdit) and not widget.isReadOnly()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for menu_name in MENUS:
            menu = bar.addMenu(self.tr_menu(menu_name))
            for spec in ACTIONS:
                if spec.menu != menu_name:
                    continue
                if spec.id in SEPARATE_BEFORE and not menu.isEmpty():
                    menu.addSeparator()
                menu.addAction(self.actions_by_id[spec.id])
        self._mode_group = QActionGroup(self)
        self._mode_group.setExclusive(True)
        for mode in MODES:
            self._mode_group.addAction(self.actions_by_id[f"script_{mode}"])
        self.actions_by_id["toggle_sidebar"].setChecked(True)
        # Reached by menu and shortcut but also from the window, so they work with the
        # menu bar hidden (some desktops) and are listed in the sheet.
        for action in self.actions_by_id.values():
            self.addAction(action)

    @staticmethod
    def tr_menu(name: str) -> str:
        from reader_app.ui.actions import translated

        return translated(name)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Reading"), self)
        bar.setObjectName("readingToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions_by_id
        self._tool_labels = {
            "back": "←",
            "forward": "→",
            "script_original": self.tr("As written"),
            "script_simplified": "简体",
            "script_traditional": "繁體",
            "zoom_out": "A−",
            "zoom_in": "A+",
            "toggle_highlights": self.tr("Highlights"),
            "find": self.tr("Find"),
            "highlight_terms": self.tr("My terms"),
        }
        for action_id in ("back", "forward"):
            bar.addAction(self._tool_action(action_id))
        bar.addSeparator()
        for mode in MODES:
            bar.addAction(self._tool_action(f"script_{mode}"))
        bar.addSeparator()
        for action_id in ("toggle_highlights", "highlight_terms"):
            bar.addAction(self._tool_action(action_id))
        bar.addSeparator()
        for action_id in ("zoom_out", "zoom_in"):
            bar.addAction(self._tool_action(action_id))
        spacer = QWidget(bar)
        from PySide6.QtWidgets import QSizePolicy

        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self._tool_action("find"))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        self._regional_label()
        del a

    def _tool_action(self, action_id: str) -> QAction:
        """The toolbar shows the registry's action under a short label: same shortcut,
        same checked state, one handler."""
        action = self.actions_by_id[action_id]
        return action

    def _regional_label(self) -> None:
        action = self.actions_by_id["script_regional"]
        if self._regional == "hong_kong":
            action.setText(self.tr("Hong Kong Traditional"))
            action.setIconText("港繁")
        else:
            action.setText(self.tr("Taiwan Traditional"))
            action.setIconText("臺灣")
        for action_id, label in self._tool_labels.items():
            self.actions_by_id[action_id].setIconText(label)
        for action in self.actions_by_id.values():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                action.setToolTip(f"{action.text()}  ({keys})")

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        status.addWidget(self.status_label, 1)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        status.addWidget(self.undo_button)
        self.import_progress = QProgressBar(self)
        self.import_progress.setObjectName("importProgress")
        self.import_progress.setMaximumWidth(220)
        self.import_progress.hide()
        status.addPermanentWidget(self.import_progress)
        self.import_cancel_button = QPushButton(self.tr("Cancel"), self)
        self.import_cancel_button.setObjectName("importCancelButton")
        self.import_cancel_button.hide()
        status.addPermanentWidget(self.import_cancel_button)
        self._import_cancel: threading.Event | None = None
        self._undo: Callable[[], None] | None = None
        self.problems_button = QPushButton(self)
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setFlat(True)
        self.problems_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._update_problems_button()
        status.addPermanentWidget(self.problems_button)
        self.font_notice = QLabel(self)
        self.font_notice.setObjectName("fontNotice")
        self.font_notice.setWordWrap(True)
        self.font_notice.hide()
        status.addWidget(self.font_notice, 2)

    def check_chinese_font(self, families: list[str] | None = None) -> bool:
        """Say once, in the status bar, when no installed font covers Chinese (Qt ships
        none, and the text would otherwise be empty boxes). ``families``: the fonts to
        look at, the system's own by default. True when a Chinese font is there."""
        if families is None:
            families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if families:
            self.font_notice.hide()
            return True
        self.font_notice.setText(
            self.tr("No installed font can show Chinese, so the text may appear as empty boxes. Install one, for example Noto CJK (Debian/Ubuntu: fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts), then restart Reader.")  # noqa: E501 (one string for the translation table)
        )
        self.font_notice.show()
        return False

    def _update_problems_button(self) -> None:
        n = len(self._problems)
        if n == 1:
            self.problems_button.setText(self.tr("1 file could not be read"))
        else:
            self.problems_button.setText(self.tr("%n files could not be read", "", n))
        self.problems_button.setVisible(n > 0)
        self.actions_by_id["problems"].setEnabled(n > 0)

    def _build_sidebar_buttons(self) -> None:
        self.bookmarked_only_button = QToolButton(self.sidebar)
        self.bookmarked_only_button.setObjectName("bookmarkedOnlyButton")
        self.bookmarked_only_button.setDefaultAction(self.actions_by_id["bookmarked_only"])
        self.bookmarked_only_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.bookmarked_only_button.setText("★")
        self._sidebar_top.addWidget(self.bookmarked_only_button)

    def _show_notices(self) -> None:
        """Sentences about the library file (recovered, migrated, unreadable), once."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Reader"),
                          "\n\n".join(self._notices), QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_box = box
        self._notices = []
        box.open()

    def _connect(self) -> None:
        self.filter_field.textChanged.connect(self._filter_changed)
        self.filter_field.returnPressed.connect(self.focus_list)
        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.list_view.selectionModel().currentChanged.connect(self._list_current_changed)
        self.list_view.activated.connect(lambda _i: self.focus_reader())
        self.find_bar.queryChanged.connect(self._find_query_changed)
        self.find_bar.nextRequested.connect(self.find_next)
        self.find_bar.previousRequested.connect(self.find_previous)
        self.find_bar.closed.connect(self.close_find)
        self.reader.findResultChanged.connect(self.find_bar.show_result)
        self.keyword_bar.keywordClicked.connect(self._keyword_clicked)
        self.problems_button.clicked.connect(self.show_problems)
        self.notes_dock.visibilityChanged.connect(
            lambda visible: self.actions_by_id["notes_panel"].setChecked(visible)
        )
        for dock in (self.terms_dock, self.search_dock, self.notes_dock):
            dock.visibilityChanged.connect(
                lambda visible, d=dock: self._dock_shown(d) if visible else None
            )
        self.undo_button.clicked.connect(self.undo)
        self.import_cancel_button.clicked.connect(self.cancel_import)
        self.setAcceptDrops(True)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._reader_context_menu)
        self.terms_dock.visibilityChanged.connect(
            lambda visible: self.actions_by_id["highlight_terms"].setChecked(visible)
        )
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self._system_scheme_changed())

    # ------------------------------------------------------------------ articles

    def current_article(self) -> Article | None:
        """The article being read, as written (not converted)."""
        return self._current

    def shown_article(self) -> Article | None:
        """The article as on screen (converted to the script mode when ready)."""
        return self._shown

    def open_article(self, article_id: str, *, record: bool = True) -> None:
        row = self.model.row_of(article_id)
        if row is None:
            return
        article = self.model.article(row)
        if self._current is not None and self._current.id == article_id:
            return
        self._save_position()
        self._current = article
        if record:
            del self._history[self._history_pos + 1 :]
            self._history.append(article_id)
            self._history_pos = len(self._history) - 1
        self._select_in_list(article_id)
        self.reader.clear_find() if not self.find_bar.isVisible() else None
        self._render(block_index=self._stored_position(article_id))
        self._mark_opened(article_id)
        self._reattach_notes(article)
        self._settings.set_last_article(article_id)
        self._update_keywords()
        self._update_history_actions()
        self._update_title()
        self._sync_bookmark_action()

    def _select_in_list(self, article_id: str) -> None:
        row = self.model.row_of(article_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if not index.isValid():
            return
        self._selecting = True
        try:
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list_view.scrollTo(index)
        finally:
            self._selecting = False

    def _list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.open_article(current.data(Role.ARTICLE_ID))

    def _step_article(self, step: int) -> None:
        count = self.proxy.rowCount()
        if count == 0:
            return
        index = QModelIndex()
        if self._current is not None:
            row = self.model.row_of(self._current.id)
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row))
        # An article filtered out of the list: start again from the matching end.
        start = 0 if step > 0 else count - 1
        target = index.row() + step if index.isValid() else start
        if 0 <= target < count:
            self.open_article(self.proxy.index(target, 0).data(Role.ARTICLE_ID))
        else:
            self.status(self.tr("This is the last article.") if step > 0
                        else self.tr("This is the first article."))

    # ------------------------------------------------------------------ script modes

    def mode(self) -> str:
        return self._mode

    @property
    def _converter(self) -> Any:
        """The script converter (None in a build without one), made on first use. It
        reads nothing until it converts; the module is left out of the start-up."""
        if not self._converter_made:
            convert = _convert_module()
            self._converter_object = (
                convert.Converter.for_paths(self._paths) if convert is not None else None
            )
            self._converter_made = True
        return self._converter_object

    def display_mode(self) -> Any:
        convert = _convert_module()
        if convert is None:
            return None
        modes = convert.DisplayMode
        if self._mode == "original":
            return modes.ORIGINAL
        if self._mode == "regional":
            return modes.HONG_KONG if self._regional == "hong_kong" else modes.TAIWAN
        return modes(self._mode)

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            return
        if mode != "original" and self._converter is None:
            self.status(self.tr("Script conversion is not available in this build."))
            mode = "original"
        changed = mode != self._mode
        self._mode = mode
        self._settings.set_display_mode(mode)
        self._sync_mode_actions()
        if changed:
            self._render(block_index=self.reader.top_block_index())
            self._refresh_keyword_chips()
            self._retitle_list()
            self.modeChanged.emit(mode)

    def _sync_mode_actions(self) -> None:
        self.actions_by_id[f"script_{self._mode}"].setChecked(True)
        if not _conversion_available():
            for mode in MODES[1:]:
                self.actions_by_id[f"script_{mode}"].setEnabled(False)

    def _converted(self, article: Article) -> Article | None:
        """``article`` in the current mode if that costs no dictionary load; else None
        (the caller shows the original and a worker converts)."""
        if self._mode == "original":
            return article
        mode = self.display_mode()
        if mode is None:
            return article
        if self._converter.is_cached(article, mode) or self._converter_ready:
            return self._converter.convert_article(article, mode)
        return None

    def _render(self, *, block_index: int) -> None:
        article = self._current
        if article is None:
            self.reader.clear_article()
            return
        shown = self._converted(article)
        if shown is None:
            shown = article
            self._start_converter(then=article.id)
        self._shown = shown
        self.reader.show_article(
            shown,
            original_script=article.script,
            meta_labels=self._meta_labels(),
            block_index=block_index,
        )
        self._update_list_title(article, shown)
        self._apply_search_hits()
        self.articleShown.emit(article.id)

    def _update_list_title(self, article: Article, shown: Article) -> None:
        self.model.set_shown_title(article.id, shown.title if shown is not article else None)

    def _meta_labels(self) -> dict[str, str]:
        return {
            Script.SIMPLIFIED.value: self.tr("Written in Simplified"),
            Script.TRADITIONAL.value: self.tr("Written in Traditional"),
        }

    def _start_converter(self, then: str) -> None:
        if self._converter_loading or self._converter is None:
            return
        self._converter_loading = True
        self.status(self.tr("Preparing script conversion…"))
        converter = self._converter
        article = self._current
        mode = self.display_mode()

        def work() -> None:
            if article is not None and mode is not None:
                converter.convert_article(article, mode)
            else:
                converter.convert_text("简", "s2t")

        self._workers.run(work, self._converter_loaded, self._background_failed)

    def _converter_loaded(self, _result: object) -> None:
        self._converter_loading = False
        self._converter_ready = True
        self.status("")
        if self._current is not None and self._shown is self._current and self._mode != "original":
            self._render(block_index=self.reader.top_block_index())
        self._refresh_keyword_chips()
        self._retitle_list()
        self.converterReady.emit()

    def _retitle_list(self) -> None:
        """The list follows the script mode once conversion is ready (titles are short)."""
        if not self._converter_ready:
            return
        mode = self.display_mode()
        for article in self.model.articles():
            if self._mode == "original" or mode is None:
                self.model.set_shown_title(article.id, None)
            else:
                title = self._converter.to_mode(article.title, article.script, mode)
                self.model.set_shown_title(article.id, title)
        # Titles changed length, so rows may need another line: measure them again.
        self.list_view.doItemsLayout()

    def _background_failed(self, message: str) -> None:
        self._converter_loading = False
        self._keywords_loading = False
        self.status(self.tr("Something could not be prepared: %1").replace("%1", message))

    # ------------------------------------------------------------------ keywords

    def _after_first_paint(self) -> None:
        self._painted = True
        self._typing_guard.install()
        # On the next turn of the event loop: the probe and the screen get the frame first.
        QTimer.singleShot(0, self._save_opened)
        # What the filter looks in, made now rather than on the first keystroke (~25 ms
        # at 10,000 articles).
        QTimer.singleShot(0, self.model.haystacks)
        if self._background_loading:
            QTimer.singleShot(0, self.start_background_loading)

    def start_background_loading(self) -> None:
        """Load the converter (when a mode needs it) and the keyword extractor."""
        if self._converter is not None and not self._converter_ready:
            self._start_converter(then=self._current.id if self._current else "")
        self._start_keywords()

    def _start_keywords(self) -> None:
        if self._extractor is not None or self._keywords_loading:
            return
        self._keywords_loading = True
        self.keyword_bar.set_status(self.tr("Finding keywords…"))
        articles = self.model.articles()
        paths = self._paths
        from reader_app.ui import keyword_source  # here, not in the worker thread

        self._workers.run(
            lambda: keyword_source.load_extractor(articles, paths),
            self._keywords_loaded,
            self._keywords_failed,
        )

    def _keywords_loaded(self, extractor: object) -> None:
        self._keywords_loading = False
        self._extractor = extractor  # type: ignore[assignment]
        self.keyword_bar.set_status("")
        self._update_keywords()
        self.keywordsReady.emit()

    def _keywords_failed(self, message: str) -> None:
        self._keywords_loading = False
        self.keyword_bar.set_status(self.tr("Keywords could not be loaded."))
        self.status(message)

    def _update_keywords(self) -> None:
        article = self._current
        if article is None:
            return
        terms = list(article.keywords)
        if not terms and self._extractor is not None:
            terms = self._keyword_cache.get(article.id) or []
            if not terms:
                try:
                    terms = self._extractor(article)
                except Exception as error:
                    self.status(str(error))
                    terms = []
                self._keyword_cache[article.id] = terms
        self._article_keywords = terms
        self._refresh_keyword_chips()

    def _refresh_keyword_chips(self) -> None:
        terms = list(getattr(self, "_article_keywords", []))
        if terms and self._shown is not None:
            from reader_app.ui import keyword_source

            # Keywords come in Simplified; chips read as the page reads.
            terms = keyword_source.respell(terms, self._shown.all_text())
        self.keyword_bar.set_keywords(terms)
        self.reader.set_keywords(terms)

    def _keyword_clicked(self, term: str) -> None:
        if not self.reader.highlighting():
            self.toggle_highlights()
        self.reader.step_occurrence([term], 1)

    def _terms_changed(self, terms: list[HighlightTerm]) -> None:
        self._highlight_terms = list(terms)
        self._settings.set_highlight_terms(terms)
        self.reader.set_highlight_terms(terms)

    # ------------------------------------------------------------------ theme

    def apply_theme(self, choice: str) -> None:
        self._theme_choice = choice if choice in themes.ThemeChoice._value2member_map_ else "system"
        theme = themes.resolve(self._theme_choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(themes.palette_for(theme))
        self.reader.set_theme(theme)
        self.setStyleSheet(self._style_sheet(theme))

    def _style_sheet(self, t: themes.Theme) -> str:
        chip_bg = t.keyword if not t.dark else "#3a3420"
        return f"""
            QTextBrowser#readerView {{
                background: {t.base}; color: {t.text}; border: none;
                selection-background-color: {t.selection}; selection-color: {t.text};
            }}
            QWidget#keywordBar {{ background: {t.base}; border-bottom: 1px solid {t.window}; }}
            QLabel#keywordLabel, QLabel#keywordStatus {{ color: {t.muted}; }}
            QPushButton#keywordChip {{
                background: {chip_bg}; color: {t.text}; border: none;
                border-radius: 10px; padding: 2px 10px; min-height: 18px;
            }}
            QPushButton#keywordChip:hover {{ background: {t.selection}; }}
            QPushButton#keywordChip:focus {{ border: 1px solid {t.accent}; }}
            QWidget#findBar {{ background: {t.window}; border-top: 1px solid {t.selection}; }}
            QListView#articleList {{ border: none; background: {t.window}; }}
            QListView#articleList::item:selected {{ background: {t.selection}; }}
            QPushButton#problemsButton {{ color: {t.accent}; border: none; padding: 0 8px; }}
            QLabel#statusLabel, QLabel#emptyLabel {{ color: {t.muted}; }}
            QToolBar#readingToolbar {{ spacing: 4px; padding: 2px 6px; border: none; }}
        """

    def _system_scheme_changed(self) -> None:
        if self._theme_choice == "system":
            self.apply_theme("system")

    def theme_choice(self) -> str:
        return self._theme_choice

    # ------------------------------------------------------------------ persistence

    # Reading state (position, opened, read) lives in the library file beside the notes;
    # the settings file keeps it only when the library file could not be opened.

    def _stored_position(self, article_id: str) -> int:
        if self._db is not None:
            try:
                return self._db.reading_state.get(article_id).block_index
            except StorageError:
                pass
        return self._settings.position(article_id)

    def _mark_opened(self, article_id: str) -> None:
        """Record that the article was opened (and read). Until the first article is
        painted this waits (see _save_opened): a synchronous write to the library file,
        fsync included, is no reason to keep the reader from the text."""
        if not self._painted:
            self._opened_unsaved.append(article_id)
        else:
            self._write_opened(article_id)

    def _save_opened(self) -> None:
        """Write the openings kept back before the first paint (also run at close)."""
        pending, self._opened_unsaved = self._opened_unsaved, []
        for article_id in pending:
            self._write_opened(article_id)

    def _write_opened(self, article_id: str) -> None:
        if self._db is not None:
            try:
                self._db.reading_state.mark_opened(article_id)
                self._db.reading_state.mark_read(article_id)
            except StorageError as e:
                self.statusBar().showMessage(str(e), 8000)

    def _save_position(self) -> None:
        if self._current is None:
            return
        block = self.reader.top_block_index()
        if self._db is not None:
            try:
                self._db.reading_state.save_position(self._current.id, block)
                return
            except StorageError:
                pass  # read-only or full: keep it in the settings file instead
        self._settings.set_position(self._current.id, block)

    def _restore_geometry(self) -> None:
        geometry = self._settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self._settings.window_state()
        if state is not None:
            self.restoreState(state)
            for dock in (self.terms_dock, self.search_dock, self.notes_dock):
                if not dock.isHidden():  # open when the reader last closed the window
                    self._dock_shown(dock)
        sizes = self._settings.splitter()
        if sizes:
            self.splitter.setSizes(sizes)
        self.actions_by_id["toggle_sidebar"].setChecked(not (sizes and sizes[0] == 0))

    def save_state(self) -> None:
        self._save_position()
        if self._current is not None:
            self._settings.set_last_article(self._current.id)
        self._settings.set_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.set_splitter(self.splitter.sizes())
        self._settings.set_zoom(self.reader.zoom())
        self._settings.set_display_mode(self._mode)
        self._settings.set_theme(self._theme_choice)
        self._settings.set_highlighting(self.reader.highlighting())
        self._settings.set_highlight_terms(self._highlight_terms)
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.cancel_import()
        self._workers.wait(10_000)  # no thread may outlive the window's objects
        close = getattr(self._extractor, "close", None)
        if callable(close):
            close()
        self._flush_notes()
        self._save_opened()
        if self._db is not None:
            self._db.close()
            self._db = None
        super().closeEvent(event)

    # ------------------------------------------------------------------ small helpers

    def status(self, text: str) -> None:
        # A newer message replaces the offer's sentence, so its button goes too
        # (Ctrl+Z still undoes the last removal).
        self.status_label.setText(text)
        if hasattr(self, "undo_button"):
            self.undo_button.hide()

    def _update_title(self) -> None:
        title = self._shown.title if self._shown is not None else ""
        self.setWindowTitle(f"{title} — {self.tr('Reader')}" if title else self.tr("Reader"))

    def _update_history_actions(self) -> None:
        self.actions_by_id["back"].setEnabled(self._history_pos > 0)
        self.actions_by_id["forward"].setEnabled(self._history_pos < len(self._history) - 1)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_empty_label()
        if self._current is not None:
            self._select_in_list(self._current.id)

    def _sort_changed(self, _index: int) -> None:
        key = SortKey(self.sort_box.currentData())
        self.proxy.set_sort_key(key)
        self._settings.set_sort_key(key.value)
        if self._current is not None:
            self._select_in_list(self._current.id)

    def _find_query_changed(self, text: str) -> None:
        self.reader.find_text(text)

    # ------------------------------------------------------------------ action handlers

    def next_article(self) -> None:
        self._step_article(1)

    def previous_article(self) -> None:
        self._step_article(-1)

    def go_back(self) -> None:
        if self._history_pos > 0:
            self._history_pos -= 1
            self.open_article(self._history[self._history_pos], record=False)
            self._update_history_actions()

    def go_forward(self) -> None:
        if self._history_pos < len(self._history) - 1:
            self._history_pos += 1
            self.open_article(self._history[self._history_pos], record=False)
            self._update_history_actions()

    def page_down(self) -> None:
        self.reader.page(1)

    def page_up(self) -> None:
        self.reader.page(-1)

    def scroll_top(self) -> None:
        self.reader.scroll_to_end(False)

    def scroll_bottom(self) -> None:
        self.reader.scroll_to_end(True)

    def focus_filter(self) -> None:
        if not self.sidebar.isVisible():
            self.toggle_sidebar()
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def focus_list(self) -> None:
        if not self.sidebar.isVisible():
            self.toggle_sidebar()
        self.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reader(self) -> None:
        self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def zoom_in(self) -> None:
        self.reader.set_zoom(self.reader.zoom() + 1)
        self._settings.set_zoom(self.reader.zoom())

    def zoom_out(self) -> None:
        self.reader.set_zoom(self.reader.zoom() - 1)
        self._settings.set_zoom(self.reader.zoom())

    def zoom_reset(self) -> None:
        self.reader.set_zoom(0)
        self._settings.set_zoom(0)

    def cycle_theme(self) -> None:
        order = [c.value for c in themes.ThemeChoice]
        choice = order[(order.index(self._theme_choice) + 1) % len(order)]
        self.apply_theme(choice)
        self._settings.set_theme(choice)
        names = {"system": self.tr("Follow the system"), "light": self.tr("Light"),
                 "sepia": self.tr("Sepia"), "dark": self.tr("Dark")}
        self.status(self.tr("Theme: %1").replace("%1", names[choice]))

    def toggle_sidebar(self) -> None:
        sizes = self.splitter.sizes()
        if sizes[0] > 0:
            self._sidebar_width = sizes[0]
            self.splitter.setSizes([0, sizes[0] + sizes[1]])
            self.actions_by_id["toggle_sidebar"].setChecked(False)
        else:
            width = getattr(self, "_sidebar_width", 320)
            self.splitter.setSizes([width, max(200, sum(sizes) - width)])
            self.actions_by_id["toggle_sidebar"].setChecked(True)

    def cycle_script(self) -> None:
        self.set_mode(MODES[(MODES.index(self._mode) + 1) % len(MODES)])

    def script_original(self) -> None:
        self.set_mode("original")

    def script_simplified(self) -> None:
        self.set_mode("simplified")

    def script_traditional(self) -> None:
        self.set_mode("traditional")

    def script_regional(self) -> None:
        self.set_mode("regional")

    def toggle_highlights(self) -> None:
        on = not self.reader.highlighting()
        self.reader.set_highlighting(on)
        self.actions_by_id["toggle_highlights"].setChecked(on)
        self._settings.set_highlighting(on)
        self.status(self.tr("Highlights on") if on else self.tr("Highlights off"))

    def _all_highlight_terms(self) -> list[str]:
        return [t.text for t in self._highlight_terms] + self.reader.keywords()

    def next_keyword(self) -> None:
        if not self.reader.step_occurrence(self._all_highlight_terms(), 1):
            self.status(self.tr("No keyword in this article."))

    def previous_keyword(self) -> None:
        if not self.reader.step_occurrence(self._all_highlight_terms(), -1):
            self.status(self.tr("No keyword in this article."))

    def toggle_terms_panel(self) -> None:
        visible = not self.terms_dock.isVisible()
        self.terms_dock.setVisible(visible)
        self.actions_by_id["highlight_terms"].setChecked(visible)
        if visible:
            selected = self.reader.selected_text().strip()
            if selected and len(selected) <= 20:
                self.terms_panel.field.setText(selected)
            self.terms_panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_find(self) -> None:
        selected = self.reader.selected_text().strip()
        self.find_bar.open(selected if selected and len(selected) <= 40 else "")
        self.reader.find_text(self.find_bar.text())

    def find_next(self) -> None:
        if not self.find_bar.isVisible():
            self.show_find()
            return
        self.reader.find_step(1)

    def find_previous(self) -> None:
        if not self.find_bar.isVisible():
            self.show_find()
            return
        self.reader.find_step(-1)

    def close_find(self) -> None:
        if self.find_bar.isVisible():
            self.find_bar.hide()
            self.reader.clear_find()
            self.focus_reader()
        elif QApplication.focusWidget() is self.filter_field and self.filter_field.text():
            self.filter_field.clear()
        elif QApplication.focusWidget() is self.filter_field:
            self.focus_list()

    def show_problems(self) -> None:
        if not self._problems:
            self.status(self.tr("Every file was read."))
            return
        from reader_app.ui.dialogs import ProblemsDialog

        dialog = ProblemsDialog(self._problems, self)
        self.problems_dialog = dialog
        dialog.open()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def show_shortcuts(self) -> None:
        from reader_app.ui.dialogs import ShortcutSheet

        dialog = ShortcutSheet(self)
        self.shortcut_sheet = dialog
        dialog.open()

    def show_preferences(self) -> None:
        from reader_app.ui.dialogs import PreferencesDialog

        dialog = PreferencesDialog(self._theme_choice, self._regional, self._language, self)
        self.preferences_dialog = dialog

        def accepted() -> None:
            theme, regional, language = dialog.values()
            self._settings.set_theme(theme)
            self._settings.set_regional_variant(regional)
            self._settings.set_language(language)
            self._language = language
            self.apply_theme(theme)
            if regional != self._regional:
                self._regional = regional
                self._regional_label()
                if self._mode == "regional":
                    self._render(block_index=self.reader.top_block_index())
                    self._refresh_keyword_chips()
                    self._retitle_list()

        dialog.accepted.connect(accepted)
        dialog.open()

    # ------------------------------------------------------------------ search

    def search_library(self) -> None:
        from reader_app.core.search import source_counts

        self.search_panel.set_sources(source_counts(self.model.articles()))
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_field()

    def _search_library(self, text: str) -> None:
        from dataclasses import replace

        from reader_app.core.search import Query, snippet, source_counts
        from reader_app.ui.search_panel import HIT_CLOSE, HIT_OPEN

        articles = {a.id: a for a in self.model.articles()}
        self.search_panel.set_sources(source_counts(articles.values()))  # after imports too
        query = Query.parse(text)
        if not query:
            self.search_panel.set_results([], "")
            return
        if self._collection is None:
            self.search_panel.set_results(
                [], self.tr("Search is not available: the library file could not be opened."))
            return
        wanted = self.search_panel.search_filter()
        if wanted is None:  # a date field holds no date; the panel says so
            return
        try:
            if self.search_panel.bookmarked_only():
                bookmarked = self._db.bookmarks.bookmarked_article_ids() if self._db else []
                wanted = replace(wanted, article_ids=frozenset(bookmarked))
            hits = self._collection.search(query, articles, 200, wanted)
        except StorageError as error:
            self.search_panel.set_results([], str(error))
            return
        rows = []
        for hit in hits:
            text_of = articles[hit.article_id].all_text()
            marked = snippet(text_of, hit.spans, mark=(HIT_OPEN, HIT_CLOSE))
            rows.append((hit, marked, self.tr("%n hits", "", hit.hits)))
        self._search_query = query
        if wanted.active:
            summary = self.tr("%n articles found (filtered)", "", len(rows))
        else:
            summary = self.tr("%n articles found", "", len(rows))
        self.search_panel.set_results(rows, summary)

    def _search_result_activated(self, article_id: str) -> None:
        hit = next((h for h in self.search_panel.model_hits() if h.article_id == article_id),
                   None)
        if hit is None:
            return
        terms = tuple(self._search_query.terms) if self._search_query is not None else ()
        self._search_hit = (article_id, hit.spans, terms)
        if self._current is not None and self._current.id == article_id:
            self._apply_search_hits()
        else:
            self.open_article(article_id)
        self.reader.reveal_first_search_hit()
        self.focus_reader()

    def _apply_search_hits(self) -> None:
        """Hits of the chosen search result, on its article, in the script shown: the
        index's spans when shown as written, found again in converted text otherwise."""
        found = self._search_hit
        if found is None or self._current is None or found[0] != self._current.id:
            self.reader.set_search_spans([])
            return
        from reader_app.core.search import find_spans

        _article_id, spans, terms = found
        if self._shown is None or self._shown is self._current:
            self.reader.set_search_spans(list(spans))
        else:
            self.reader.set_search_spans(find_spans(self._shown.all_text(), terms))

    # ------------------------------------------------------------------ import

    def add_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add Files to the Library"), "",
            self.tr("Articles (*.txt *.md *.markdown *.html *.htm *.xhtml);;All files (*)"),
        )
        if paths:
            self.import_paths(paths)

    def add_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Folder to the Library"))
        if folder:
            self.import_paths([folder])

    def dragEnterEvent(self, event: Any) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
        else:
            super().dropEvent(event)

    def importing(self) -> bool:
        return self._import_cancel is not None

    def import_paths(self, paths: list[str]) -> None:
        """Add files and folders to the library in a worker; the list grows when done."""
        collection = self._collection
        if collection is None:
            self.status(self.tr("Articles cannot be added: the library file could not be opened."))
            return
        if self._import_cancel is not None:
            self.status(self.tr("Still adding the previous files."))
            return
        cancel = threading.Event()
        self._import_cancel = cancel
        self.import_progress.setRange(0, 0)
        self.import_progress.show()
        self.import_cancel_button.setEnabled(True)
        self.import_cancel_button.show()
        self.status(self.tr("Adding articles…"))

        def work(report: Callable[[int, int, str], None]) -> Any:
            return collection.import_paths(paths, progress=report, cancelled=cancel.is_set)

        self._workers.run_with_progress(work, self._import_progressed, self._import_done,
                                        self._import_failed)

    def _import_progressed(self, done: int, total: int, _path: str) -> None:
        self.import_progress.setRange(0, max(1, total))
        self.import_progress.setValue(done)

    def cancel_import(self) -> None:
        if self._import_cancel is not None:
            self._import_cancel.set()
            self.import_cancel_button.setEnabled(False)
            self.status(self.tr("Cancelling…"))

    def _import_finished(self) -> None:
        self._import_cancel = None
        self.import_progress.hide()
        self.import_cancel_button.hide()

    def _import_done(self, report: Any) -> None:
        self._import_finished()
        added = self.model.add_articles(list(report.added))
        if report.refused:
            self._problems.extend(report.refused)
            self._update_problems_button()
        parts = [self.tr("%n articles added", "", len(added))]
        if report.skipped:
            parts.append(self.tr("%n already in the library", "", len(report.skipped)))
        if report.refused:
            parts.append(self.tr("%n could not be read", "", len(report.refused)))
        if report.cancelled:
            parts.append(self.tr("cancelled"))
        self.status("; ".join(parts))
        self.articlesImported.emit(len(added))
        if self._current is None and added:
            self.open_article(added[0].id)

    def _import_failed(self, message: str) -> None:
        self._import_finished()
        self.status(message)
        self.articlesImported.emit(0)

    def remove_article(self) -> None:
        """Take the selected article out of the library; Undo puts it back."""
        index = self.list_view.currentIndex()
        article_id = index.data(Role.ARTICLE_ID) if index.isValid() else None
        if article_id is None and self._current is not None:
            article_id = self._current.id
        if article_id is None or self._collection is None:
            return
        row = self.model.row_of(article_id)
        if row is None:
            return
        article = self.model.article(row)
        try:
            self._collection.remove(article_id)
        except StorageError as error:
            self.status(str(error))
            return
        reading = self._current is not None and self._current.id == article_id
        proxy_row = self.proxy.mapFromSource(self.model.index(row)).row()
        self.model.remove_article(article_id)
        if reading:
            self._current = None
            count = self.proxy.rowCount()
            if count:
                next_row = min(max(proxy_row, 0), count - 1)
                self.open_article(self.proxy.index(next_row, 0).data(Role.ARTICLE_ID))
            else:
                self._render(block_index=0)
                self._refresh_notes()
                self._update_title()
        self._offer_undo(self.tr("“%1” removed from the library.").replace("%1", article.title),
                         lambda: self._restore_article(article, row))

    def _restore_article(self, article: Article, row: int) -> None:
        if self._collection is None:
            return
        try:
            self._collection.restore(article.id)
        except StorageError as error:
            self.status(str(error))
            return
        self.model.insert_article(article, row)
        self.open_article(article.id)
        self.status(self.tr("Article put back."))

    # ------------------------------------------------------------------ notes

    def _flush_notes(self) -> None:
        """Save the note being typed, if the notes panel was ever built."""
        if self._notes_panel is not None:
            self._notes_panel.flush()

    def _reattach_notes(self, article: Article) -> None:
        """Find the article's noted passages in its text as it is now, then list them."""
        self._flush_notes()
        if self._db is not None:
            try:
                self._db.notes.reattach_all(article)
            except StorageError as error:
                self.status(str(error))
        self._refresh_notes()

    def _refresh_notes(self, select: str | None = None) -> None:
        if self._db is None:
            self.reader.set_passages([])
            return
        article = self._current
        panel = self._notes_panel  # not built yet: only the passages to underline
        try:
            if panel is not None and panel.all_notes():
                notes = self._db.notes.all()
            else:
                notes = self._db.notes.for_article(article.id) if article is not None else []
        except StorageError as error:
            self.status(str(error))
            return
        if panel is not None:
            titles = {a.id: a.title for a in self.model.articles()}
            panel.set_notes(notes, titles, select)
        here = [n for n in notes if article is not None and n.article_id == article.id]
        self.reader.set_passages(
            [Passage(n.anchor.block_index, n.anchor.start, n.anchor.end, n.anchor.quote)
             for n in here if n.anchor is not None and not n.detached]
        )

    def add_note(self) -> None:
        """A note on the selected passage (or on the article when nothing is selected)."""
        article = self._current
        if self._db is None:
            self.status(self.tr("Notes are not available: the library file could not be opened."))
            return
        if article is None:
            return
        self._flush_notes()
        selected = self.reader.selected_passage()
        try:
            if selected is None:
                note = self._db.notes.add(article.id, "")
            else:
                index, start, end, text = selected
                written = article.blocks[index].text
                if fold(written[start:end]) != fold(text):
                    # Shown converted with a different length: find it in the original.
                    start = fold(written).find(fold(text))
                    end = start + len(text)
                    if start < 0:
                        self.status(self.tr("The passage is not in the article as written."))
                        return
                note = self._db.notes.add_passage(article, index, start, end, "")
        except (StorageError, ValueError) as error:
            self.status(str(error))
            return
        self.notes_dock.show()
        self._refresh_notes(select=note.id)
        self.notes_panel.edit(note.id)

    def _note_edited(self, note_id: str, body: str) -> None:
        if self._db is None:
            return
        try:
            note = self._db.notes.update_body(note_id, body)
        except StorageError as error:
            # The text stays in the editor; the next keystroke tries again.
            self.status(str(error))
            return
        self.notes_panel.note_saved(note)

    def open_note(self, note_id: str) -> None:
        """Open the note's article scrolled to its passage."""
        if self._db is None:
            return
        note = self._db.notes.get(note_id)
        if note is None:
            return
        if self.model.row_of(note.article_id) is None:
            self.status(self.tr("The article of this note is not in the library."))
            return
        self.open_article(note.article_id)
        if note.anchor is None:
            return
        note = self._db.notes.get(note_id) or note  # reattached on opening
        if note.detached or note.anchor is None:
            self.status(self.tr("The passage of this note is no longer in the article."))
            return
        a = note.anchor
        self.reader.reveal_passage(Passage(a.block_index, a.start, a.end, a.quote))

    def delete_note(self, note_id: str) -> None:
        if self._db is None:
            return
        try:
            self._db.notes.delete(note_id)
        except StorageError as error:
            self.status(str(error))
            return
        self._refresh_notes()
        self._offer_undo(self.tr("Note moved to the trash."), lambda: self.restore_note(note_id))

    def restore_note(self, note_id: str) -> None:
        if self._db is None:
            return
        try:
            self._db.notes.restore(note_id)
        except StorageError as error:
            self.status(str(error))
            return
        self._refresh_notes(select=note_id)
        self._refresh_trash()
        self.status(self.tr("Note restored."))

    def toggle_notes_panel(self) -> None:
        visible = not self.notes_dock.isVisible()
        self.notes_dock.setVisible(visible)
        self.actions_by_id["notes_panel"].setChecked(visible)
        if visible:
            self.notes_panel.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def delete_selected(self) -> None:
        """Del: the note selected in the notes list, or the article in the article list."""
        focus = QApplication.focusWidget()
        if self._notes_panel is not None and focus is self._notes_panel.list_view:
            self._notes_panel.request_delete()
        elif focus is self.list_view:
            self.remove_article()

    def _offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.status(message)
        self.undo_button.show()

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self.undo_button.hide()
        if undo is None:
            self.status(self.tr("Nothing to undo."))
            return
        undo()

    def show_notes_trash(self) -> None:
        if self._db is None:
            self.status(self.tr("Notes are not available: the library file could not be opened."))
            return
        from reader_app.ui.dialogs import NotesTrashDialog

        dialog = NotesTrashDialog(self)
        self.trash_dialog = dialog
        dialog.restoreRequested.connect(self.restore_note)
        dialog.emptyRequested.connect(self.empty_trash)
        self._refresh_trash()
        dialog.open()

    def _refresh_trash(self) -> None:
        dialog = getattr(self, "trash_dialog", None)
        if dialog is None or self._db is None:
            return
        titles = {a.id: a.title for a in self.model.articles()}
        try:
            dialog.set_notes(self._db.notes.trash(), titles)
        except StorageError as error:
            self.status(str(error))

    def empty_trash(self) -> None:
        """The one hard delete, so the one question asked first."""
        if self._db is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Empty Notes Trash"),
            self.tr("Delete the notes in the trash for good? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._db.empty_trash()
        except StorageError as error:
            self.status(str(error))
            return
        self._undo = None
        self.undo_button.hide()
        self._refresh_trash()
        self.status(self.tr("The notes trash is empty."))

    def _reader_context_menu(self, pos: Any) -> None:
        menu = self.reader.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.actions_by_id["add_note"])
        menu.addAction(self.actions_by_id["toggle_bookmark"])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.reader.viewport().mapToGlobal(pos))

    def toggle_bookmark(self) -> None:
        article = self._current
        if article is None or self._db is None:
            unavailable = self.tr("No bookmarks: the library file could not be opened.")
            self.status(unavailable if self._db is None else "")
            self._sync_bookmark_action()
            return
        try:
            on = self._db.bookmarks.toggle_article(article.id)
        except StorageError as error:
            self.status(str(error))
            self._sync_bookmark_action()
            return
        self.model.set_bookmarked(article.id, on)
        self._sync_bookmark_action()
        self.status(self.tr("Bookmarked") if on else self.tr("Bookmark removed"))

    def _sync_bookmark_action(self) -> None:
        action = self.actions_by_id["toggle_bookmark"]
        action.setEnabled(self._db is not None and self._current is not None)
        row = self.model.row_of(self._current.id) if self._current is not None else None
        action.setChecked(row is not None and bool(self.model.index(row).data(Role.BOOKMARKED)))

    def toggle_bookmarked_only(self) -> None:
        on = self.actions_by_id["bookmarked_only"].isChecked()
        self.proxy.set_bookmarked_only(on)
        self._update_empty_label()
        if self._current is not None:
            self._select_in_list(self._current.id)

    def _update_empty_label(self) -> None:
        empty = self.proxy.rowCount() == 0 and self.model.rowCount() > 0
        if self.proxy.bookmarked_only() and not self.proxy.filter_text_words():
            self.empty_label.setText(self.tr("No article is bookmarked yet (Ctrl+D)."))
        else:
            self.empty_label.setText(self.tr("No article matches the filter."))
        self.empty_label.setVisible(empty)

    def quit(self) -> None:
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()


class _TypingGuard(QObject):
    """Application event filter: keys a person types as text go to the focused text
    field instead of triggering single-key shortcuts. Filters from ``install()`` on,
    which ``focus_moved`` calls when the focus enters a text field."""

    def __init__(self, typing: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._typing = typing
        self._installed = False

    def install(self) -> None:
        app = QApplication.instance()
        if self._installed or not isinstance(app, QApplication):
            return
        self._installed = True
        app.installEventFilter(self)
        app.focusChanged.disconnect(self.focus_moved)

    @Slot(QWidget, QWidget)
    def focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self._typing():
            self.install()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            printable = event.key() == Qt.Key.Key_Space or (
                event.text() != "" and event.text().isprintable()
            )
            if mods == Qt.KeyboardModifier.NoModifier and printable and self._typing():
                event.accept()
        return False
