"""Test set-up shared by every test: no screen, and no test touching real settings."""

from __future__ import annotations

import os

# Before anything imports Qt: this machine (and CI) has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests compare interface strings in English whatever the machine's locale is.
os.environ.setdefault("LANGUAGE", "en")

import pytest


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Point QSettings' default locations (and the app's data dir) at a temp dir, so a
    test can never read or write the developer's own settings."""
    root = tmp_path_factory.mktemp("qsettings")
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # core tests run without Qt
        yield root
        return
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(root / "user"))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(root / "system"))
    yield root
