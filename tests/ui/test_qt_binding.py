"""The Qt binding we install must not corrupt the interpreter."""

from __future__ import annotations

import subprocess
import sys


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    """100,000 calls of a Qt method returning nothing leave None's count as it was
    (PySide6 6.12.0 on Python 3.11 dropped one per call and the app aborted)."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QObject\n"
        "o = QObject(); before = sys.getrefcount(None)\n"
        "for _ in range(100_000): o.setObjectName('x')\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout)) < 100
