"""PySide6.QtCore as PyInstaller's own hook collects it, minus the Qt plugins and
translations a QtWidgets reader never loads (see bundle_data.keep_in_bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_data import kept_hook_entries

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = kept_hook_entries(binaries)
datas = kept_hook_entries(datas)
