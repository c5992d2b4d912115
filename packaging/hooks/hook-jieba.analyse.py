"""jieba.analyse reads its IDF table; collected only when the app imports jieba.analyse."""

from __future__ import annotations

import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_data import JIEBA_ANALYSE_DATA

datas = collect_data_files("jieba", includes=list(JIEBA_ANALYSE_DATA))
