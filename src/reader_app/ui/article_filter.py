"""Filtering and sorting the article list: script-insensitive text filter, three sorts."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from reader_app.core.script import fold
from reader_app.ui.article_list_model import Role


class SortKey(StrEnum):
    DATE = "date"  # newest first; undated last
    TITLE = "title"
    SOURCE = "source"


class ArticleFilterModel(QSortFilterProxyModel):
    """Keeps the rows whose title or source contains every word of the filter text,
    comparing folded text so 扶貧 finds 扶贫 and the other way round."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._bookmarked_only = False
        self._sort_key = SortKey.DATE
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        words = [fold(w).casefold() for w in text.split()]
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def set_bookmarked_only(self, on: bool) -> None:
        """Keep only the rows whose BOOKMARKED role is true (when ``on``)."""
        if on == self._bookmarked_only:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self._bookmarked_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._bookmarked_only = on
            self.invalidateFilter()

    def bookmarked_only(self) -> bool:
        return self._bookmarked_only

    def filter_text_words(self) -> list[str]:
        return list(self._words)

    def set_sort_key(self, key: SortKey) -> None:
        self._sort_key = SortKey(key)
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def sort_key(self) -> SortKey:
        return self._sort_key

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._bookmarked_only and not model.data(index, Role.BOOKMARKED):
            return False
        if not self._words:
            return True
        haystack = fold(
            f"{model.data(index, Role.TITLE)} {model.data(index, Role.SOURCE)}"
        ).casefold()
        return all(word in haystack for word in self._words)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return self._key(left) < self._key(right)

    def _key(self, index: QModelIndex | QPersistentModelIndex) -> tuple[Any, ...]:
        title = str(index.data(Role.TITLE) or "")
        date = str(index.data(Role.DATE) or "")
        source = str(index.data(Role.SOURCE) or "")
        if self._sort_key is SortKey.TITLE:
            return (fold(title), index.row())
        if self._sort_key is SortKey.SOURCE:
            return (source == "", fold(source), _newest_first(date), index.row())
        return (date == "", _newest_first(date), fold(title), index.row())


def _newest_first(date: str) -> tuple[int, ...]:
    """Sorting key that puts later YYYY-MM-DD dates first."""
    digits = [int(p) for p in date.split("-") if p.isdigit()]
    return tuple(-d for d in digits)
