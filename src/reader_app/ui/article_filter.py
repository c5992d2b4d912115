"""Filtering and sorting the article list: script-insensitive text filter, three sorts."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QTimer

from reader_app.core.article import Article
from reader_app.core.script import fold
from reader_app.ui.article_list_model import ArticleListModel, Role


def change_filter(proxy: QSortFilterProxyModel, apply: Callable[[], None]) -> None:
    """Change what a proxy's filter keeps: ``apply`` sets the new criteria, between
    Qt 6.10's begin/endFilterChange, or followed by invalidateFilter on older Qt."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        apply()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        apply()
        proxy.invalidateFilter()


class SortKey(StrEnum):
    DATE = "date"  # newest first; undated last
    TITLE = "title"
    SOURCE = "source"


class ArticleFilterModel(QSortFilterProxyModel):
    """Keeps the rows whose title or source contains every word of the filter text,
    comparing folded text so 扶貧 finds 扶贫 and the other way round.

    Sorting is done by the source model in one Python sort (ArticleListModel.
    sort_articles) and this proxy keeps the source order: at 10,000 rows a proxy sort
    calling a Python lessThan took seconds. Rows added later or titles shown in another
    script are put in order again on the next turn of the event loop.

    ``sort_key``: the order the rows are put in when the source model is set (so a
    window starting in title order sorts once, not by date first)."""

    def __init__(self, parent: Any = None, *, sort_key: SortKey = SortKey.DATE) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._bookmarked_only = False
        self._sort_key = SortKey(sort_key)
        self._resort = QTimer(self)
        self._resort.setSingleShot(True)
        self._resort.setInterval(0)
        self._resort.timeout.connect(self._sort_source)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.rowsInserted.disconnect(self._resort.start)
            old.dataChanged.disconnect(self._on_data_changed)
        if isinstance(model, ArticleListModel):
            # Sorted before the proxy watches it: the proxy then maps the rows once.
            model.sort_articles(self._article_key(model.folded))
        super().setSourceModel(model)
        model.rowsInserted.connect(self._resort.start)
        model.dataChanged.connect(self._on_data_changed)

    def _on_data_changed(self, _first: Any, _last: Any, roles: list[int] = ()) -> None:  # type: ignore[assignment]
        if self._sort_key is SortKey.TITLE and (not roles or Role.TITLE in roles):
            self._resort.start()

    def set_filter_text(self, text: str) -> None:
        words = [fold(w).casefold() for w in text.split()]
        if words != self._words:
            change_filter(self, lambda: setattr(self, "_words", words))

    def set_bookmarked_only(self, on: bool) -> None:
        """Keep only the rows whose BOOKMARKED role is true (when ``on``)."""
        if on != self._bookmarked_only:
            change_filter(self, lambda: setattr(self, "_bookmarked_only", on))

    def bookmarked_only(self) -> bool:
        return self._bookmarked_only

    def filter_text_words(self) -> list[str]:
        return list(self._words)

    def set_sort_key(self, key: SortKey) -> None:
        key = SortKey(key)
        if key is self._sort_key:
            return  # the rows are in this order already
        self._sort_key = key
        self._sort_source()

    def _sort_source(self) -> None:
        model = self.sourceModel()
        if isinstance(model, ArticleListModel):
            model.sort_articles(self._article_key(model.folded))

    def sort_key(self) -> SortKey:
        return self._sort_key

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if isinstance(model, ArticleListModel):
            if self._bookmarked_only and not model.is_bookmarked(source_row):
                return False
            if not self._words:
                return True
            haystack = model.haystack(source_row)
            return all(word in haystack for word in self._words)
        return True

    def _article_key(
        self, folded: Callable[[str], str]
    ) -> Callable[[Article, str], tuple[Any, ...]]:
        """The sort key of (article, shown title) for the current sort; ``folded`` is the
        model's remembering fold, so sorting again folds no title twice."""
        if self._sort_key is SortKey.TITLE:
            return lambda _article, title: (folded(title),)
        if self._sort_key is SortKey.SOURCE:
            return lambda article, _title: (
                not article.source, folded(article.source or ""),
                _newest_first(article.date or ""),
            )
        return lambda article, title: (
            not article.date, _newest_first(article.date or ""), folded(title)
        )


@cache
def _newest_first(date: str) -> tuple[int, ...]:
    """Sorting key that puts later YYYY-MM-DD dates first."""
    digits = [int(p) for p in date.split("-") if p.isdigit()]
    return tuple(-d for d in digits)
