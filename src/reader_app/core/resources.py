"""The one place that finds packaged data: seeds, dictionaries, translations, icons.

An installed wheel or a PyInstaller bundle carries them inside the package as
``reader_app/_data/{seeds,resources}``; a source checkout (including an editable
install) has them at the top of the repository. Both are reached through
importlib.resources, so no other module needs to know where it is running from.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

_PACKAGED = files("reader_app") / "_data"
_SOURCE_TREE = Path(__file__).resolve().parents[3]


def _root(name: str) -> Traversable:
    packaged = _PACKAGED / name
    if packaged.is_dir():
        return packaged
    return _SOURCE_TREE / name


def seeds_dir() -> Path:
    """The bundled seed articles (the library a new user starts with)."""
    return Path(str(_root("seeds")))


def resource(*parts: str) -> Path:
    """A file under resources/, e.g. ``resource("dict", "user_dict.txt")``."""
    return Path(str(_root("resources").joinpath(*parts)))
