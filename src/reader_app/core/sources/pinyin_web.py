from __future__ import annotations
from reader_app.core.sources.base import Draft
name = "pinyin_web"
def detect(text: str) -> float:
    return 0.1 if name == "text" else 0.0
def parse(text: str) -> Draft:
    return Draft(title=text.strip().splitlines()[0])
