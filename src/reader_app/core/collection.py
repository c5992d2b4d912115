"""The reader's own library: imported files recorded in the library file, their cleaned
articles cached, and the full-text index kept up to date.

Each imported file is its own transaction (record, cleaned article and index together),
so a cancelled or interrupted import leaves every file either wholly in or wholly out.
Nothing here deletes a file on disk; removing an article only marks it, and undo brings
it back with its notes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader_app.core.article import Article, LazyBlocks
from reader_app.core.errors import ReaderError, SourceError
from reader_app.core.library import (
    CLEANER_VERSION,
    LoadReport,
    Problem,
    SourceFile,
    clean_file,
    expand,
)
from reader_app.core.search import NO_FILTER, Hit, Query, SearchFilter, SearchIndex, hits_for
from reader_app.core.storage import Database, DatabaseBusy, utc_now

IMPORT_ACTION = "The article could not be added to your library"
IMPORT_BATCH = 100

Progress = Callable[[int, int, str], None]  # (done, total, current path)


@dataclass
class ImportReport:
    added: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    refused: list[Problem] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class LibraryState:
    articles: list[Article] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (article id, path)
    problems: list[Problem] = field(default_factory=list)


class Collection:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- import ------------------------------------------------------------------
    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        report = ImportReport()
        files = list(expand((Path(p) for p in paths), report.refused))
        # Files are committed in batches: one durable commit per file made a 10,000-file
        # import take minutes. A batch is one transaction, so a cancel or a crash still
        # leaves every file wholly in or wholly out.
        for start in range(0, len(files), IMPORT_BATCH):
            with self.db.transaction(IMPORT_ACTION):
                for done, path in enumerate(files[start : start + IMPORT_BATCH], start):
                    if cancelled is not None and cancelled():
                        report.cancelled = True
                        break
                    if progress is not None:
                        progress(done, len(files), str(path))
                    self._import_one(path.absolute(), report)
            if report.cancelled:
                break
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def _import_one(self, path: Path, report: ImportReport) -> None:
        try:
            source, article = clean_file(path)
        except SourceError as e:
            report.refused.append(Problem(e.path, e.reason))
            return
        with self.db.transaction(IMPORT_ACTION) as conn:
            row = conn.execute(
                "SELECT path, removed_at FROM library_files WHERE article_id = ? "
                "ORDER BY added_at LIMIT 1",
                (article.id,),
            ).fetchone()
            if row is not None and row[1] is None:
                why = (
                    "already in the library"
                    if row[0] == str(path)
                    else f"the same article as {row[0]}"
                )
                report.skipped.append((str(path), why))
                return
            new = row is None
            # a removed seed imported again is wanted again
            conn.execute("DELETE FROM removed_articles WHERE article_id = ?", (article.id,))
            if not new:  # removed earlier: importing it again brings it back
                conn.execute(
                    "UPDATE library_files SET removed_at = NULL WHERE article_id = ?", (article.id,)
                )
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO library_files"
                    "(path, article_id, content_hash, size, mtime_ns, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        str(path),
                        article.id,
                        source.content_hash,
                        source.size,
                        source.mtime_ns,
                        utc_now(),
                    ),
                )
            self._store(conn, article, new=new)
        report.added.append(article)

    def _store(
        self, conn: sqlite3.Connection, article: Article, *, new: bool = False, index: bool = True
    ) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO cleaned_articles"
            "(article_id, cleaner_version, article_json, blocks_json) VALUES (?, ?, ?, ?)",
            (
                article.id,
                CLEANER_VERSION,
                json.dumps(article.head_json(), ensure_ascii=False),
                json.dumps([b.to_json() for b in article.blocks], ensure_ascii=False),
            ),
        )
        if index:  # a new article has no index row to replace (and finding one is a scan)
            SearchIndex(conn).add(article, replace=not new)

    def _cached(self, article_id: str, path: str, head_json: str) -> Article:
        """An article from the cache: its head now, its blocks when first read, through
        this collection's library file (so read them before closing it if the articles
        are kept after)."""
        head = json.loads(head_json)
        head["path"] = path
        return Article.from_json(head, LazyBlocks(lambda: self._blocks_json(article_id)))

    def _blocks_json(self, article_id: str) -> str:
        rows = self.db.query(
            "SELECT blocks_json FROM cleaned_articles WHERE article_id = ?", (article_id,)
        )
        if not rows:
            raise ReaderError(
                "The article could not be read from your library file",
                "its cached text is gone; restart Reader to clean the file again",
            )
        return str(rows[0][0])

    # -- load --------------------------------------------------------------------
    def open_files(self, paths: Iterable[str | os.PathLike[str]]) -> LoadReport:
        """The articles of the files the app is started on (the seeds, --open paths),
        like ``load_library`` but from the cache when a file is unchanged since it was
        last cleaned. Articles the reader removed are left out."""
        report = LoadReport()
        files = list(expand((Path(p) for p in paths), report.problems))
        cached = {
            row[0]: tuple(row[1:])
            for row in self.db.query(
                "SELECT o.path, o.article_id, o.size, o.mtime_ns, c.cleaner_version, "
                "c.article_json FROM opened_files o JOIN cleaned_articles c USING (article_id)"
            )
        }
        removed = {row[0] for row in self.db.query("SELECT article_id FROM removed_articles")}
        fresh: list[tuple[SourceFile, str, Article]] = []
        for path in files:
            key = str(path.absolute())
            hit = cached.get(key)
            if hit is not None:
                article_id, size, mtime_ns, version, head_json = hit
                try:
                    st = os.stat(key)
                except OSError:
                    st = None
                if (
                    st is not None
                    and version == CLEANER_VERSION
                    and (st.st_size, st.st_mtime_ns) == (size, mtime_ns)
                ):
                    if article_id not in removed:
                        report.articles.append(self._cached(article_id, str(path), head_json))
                    continue
            try:
                source, article = clean_file(path)
            except SourceError as e:
                report.problems.append(Problem(e.path, e.reason))
                continue
            fresh.append((source, key, article))
            if article.id not in removed:
                report.articles.append(article)
        if fresh:
            with self.db.transaction(IMPORT_ACTION) as conn:
                for source, key, article in fresh:
                    conn.execute(
                        "INSERT OR REPLACE INTO opened_files(path, article_id, size, mtime_ns) "
                        "VALUES (?, ?, ?, ?)",
                        (key, article.id, source.size, source.mtime_ns),
                    )
                    self._store(conn, article, index=False)  # ensure_index follows
        return report

    def load(self) -> LibraryState:
        """Every article in the library: unchanged files from the cache, edited files
        cleaned again (keeping their article id, so notes stay), missing files listed."""
        state = LibraryState()
        rows = self.db.query(
            "SELECT f.path, f.article_id, f.size, f.mtime_ns, c.cleaner_version, c.article_json "
            "FROM library_files f LEFT JOIN cleaned_articles c USING (article_id) "
            "WHERE f.removed_at IS NULL ORDER BY f.added_at"
        )
        for path_s, article_id, size, mtime_ns, version, article_json in rows:
            try:
                st = os.stat(path_s)  # not pathlib: its own cost shows at 10,000 files
            except OSError:
                state.missing.append((article_id, path_s))
                continue
            if (
                article_json
                and version == CLEANER_VERSION
                and (st.st_size, st.st_mtime_ns) == (size, mtime_ns)
            ):
                state.articles.append(self._cached(article_id, path_s, article_json))
                continue
            try:
                source, article = clean_file(Path(path_s))
                article = article.with_changes(id=article_id)
            except SourceError as e:
                state.problems.append(Problem(e.path, e.reason))
                continue
            with self.db.transaction(IMPORT_ACTION) as conn:
                conn.execute(
                    "UPDATE library_files SET content_hash = ?, size = ?, mtime_ns = ? "
                    "WHERE path = ?",
                    (source.content_hash, source.size, source.mtime_ns, path_s),
                )
                self._store(conn, article)
            state.articles.append(article)
        return state

    # -- remove / undo -------------------------------------------------------------
    def remove(self, article_id: str) -> None:
        """Take an article out of the library, an imported one or a seed, until it is put
        back or imported again (the file stays on disk; notes are kept)."""
        now = utc_now()
        with self.db.transaction("The article could not be removed from your library") as conn:
            conn.execute(
                "UPDATE library_files SET removed_at = ? WHERE article_id = ?", (now, article_id)
            )
            conn.execute(
                "INSERT OR REPLACE INTO removed_articles(article_id, removed_at) VALUES (?, ?)",
                (article_id, now),
            )
            SearchIndex(conn).remove(article_id)

    def restore(self, article_id: str) -> None:
        """Undo remove."""
        with self.db.transaction("The article could not be put back") as conn:
            conn.execute(
                "UPDATE library_files SET removed_at = NULL WHERE article_id = ?", (article_id,)
            )
            conn.execute("DELETE FROM removed_articles WHERE article_id = ?", (article_id,))
            row = conn.execute(
                "SELECT article_json, blocks_json FROM cleaned_articles WHERE article_id = ?",
                (article_id,),
            ).fetchone()
            if row:
                blocks = LazyBlocks(lambda: str(row[1]))
                SearchIndex(conn).add(Article.from_json(json.loads(row[0]), blocks))

    # -- search --------------------------------------------------------------------
    def ensure_index(self, articles: Iterable[Article]) -> bool:
        """Bring the index in step with ``articles`` (the library as this start shows it):
        index what is missing, drop what is gone; made again from scratch when missing
        or unreadable. True when anything changed.

        Reading the indexed ids is cheap; FTS5's full integrity check is not (most of a
        second at 10,000 articles), so damage that this cannot see shows up as an error
        in a search, which rebuilds then (see search)."""
        articles = list(articles)
        with self.db.transaction("The search index could not be rebuilt") as conn:
            index = SearchIndex(conn)
            try:
                indexed = index.ids()
            except sqlite3.DatabaseError:  # missing or unreadable: made again
                index.recreate()
                index.rebuild(articles)
                return True
            wanted = {a.id for a in articles}
            missing = [a for a in articles if a.id not in indexed]
            gone = indexed - wanted
            if len(gone) > len(wanted) // 2:  # mostly different: cheaper to start over
                index.rebuild(articles)
                return True
            for article_id in gone:
                index.remove(article_id)
            for article in missing:
                index.add(article, replace=False)
            return bool(missing or gone)

    def search(
        self,
        query: str | Query,
        articles: dict[str, Article],
        limit: int = 200,
        filter: SearchFilter = NO_FILTER,
    ) -> list[Hit]:
        """Ranked hits among ``articles`` (all the library's articles, by id) that pass
        ``filter``; ``limit`` counts only those (see SearchFilter for what each part
        keeps, including that a date bound leaves out undated articles).

        A search is a read: it takes no write lock (no BEGIN IMMEDIATE), so it never
        holds up a note being saved through another connection, such as a second window
        or the command line; snippets are made after the read. A damaged index is
        rebuilt from ``articles`` (that does take the write lock) and the search run
        again."""
        q = Query.parse(query) if isinstance(query, str) else query
        if not q:
            return []
        try:
            with self.db.reading("Search failed") as conn:  # the lock keeps threads apart
                ids = SearchIndex(conn).ranked_ids(q, articles, limit, filter)
        except DatabaseBusy:
            raise
        except ReaderError as e:
            # the queries are built from tokens, so SQLite refusing one means damage
            if not isinstance(e.__cause__, sqlite3.DatabaseError):
                raise
        else:
            # outside the damage check: making snippets reads the hits' text, and a
            # failure there says nothing about the index
            return hits_for(q, ids, articles)
        with self.db.transaction("The search index could not be rebuilt") as conn:
            index = SearchIndex(conn)
            index.recreate()
            index.rebuild(articles.values())
            return index.search(q, articles, limit, filter)


@dataclass
class OpenedLibrary:
    """What a start of the app reads: the articles of the given paths (the seeds by
    default) followed by the reader's imported ones, with the index in step."""

    db: Database
    collection: Collection
    articles: list[Article]
    missing: list[tuple[str, str]]
    problems: list[Problem]

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def open_library(db: Database, paths: Iterable[str | os.PathLike[str]]) -> OpenedLibrary:
    collection = Collection(db)
    report = collection.open_files(paths)
    state = collection.load()
    seen = {a.id for a in report.articles}
    articles = report.articles + [a for a in state.articles if a.id not in seen]
    collection.ensure_index(articles)
    return OpenedLibrary(db, collection, articles, state.missing, report.problems + state.problems)
