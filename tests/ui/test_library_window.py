"""The window over the reader's library file: bookmarks, notes, import, search."""

from __future__ import annotations

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
