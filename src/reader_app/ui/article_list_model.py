"""The article list as a real Qt model: one row per Article, named roles, no widgets."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader_app.core.article import Article, Script
from reader_app.core.script import fold

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    TITLE = Qt.ItemDataRole.UserRole + 1
    DATE = Qt.ItemDataRole.UserRole + 2
    SOURCE = Qt.ItemDataRole.UserRole + 3
    SCRIPT = Qt.ItemDataRole.UserRole + 4  # "简" or "繁"
    BOOKMARKED = Qt.ItemDataRole.UserRole + 5
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 6
    ARTICLE = Qt.ItemDataRole.UserRole + 7


SCRIPT_LABEL = {Script.SIMPLIFIED: "简", Script.TRADITIONAL: "繁"}


class ArticleListModel(QAbstractListModel):
    """Articles in load order. ``setShownTitle`` lets the list follow the script the
    reader chose without touching the articles themselves."""

    def __init__(self, articles: list[Article] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = list(articles or [])
        self._row_of: dict[str, int] = {a.id: i for i, a in enumerate(self._articles)}
        self._shown_titles: dict[str, str] = {}
        self._bookmarked: set[str] = set()
        self._haystacks: dict[str, str] = {}  # article id → folded title and source
        # haystacks() in row order, kept until the rows change; rows whose title changed
        # since are in _stale_rows.
        self._haystack_rows: list[str] | None = None
        self._stale_rows: set[int] = set()
        self._folds: dict[str, str] = {}  # title or source → fold(it); see folded()

    # -- Qt model interface --

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Role.TITLE):
            return self._shown_titles.get(article.id, article.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return article.path
        if role == Role.DATE:
            return article.date or ""
        if role == Role.SOURCE:
            return article.source or ""
        if role == Role.SCRIPT:
            return SCRIPT_LABEL[article.script]
        if role == Role.BOOKMARKED:
            return article.id in self._bookmarked
        if role == Role.ARTICLE_ID:
            return article.id
        if role == Role.ARTICLE:
            return article
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                Role.TITLE: b"title",
                Role.DATE: b"date",
                Role.SOURCE: b"source",
                Role.SCRIPT: b"script",
                Role.BOOKMARKED: b"bookmarked",
                Role.ARTICLE_ID: b"articleId",
                Role.ARTICLE: b"article",
            }
        )
        return names

    # -- our interface --

    def articles(self) -> list[Article]:
        return list(self._articles)

    def article(self, row: int) -> Article:
        return self._articles[row]

    def row_of(self, article_id: str) -> int | None:
        return self._row_of.get(article_id)

    def is_bookmarked(self, row: int) -> bool:
        return self._articles[row].id in self._bookmarked

    def shown_title(self, row: int) -> str:
        article = self._articles[row]
        return self._shown_titles.get(article.id, article.title)

    def folded(self, text: str) -> str:
        """``fold(text)``, remembered: every sort and the filter need the titles and
        sources folded, and folding 10,000 titles takes ~35 ms (titles and sources do not
        change; a title shown in another script is another text)."""
        found = self._folds.get(text)
        if found is None:
            found = fold(text)
            if found == text:
                found = text  # keep one copy of the (many) texts folding changes nothing
            self._folds[text] = found
        return found

    def haystack(self, row: int) -> str:
        """What the filter looks in: the shown and the own title and the source, folded
        to Simplified and case-folded, computed once per title (a plain Python call, so
        filtering 10,000 rows costs no Qt round trips)."""
        article = self._articles[row]
        text = self._haystacks.get(article.id)
        if text is None:
            shown = self._shown_titles.get(article.id, "")
            folded = self.folded
            # fold maps character for character, so folding the parts is folding the whole.
            text = (f"{folded(article.title)} {folded(shown)} "
                    f"{folded(article.source or '')}").casefold()
            self._haystacks[article.id] = text
        return text

    def haystacks(self) -> list[str]:
        """``haystack(row)`` of every row, in row order (those not yet made, made now).
        The list is the model's own: read it, do not change it."""
        rows = self._haystack_rows
        if rows is None:
            known = self._haystacks
            rows = [known.get(article.id) or self.haystack(row)
                    for row, article in enumerate(self._articles)]
            self._haystack_rows = rows
            self._stale_rows.clear()
        elif self._stale_rows:
            for row in self._stale_rows:
                rows[row] = self.haystack(row)
            self._stale_rows.clear()
        return rows

    def _rows_changed(self) -> None:
        """Rows were added, removed or reordered: the row-ordered haystacks are void."""
        self._haystack_rows = None
        self._stale_rows.clear()

    def bookmarked_rows(self) -> list[bool]:
        """``is_bookmarked(row)`` of every row, in row order."""
        marked = self._bookmarked
        return [article.id in marked for article in self._articles]

    def sort_articles(self, key: Callable[[Article, str], Any]) -> None:
        """Reorder the rows by ``key(article, shown title)`` in one Python sort (a proxy's
        sort would call back into Python for every one of ~130,000 comparisons at 10,000
        rows). Selections and other persistent indexes follow their articles."""
        order = sorted(self._articles, key=lambda a: key(a, self._shown_titles.get(a.id, a.title)))
        if order == self._articles:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._articles[i.row()].id for i in old]
        self._articles = order
        self._rows_changed()
        self._row_of = {a.id: i for i, a in enumerate(self._articles)}
        self.changePersistentIndexList(old, [self.index(self._row_of[i]) for i in ids])
        self.layoutChanged.emit()

    def set_articles(self, articles: list[Article]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self._rows_changed()
        self._row_of = {a.id: i for i, a in enumerate(self._articles)}
        self._shown_titles.clear()
        self._haystacks.clear()
        self._folds.clear()
        self.endResetModel()

    def add_articles(self, articles: list[Article]) -> list[Article]:
        """Append the articles not already listed (one insert); returns those added."""
        new = [a for a in articles if a.id not in self._row_of]
        new = list({a.id: a for a in new}.values())
        if not new:
            return []
        first = len(self._articles)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._articles.extend(new)
        self._rows_changed()
        for i, article in enumerate(new, start=first):
            self._row_of[article.id] = i
        self.endInsertRows()
        return new

    def insert_article(self, article: Article, row: int) -> None:
        """Put an article back at ``row`` (undo of a removal)."""
        if article.id in self._row_of:
            return
        row = max(0, min(row, len(self._articles)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._articles.insert(row, article)
        self._rows_changed()
        self._row_of = {a.id: i for i, a in enumerate(self._articles)}
        self.endInsertRows()

    def remove_article(self, article_id: str) -> int | None:
        """Take the article's row out; returns the row it had (None if not listed)."""
        row = self._row_of.get(article_id)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._articles[row]
        self._rows_changed()
        self._row_of = {a.id: i for i, a in enumerate(self._articles)}
        self._shown_titles.pop(article_id, None)
        self.endRemoveRows()
        return row

    def set_shown_title(self, article_id: str, title: str | None) -> None:
        """Show ``title`` for the article (None: its own title); one dataChanged row."""
        row = self._row_of.get(article_id)
        if row is None:
            return
        if title is None or title == self._articles[row].title:
            changed = self._shown_titles.pop(article_id, None) is not None
        else:
            changed = self._shown_titles.get(article_id) != title
            self._shown_titles[article_id] = title
        if changed:
            self._haystacks.pop(article_id, None)
            if self._haystack_rows is not None:
                self._stale_rows.add(row)
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Role.TITLE])

    def set_bookmarked(self, article_id: str, bookmarked: bool) -> None:
        row = self._row_of.get(article_id)
        if row is None or (article_id in self._bookmarked) == bookmarked:
            return
        if bookmarked:
            self._bookmarked.add(article_id)
        else:
            self._bookmarked.discard(article_id)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Role.BOOKMARKED])
