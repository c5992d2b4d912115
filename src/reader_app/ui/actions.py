"""The one table of everything the reader can do: id, text, shortcuts, handler, menu.

The main window builds its QActions from ``ACTIONS``; the menus and the shortcut sheet
are generated from the same table, so a shortcut cannot exist in one and not the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

Shortcut = str | QKeySequence.StandardKey


def QT_TR_NOOP(text: str) -> str:
    return text


@dataclass(frozen=True)
class ActionSpec:
    """One user command. ``shortcuts`` are portable strings or standard keys; the
    first one is the primary shortcut shown in menus. ``single_key`` commands (J, K,
    Space, ...) must not fire while the reader is typing in a text field."""

    id: str
    text: str
    shortcuts: tuple[Shortcut, ...]
    handler: str
    menu: str
    checkable: bool = False
    fallback: tuple[str, ...] = ()  # used when a standard key has no binding here


# Menu names in the order the menu bar shows them.
MENUS: tuple[str, ...] = (
    QT_TR_NOOP("&File"),
    QT_TR_NOOP("&Library"),
    QT_TR_NOOP("&Go"),
    QT_TR_NOOP("&View"),
    QT_TR_NOOP("&Script"),
    QT_TR_NOOP("&Highlights"),
    QT_TR_NOOP("&Help"),
)
FILE, LIBRARY, GO, VIEW, SCRIPT, HIGHLIGHTS, HELP = MENUS

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("find", QT_TR_NOOP("Find in Article…"), (QKeySequence.StandardKey.Find,),
               "show_find", FILE, fallback=("Ctrl+F",)),
    ActionSpec("find_next", QT_TR_NOOP("Find Next"), ("F3",), "find_next", FILE),
    ActionSpec("find_previous", QT_TR_NOOP("Find Previous"), ("Shift+F3",), "find_previous", FILE),
    ActionSpec("problems", QT_TR_NOOP("Files That Could Not Be Read…"), (), "show_problems", FILE),
    ActionSpec("preferences", QT_TR_NOOP("Preferences…"), (QKeySequence.StandardKey.Preferences,),
               "show_preferences", FILE, fallback=("Ctrl+,",)),
    ActionSpec("close", QT_TR_NOOP("Close Window"), (QKeySequence.StandardKey.Close,),
               "close", FILE, fallback=("Ctrl+W",)),
    ActionSpec("quit", QT_TR_NOOP("Quit"), (QKeySequence.StandardKey.Quit,), "quit", FILE,
               fallback=("Ctrl+Q",)),
    # Library
    ActionSpec("add_files", QT_TR_NOOP("Add Files…"), ("Ctrl+O",), "add_files", LIBRARY),
    ActionSpec("add_folder", QT_TR_NOOP("Add Folder…"), ("Ctrl+Shift+O",), "add_folder", LIBRARY),
    ActionSpec("remove_article", QT_TR_NOOP("Remove Article from Library"), (),
               "remove_article", LIBRARY),
    ActionSpec("search_library", QT_TR_NOOP("Search the Library…"), ("Ctrl+K",), "search_library",
               LIBRARY),
    ActionSpec("toggle_bookmark", QT_TR_NOOP("Bookmark This Article"), ("Ctrl+D",),
               "toggle_bookmark", LIBRARY, checkable=True),
    ActionSpec("bookmarked_only", QT_TR_NOOP("Show Bookmarked Articles Only"), ("Ctrl+Shift+D",),
               "toggle_bookmarked_only", LIBRARY, checkable=True),
    ActionSpec("add_note", QT_TR_NOOP("Add Note"), ("Ctrl+M", "Ctrl+Shift+N"), "add_note",
               LIBRARY),
    ActionSpec("notes_panel", QT_TR_NOOP("Show Notes"), ("Ctrl+Shift+M",), "toggle_notes_panel",
               LIBRARY, checkable=True),
    ActionSpec("delete", QT_TR_NOOP("Delete Selected Note or Article"), ("Del",),
               "delete_selected", LIBRARY),
    ActionSpec("undo", QT_TR_NOOP("Undo Delete"), (QKeySequence.StandardKey.Undo,), "undo",
               LIBRARY, fallback=("Ctrl+Z",)),
    ActionSpec("notes_trash", QT_TR_NOOP("Notes Trash…"), (), "show_notes_trash", LIBRARY),
    ActionSpec("empty_trash", QT_TR_NOOP("Empty Notes Trash…"), (), "empty_trash", LIBRARY),
    # Go
    ActionSpec("next_article", QT_TR_NOOP("Next Article"), ("J", "Ctrl+Down"), "next_article", GO),
    ActionSpec("previous_article", QT_TR_NOOP("Previous Article"), ("K", "Ctrl+Up"),
               "previous_article", GO),
    ActionSpec("back", QT_TR_NOOP("Back"), ("Alt+Left",), "go_back", GO),
    ActionSpec("forward", QT_TR_NOOP("Forward"), ("Alt+Right",), "go_forward", GO),
    ActionSpec("page_down", QT_TR_NOOP("Page Down"), ("Space", "PgDown"), "page_down", GO),
    ActionSpec("page_up", QT_TR_NOOP("Page Up"), ("Shift+Space", "PgUp"), "page_up", GO),
    ActionSpec("top", QT_TR_NOOP("Top of Article"), ("Home",), "scroll_top", GO),
    ActionSpec("bottom", QT_TR_NOOP("End of Article"), ("End",), "scroll_bottom", GO),
    ActionSpec("focus_filter", QT_TR_NOOP("Filter Articles"), ("/", "Ctrl+L"), "focus_filter", GO),
    ActionSpec("focus_list", QT_TR_NOOP("Go to Article List"), ("Ctrl+Shift+L",), "focus_list", GO),
    ActionSpec("focus_reader", QT_TR_NOOP("Go to Reading View"), ("Ctrl+Shift+R",),
               "focus_reader", GO),
    # View
    ActionSpec("zoom_in", QT_TR_NOOP("Larger Text"), ("Ctrl++", "Ctrl+="), "zoom_in", VIEW),
    ActionSpec("zoom_out", QT_TR_NOOP("Smaller Text"), ("Ctrl+-",), "zoom_out", VIEW),
    ActionSpec("zoom_reset", QT_TR_NOOP("Actual Size"), ("Ctrl+0",), "zoom_reset", VIEW),
    ActionSpec("cycle_theme", QT_TR_NOOP("Next Theme (System, Light, Sepia, Dark)"), ("T",),
               "cycle_theme", VIEW),
    ActionSpec("toggle_sidebar", QT_TR_NOOP("Show Article List"), ("Ctrl+B",), "toggle_sidebar",
               VIEW, checkable=True),
    # Script
    ActionSpec("cycle_script", QT_TR_NOOP("Next Script"), ("S",), "cycle_script", SCRIPT),
    ActionSpec("script_original", QT_TR_NOOP("As Written"), ("Ctrl+1",), "script_original", SCRIPT,
               checkable=True),
    ActionSpec("script_simplified", QT_TR_NOOP("Simplified"), ("Ctrl+2",), "script_simplified",
               SCRIPT, checkable=True),
    ActionSpec("script_traditional", QT_TR_NOOP("Traditional"), ("Ctrl+3",), "script_traditional",
               SCRIPT, checkable=True),
    ActionSpec("script_regional", QT_TR_NOOP("Regional Traditional"), ("Ctrl+4",),
               "script_regional", SCRIPT, checkable=True),
    # Highlights
    ActionSpec("toggle_highlights", QT_TR_NOOP("Show Highlights"), ("H",), "toggle_highlights",
               HIGHLIGHTS, checkable=True),
    ActionSpec("next_keyword", QT_TR_NOOP("Next Keyword"), ("N",), "next_keyword", HIGHLIGHTS),
    ActionSpec("previous_keyword", QT_TR_NOOP("Previous Keyword"), ("Shift+N",),
               "previous_keyword", HIGHLIGHTS),
    ActionSpec("highlight_terms", QT_TR_NOOP("My Highlight Terms…"), ("Ctrl+Shift+H",),
               "toggle_terms_panel", HIGHLIGHTS, checkable=True),
    # Help
    ActionSpec("shortcuts", QT_TR_NOOP("Keyboard Shortcuts"), ("F1", "?"), "show_shortcuts", HELP),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The concrete key sequences of ``spec`` on this platform (standard keys expanded;
    the fallback used when the platform binds nothing to a standard key)."""
    result: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            result.extend(QKeySequence.keyBindings(shortcut))
        else:
            result.append(QKeySequence(shortcut))
    if not result and spec.fallback:
        result = [QKeySequence(s) for s in spec.fallback]
    return [s for s in result if not s.isEmpty()]


def is_single_key(sequence: QKeySequence) -> bool:
    """A shortcut a person could type as text (no Ctrl/Alt/Meta): J, /, ?, Space."""
    if sequence.count() != 1:
        return False
    combo = sequence[0]
    mods = combo.keyboardModifiers()
    typing_mods = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier
    if mods & ~typing_mods:
        return False
    key = combo.key().value
    return key == Qt.Key.Key_Space.value or 0x20 < key < 0x7F


def translated(text: str) -> str:
    return QCoreApplication.translate("actions", text)


def build_actions(
    parent: QObject,
    handlers: Callable[[str], Callable[[], None]],
    specs: Iterable[ActionSpec] = ACTIONS,
) -> dict[str, QAction]:
    """One QAction per spec, its shortcuts set and ``triggered`` connected to the
    handler ``handlers(spec.handler)`` returns. The shortcut context is the window, so
    J works whether the list or the reading view has focus."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(translated(spec.text), parent)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        handler = handlers(spec.handler)
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.id] = action
    return actions
