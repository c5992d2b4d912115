"""Reading state per article: where the reader was, whether it is read, when opened."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader_app.core.storage.connection import utc_now

if TYPE_CHECKING:
    from reader_app.core.storage.connection import Database

SAVE_ACTION = "Your reading position could not be saved"


@dataclass(frozen=True, slots=True)
class ReadingState:
    """``block_index``: the first block in view. ``last_opened``: UTC ISO 8601 or None."""

    article_id: str
    block_index: int = 0
    is_read: bool = False
    last_opened: str | None = None


def _state(row: sqlite3.Row) -> ReadingState:
    return ReadingState(
        article_id=row["article_id"],
        block_index=row["block_index"],
        is_read=bool(row["is_read"]),
        last_opened=row["last_opened"],
    )


class ReadingStates:
    """The reading-state repository of one Database (``db.reading_state``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, article_id: str) -> ReadingState:
        """The stored state, or the state of an article never opened."""
        rows = self._db.query(
            "SELECT article_id, block_index, is_read, last_opened FROM reading_state "
            "WHERE article_id = ?",
            (article_id,),
        )
        return _state(rows[0]) if rows else ReadingState(article_id)

    def all(self) -> dict[str, ReadingState]:
        rows = self._db.query(
            "SELECT article_id, block_index, is_read, last_opened FROM reading_state"
        )
        return {r["article_id"]: _state(r) for r in rows}

    def mark_opened(self, article_id: str) -> ReadingState:
        return self._upsert(article_id, "last_opened", utc_now())

    def save_position(self, article_id: str, block_index: int) -> ReadingState:
        if block_index < 0:
            raise ValueError("block_index must be >= 0")
        return self._upsert(article_id, "block_index", block_index)

    def mark_read(self, article_id: str, read: bool = True) -> ReadingState:
        return self._upsert(article_id, "is_read", int(read))

    def _upsert(self, article_id: str, column: str, value: object) -> ReadingState:
        # column is one of our three literals above, never user input
        with self._db.transaction(SAVE_ACTION) as conn:
            conn.execute(
                f"INSERT INTO reading_state (article_id, {column}) VALUES (?, ?) "
                f"ON CONFLICT (article_id) DO UPDATE SET {column} = excluded.{column}",
                (article_id, value),
            )
        return self.get(article_id)
