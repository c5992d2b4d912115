"""What the reader wants remembered, in one INI file in the config dir.

Keys are stable article ids, never list rows. Every value is read with a default and a
type check, so a hand-edited or damaged file cannot stop the window from opening.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from reader_app.core.paths import AppPaths
from reader_app.ui.reader_view import HighlightTerm

FILE_NAME = "reader-app.ini"


class Settings:
    def __init__(self, app_paths: AppPaths) -> None:
        app_paths.config_dir.mkdir(parents=True, exist_ok=True)
        self.path: Path = app_paths.config_dir / FILE_NAME
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._q.sync()

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self._q.value(key, default)
        if kind is bool:
            if isinstance(value, str):
                return value.lower() in ("true", "1", "yes")
            return bool(value)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value: Any) -> None:
        # Setting a value the file already has would still rewrite the file (with an
        # fsync) on the next turn of the event loop: at start-up, before the first paint.
        if self._q.contains(key) and self._q.value(key) == value:
            return
        self._q.setValue(key, value)

    # -- reading --
    def last_article(self) -> str:
        return self._get("reading/last_article", "", str)

    def set_last_article(self, article_id: str) -> None:
        self._set("reading/last_article", article_id)

    def position(self, article_id: str) -> int:
        return max(0, self._get(f"positions/{article_id}", 0, int))

    def set_position(self, article_id: str, block_index: int) -> None:
        self._set(f"positions/{article_id}", int(block_index))

    def display_mode(self) -> str:
        return self._get("reading/script", "original", str)

    def set_display_mode(self, mode: str) -> None:
        self._set("reading/script", mode)

    def regional_variant(self) -> str:
        value = self._get("reading/regional_variant", "taiwan", str)
        return value if value in ("taiwan", "hong_kong") else "taiwan"

    def set_regional_variant(self, value: str) -> None:
        self._set("reading/regional_variant", value)

    # -- looks --
    def theme(self) -> str:
        return self._get("view/theme", "system", str)

    def set_theme(self, theme: str) -> None:
        self._set("view/theme", theme)

    def zoom(self) -> int:
        return self._get("view/zoom", 0, int)

    def set_zoom(self, level: int) -> None:
        self._set("view/zoom", int(level))

    def highlighting(self) -> bool:
        return self._get("view/highlighting", True, bool)

    def set_highlighting(self, on: bool) -> None:
        self._set("view/highlighting", bool(on))

    def sort_key(self) -> str:
        return self._get("view/sort", "date", str)

    def set_sort_key(self, key: str) -> None:
        self._set("view/sort", key)

    def language(self) -> str:
        """'system', 'en' or 'zh_CN'."""
        return self._get("view/language", "system", str)

    def set_language(self, language: str) -> None:
        self._set("view/language", language)

    # -- highlight terms --
    def highlight_terms(self) -> list[HighlightTerm]:
        raw = self._get("highlights/terms", "[]", str)
        try:
            items = json.loads(raw)
            return [HighlightTerm(str(i["text"]), str(i["colour"])) for i in items if i["text"]]
        except (ValueError, TypeError, KeyError):
            return []

    def set_highlight_terms(self, terms: list[HighlightTerm]) -> None:
        data = [{"text": t.text, "colour": t.colour} for t in terms]
        self._set("highlights/terms", json.dumps(data, ensure_ascii=False))

    # -- window --
    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, data: QByteArray) -> None:
        self._set("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        value = self._q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, data: QByteArray) -> None:
        self._set("window/state", data)

    def splitter(self) -> list[int]:
        raw = self._get("window/splitter", "", str)
        try:
            sizes = [int(x) for x in raw.split(",") if x]
        except ValueError:
            return []
        return sizes if len(sizes) == 2 and all(s >= 0 for s in sizes) else []

    def set_splitter(self, sizes: list[int]) -> None:
        self._set("window/splitter", ",".join(str(int(s)) for s in sizes))
