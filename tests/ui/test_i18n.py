"""The interface speaks Simplified Chinese when asked, and no string is left untranslated."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from reader_app.core.resources import resource
from reader_app.ui.i18n import DictTranslator, resolve_language

UI = Path(__file__).resolve().parents[2] / "src" / "reader_app" / "ui"


def source_strings() -> set[str]:
    pattern = re.compile(r'(?:self\.tr|QT_TR_NOOP)\("((?:[^"\\]|\\.)+)"')
    found: set[str] = set()
    for path in UI.glob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_interface_string_has_a_chinese_translation() -> None:
    """A string added to the interface without a translation fails here."""
    table = json.loads(resource("i18n", "zh_CN.json").read_text(encoding="utf-8"))
    missing = sorted(source_strings() - set(table))
    assert missing == []


def test_translator_answers_and_falls_back(qapp) -> None:  # type: ignore[no-untyped-def]
    """Known strings come back in Chinese, unknown ones unchanged, %n filled in."""
    translator = DictTranslator.from_file(resource("i18n", "zh_CN.json"))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Quit") == "退出"
        assert QCoreApplication.translate("MainWindow", "no such string") == "no such string"
        text = QCoreApplication.translate("MainWindow", "%n files could not be read", None, 3)
        assert "3" in text and "文件" in text
    finally:
        qapp.removeTranslator(translator)


def test_language_follows_the_system_unless_chosen() -> None:
    """A Chinese system locale picks Chinese; an explicit choice wins."""
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    assert resolve_language("system", chinese) == "zh_CN"
    assert resolve_language("system", QLocale(QLocale.Language.English)) == "en"
    assert resolve_language("en", chinese) == "en"
