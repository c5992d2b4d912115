"""A small SQLite cache of computed keywords and per-article term counts.

Keywords are computed once per article content: rows are keyed by (article id,
content hash, algorithm version), so an edited article, a changed cleaner or a new
dictionary simply misses and is recomputed; stale rows are harmless. Term counts
(jieba's cut of an article, filtered) are keyed by (content hash, version) so that
building the corpus index for a library already seen does not run jieba again.

The file is a cache: if it is damaged it is replaced, and if it cannot be written the
caller still gets its keywords (a failed write is logged and ignored). Self-contained
on purpose (own file, own schema, no migrations): the storage work may later move
these tables next to the library's.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS keywords (
    article_id   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    version      TEXT NOT NULL,
    depth        INTEGER NOT NULL,  -- how many keywords were asked for
    keywords     TEXT NOT NULL,     -- JSON list, best first
    PRIMARY KEY (article_id, content_hash, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms (
    content_hash TEXT NOT NULL,
    version      TEXT NOT NULL,
    counts       TEXT NOT NULL,     -- JSON object term -> count, in first-seen order
    PRIMARY KEY (content_hash, version)
) WITHOUT ROWID;
"""


class KeywordCache:
    """Keywords and term counts in one SQLite file (WAL, one transaction per write).

    Safe to share between threads: one connection guarded by a lock, which is plenty
    for a cache read once per article.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as e:
            # A cache is worth nothing once damaged: start a new one rather than fail.
            log.warning("keyword cache %s unreadable (%s); starting a new one", self.path, e)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # Losing the last writes of a cache on power loss is fine; fsync per write is not.
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:
                conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> KeywordCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # keywords

    def get_keywords(
        self, article_id: str, content_hash: str, version: str, top: int
    ) -> list[str] | None:
        """The cached keywords (at most ``top``), or None when not cached that deep."""
        with self._lock:
            row = self._conn.execute(
                "SELECT depth, keywords FROM keywords"
                " WHERE article_id = ? AND content_hash = ? AND version = ?",
                (article_id, content_hash, version),
            ).fetchone()
        if row is None:
            return None
        depth, payload = row
        words = json.loads(payload)
        # A list shorter than its depth is complete: the article had no more candidates.
        if depth < top and len(words) >= depth:
            return None
        return list(words[:top])

    def put_keywords(
        self, article_id: str, content_hash: str, version: str, top: int, keywords: list[str]
    ) -> None:
        self._write(
            "INSERT OR REPLACE INTO keywords VALUES (?, ?, ?, ?, ?)",
            [(article_id, content_hash, version, top, json.dumps(keywords, ensure_ascii=False))],
        )

    # term counts

    def get_terms(self, content_hash: str, version: str) -> dict[str, int] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT counts FROM terms WHERE content_hash = ? AND version = ?",
                (content_hash, version),
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put_terms_many(self, items: Iterable[tuple[str, Mapping[str, int]]], version: str) -> None:
        """Store (content hash, counts) pairs in one transaction."""
        self._write(
            "INSERT OR REPLACE INTO terms VALUES (?, ?, ?)",
            [(h, version, json.dumps(dict(c), ensure_ascii=False)) for h, c in items],
        )

    def clear(self) -> None:
        """Forget everything (e.g. after the library changed a lot)."""
        with self._lock:
            try:
                with self._conn:
                    self._conn.execute("DELETE FROM keywords")
                    self._conn.execute("DELETE FROM terms")
            except sqlite3.Error as e:
                log.warning("keyword cache %s not cleared: %s", self.path, e)

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        if not rows:
            return
        with self._lock:
            try:
                with self._conn:  # one transaction: all rows or none
                    self._conn.executemany(sql, rows)
            except sqlite3.Error as e:
                # Read-only folder, full disk, another process holding the lock: the
                # keywords were computed anyway, the next run just computes them again.
                log.warning("keyword cache %s not written: %s", self.path, e)
