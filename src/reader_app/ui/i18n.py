"""Interface language without compiled .qm files: a QTranslator over a JSON dict.

``resources/i18n/<lang>.json`` maps English source strings to translations, either
flat (``{"Quit": "退出"}``) or per context (``{"MainWindow": {...}}``); a per-context
entry wins. The language follows the system locale unless the reader chose one.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator

from reader_app.core.resources import resource

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """'en' or 'zh_CN' for a setting of 'system', 'en' or 'zh_CN'."""
    if choice in LANGUAGES:
        return choice
    locale = locale or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, object], parent: object = None) -> None:
        super().__init__(parent)
        self._flat: dict[str, str] = {}
        self._contexts: dict[str, dict[str, str]] = {}
        for key, value in table.items():
            if isinstance(value, str):
                self._flat[key] = value
            elif isinstance(value, dict):
                self._contexts[key] = {str(k): str(v) for k, v in value.items()}

    @classmethod
    def from_file(cls, path: Path, parent: object = None) -> DictTranslator:
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            table = {}
        return cls(table if isinstance(table, dict) else {}, parent)

    def translate(  # type: ignore[override]
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        found = self._contexts.get(context, {}).get(source_text)
        if found is None:
            found = self._flat.get(source_text)
        # Qt takes an empty string as a translation (a blank label), so an unknown string
        # answers with itself; we are the app's only translator.
        return found if found is not None else source_text

    def isEmpty(self) -> bool:
        return not (self._flat or self._contexts)

    def size(self) -> int:
        return len(self._flat) + sum(len(c) for c in self._contexts.values())


def translator_for(language: str, parent: object = None) -> DictTranslator | None:
    if language == "en":
        return None
    path = resource("i18n", f"{language}.json")
    return DictTranslator.from_file(path, parent) if path.is_file() else None
