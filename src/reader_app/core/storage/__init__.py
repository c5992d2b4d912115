"""Notes, bookmarks and reading state in one local SQLite file, Qt-free.

    db = open_database(AppPaths.resolve().database)
    note = db.notes.add_passage(article, block_index=2, start=5, end=12, body="...")
    db.notes.update_body(note.id, "... more")      # autosave: one transaction each
    db.bookmarks.toggle_article(article.id)
    db.notes.reattach_all(article)                  # on opening an article

See connection.py for what opening does to damaged, old and too-new files.
"""

from __future__ import annotations

from reader_app.core.storage.anchors import CONTEXT_CHARS, Anchor, locate, make_anchor
from reader_app.core.storage.bookmarks import Bookmark, Bookmarks
from reader_app.core.storage.connection import BUSY_TIMEOUT_S, Database, open_database, utc_now
from reader_app.core.storage.errors import (
    DatabaseBusy,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    ImportFileError,
    NotFound,
    StorageError,
)
from reader_app.core.storage.migrations import LATEST_VERSION, MIGRATIONS, migrate
from reader_app.core.storage.notes import Note, Notes, reattach
from reader_app.core.storage.reading_state import ReadingState, ReadingStates

# Export and import of annotations are for the CLI and the menus, not for start-up:
# loaded when first asked for.
_ANNOTATIONS_IO = {
    "ImportReport",
    "export_markdown",
    "export_w3c",
    "import_w3c",
    "parse_annotations",
    "run_export_notes",
    "run_import_notes",
}


def __getattr__(name: str) -> object:
    if name in _ANNOTATIONS_IO:
        from reader_app.core.storage import annotations_io

        return getattr(annotations_io, name)
    raise AttributeError(name)


__all__ = [
    "BUSY_TIMEOUT_S",
    "CONTEXT_CHARS",
    "LATEST_VERSION",
    "MIGRATIONS",
    "Anchor",
    "Bookmark",
    "Bookmarks",
    "Database",
    "DatabaseBusy",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "DiskFull",
    "ImportFileError",
    "ImportReport",
    "NotFound",
    "Note",
    "Notes",
    "ReadingState",
    "ReadingStates",
    "StorageError",
    "export_markdown",
    "export_w3c",
    "import_w3c",
    "locate",
    "make_anchor",
    "migrate",
    "open_database",
    "parse_annotations",
    "reattach",
    "run_export_notes",
    "run_import_notes",
    "utc_now",
]
