"""The window over the reader's library file: bookmarks, notes, import, search."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from reader_app.ui.article_list_model import Role


def shown_ids(window) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = window.proxy
    return [proxy.index(r, 0).data(Role.ARTICLE_ID) for r in range(proxy.rowCount())]


def test_ctrl_d_bookmarks_and_the_mark_survives_a_restart(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+D marks the current article; after a restart it is still marked and the
    bookmarked-only filter lists just it."""
    window = make_window()
    article_id = window.current_article().id
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    row = window.model.row_of(article_id)
    assert window.model.index(row).data(Role.BOOKMARKED) is True
    assert window.actions_by_id["toggle_bookmark"].isChecked()
    window.close()

    again = make_window()
    row = again.model.row_of(article_id)
    assert again.model.index(row).data(Role.BOOKMARKED) is True
    assert len(shown_ids(again)) > 1
    again.actions_by_id["bookmarked_only"].trigger()
    assert shown_ids(again) == [article_id]
    again.actions_by_id["bookmarked_only"].trigger()
    assert len(shown_ids(again)) > 1


def test_missing_library_file_is_listed_as_a_problem(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An imported file deleted since is listed with the sentence that its notes are kept."""
    from reader_app.core.collection import Collection
    from reader_app.core.paths import AppPaths
    from reader_app.core.resources import seeds_dir
    from reader_app.core.storage import open_database

    source = next(p for p in sorted(seeds_dir().iterdir()) if p.is_file())
    copy = tmp_path / ("moved" + source.suffix)
    copy.write_bytes(source.read_bytes())
    paths = AppPaths.resolve(tmp_path / "data")
    paths.ensure()
    with open_database(paths.database) as db:
        assert Collection(db).import_paths([copy]).added
    copy.unlink()
    window = make_window([str(tmp_path / "empty-library")])
    reasons = [str(p) for p in window.problems()]
    assert f"{copy.absolute()}: the file was moved or deleted; its notes are kept" in reasons


def select_in_block(window, block_index: int, start: int, end: int) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    block = window.reader.body_block(block_index)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(block.position() + start)
    cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    return cursor.selectedText()


def stored_bodies(data_dir, article_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import open_database

    with open_database(AppPaths.resolve(data_dir).database, read_only=True) as db:
        return [n.body for n in db.notes.for_article(article_id)]


def test_a_note_on_a_passage_autosaves_and_is_marked_after_a_restart(  # type: ignore[no-untyped-def]
    qtbot, make_window, data_dir
) -> None:
    """Select a passage, Ctrl+M, type: the text reaches the file by itself; after a
    restart the note is listed and its passage underlined."""
    window = make_window()
    article = window.current_article()
    quote = select_in_block(window, 0, 2, 8)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.notes_dock.isVisible()
    editor = window.notes_panel.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "read again")
    qtbot.waitUntil(lambda: stored_bodies(data_dir, article.id) == ["read again"], timeout=5000)
    window.close()

    again = make_window()
    assert again.current_article().id == article.id
    # The notes dock was open when the window closed: it is open again, with the note.
    assert again.notes_dock.isVisible()
    assert again.notes_dock.widget().model.rowCount() == 1
    ranges = again.reader.passage_ranges()
    assert len(ranges) == 1
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(again.reader.document())
    cursor.setPosition(ranges[0][0])
    cursor.setPosition(ranges[0][1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == quote


def test_delete_a_note_then_undo(qtbot, make_window, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Del in the notes list moves the note to the trash at once; Undo brings it back."""
    window = make_window()
    article = window.current_article()
    select_in_block(window, 0, 0, 4)
    window.actions_by_id["add_note"].trigger()
    qtbot.keyClicks(window.notes_panel.editor, "x")
    window.notes_panel.list_view.setFocus()
    qtbot.waitUntil(window.notes_panel.list_view.hasFocus)
    qtbot.keyClick(window.notes_panel.list_view, Qt.Key.Key_Delete)
    assert window.notes_panel.model.rowCount() == 0
    assert stored_bodies(data_dir, article.id) == []
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert stored_bodies(data_dir, article.id) == ["x"]
    assert window.notes_panel.model.rowCount() == 1
    # Ctrl+Z from the notes list undoes a delete too.
    window.notes_panel.list_view.setFocus()
    window.notes_panel.request_delete()
    assert stored_bodies(data_dir, article.id) == []
    qtbot.keyClick(window.notes_panel.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_bodies(data_dir, article.id) == ["x"]


def test_note_text_that_looks_like_html_is_shown_as_written(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """<b>x</b> in a note is shown with its angle brackets, never as bold."""
    window = make_window()
    window.actions_by_id["add_note"].trigger()
    window.notes_panel.editor.setPlainText("<b>x</b>")
    window.notes_panel.flush()
    row_text = window.notes_panel.proxy.index(0, 0).data()
    assert "<b>x</b>" in row_text
    assert window.notes_panel.editor.toPlainText() == "<b>x</b>"
    window.close()
    again = make_window()
    again.notes_panel.all_notes_box.setChecked(True)
    texts = [again.notes_panel.proxy.index(r, 0).data()
             for r in range(again.notes_panel.proxy.rowCount())]
    assert any("<b>x</b>" in t for t in texts)


ARTICLE = "羊肚菌走出大山\n\n木里的羊肚菌通过直播卖到了上海，电信公司帮忙打开了销路。\n"
OTHER = "光纤进村\n\n今年村里通了光纤，孩子们第一次上了网课。\n"


def test_import_a_folder_adds_rows_and_lists_the_refused_file(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path
) -> None:
    """Two good files and an empty one: two rows inserted (no reset), one problem."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    window = make_window()
    before = window.model.rowCount()
    problems_before = len(window.problems())
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(window.articlesImported, timeout=20_000):
        window.import_paths([str(folder)])
    assert window.model.rowCount() == before + 2
    assert resets == []
    titles = {a.title for a in window.model.articles()}
    assert {"羊肚菌走出大山", "光纤进村"} <= titles
    problems = window.problems()[problems_before:]
    assert [(p.path, p.reason) for p in problems] == [
        (str((folder / "empty.txt").absolute()), "the file is empty")
    ]
    assert window.problems_button.isVisible()
    assert not window.import_progress.isVisible()


def test_cancelled_import_adds_nothing_more(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Cancel pressed before the first file: nothing is added and the bar goes away."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"标题{i}\n\n正文第{i}段。\n", encoding="utf-8")
    window = make_window()
    before = window.model.rowCount()
    real_import = window._collection.import_paths

    def import_after_cancel(paths, progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        # Hold the worker until the reader has pressed Cancel, so the race is decided.
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_import(paths, progress=progress, cancelled=cancelled)

    window._collection.import_paths = import_after_cancel
    with qtbot.waitSignal(window.articlesImported, timeout=20_000):
        window.import_paths([str(folder)])
        qtbot.mouseClick(window.import_cancel_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == before
    assert not window.importing()
    assert "cancelled" in window.status_label.text()


def test_remove_article_then_undo(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Del in the article list removes the article; Undo puts it back in its place."""
    window = make_window()
    article_id = window.current_article().id
    count = window.model.rowCount()
    window.list_view.setFocus()
    qtbot.waitUntil(window.list_view.hasFocus)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert window.model.row_of(article_id) is None
    assert window.model.rowCount() == count - 1
    assert window.current_article() is not None
    window.undo()
    assert window.model.row_of(article_id) is not None
    assert window.current_article().id == article_id


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type characters QTest cannot (it only knows ASCII keys): one key event each."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def test_ctrl_k_searches_across_scripts_and_opens_the_hits(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+K, type 電信: a Simplified article is found; Enter opens it with the hits
    highlighted."""
    from PySide6.QtGui import QTextCursor

    from reader_app.core.article import Script
    from reader_app.core.script import fold
    from reader_app.ui.search_panel import ResultRole

    window = make_window()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    field = window.search_panel.field
    assert window.search_dock.isVisible() and field.hasFocus()
    type_text(field, "電信")
    assert field.text() == "電信"
    model = window.search_panel.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    by_id = {a.id: a for a in window.model.articles()}
    rows = [r for r in range(model.rowCount())
            if by_id[model.index(r).data(ResultRole.ARTICLE_ID)].script is Script.SIMPLIFIED]
    assert rows
    target = model.index(rows[0]).data(ResultRole.ARTICLE_ID)
    if window.current_article().id == target:  # make the open a real change
        window.next_article()
    window.search_panel.results.setCurrentIndex(model.index(rows[0]))
    assert "<b>" in model.index(rows[0]).data(ResultRole.RICH_TEXT)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_article().id == target
    ranges = window.reader.search_ranges()
    assert len(ranges) == model.index(rows[0]).data(ResultRole.HITS) > 0
    for start, end in ranges:
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert fold(cursor.selectedText()) == "电信"


def test_search_results_escape_article_text() -> None:
    """Text that looks like HTML in a title or snippet stays text; only hits are bold."""
    from reader_app.ui.search_panel import HIT_CLOSE, HIT_OPEN, rich_text

    out = rich_text("<i>t</i>", "1 hit", f"a<b>{HIT_OPEN}x{HIT_CLOSE}")
    assert "<i>" not in out and "&lt;i&gt;" in out
    assert "a&lt;b&gt;<b>x</b>" in out


def test_a_library_file_from_a_newer_reader_is_explained_not_fatal(  # type: ignore[no-untyped-def]
    qtbot, make_window, data_dir
) -> None:
    """A too-new library file: the window opens, says why in a sentence, and reads
    without notes or bookmarks; the file is left as it was."""
    import sqlite3

    from reader_app.core.paths import AppPaths

    path = AppPaths.resolve(data_dir).database
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    window = make_window(show=False)  # the notice, not the window, takes activation
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "notice_box", None) is not None)
    assert "newer version of Reader" in window.notice_box.text()
    window.notice_box.close()
    assert window.current_article() is not None
    assert not window.actions_by_id["toggle_bookmark"].isEnabled()
    window.add_note()
    assert "could not be opened" in window.status_label.text()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 999


def test_a_failed_autosave_keeps_the_text_and_says_why(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """When the disk refuses the save, the words stay in the editor and the status bar
    carries the sentence."""
    from reader_app.core.storage import DiskFull

    window = make_window()
    window.actions_by_id["add_note"].trigger()

    def refuse(note_id: str, body: str):  # type: ignore[no-untyped-def]
        raise DiskFull("Your note could not be saved", "the disk is full", None,
                       "Your text is still in the editor.")

    window._db.notes.update_body = refuse
    qtbot.keyClicks(window.notes_panel.editor, "keep me")
    qtbot.waitUntil(lambda: "disk is full" in window.status_label.text(), timeout=5000)
    assert window.notes_panel.editor.toPlainText() == "keep me"


def test_a_detached_note_is_listed_with_its_label(qtbot, make_window, data_dir) -> None:  # type: ignore[no-untyped-def]
    """A note whose passage is gone from the article is shown, marked detached."""
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import Anchor, open_database

    window = make_window()
    article_id = window.current_article().id
    window.close()
    with open_database(AppPaths.resolve(data_dir).database) as db:
        db.notes.add(article_id, "still here", Anchor(0, 0, 4, "这段文字不存在于文章"))
    again = make_window()
    texts = [again.notes_panel.proxy.index(r, 0).data()
             for r in range(again.notes_panel.proxy.rowCount())]
    assert len(texts) == 1
    assert texts[0].startswith("[detached]") and "still here" in texts[0]
    assert again.reader.passage_ranges() == []


def test_notes_and_results_models_pass_modeltester(qtmodeltester, make_window) -> None:  # type: ignore[no-untyped-def]
    """The notes and search-result models keep Qt's model contract."""
    window = make_window()
    window.actions_by_id["add_note"].trigger()
    qtmodeltester.check(window.notes_panel.model, force_py=True)
    window._search_library("电信")
    assert window.search_panel.model.rowCount() > 0
    qtmodeltester.check(window.search_panel.model, force_py=True)


def test_search_hits_are_found_again_in_converted_text(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Shown in Traditional, the chosen result's hits are still highlighted on 電信."""
    from PySide6.QtGui import QTextCursor

    from reader_app.core.script import fold

    from .conftest import wait_converter

    window = make_window()
    wait_converter(qtbot, window)
    window.set_mode("traditional")
    window._search_library("电信")
    model = window.search_panel.model
    assert model.rowCount() > 0
    window.search_panel.activate_current()
    ranges = window.reader.search_ranges()
    assert ranges
    for start, end in ranges:
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() != "" and fold(cursor.selectedText()) == "电信"
    assert window.shown_article() is not window.current_article()


def test_choosing_a_note_opens_its_article_at_the_passage(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """From the all-notes list, Enter on a note of another article opens that article
    with the passage selected."""
    window = make_window()
    first = window.current_article()
    last_block = len(first.blocks) - 1
    quote = select_in_block(window, last_block, 0, 3)
    window.add_note()
    window.next_article()
    assert window.current_article().id != first.id
    window.notes_panel.all_notes_box.setChecked(True)
    view = window.notes_panel.list_view
    view.setCurrentIndex(window.notes_panel.proxy.index(0, 0))
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_article().id == first.id
    assert window.reader.selected_text() == quote


def test_trash_restores_and_empty_trash_asks_first(  # type: ignore[no-untyped-def]
    qtbot, make_window, data_dir, monkeypatch
) -> None:
    """A deleted note is restored from the trash; emptying asks, and only Yes deletes."""
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    article_id = window.current_article().id
    window.add_note()
    qtbot.keyClicks(window.notes_panel.editor, "first")
    window.notes_panel.request_delete()
    window.show_notes_trash()
    dialog = window.trash_dialog
    assert dialog.model.rowCount() == 1
    dialog.restore_button.click()
    assert dialog.model.rowCount() == 0
    assert stored_bodies(data_dir, article_id) == ["first"]

    window.notes_panel.request_delete()
    window._refresh_trash()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    dialog.empty_button.click()
    assert dialog.model.rowCount() == 1
    dialog.empty_button.click()
    assert dialog.model.rowCount() == 0
    assert window._db.notes.trash() == []
    dialog.close()


def test_dropping_a_folder_imports_it(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Files dropped on the window are added to the library."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    window = make_window()
    before = window.model.rowCount()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.articlesImported, timeout=20_000):
        window.dropEvent(event)
    assert window.model.rowCount() == before + 1


def test_a_note_made_in_converted_text_anchors_to_the_article_as_written(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    """Shown in Traditional, a Simplified article's selection becomes a note on the
    same passage of the text as written, and is underlined in both scripts."""
    from reader_app.core.article import Script
    from reader_app.core.script import fold

    from .conftest import wait_converter

    window = make_window()
    wait_converter(qtbot, window)
    article = next(a for a in window.model.articles() if a.script is Script.SIMPLIFIED)
    window.open_article(article.id)
    window.set_mode("traditional")
    assert window.shown_article() is not window.current_article()
    shown = select_in_block(window, 0, 1, 6)
    window.add_note()
    note = window._db.notes.for_article(article.id)[-1]
    assert note.anchor.quote == fold(article.blocks[0].text[1:6]) == fold(shown)
    assert len(window.reader.passage_ranges()) == 1
    window.set_mode("original")
    assert len(window.reader.passage_ranges()) == 1


def test_reading_position_is_kept_in_the_library_file(qtbot, make_window, data_dir) -> None:  # type: ignore[no-untyped-def]
    """Where you were in an article is stored with your notes (and the article is marked
    opened and read), and a restart opens it at that paragraph."""
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import open_database

    window = make_window()
    article_id = window.current_article().id
    window.reader.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Space)
    top = window.reader.top_block_index()
    assert top > 0
    window.close()  # saves the position

    with open_database(AppPaths.resolve(data_dir).database) as db:
        state = db.reading_state.get(article_id)
    assert (state.block_index, state.is_read) == (top, True)
    assert state.last_opened is not None

    again = make_window()
    assert again.current_article().id == article_id
    assert again.reader.top_block_index() == top


def reading_state(data_dir, article_id: str):  # type: ignore[no-untyped-def]
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import open_database

    with open_database(AppPaths.resolve(data_dir).database, read_only=True) as db:
        return db.reading_state.get(article_id)


def test_the_article_shown_at_start_is_marked_opened_and_read(  # type: ignore[no-untyped-def]
    qtbot, make_window, data_dir
) -> None:
    """The article the window opens with is recorded as opened and read once it is on
    screen, while the window stays open; also when the window is closed before it was
    ever shown."""
    window = make_window()
    article_id = window.current_article().id
    qtbot.waitUntil(lambda: reading_state(data_dir, article_id).last_opened is not None,
                    timeout=5000)
    assert reading_state(data_dir, article_id).is_read
    window.close()

    order = shown_ids(window)
    unseen = make_window(show=False)
    other = next(i for i in order if i != article_id)
    unseen.open_article(other)
    assert reading_state(data_dir, other).last_opened is None
    unseen.close()
    state = reading_state(data_dir, other)
    assert state.last_opened is not None and state.is_read
