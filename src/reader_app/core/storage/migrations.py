"""The library format's history: numbered migrations, applied in one transaction.

Each migration is a ``schema/NNNN_*.sql`` file read through importlib.resources, so it
works from a source checkout, a wheel and a bundle alike. The files are the historical
DDL: a shipped file is never edited, a change is a new file. A new database is built by
running every migration from 1, so a fresh file and a migrated one are the same schema
by construction (and the tests build every older version from these same files).
``PRAGMA user_version`` holds the number of the last migration applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    filename: str

    def sql(self) -> str:
        return (files(__package__) / "schema" / self.filename).read_text(encoding="utf-8")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "0001_bookmarks_notes.sql"),
    Migration(2, "0002_trash_reading_state_context.sql"),
    Migration(3, "0003_library_search.sql"),
    Migration(4, "0004_article_heads_opened_files.sql"),
)
LATEST_VERSION = MIGRATIONS[-1].version


def statements(sql: str) -> Iterator[str]:
    """Split a script into single statements (comments and triggers understood by SQLite).

    Not ``executescript``: it commits any open transaction first, and every migration
    has to run inside the one transaction that also sets user_version.
    """
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    rest = "\n".join(
        ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")
    )
    if rest:
        raise ValueError(f"unterminated SQL statement: {rest[:80]!r}")


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> tuple[int, int]:
    """Apply every migration above the file's version up to ``target``, all in one
    transaction: the file is either wholly at the old version or wholly at the new one.

    ``conn`` must be in autocommit mode (isolation_level=None). The version is read
    again under the write lock, so two processes opening an old file at the same time
    migrate it once. Returns (version before, version after).
    """
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no library format {target}; known: 1..{LATEST_VERSION}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = user_version(conn)
        for migration in MIGRATIONS:
            if before < migration.version <= target:
                for statement in statements(migration.sql()):
                    conn.execute(statement)
        after = max(before, target)
        if after != before:
            conn.execute(f"PRAGMA user_version = {int(after)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return before, after
