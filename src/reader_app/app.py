"""Composition root: the one place that wires core objects into the window.

(Placeholder until the reader window lands: shows the titles of the loaded articles.)
"""

from __future__ import annotations

from reader_app.core.paths import AppPaths


def run_gui(
    app_paths: AppPaths,
    library_paths: list[str],
    *,
    startup_probe: bool = False,
    self_test: bool = False,
) -> int:
    from PySide6.QtWidgets import QApplication, QListWidget

    from reader_app.core.library import load_library

    app = QApplication.instance() or QApplication([])
    report = load_library(library_paths)
    view = QListWidget()
    view.addItems([a.title for a in report.articles])
    view.setWindowTitle("reader-app")
    view.show()
    return app.exec()
