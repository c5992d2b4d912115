"""The one way into the notes-and-bookmarks file: ``open_database(path) -> Database``.

Opening checks the file before anything is written to it:

- a file that is not a database, or a damaged one, is moved aside (renamed beside it
  with a timestamp, never deleted) and a new library is started; ``recovered_from`` and
  ``notices`` say so in a sentence;
- a file written by a newer app (``PRAGMA user_version`` above what we know) is not
  touched at all: ``DatabaseTooNew`` is raised, its message says the app needs updating;
- an older file is copied with SQLite's backup API beside itself
  (``library.sqlite3.backup-v1-<timestamp>``, exposed as ``backup_path``) and then
  migrated in one transaction.

Then the connection runs in WAL mode with foreign keys on, synchronous=FULL (a committed
note survives a power cut, not only a crash) and a 5 s busy timeout, and every write
goes through ``Database.transaction`` (BEGIN IMMEDIATE ... COMMIT). SQLite's refusals
become StorageError subclasses whose text is a sentence for the reader.

A Database may be used from any one thread at a time (the UI's worker thread, say); a
lock serialises calls so a stray second thread cannot interleave transactions.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader_app.core.storage.errors import (
    DatabaseBusy,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    StorageError,
)
from reader_app.core.storage.migrations import LATEST_VERSION, migrate, user_version

if TYPE_CHECKING:
    from reader_app.core.storage.bookmarks import Bookmarks
    from reader_app.core.storage.notes import Notes
    from reader_app.core.storage.reading_state import ReadingStates

BUSY_TIMEOUT_S = 5.0
OPEN_ACTION = "Your notes and bookmarks could not be opened"
READ_ACTION = "Your notes and bookmarks could not be read"

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode holds the extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26
_DAMAGED = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})


def utc_now() -> str:
    """Now, as UTC ISO 8601 with microseconds and a Z: sorts as text, parses with
    datetime.fromisoformat."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _file_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def storage_error(
    error: sqlite3.Error | OSError, action: str, path: Path, hint: str = ""
) -> StorageError:
    """Turn SQLite's (or the OS's) refusal into a sentence for the reader."""
    folder = path.parent
    if isinstance(error, OSError):
        if isinstance(error, PermissionError) or error.errno == 30:  # EROFS
            return DatabaseReadOnly(action, f"the data folder is read-only ({folder})", path, hint)
        if error.errno == 28:  # ENOSPC
            return DiskFull(action, f"the disk is full ({folder})", path, hint)
        return StorageError(action, f"{folder}: {error.strerror or error}", path, hint)
    code = _primary_code(error)
    if code == _SQLITE_READONLY:
        return DatabaseReadOnly(action, f"the data folder is read-only ({folder})", path, hint)
    if code == _SQLITE_FULL:
        return DiskFull(action, f"the disk is full ({folder})", path, hint)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusy(
            action,
            f"another Reader window or program kept the library busy for more than "
            f"{BUSY_TIMEOUT_S:g} seconds ({path})",
            path,
            hint,
        )
    if code == _SQLITE_CANTOPEN:
        if not os.access(folder, os.W_OK):
            return DatabaseReadOnly(action, f"the data folder is read-only ({folder})", path, hint)
        return StorageError(action, f"the library file cannot be opened ({path})", path, hint)
    if code == _SQLITE_IOERR:
        return StorageError(action, f"the disk reported an error ({path})", path, hint)
    if code in _DAMAGED:
        return StorageError(
            action,
            f"the library file is damaged ({path}); restart Reader to keep a copy of it "
            "and start a new one",
            path,
            hint,
        )
    return StorageError(action, f"the database reported: {error}", path, hint)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        target, uri = path.absolute().as_uri() + "?mode=ro", True
    else:
        target, uri = str(path), False
    # isolation_level=None: no implicit transactions; we say BEGIN IMMEDIATE ourselves.
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        uri=uri,
        check_same_thread=False,
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class _Damaged(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _check(conn: sqlite3.Connection) -> int:
    """The file's format version, after a read-only health check. Raises _Damaged for a
    file that is not a database, is damaged, or is some other program's database."""
    # One read transaction: the version and the tables must come from the same snapshot.
    # Read apart, a second process creating the file in between showed "version 0 with
    # tables", and this one moved a healthy new library aside (the two-writer test).
    try:
        conn.execute("BEGIN")
        try:
            version = user_version(conn)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_schema "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
        finally:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as e:
        if _primary_code(e) in _DAMAGED:
            raise _Damaged("was damaged or not a database") from e
        raise
    if problems != ["ok"]:
        raise _Damaged("was damaged")
    if version == 0 and tables:
        raise _Damaged("was not a Reader library")
    return version


def _aside_name(path: Path, kind: str) -> Path:
    base = f"{path.name}.{kind}-{_file_stamp()}"
    candidate, n = path.with_name(base), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{base}-{n}")
    return candidate


def _move_aside(path: Path) -> Path:
    """Rename the file and its -wal/-shm companions so nothing is lost and a stale WAL
    can never be replayed into the new file. The -wal keeps SQLite's naming, so the kept
    copy opens with its last commits. (Usually there is no -wal left by then: closing
    the checking connection lets SQLite copy its pages into the file first, which keeps
    every committed page in the one file we move.)"""
    aside = _aside_name(path, "damaged")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = _aside_name(path, f"backup-v{version}")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def _use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch the file to WAL (once in its life; later opens find it so already).

    The switch needs the file to itself, and SQLite reports SQLITE_BUSY for it at once,
    without waiting through the busy timeout, when another process is opening the same
    new file at that moment (seen in the two-writer test). So wait here, up to the same
    timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as e:
            if (
                _primary_code(e) not in (_SQLITE_BUSY, _SQLITE_LOCKED)
                or time.monotonic() > deadline
            ):
                raise
            time.sleep(0.01)
    if str(mode).lower() != "wal":
        raise StorageError(OPEN_ACTION, f"{path} cannot use write-ahead logging", path)


def open_database(path: str | os.PathLike[str], *, read_only: bool = False) -> Database:
    """Open (creating, recovering or migrating as needed) the library file at ``path``.

    ``read_only=True`` opens it with SQLite's ``mode=ro``: nothing is created, migrated
    or recovered, and every write raises DatabaseReadOnly.

    Raises DatabaseTooNew for a file from a newer app (left untouched) and StorageError
    when the file cannot be opened at all; both read as sentences.
    """
    path = Path(path)
    notices: list[str] = []
    recovered_from: Path | None = None
    backup_path: Path | None = None
    conn: sqlite3.Connection | None = None
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path, read_only=read_only)
        try:
            version = _check(conn)
        except _Damaged as damaged:
            conn.close()
            conn = None
            if read_only:
                raise StorageError(OPEN_ACTION, f"{path} {damaged.why}", path) from None
            recovered_from = _move_aside(path)
            notices.append(
                f"Your notes file {path} {damaged.why}, so Reader started a new, empty "
                f"one. The old file was kept, unchanged, as {recovered_from}."
            )
            conn = _connect(path, read_only=False)
            version = _check(conn)
        if version > LATEST_VERSION:
            raise DatabaseTooNew(path, version, LATEST_VERSION)
        if read_only:
            if version < LATEST_VERSION:
                raise StorageError(
                    OPEN_ACTION,
                    f"{path} is in an older format and a read-only file cannot be updated",
                    path,
                )
            return Database(conn, path, read_only=True)
        _use_wal(conn, path)
        conn.execute("PRAGMA synchronous = FULL")
        if version < LATEST_VERSION:
            if version > 0:
                backup_path = _backup(conn, path, version)
                notices.append(
                    f"Reader updated your notes file to a new format; a copy of the old "
                    f"file was kept as {backup_path}."
                )
            migrate(conn)
    except (sqlite3.Error, OSError) as e:
        if conn is not None:
            conn.close()
        raise storage_error(e, OPEN_ACTION, path) from e
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return Database(
        conn,
        path,
        read_only=False,
        backup_path=backup_path,
        recovered_from=recovered_from,
        notices=notices,
    )


