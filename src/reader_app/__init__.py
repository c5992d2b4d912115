"""reader-app: a desktop reader for Chinese news articles. Nothing runs at import."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for: reading it
    # costs tens of milliseconds, which every start of the window would otherwise pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("reader-app")
        except PackageNotFoundError:  # running from a bare source tree
            return "0.0.0+source"
    raise AttributeError(name)
