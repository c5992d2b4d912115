"""The core runs without Qt: importing all of it must not load PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_core_does_not_import_qt() -> None:
    """Import every core module in a fresh interpreter and check no Qt module came along."""
    code = (
        "import pkgutil, importlib, sys, reader_app.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'reader_app.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "qt = [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'reader_app.ui'))]\n"
        "print(qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
