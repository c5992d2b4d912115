"""Render the reader window at 1280x800 in light and dark, Simplified and Traditional.

Run under a real (virtual) X server with CJK fonts installed, e.g.::

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshots.py

Writes docs/screenshot-<theme>-<script>.png. Uses a throwaway data dir, so the
reader's own settings are neither read nor changed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
SHOTS = (
    ("light", "simplified"),
    ("dark", "traditional"),
    ("sepia", "traditional"),
    ("light", "original"),
)


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader_app.app import build_window
    from reader_app.core.paths import AppPaths
    from reader_app.core.resources import seeds_dir

    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths.resolve(tmp)
        window = build_window(paths, [str(seeds_dir())], background_loading=False)
        app = QApplication.instance()
        window.resize(1280, 800)
        window.show()

        def settle(signal=None, ms: int = 60_000) -> None:  # type: ignore[no-untyped-def]
            loop = QEventLoop()
            if signal is not None:
                signal.connect(loop.quit)
            QTimer.singleShot(ms if signal is not None else 200, loop.quit)
            loop.exec()
            app.processEvents()

        loaded = [window.converterReady, window.keywordsReady]
        window.start_background_loading()
        for signal in loaded:
            settle(signal)
        # Open the article with the most keywords-and-headings interest: the longest.
        article = max(window.model.articles(), key=lambda a: len(a.blocks))
        window.open_article(article.id)
        window.terms_panel.add_term("扶贫", "#81d4fa")
        window.terms_dock.show()
        window.reader.scroll_to_block(2)
        for theme, mode in SHOTS:
            window.apply_theme(theme)
            window.set_mode(mode)
            window.reader.scroll_to_block(0)
            settle()
            target = OUT / f"screenshot-{theme}-{mode}.png"
            window.grab().save(str(target))
            print(target, target.stat().st_size // 1024, "KB")
        window.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(OUT.parent / "src"))
    sys.exit(main())
