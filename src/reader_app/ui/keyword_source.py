"""Keywords for the window: the library-wide keyword index, built off the UI thread.

``load_extractor`` runs in a worker (jieba's first load takes a second or more) and
returns a thread-safe function article → keywords.
"""

from __future__ import annotations

from collections.abc import Callable

from reader_app.core.article import Article
from reader_app.core.keyword_cache import KeywordCache
from reader_app.core.keywords import (
    KEYWORD_CACHE_NAME,
    KeywordExtractor,
    KeywordIndex,
    keywords_for_display,
)
from reader_app.core.paths import AppPaths

TOP = 10
Extractor = Callable[[Article], list[str]]


def load_extractor(articles: list[Article], app_paths: AppPaths) -> _IndexExtractor:
    """Build the extractor (jieba, the library's word counts) and return a function
    article → keywords. Runs off the UI thread; touches no widget."""
    extractor = KeywordExtractor(app_paths.cache_dir)
    extractor.warm_up()
    app_paths.cache_dir.mkdir(parents=True, exist_ok=True)
    cache = KeywordCache(app_paths.cache_dir / KEYWORD_CACHE_NAME)
    return _IndexExtractor(KeywordIndex.build(articles, extractor, cache), cache)


class _IndexExtractor:
    """Keywords ranked over the whole loaded library (Simplified; the UI respells
    them as the displayed text spells them)."""

    def __init__(self, index: KeywordIndex, cache: KeywordCache | None) -> None:
        self._index = index
        self._cache = cache

    def __call__(self, article: Article) -> list[str]:
        return list(self._index.keywords(article, top=TOP))

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def respell(keywords: list[str], display_text: str) -> list[str]:
    """``keywords`` as the displayed text spells them (Traditional in a Traditional view)."""
    return list(keywords_for_display(keywords, display_text))
