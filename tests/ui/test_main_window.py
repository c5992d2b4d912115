"""The reader window driven by the keyboard, as a reader would use it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from reader_app.core.article import Script
from reader_app.core.resources import seeds_dir
from reader_app.core.script import detect_script, fold
from reader_app.ui.actions import ACTIONS, key_sequences
from reader_app.ui.article_list_model import Role

from .conftest import wait_converter
from .test_library_window import type_text


def list_order(window) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = window.proxy
    return [proxy.index(r, 0).data(Role.ARTICLE_ID) for r in range(proxy.rowCount())]


def doc_text(view, start: int, end: int) -> str:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def open_longest(window, script: Script | None = None):  # type: ignore[no-untyped-def]
    articles = [a for a in window.model.articles() if script is None or a.script is script]
    article = max(articles, key=lambda a: len(a.blocks))
    window.open_article(article.id)
    return article


def test_j_and_k_step_through_the_list(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """J opens the next article in list order, K the previous, from the reading view."""
    order = list_order(window)
    window.open_article(order[0])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.current_article().id == order[1]
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.current_article().id == order[2]
    qtbot.keyClick(window.reader, Qt.Key.Key_K)
    assert window.current_article().id == order[1]
    assert window.list_view.currentIndex().data(Role.ARTICLE_ID) == order[1]


def test_ctrl_down_works_from_the_filter_field_but_j_types(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """In the filter field J is a letter; Ctrl+Down still moves to the next article."""
    order = list_order(window)
    window.open_article(order[0])
    window.filter_field.setFocus()
    qtbot.keyClick(window.filter_field, Qt.Key.Key_J, Qt.KeyboardModifier.NoModifier)
    assert window.filter_field.text().lower() == "j"
    assert window.current_article().id == order[0]
    window.filter_field.clear()
    qtbot.keyClick(window.filter_field, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.current_article().id == order[1]


def test_j_types_in_the_filter_of_a_window_with_nothing_to_read(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path
) -> None:
    """With no article on screen (an empty library) J and Space typed in the filter
    field are text too, not commands."""
    empty = tmp_path / "empty-library"
    empty.mkdir()
    window = make_window([str(empty)])
    assert window.current_article() is None
    window.filter_field.setFocus()
    qtbot.waitUntil(window.filter_field.hasFocus)
    qtbot.keyClick(window.filter_field, Qt.Key.Key_J)
    qtbot.keyClick(window.filter_field, Qt.Key.Key_Space)
    qtbot.keyClick(window.filter_field, Qt.Key.Key_K)
    assert window.filter_field.text().lower() == "j k"


def test_back_and_forward_retrace_visited_articles(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Alt+Left returns to the article read before; Alt+Right goes forward again."""
    order = list_order(window)
    window.open_article(order[0])
    window.open_article(order[3])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_article().id == order[0]
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_article().id == order[3]


