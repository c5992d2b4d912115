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

    Filtering likewise: when the filter changes, which rows match is worked out in one
    Python pass over the model's haystacks, and filterAcceptsRow (which Qt calls for
    every row) only looks the answer up. The answers follow the source model: they are
    worked out again when its rows change, and for the rows whose data changed, before
    the proxy itself looks at them (our handlers are connected first).

    ``sort_key``: the order the rows are put in when the source model is set (so a
    window starting in title order sorts once, not by date first)."""

    def __init__(self, parent: Any = None, *, sort_key: SortKey = SortKey.DATE) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._bookmarked_only = False
        self._sort_key = SortKey(sort_key)
        self._accepted: list[bool] | None = None  # per source row, while filtering
        self._resort = QTimer(self)
        self._resort.setSingleShot(True)
        self._resort.setInterval(0)
        self._resort.timeout.connect(self._sort_source)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal in (old.rowsInserted, old.rowsRemoved, old.layoutChanged,
                           old.modelReset):
                signal.disconnect(self._source_rows_changed)
            old.rowsInserted.disconnect(self._resort.start)
            old.dataChanged.disconnect(self._on_data_changed)
        # Before the proxy connects its own handlers (in super().setSourceModel), so that
        # ours run first and the answers are current when it re-filters.
        for signal in (model.rowsInserted, model.rowsRemoved, model.layoutChanged,
                       model.modelReset):
            signal.connect(self._source_rows_changed)
        model.dataChanged.connect(self._on_data_changed)
        if isinstance(model, ArticleListModel):
            # Sorted before the proxy watches it: the proxy then maps the rows once.
            model.sort_articles(self._article_key(model.folded))
        super().setSourceModel(model)
        model.rowsInserted.connect(self._resort.start)
        self._accepted = self._match_all()

    def _source_rows_changed(self, *_args: Any) -> None:
        self._accepted = self._match_all()

    def _on_data_changed(self, first: Any, last: Any, roles: list[int] = ()) -> None:  # type: ignore[assignment]
        accepted = self._accepted
        if accepted is not None:
            for row in range(first.row(), last.row() + 1):
                if 0 <= row < len(accepted):
                    accepted[row] = self._matches(row)
        if self._sort_key is SortKey.TITLE and (not roles or Role.TITLE in roles):
            self._resort.start()

    def _set_criteria(self, words: list[str], bookmarked_only: bool) -> None:
        self._words = words
        self._bookmarked_only = bookmarked_only
        self._accepted = self._match_all()

    def set_filter_text(self, text: str) -> None:
        words = [fold(w).casefold() for w in text.split()]
        if words != self._words:
            change_filter(self, lambda: self._set_criteria(words, self._bookmarked_only))

    def set_bookmarked_only(self, on: bool) -> None:
        """Keep only the rows whose BOOKMARKED role is true (when ``on``)."""
        if on != self._bookmarked_only:
            change_filter(self, lambda: self._set_criteria(self._words, on))

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
        accepted = self._accepted
        if accepted is not None and source_row < len(accepted):
            return accepted[source_row]
        return self._matches(source_row)

    def _matches(self, source_row: int) -> bool:
        """Whether one source row passes the filter (worked out on its own)."""
        if not self._words and not self._bookmarked_only:
            return True
        model = self.sourceModel()
        if isinstance(model, ArticleListModel):
            if self._bookmarked_only and not model.is_bookmarked(source_row):
                return False
            haystack = model.haystack(source_row)
            return all(word in haystack for word in self._words)
        return True

    def _match_all(self) -> list[bool] | None:
        """Whether each source row passes the filter, in one pass; None when nothing is
        filtered (every row passes)."""
        words, bookmarked_only = self._words, self._bookmarked_only
        model = self.sourceModel()
        if not isinstance(model, ArticleListModel) or not (words or bookmarked_only):
            return None
        if words:
            haystacks = model.haystacks()
            if len(words) == 1:
                word = words[0]
                accepted = [word in haystack for haystack in haystacks]
            else:
                accepted = [all(w in haystack for w in words) for haystack in haystacks]
        else:
            accepted = [True] * model.rowCount()
        if bookmarked_only:
            marked = model.bookmarked_rows()
            accepted = [a and m for a, m in zip(accepted, marked, strict=True)]
        return accepted

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
