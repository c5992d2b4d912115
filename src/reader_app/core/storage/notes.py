"""Notes: on an article, or on a passage of it. Text is stored and returned exactly.

Deleting moves a note to the trash (``deleted_at``); ``restore`` brings it back;
only ``Database.empty_trash`` removes rows. A passage note whose quote can no longer be
found in its article is marked ``detached`` and kept, with its quote, for the reader to
see and re-anchor or delete.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader_app.core.article import Article
from reader_app.core.storage.anchors import Anchor, locate, make_anchor
from reader_app.core.storage.connection import utc_now
from reader_app.core.storage.errors import NotFound

if TYPE_CHECKING:
    from reader_app.core.storage.connection import Database

SAVE_ACTION = "Your note could not be saved"
EDITOR_HINT = "Your text is still in the editor."

_COLUMNS = (
    "uuid, article_id, body, quote, block_index, start_offset, end_offset, prefix, suffix, "
    "detached, created, modified, deleted_at"
)


@dataclass(frozen=True, slots=True)
class Note:
    """A note. ``id`` is a UUID string, stable for the note's life and in exports;
    ``anchor`` is None for a note on the whole article. Times are UTC ISO 8601."""

    id: str
    article_id: str
    body: str
    anchor: Anchor | None
    created: str
    modified: str
    detached: bool = False
    deleted_at: str | None = None

    @property
    def is_passage(self) -> bool:
        return self.anchor is not None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


def reattach(note: Note, article: Article) -> Anchor | None:
    """Where the note's passage is in ``article`` now; None when it is not found (the
    note is then detached). An article note is attached wherever the article is."""
    if note.anchor is None:
        raise ValueError("a note on the whole article has no passage to find")
    return locate(note.anchor, article)


def _note(row: sqlite3.Row) -> Note:
    anchor = None
    if row["quote"] is not None:
        anchor = Anchor(
            block_index=row["block_index"] if row["block_index"] is not None else -1,
            start=row["start_offset"] if row["start_offset"] is not None else -1,
            end=row["end_offset"] if row["end_offset"] is not None else -1,
            quote=row["quote"],
            prefix=row["prefix"],
            suffix=row["suffix"],
        )
    return Note(
        id=row["uuid"],
        article_id=row["article_id"],
        body=row["body"],
        anchor=anchor,
        created=row["created"],
        modified=row["modified"],
        detached=bool(row["detached"]),
        deleted_at=row["deleted_at"],
    )


class Notes:
    """The notes repository of one Database (``db.notes``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        article_id: str,
        body: str,
        anchor: Anchor | None = None,
        *,
        note_id: str | None = None,
        created: str | None = None,
        modified: str | None = None,
        detached: bool = False,
    ) -> Note:
        """Save a new note. ``note_id``/``created``/``modified`` are for imports; a new
        note gets a fresh UUID and the current time."""
        now = utc_now()
        created = created or now
        note = Note(
            id=note_id or str(uuid.uuid4()),
            article_id=article_id,
            body=body,
            anchor=anchor,
            created=created,
            modified=modified or created,
            detached=detached,
        )
        a = note.anchor
        with self._db.transaction(SAVE_ACTION, EDITOR_HINT) as conn:
            conn.execute(
                f"INSERT INTO notes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    note.id,
                    note.article_id,
                    note.body,
                    a.quote if a else None,
                    a.block_index if a else None,
                    a.start if a else None,
                    a.end if a else None,
                    a.prefix if a else "",
                    a.suffix if a else "",
                    int(note.detached),
                    note.created,
                    note.modified,
                ),
            )
        return note

    def add_passage(
        self, article: Article, block_index: int, start: int, end: int, body: str
    ) -> Note:
        """A note on ``article.blocks[block_index].text[start:end]``."""
        return self.add(article.id, body, make_anchor(article, block_index, start, end))

    def update_body(self, note_id: str, body: str) -> Note:
        """Save an edit of the note's text (the autosave path). Raises NotFound if the
        note was removed for good meanwhile; the caller still has the text."""
        with self._db.transaction(SAVE_ACTION, EDITOR_HINT) as conn:
            changed = conn.execute(
                "UPDATE notes SET body = ?, modified = ? WHERE uuid = ?",
                (body, utc_now(), note_id),
            ).rowcount
            if not changed:
                raise NotFound(
                    SAVE_ACTION,
                    "the note is no longer in the library (the trash was emptied)",
                    self._db.path,
                    "Your text is still in the editor; save it as a new note.",
                )
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE uuid = ?", (note_id,)
            ).fetchone()
        return _note(row)

    def get(self, note_id: str) -> Note | None:
        """The note with this id, in the trash or not; None if there is none."""
        rows = self._db.query(f"SELECT {_COLUMNS} FROM notes WHERE uuid = ?", (note_id,))
        return _note(rows[0]) if rows else None

    def for_article(self, article_id: str) -> list[Note]:
        """The article's notes not in the trash, oldest first."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM notes WHERE article_id = ? AND deleted_at IS NULL "
            "ORDER BY created, id",
            (article_id,),
        )
        return [_note(r) for r in rows]

    def all(self) -> list[Note]:
        """Every note not in the trash, by article then age."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM notes WHERE deleted_at IS NULL "
            "ORDER BY article_id, created, id"
        )
        return [_note(r) for r in rows]

    def trash(self) -> list[Note]:
        """Notes in the trash, most recently deleted first."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM notes WHERE deleted_at IS NOT NULL "
            "ORDER BY deleted_at DESC, id"
        )
        return [_note(r) for r in rows]

    def delete(self, note_id: str) -> Note:
        """Move the note to the trash (undo with ``restore``)."""
        return self._set_deleted(note_id, utc_now(), "The note could not be deleted")

    def restore(self, note_id: str) -> Note:
        """Take the note out of the trash."""
        return self._set_deleted(note_id, None, "The note could not be restored")

    def _set_deleted(self, note_id: str, when: str | None, action: str) -> Note:
        with self._db.transaction(action) as conn:
            conn.execute("UPDATE notes SET deleted_at = ? WHERE uuid = ?", (when, note_id))
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE uuid = ?", (note_id,)
            ).fetchone()
        if row is None:
            raise NotFound(action, "it is no longer in the library", self._db.path)
        return _note(row)

    def reattach_all(self, article: Article) -> list[Note]:
        """Find every passage note of ``article`` in its current text: move anchors that
        moved, mark detached the ones not found (and re-attach ones found again). The
        notes are never dropped. Returns the article's notes as now stored."""
        notes = self.for_article(article.id)
        updates: list[tuple[Note, Anchor | None]] = []
        for note in notes:
            if note.anchor is None:
                continue
            found = reattach(note, article)
            if found != note.anchor or note.detached != (found is None):
                updates.append((note, found))
        if updates:
            with self._db.transaction("Your notes could not be updated") as conn:
                for note, found in updates:
                    if found is None:
                        conn.execute("UPDATE notes SET detached = 1 WHERE uuid = ?", (note.id,))
                    else:
                        conn.execute(
                            "UPDATE notes SET detached = 0, quote = ?, block_index = ?, "
                            "start_offset = ?, end_offset = ?, prefix = ?, suffix = ? "
                            "WHERE uuid = ?",
                            (
                                found.quote,
                                found.block_index,
                                found.start,
                                found.end,
                                found.prefix,
                                found.suffix,
                                note.id,
                            ),
                        )
            notes = self.for_article(article.id)
        return notes