def test_space_pages_down_and_home_returns(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Space moves the text up by about a screen; Home goes back to the title."""
    open_longest(window)
    window.reader.setFocus()
    bar = window.reader.verticalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    assert bar.value() > window.reader.viewport().height() // 2
    qtbot.keyClick(window.reader, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(window.reader, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_script_toggle_converts_and_keeps_the_top_paragraph(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+3 shows a Simplified article in Traditional with the same paragraph on top;
    Ctrl+2 brings it back to Simplified; S cycles."""
    wait_converter(qtbot, window)
    article = open_longest(window, Script.SIMPLIFIED)
    window.reader.setFocus()
    window.reader.scroll_to_block(20)
    top = window.reader.top_block_index()
    assert top >= 15
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    shown = window.shown_article()
    assert detect_script("".join(b.text for b in shown.blocks)) is Script.TRADITIONAL
    assert window.reader.toPlainText() != "\n".join(b.text for b in article.blocks)
    assert window.reader.top_block_index() == top
    top_text = window.reader.body_block(top).text()
    assert fold(top_text) == fold(shown.blocks[top].text)
    qtbot.keyClick(window.reader, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert detect_script(window.reader.toPlainText()) is Script.SIMPLIFIED
    assert window.reader.top_block_index() == top
    qtbot.keyClick(window.reader, Qt.Key.Key_S)
    assert window.mode() == "traditional"
    assert window.reader.top_block_index() == top


def test_find_counts_matches_and_f3_moves(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+F with a word shows 'current/total'; F3 selects the next match."""
    article = open_longest(window)
    word = "扶贫"
    expected = fold(window.reader.toPlainText()).count(word)
    assert expected >= 2
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.field.insert(word)  # as an input method would; QTest types ASCII only
    total = len(window.reader.find_matches())
    assert total == expected
    first = window.reader.find_current()
    assert window.find_bar.count.text() == f"{first + 1}/{expected}"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_F3)
    assert window.reader.find_current() == (first + 1) % expected
    cursor = window.reader.textCursor()
    assert fold(cursor.selectedText()) == word
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.find_current() == first
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.reader.find_matches() == []
    assert article is window.current_article()


def test_simplified_term_highlights_traditional_text(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A term typed in Simplified lights up its Traditional spelling, on exactly those
    characters, in every article."""
    open_longest(window, Script.TRADITIONAL)
    window.terms_panel.add_term("扶贫")
    ranges = window.reader.highlight_ranges()
    term_ranges = [r for r in ranges if r[2] == window.terms_panel.terms()[0].colour]
    plain = window.reader.toPlainText()
    assert len(term_ranges) == fold(plain).count("扶贫") > 0
    for start, end, _colour in term_ranges:
        text = doc_text(window.reader, start, end)
        assert text == "扶貧"
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    assert window.reader.highlight_ranges() == []
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    assert window.reader.highlight_ranges()


def test_highlight_terms_survive_a_restart_with_their_panel_closed_or_open(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    """A term added in the terms panel lights up at once; after a restart it still
    does before the panel is opened, and the panel, opened then, lists it. A panel left
    open is open again after the next restart, with the term in it."""
    first = make_window()
    article = open_longest(first, Script.TRADITIONAL)
    first.actions_by_id["highlight_terms"].trigger()
    assert first.terms_dock.isVisible()
    field = first.terms_dock.widget().field
    type_text(field, "扶贫")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    colour = first.terms_panel.terms()[0].colour
    assert any(c == colour for _s, _e, c in first.reader.highlight_ranges())
    first.actions_by_id["highlight_terms"].trigger()
    assert not first.terms_dock.isVisible()
    first.close()

    second = make_window()
    assert second.current_article().id == article.id
    assert not second.terms_dock.isVisible()
    assert any(c == colour for _s, _e, c in second.reader.highlight_ranges())
    second.actions_by_id["highlight_terms"].trigger()
    panel = second.terms_dock.widget()
    assert panel is not None and panel.isVisible()
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["扶贫"]
    second.close()

    third = make_window()
    assert third.terms_dock.isVisible()
    panel = third.terms_dock.widget()
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["扶贫"]


def test_a_dock_shown_from_the_dock_menu_holds_its_panel(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The window's context menu lists the docks; showing one from there shows its
    panel, not an empty frame."""
    for dock in (window.search_dock, window.notes_dock, window.terms_dock):
        assert not dock.isVisible()
        dock.toggleViewAction().trigger()
        assert dock.isVisible()
        assert dock.widget() is not None and dock.widget().isVisible()


def test_highlight_offsets_count_utf16_units(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Characters beyond U+FFFF before a term do not shift its highlight."""
    from reader_app.core.article import Article, Block, BlockType

    article = Article(
        id="x", path="x", format="text", title="𠮷野家的扶贫", subtitle=None, date=None,
        source=None, script=Script.SIMPLIFIED,
        blocks=(Block(BlockType.PARAGRAPH, "𠮷𠮷𠮷 扶貧工作 𩸽"),),
    )
    window.reader.show_article(article)
    window.reader.set_highlight_terms([])
    window.reader.set_keywords(["扶贫"])
    found = [doc_text(window.reader, s, e) for s, e, _c in window.reader.highlight_ranges()]
    assert found == ["扶贫", "扶貧"]


def test_keyword_chip_steps_through_occurrences(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Clicking a keyword chip selects its next occurrence in the text."""
    open_longest(window)
    with qtbot.waitSignal(window.keywordsReady, timeout=60_000):
        window.start_background_loading()
    chips = window.keyword_bar.chips()
    assert chips
    chip = chips[0]
    chip.click()
    first = window.reader.textCursor().selectionStart()
    assert fold(window.reader.textCursor().selectedText()) == fold(chip.text())
    chip.click()
    assert window.reader.textCursor().selectionStart() != first
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.reader.textCursor().hasSelection()


def test_filter_with_traditional_input(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """/ focuses the filter; typing Traditional narrows the list to both scripts' matches."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Slash)
    assert window.filter_field.hasFocus()
    window.filter_field.insert("郵電")  # as an input method would; QTest types ASCII only
    rows = window.proxy.rowCount()
    assert 0 < rows < window.model.rowCount()
    for r in range(rows):
        index = window.proxy.index(r, 0)
        assert "邮电" in fold(f"{index.data(Role.TITLE)} {index.data(Role.SOURCE)}")


def test_shortcut_sheet_lists_exactly_the_registry(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """F1 opens a sheet whose shortcuts are exactly those the actions carry."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    qtbot.waitExposed(sheet)
    native = QKeySequence.SequenceFormat.NativeText
    from_registry = sorted(s.toString(native) for spec in ACTIONS for s in key_sequences(spec))
    on_actions = sorted(
        s.toString(native) for a in window.actions_by_id.values() for s in a.shortcuts()
    )
    assert sorted(sheet.listed_shortcuts()) == from_registry == on_actions
    sheet.close()


def test_restart_restores_article_script_and_zoom(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Closing and reopening with the same data dir brings back what was being read."""
    first = make_window()
    wait_converter(qtbot, first)
    order = list_order(first)
    first.open_article(order[2])
    first.reader.setFocus()
    qtbot.keyClick(first.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoom = first.reader.zoom()
    size = first.reader.body_point_size()
    assert zoom > 0
    first.reader.scroll_to_block(5)
    block = first.reader.top_block_index()
    first.close()

    second = make_window()
    assert second.current_article().id == order[2]
    assert second.mode() == "traditional"
    assert second.reader.zoom() == zoom
    assert second.reader.body_point_size() == size
    assert second.reader.top_block_index() == block
    assert second.actions_by_id["script_traditional"].isChecked()


def test_the_chosen_sort_is_kept_after_a_restart(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Choose "By title": the list is in title order, and after a restart it starts in
    that order with "By title" chosen."""
    first = make_window()
    first.sort_box.setCurrentIndex(first.sort_box.findText("By title"))
    by_title = list_order(first)
    titles = [first.model.article(first.model.row_of(i)).title for i in by_title]
    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)
    first.close()

    second = make_window()
    assert second.sort_box.currentText() == "By title"
    assert list_order(second) == by_title
    second.sort_box.setCurrentIndex(second.sort_box.findText("Newest first"))
    dates = [second.model.article(second.model.row_of(i)).date for i in list_order(second)]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated


def test_problems_view_lists_the_bad_file(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file that cannot be read is named in the status bar and listed with a reason."""
    library = tmp_path / "library"
    shutil.copytree(seeds_dir(), library)
    bad = library / "empty.txt"
    bad.write_bytes(b"")
    window = make_window([str(library)])
    button = window.problems_button
    assert button.isVisible()
    assert "1" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.problems_dialog
    qtbot.waitExposed(dialog)
    rows = dialog.rows()
    assert [Path(path).name for path, _reason in rows] == ["empty.txt"]
    assert rows[0][1].strip()
    dialog.close()


def test_no_problems_no_button(window) -> None:  # type: ignore[no-untyped-def]
    """With every file read, the status bar says nothing about problems."""
    assert not window.problems_button.isVisible()


def test_a_missing_chinese_font_is_said_in_words(window) -> None:  # type: ignore[no-untyped-def]
    """With no font covering Chinese the status bar names what to install; with one,
    nothing is said."""
    assert window.check_chinese_font([]) is False
    assert window.font_notice.isVisible()
    assert "fonts-noto-cjk" in window.font_notice.text()
    assert window.check_chinese_font(["Noto Sans CJK SC"]) is True
    assert not window.font_notice.isVisible()
