"""reader-app: a desktop reader for Chinese news articles. Nothing runs at import."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reader-app")
except PackageNotFoundError:  # running from a bare source tree
    __version__ = "0.0.0+source"
