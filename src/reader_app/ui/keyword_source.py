"""Adapter over reader_app.core.keywords, which may not be installed in every build.

``load_extractor`` runs in a worker (jieba's first load takes a second or more) and
returns a plain function article → keywords, or None when keywords are unavailable.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from reader_app.core.article import Article
from reader_app.core.paths import AppPaths

TOP = 10
Extractor = Callable[[Article], list[str]]


def available() -> bool:
    try:
        return importlib.util.find_spec("reader_app.core.keywords") is not None
    except (ImportError, ValueError):
        return False


def load_extractor(articles: list[Article], app_paths: AppPaths) -> Extractor | None:
    """Build the extractor (jieba, the library's word counts) and return a function
    article → keywords, or None when this build has no keywords module. Runs off the
    UI thread; touches no widget. The result is thread-safe."""
    if not available():
        return None
    kw: Any = importlib.import_module("reader_app.core.keywords")
    if hasattr(kw, "KeywordIndex") and hasattr(kw, "KeywordExtractor"):
        extractor = kw.KeywordExtractor(app_paths.cache_dir)
        extractor.warm_up()
        cache = None
        cache_type = getattr(kw, "KeywordCache", None)
        if cache_type is not None:
            try:
                cache = cache_type(app_paths.cache_dir / kw.KEYWORD_CACHE_NAME)
            except Exception:
                cache = None
        index = kw.KeywordIndex.build(articles, extractor, cache)
        return _IndexExtractor(index, cache)
    if callable(getattr(kw, "keywords", None)):
        return _top(kw.keywords)
    return None


class _IndexExtractor:
    """Keywords ranked over the whole loaded library (Simplified; the UI respells
    them as the displayed text spells them)."""

    def __init__(self, index: Any, cache: Any) -> None:
        self._index = index
        self._cache = cache

    def __call__(self, article: Article) -> list[str]:
        return list(self._index.keywords(article, top=TOP))

    def close(self) -> None:
        if self._cache is not None and hasattr(self._cache, "close"):
            self._cache.close()
            self._cache = None


def respell(keywords: list[str], display_text: str) -> list[str]:
    """``keywords`` as the displayed text spells them (Traditional in a Traditional
    view), via the core when it offers that."""
    if available():
        kw: Any = importlib.import_module("reader_app.core.keywords")
        fn = getattr(kw, "keywords_for_display", None)
        if callable(fn):
            return list(fn(keywords, display_text))
    return list(keywords)


def _construct(cls: Any, articles: list[Article], app_paths: AppPaths) -> Any:
    for build in (
        lambda: cls.for_paths(app_paths, articles),
        lambda: cls.from_articles(articles),
        lambda: cls(articles),
        lambda: cls(),
    ):
        try:
            return build()
        except (TypeError, AttributeError):
            continue
    return None


def _top(method: Callable[..., Any]) -> Extractor:
    def call(article: Article) -> list[str]:
        try:
            found = method(article, top=TOP)
        except TypeError:
            found = method(article)
        terms = [t if isinstance(t, str) else t[0] for t in found]
        return [t for t in terms if t][:TOP]

    return call


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int, str]] | None:
    """The core's spans if it offers them; None otherwise (the caller has its own)."""
    if not available():
        return None
    kw: Any = importlib.import_module("reader_app.core.keywords")
    fn = getattr(kw, "highlight_spans", None)
    return list(fn(text, terms)) if callable(fn) else None
