"""Work-arounds for bugs in the PySide6 build we run on; each checks for its bug first.

PySide6 6.12.0's abi3 wheels, on Python 3.11, return ``None`` from void methods
without taking a reference (they assume Python 3.12's immortal None). Every call such
as ``QTextCursor.setPosition`` then lowers None's reference count by one, and after
some tens of thousands of calls the interpreter aborts with "none_dealloc". Where the
leak is measured, None gets a reference count no session can exhaust; on a Python
with an immortal None (3.12+) or a fixed PySide6 nothing is done.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False


def none_refcount_leaks() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")  # a void method
    return sys.getrefcount(None) < before - 32


def protect_none() -> bool:
    """Apply the work-around if needed; True when it was applied (once per process)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or not none_refcount_leaks():
        return _applied
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
    return True
