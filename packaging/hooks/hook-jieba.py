"""PyInstaller hook for jieba, replacing the contrib one (which collects every data file).

Only the dictionary and the IDF table are read at run time; see bundle_data.JIEBA_DATA.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_data import JIEBA_DATA, JIEBA_EXCLUDED_IMPORTS

datas = collect_data_files("jieba", includes=list(JIEBA_DATA))
excludedimports = list(JIEBA_EXCLUDED_IMPORTS)
