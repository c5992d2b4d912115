"""PyInstaller hook for reader_app: its seeds and resources, and its version metadata.

The data lands under ``reader_app/_data`` (the wheel's layout, read from pyproject), which
is where reader_app.core.resources looks first, so the frozen app needs no special case.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_data import package_datas

# importlib.metadata.version("reader-app") gives `reader-app --version` in the bundle.
datas = package_datas() + copy_metadata("reader-app")
# Data files inside the package itself: the library file's migrations
# (reader_app/core/storage/schema/*.sql, read through importlib.resources).
datas += collect_data_files("reader_app", includes=["**/*.sql"])

# Many imports are inside functions (kept off the start-up path); every module of the
# package is listed so none depends on import analysis following them.
hiddenimports = collect_submodules("reader_app")