class Database:
    """An open library file. Get one from ``open_database``; close it when done (or use
    it as a context manager).

    ``notes``, ``bookmarks`` and ``reading_state`` are the repositories; they return
    dataclasses. ``backup_path`` is the copy written before a migration,
    ``recovered_from`` where a damaged file was moved, ``notices`` the sentences the UI
    should show once about either.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        read_only: bool,
        backup_path: Path | None = None,
        recovered_from: Path | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        from reader_app.core.storage.bookmarks import Bookmarks
        from reader_app.core.storage.notes import Notes
        from reader_app.core.storage.reading_state import ReadingStates

        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.read_only = read_only
        self.backup_path = backup_path
        self.recovered_from = recovered_from
        self.notices: tuple[str, ...] = tuple(notices)
        self.notes: Notes = Notes(self)
        self.bookmarks: Bookmarks = Bookmarks(self)
        self.reading_state: ReadingStates = ReadingStates(self)

    @property
    def schema_version(self) -> int:
        return user_version(self._conn)

    @contextmanager
    def transaction(self, action: str, hint: str = "") -> Iterator[sqlite3.Connection]:
        """One write: BEGIN IMMEDIATE, the body, COMMIT; ROLLBACK on any error.

        ``action`` and ``hint`` make the sentence of the StorageError raised when SQLite
        refuses ("Your note could not be saved: the disk is full (...). Your text is
        still in the editor."). A transaction opened inside another joins it.
        """
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise storage_error(e, action, self.path, hint) from e
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as e:
                self._rollback()
                raise storage_error(e, action, self.path, hint) from e
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            # SQLite may have rolled back already (e.g. after SQLITE_FULL)
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextmanager
    def reading(self, action: str = READ_ACTION) -> Iterator[sqlite3.Connection]:
        """The connection for reads that need more than ``query`` (a cursor read a row
        at a time, say): the lock is held, but no transaction is begun, so another
        connection or process can write meanwhile (in WAL mode readers never block the
        writer). Close any cursor before the block ends. SQLite's refusals become
        StorageError with ``action``."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as e:
                raise storage_error(e, action, self.path) from e

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of one read, with SQLite's refusals turned into StorageError."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as e:
                raise storage_error(e, READ_ACTION, self.path) from e

    def integrity_ok(self) -> bool:
        rows = self.query("PRAGMA integrity_check")
        return [r[0] for r in rows] == ["ok"]

    def empty_trash(self) -> tuple[int, int]:
        """Delete for good every note and bookmark in the trash: the one hard delete,
        run only when the reader asks. Returns (notes, bookmarks) deleted."""
        with self.transaction("The trash could not be emptied") as conn:
            notes = conn.execute("DELETE FROM notes WHERE deleted_at IS NOT NULL").rowcount
            marks = conn.execute("DELETE FROM bookmarks WHERE deleted_at IS NOT NULL").rowcount
        return notes, marks

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
