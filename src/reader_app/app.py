"""Composition root: the one place that wires core objects into the window.

``run_gui`` loads the library, sets up the application (style, language, theme) and
shows the window; ``--startup-probe`` and ``--self-test`` are run from here too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from reader_app.core.paths import AppPaths

ENV_T0 = "READER_APP_T0"  # epoch seconds a launcher may set just before starting us


def _process_start_epoch() -> float:
    """When this process started (epoch seconds), as early as we can know it: a
    launcher's timestamp, else the kernel's start time on Linux, else now."""
    stamp = os.environ.get(ENV_T0)
    if stamp:
        try:
            return float(stamp)
        except ValueError:
            pass
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the comm field
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return time.time() - uptime + start_ticks / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED_AT


_IMPORTED_AT = time.time()


def elapsed_ms() -> int:
    return round((time.time() - _process_start_epoch()) * 1000)


def _application(argv: list[str] | None = None) -> Any:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from reader_app.core.resources import resource
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setApplicationName("reader-app")
        QCoreApplication.setOrganizationName("reader-app")
        QGuiApplication.setDesktopFileName("reader-app")
        app = QApplication(argv or [sys.argv[0]])
    # Fusion draws every widget from the palette, so light, sepia and dark themes look
    # the same on every platform instead of half-following the native style.
    app.setStyle("Fusion")
    from reader_app.ui import themes

    ui_font = themes.font(themes.UI_FAMILIES, max(9.0, app.font().pointSizeF()))
    app.setFont(ui_font)
    icon = resource("icons", "reader-app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_language(app: Any, choice: str) -> Any:
    """Install the translator for ``choice`` ('system', 'en', 'zh_CN'); returns it."""
    from reader_app.ui.i18n import resolve_language, translator_for

    translator = translator_for(resolve_language(choice), app)
    if translator is not None:
        app.installTranslator(translator)
    return translator


def build_window(
    app_paths: AppPaths, library_paths: list[str], *, background_loading: bool = True
) -> Any:
    """Open the library file, load the library and make the window (not shown). Used
    by run_gui, tests and the screenshot script.

    A library file that cannot be opened (from a newer Reader, unreadable) is no reason
    not to read: the sentence is shown and the window works without notes or bookmarks.
    """
    from reader_app.core.library import load_library
    from reader_app.core.storage import StorageError, open_database
    from reader_app.ui.main_window import MainWindow
    from reader_app.ui.settings import Settings

    app_paths.ensure()
    app = _application()
    settings = Settings(app_paths)
    if not getattr(app, "_reader_translator_installed", False):
        app._reader_translator = install_language(app, settings.language())
        app._reader_translator_installed = True
    notices: list[str] = []
    db: Any = None
    opened: Any = None
    try:
        db = open_database(app_paths.database)
        notices.extend(db.notices)
    except StorageError as error:
        notices.append(str(error))
    if db is not None:
        from reader_app.core.collection import open_library

        try:
            opened = open_library(db, library_paths)
        except StorageError as error:
            notices.append(str(error))
    if opened is not None:
        articles, problems = opened.articles, opened.problems
        missing = [path for _article_id, path in opened.missing]
        collection = opened.collection
    else:
        report = load_library(library_paths)
        articles, problems, missing, collection = report.articles, report.problems, [], None
    return MainWindow(
        articles,
        problems,
        app_paths,
        settings,
        background_loading=background_loading,
        db=db,
        collection=collection,
        missing=missing,
        notices=notices,
    )


def run_gui(
    app_paths: AppPaths,
    library_paths: list[str],
    *,
    startup_probe: bool = False,
    self_test: bool = False,
) -> int:
    if self_test:
        return run_self_test(app_paths, library_paths)
    app = _application()
    window = build_window(app_paths, library_paths)
    if startup_probe:
        from PySide6.QtCore import QTimer

        def painted() -> None:
            print(f"first-paint-ms {elapsed_ms()}", flush=True)
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, app.quit)

        if window.current_article() is None:
            # Nothing to read: the window itself is the first paint.
            QTimer.singleShot(0, painted)
        else:
            window.reader.firstPainted.connect(painted)
    window.show()
    return int(app.exec())


# ---------------------------------------------------------------------------- self-test


def run_self_test(app_paths: AppPaths, library_paths: list[str]) -> int:
    """Check the installation step by step without showing a window. One line per
    step, then a summary; 0 only if every step that ran passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: list[str] = []
    state: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], str]) -> None:
        try:
            detail = fn()
        except Exception as error:
            results.append("fail")
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
        else:
            results.append("ok")
            print(f"ok   {name}: {detail}", flush=True)

    def load() -> str:
        from reader_app.core.library import load_library

        report = load_library(library_paths)
        if not report.articles:
            raise RuntimeError(f"no article loaded ({len(report.problems)} problems)")
        state["articles"] = report.articles
        extra = f", {len(report.problems)} could not be read" if report.problems else ""
        return f"{len(report.articles)} articles{extra}"

    def convert() -> str:
        from reader_app.core.convert import Converter, DisplayMode
        from reader_app.core.script import Script, detect_script

        article = state["articles"][0]
        converter = Converter.for_paths(app_paths)
        trad = converter.convert_article(article, DisplayMode.TRADITIONAL)
        simp = converter.convert_article(trad, DisplayMode.SIMPLIFIED)
        got = (detect_script(trad.all_text()), detect_script(simp.all_text()))
        if got != (Script.TRADITIONAL, Script.SIMPLIFIED):
            raise RuntimeError(f"scripts after conversion were {got[0].value}, {got[1].value}")
        return f"“{article.title[:12]}” to Traditional ({trad.title[:12]}) and back"

    def keywords() -> str:
        from reader_app.ui import keyword_source

        articles = state["articles"]
        extractor = keyword_source.load_extractor(articles, app_paths)
        terms = extractor(articles[0])
        if not terms:
            raise RuntimeError("no keyword found in the first article")
        return "、".join(terms[:5])

    def render() -> str:
        from reader_app.ui.reader_view import ReaderView

        _application()
        article = state["articles"][0]
        view = ReaderView()
        view.resize(900, 700)
        view.show_article(article)
        blocks = view.document().blockCount()
        expected = view.header_block_count() + len(article.blocks)
        if blocks != expected:
            raise RuntimeError(f"{blocks} blocks laid out, {expected} expected")
        if view.grab().isNull():
            raise RuntimeError("the view could not be drawn")
        view.deleteLater()
        return f"{blocks} blocks laid out and drawn offscreen"

    def notes() -> str:
        import tempfile
        from pathlib import Path

        from reader_app.core.storage import open_database

        body = "自检：笔记 ✓"
        articles = state.get("articles") or []
        article = next((a for a in articles if a.blocks and len(a.blocks[0].text) >= 2), None)
        # A throwaway library file: the self-test never writes to the reader's own.
        with tempfile.TemporaryDirectory(prefix="reader-self-test-") as tmp:
            path = Path(tmp) / "library.sqlite3"
            with open_database(path) as db:
                if article is not None:
                    note = db.notes.add_passage(article, 0, 0, 2, "")
                else:
                    note = db.notes.add("self-test", "")
                db.notes.update_body(note.id, body)
            with open_database(path, read_only=True) as db:
                stored = db.notes.get(note.id)
        if stored is None or stored.body != body:
            raise RuntimeError("the note written was not read back")
        where = "a passage" if stored.anchor is not None else "an article"
        return f"wrote and read back a note on {where} in a temporary library file"

    step("load", load)
    if "articles" in state:
        step("convert", convert)
        step("keywords", keywords)
        step("render", render)
    step("notes", notes)
    failed = results.count("fail")
    print(
        f"self-test: {results.count('ok')} passed, {failed} failed",
        flush=True,
    )
    return 1 if failed or "ok" not in results else 0


__all__ = ["build_window", "elapsed_ms", "run_gui", "run_self_test"]
