"""Bookmarks: of an article, or of a place in it (a block index), with an optional label.

There is at most one bookmark per place. Removing one moves it to the trash; bookmarking
the same place again brings that bookmark back (same id) rather than adding another.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader_app.core.storage.connection import utc_now
from reader_app.core.storage.errors import NotFound

if TYPE_CHECKING:
    from reader_app.core.storage.connection import Database

SAVE_ACTION = "The bookmark could not be saved"
_COLUMNS = "uuid, article_id, block_index, label, created, modified, deleted_at"
_PLACE = "article_id = ? AND ifnull(block_index, -1) = ifnull(?, -1)"


@dataclass(frozen=True, slots=True)
class Bookmark:
    """``block_index`` None: the whole article. ``id`` is a stable UUID string."""

    id: str
    article_id: str
    block_index: int | None
    label: str
    created: str
    modified: str
    deleted_at: str | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


def _bookmark(row: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=row["uuid"],
        article_id=row["article_id"],
        block_index=row["block_index"],
        label=row["label"],
        created=row["created"],
        modified=row["modified"],
        deleted_at=row["deleted_at"],
    )


class Bookmarks:
    """The bookmarks repository of one Database (``db.bookmarks``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        article_id: str,
        block_index: int | None = None,
        label: str = "",
        *,
        bookmark_id: str | None = None,
        created: str | None = None,
        modified: str | None = None,
    ) -> Bookmark:
        """Bookmark the article (or one block of it). If the place is bookmarked
        already its label is updated; if its bookmark is in the trash it comes back."""
        now = utc_now()
        with self._db.transaction(SAVE_ACTION) as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM bookmarks WHERE {_PLACE}", (article_id, block_index)
            ).fetchone()
            if row is None:
                conn.execute(
                    f"INSERT INTO bookmarks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    (
                        bookmark_id or str(uuid.uuid4()),
                        article_id,
                        block_index,
                        label,
                        created or now,
                        modified or created or now,
                    ),
                )
            else:
                conn.execute(
                    "UPDATE bookmarks SET label = ?, modified = ?, deleted_at = NULL "
                    f"WHERE {_PLACE}",
                    (label, now, article_id, block_index),
                )
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM bookmarks WHERE {_PLACE}", (article_id, block_index)
            ).fetchone()
        return _bookmark(row)

    def at(self, article_id: str, block_index: int | None = None) -> Bookmark | None:
        """The live bookmark of that place, if any."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE {_PLACE} AND deleted_at IS NULL",
            (article_id, block_index),
        )
        return _bookmark(rows[0]) if rows else None

    def is_bookmarked(self, article_id: str) -> bool:
        """Whether the article itself (not just a place in it) is bookmarked."""
        return self.at(article_id) is not None

    def toggle_article(self, article_id: str) -> bool:
        """Bookmark the article, or move its bookmark to the trash. Returns whether it
        is bookmarked now."""
        with self._db.transaction(SAVE_ACTION):
            current = self.at(article_id)
            if current is None:
                self.add(article_id)
                return True
            self.remove(current.id)
            return False

    def get(self, bookmark_id: str) -> Bookmark | None:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM bookmarks WHERE uuid = ?", (bookmark_id,))
        return _bookmark(rows[0]) if rows else None

    def for_article(self, article_id: str) -> list[Bookmark]:
        """The article's live bookmarks: the article's own first, then by block."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE article_id = ? AND deleted_at IS NULL "
            "ORDER BY ifnull(block_index, -1), id",
            (article_id,),
        )
        return [_bookmark(r) for r in rows]

    def all(self) -> list[Bookmark]:
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE deleted_at IS NULL "
            "ORDER BY article_id, ifnull(block_index, -1)"
        )
        return [_bookmark(r) for r in rows]

    def bookmarked_article_ids(self) -> list[str]:
        """Ids of articles with any live bookmark, most recently bookmarked first."""
        rows = self._db.query(
            "SELECT article_id FROM bookmarks WHERE deleted_at IS NULL "
            "GROUP BY article_id ORDER BY max(modified) DESC, article_id"
        )
        return [r[0] for r in rows]

    def trash(self) -> list[Bookmark]:
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC"
        )
        return [_bookmark(r) for r in rows]

    def set_label(self, bookmark_id: str, label: str) -> Bookmark:
        return self._update(bookmark_id, "label = ?, modified = ?", (label, utc_now()), SAVE_ACTION)

    def remove(self, bookmark_id: str) -> Bookmark:
        """Move the bookmark to the trash (undo with ``restore``)."""
        return self._update(
            bookmark_id, "deleted_at = ?", (utc_now(),), "The bookmark could not be removed"
        )

    def restore(self, bookmark_id: str) -> Bookmark:
        return self._update(
            bookmark_id, "deleted_at = NULL", (), "The bookmark could not be restored"
        )

    def _update(
        self, bookmark_id: str, assignments: str, params: tuple[object, ...], action: str
    ) -> Bookmark:
        with self._db.transaction(action) as conn:
            conn.execute(
                f"UPDATE bookmarks SET {assignments} WHERE uuid = ?", (*params, bookmark_id)
            )
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM bookmarks WHERE uuid = ?", (bookmark_id,)
            ).fetchone()
        if row is None:
            raise NotFound(action, "it is no longer in the library", self._db.path)
        return _bookmark(row)
