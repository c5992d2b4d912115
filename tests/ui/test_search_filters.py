"""The search panel's filters as a reader uses them: Tab from the query field, arrow
keys on the source list, dates typed, Space on Bookmarked only; the results and the
count change. A real window over the seeds, its library file in tmp_path.

The seeds, for the query 电信 (all five match): 用心用情 (人民邮电报, 2021-12-31),
精準扶貧 (通信信息報, 2021-01-05), 中國移動 (人民郵電報, 2019-10-22), and two with no
source and no date (吹响“集, 守初心担).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .test_library_window import type_text

EVERY = {"用心用情", "精準扶貧", "中國移動", "吹响“集", "守初心担"}


def search(qtbot, window, query: str = "电信"):  # type: ignore[no-untyped-def]
    """Ctrl+K from the reader, type the query, wait for the results."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    type_text(panel.field, query)
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(EVERY), timeout=5000)
    assert panel.summary.text() == f"{len(EVERY)} articles found"
    return panel


def shown(panel) -> set[str]:  # type: ignore[no-untyped-def]
    return {hit.title[:4] for hit in panel.model_hits()}


def tab(qtbot) -> object:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_every_filter_is_reached_by_tab_from_the_query_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = search(qtbot, window)
    assert panel.field.hasFocus()
    reached = [tab(qtbot) for _ in range(5)]
    assert reached == [
        panel.source_box,
        panel.bookmarked_box,
        panel.from_field,
        panel.to_field,
        panel.results,
    ]


def test_choosing_a_source_narrows_the_results_in_either_script(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The list offers each source once, its spellings in both scripts counted
    together; choosing it finds the articles under either spelling."""
    panel = search(qtbot, window)
    box = panel.source_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All sources",
        "人民邮电报 (2)",
        "通信信息報 (1)",
    ]
    assert tab(qtbot) is box
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: shown(panel) == {"用心用情", "中國移動"}, timeout=5000)
    assert panel.summary.text() == "2 articles found (filtered)"
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: shown(panel) == {"精準扶貧"}, timeout=5000)
    qtbot.keyClick(box, Qt.Key.Key_Home)  # the list's Home, not the reader's
    qtbot.waitUntil(lambda: shown(panel) == EVERY, timeout=5000)
    assert panel.summary.text() == "5 articles found"


def test_typed_dates_narrow_the_results_and_a_wrong_one_is_said(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A year as From; a month as To (to its last day); undated articles left out. A
    date that is not one is said when the field is left, and fixing it searches again."""
    panel = search(qtbot, window)
    for _ in range(3):
        tab(qtbot)
    assert panel.from_field.hasFocus()
    qtbot.keyClicks(panel.from_field, "2021")
    qtbot.waitUntil(lambda: shown(panel) == {"用心用情", "精準扶貧"}, timeout=5000)
    assert panel.summary.text() == "2 articles found (filtered)"
    assert tab(qtbot) is panel.to_field
    qtbot.keyClicks(panel.to_field, "2021-01")
    qtbot.waitUntil(lambda: shown(panel) == {"精準扶貧"}, timeout=5000)

    qtbot.keyClick(panel.to_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.to_field, "2021-13")
    tab(qtbot)
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "Write dates as 2021-01-05, 2021-01 or 2021."
    type_text(panel.field, " ")  # another search, the date still wrong: still said
    qtbot.wait(400)
    assert panel.model.rowCount() == 0 and "Write dates" in panel.summary.text()

    panel.to_field.setFocus()
    qtbot.keyClick(panel.to_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.to_field, "2019")
    tab(qtbot)
    assert panel.summary.text() == "The From date is after the To date."
    panel.from_field.setFocus()
    qtbot.keyClick(panel.from_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.from_field, Qt.Key.Key_Backspace)  # From empty: no lower bound
    qtbot.waitUntil(lambda: shown(panel) == {"中國移動"}, timeout=5000)


def test_bookmarked_only_with_the_space_bar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Bookmark one article (Ctrl+D); in the panel, Tab to Bookmarked only and press
    Space: only it is left. Space ticks the box rather than paging the reader."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    marked = window.current_article().title[:4]
    assert marked in EVERY
    panel = search(qtbot, window)
    tab(qtbot)
    assert tab(qtbot) is panel.bookmarked_box
    scrolled = window.reader.verticalScrollBar().value()
    qtbot.keyClick(panel.bookmarked_box, Qt.Key.Key_Space)
    assert panel.bookmarked_box.isChecked()
    qtbot.waitUntil(lambda: shown(panel) == {marked}, timeout=5000)
    assert panel.summary.text() == "1 articles found (filtered)"
    assert window.reader.verticalScrollBar().value() == scrolled
    qtbot.keyClick(panel.bookmarked_box, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: shown(panel) == EVERY, timeout=5000)


def test_a_chosen_result_still_opens_with_filters_set(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Enter in the query field opens the first filtered result."""
    panel = search(qtbot, window)
    panel.source_box.setFocus()
    qtbot.keyClick(panel.source_box, Qt.Key.Key_End)  # 通信信息報
    qtbot.waitUntil(lambda: shown(panel) == {"精準扶貧"}, timeout=5000)
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.current_article().title.startswith("精準扶貧")
