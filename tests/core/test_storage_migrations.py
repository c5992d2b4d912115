"""The library format's history: every older version, with data, migrates to the latest
intact; a backup is written first; a failed migration changes nothing; a newer file is
left alone."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader_app.core.storage import (
    LATEST_VERSION,
    MIGRATIONS,
    DatabaseTooNew,
    StorageError,
    migrate,
    open_database,
)
from reader_app.core.storage.migrations import statements, user_version

ARTICLE = "0123456789abcdef"
BODY = "第一條筆記 😀 '); DROP TABLE notes;-- <b>x</b>\n第二行"


def _seed_v1(conn: sqlite3.Connection) -> None:
    """Rows as the format-1 app wrote them."""
    conn.execute(
        "INSERT INTO notes (uuid, article_id, body, quote, block_index, start_offset, "
        "end_offset, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "11111111-1111-4111-8111-111111111111",
            ARTICLE,
            BODY,
            "光纤",
            1,
            7,
            9,
            "2025-01-01T00:00:00.000000Z",
            "2025-01-02T00:00:00.000000Z",
        ),
    )
    conn.execute(
        "INSERT INTO notes (uuid, article_id, body, created, modified) VALUES (?, ?, ?, ?, ?)",
        (
            "22222222-2222-4222-8222-222222222222",
            ARTICLE,
            "whole article",
            "2025-01-03T00:00:00.000000Z",
            "2025-01-03T00:00:00.000000Z",
        ),
    )
    conn.execute(
        "INSERT INTO bookmarks (uuid, article_id, block_index, label, created) "
        "VALUES (?, ?, ?, ?, ?)",
        ("33333333-3333-4333-8333-333333333333", ARTICLE, 4, "標籤", "2025-01-04T00:00:00.000000Z"),
    )
    conn.execute(
        "INSERT INTO bookmarks (uuid, article_id, created) VALUES (?, ?, ?)",
        ("44444444-4444-4444-8444-444444444444", ARTICLE, "2025-01-05T00:00:00.000000Z"),
    )


def _seed_v2(conn: sqlite3.Connection) -> None:
    """Format 1's rows plus what format 2 added: context, trash, detached, reading state."""
    _seed_v1(conn)
    conn.execute("UPDATE bookmarks SET modified = created")  # format 2 always sets it
    conn.execute(
        "UPDATE notes SET prefix = '村里通了', suffix = '，孩子' "
        "WHERE uuid = '11111111-1111-4111-8111-111111111111'"
    )
    conn.execute(
        "INSERT INTO notes (uuid, article_id, body, quote, block_index, start_offset, "
        "end_offset, detached, created, modified, deleted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
        (
            "55555555-5555-4555-8555-555555555555",
            ARTICLE,
            "in the trash",
            "消失",
            2,
            0,
            2,
            "2025-02-01T00:00:00.000000Z",
            "2025-02-01T00:00:00.000000Z",
            "2025-02-02T00:00:00.000000Z",
        ),
    )
    conn.execute(
        "INSERT INTO reading_state (article_id, block_index, is_read, last_opened) "
        "VALUES (?, 5, 1, '2025-02-03T00:00:00.000000Z')",
        (ARTICLE,),
    )


# Format 3's cleaned-article cache: the whole record, blocks included, in one column.
CACHED_V3 = {
    "id": "feedfacefeedface",
    "path": "/old/place/article.txt",
    "format": "text",
    "title": "缓存里的标题",
    "subtitle": None,
    "date": "2025-03-01",
    "source": "人民郵電報",
    "script": "traditional",
    "blocks": [
        {"type": "heading", "text": "小標題"},
        {"type": "paragraph", "text": "村裡通了光纖，孩子們上網課。"},
    ],
    "keywords": [],
}


def _seed_v3(conn: sqlite3.Connection) -> None:
    """Format 2's rows plus an imported file and its cached article as format 3 kept it."""
    _seed_v2(conn)
    conn.execute(
        "INSERT INTO library_files (path, article_id, content_hash, size, mtime_ns, added_at) "
        "VALUES (?, ?, 'x', 1, 1, '2025-03-02T00:00:00.000000Z')",
        (CACHED_V3["path"], CACHED_V3["id"]),
    )
    conn.execute(
        "INSERT INTO cleaned_articles (article_id, cleaner_version, article_json) "
        "VALUES (?, 1, ?)",
        (CACHED_V3["id"], json.dumps(CACHED_V3, ensure_ascii=False)),
    )


# One seeder per older format. Adding migration N+1 means adding a seeder for N here.
SEEDERS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _seed_v1,
    2: _seed_v2,
    3: _seed_v3,
}
OLDER = [v for v in sorted(SEEDERS) if v < LATEST_VERSION]


def _build(path: Path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=version)
    conn.execute("BEGIN")
    SEEDERS[version](conn)
    conn.execute("COMMIT")
    conn.close()


def test_every_older_format_has_a_seeder() -> None:
    """The table of older formats keeps up with the migrations list."""
    assert set(SEEDERS) >= {m.version for m in MIGRATIONS[:-1]}
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("version", OLDER)
def test_older_format_with_data_migrates_intact(tmp_path: Path, version: int) -> None:
    """Notes and bookmarks written by an older app read back the same after migration,
    with the new columns at their defaults, and the backup holds the old file."""
    path = tmp_path / "library.sqlite3"
    _build(path, version)
    with open_database(path) as db:
        assert db.schema_version == LATEST_VERSION
        assert db.backup_path is not None
        assert db.backup_path.name.startswith(f"library.sqlite3.backup-v{version}-")
        assert any(str(db.backup_path) in notice for notice in db.notices)
        notes = {n.id: n for n in db.notes.all()}
        passage = notes["11111111-1111-4111-8111-111111111111"]
        assert passage.body == BODY and passage.article_id == ARTICLE
        assert passage.anchor is not None
        assert (passage.anchor.block_index, passage.anchor.start, passage.anchor.end) == (1, 7, 9)
        assert (passage.anchor.quote, passage.anchor.prefix, passage.anchor.suffix) == (
            ("光纤", "", "") if version == 1 else ("光纤", "村里通了", "，孩子")
        )
        assert (passage.created, passage.modified) == (
            "2025-01-01T00:00:00.000000Z",
            "2025-01-02T00:00:00.000000Z",
        )
        assert not passage.detached and not passage.in_trash
        assert notes["22222222-2222-4222-8222-222222222222"].anchor is None
        marks = {b.id: b for b in db.bookmarks.all()}
        place = marks["33333333-3333-4333-8333-333333333333"]
        assert (place.block_index, place.label, place.modified) == (4, "標籤", place.created)
        assert marks["44444444-4444-4444-8444-444444444444"].block_index is None
        state = db.reading_state.get(ARTICLE)
        if version == 1:
            assert (state.block_index, state.is_read, db.notes.trash()) == (0, False, [])
        else:
            assert (state.block_index, state.is_read) == (5, True)
            (trashed,) = db.notes.trash()
            assert trashed.body == "in the trash" and trashed.detached
            assert trashed.deleted_at == "2025-02-02T00:00:00.000000Z"
        assert db.integrity_ok()
    backup = sqlite3.connect(db.backup_path)
    assert user_version(backup) == version
    assert backup.execute("SELECT body FROM notes ORDER BY id").fetchall()[0][0] == BODY
    backup.close()
    with open_database(path) as again:
        assert again.backup_path is None  # up to date: no second backup


def test_format_3_article_cache_reads_back_after_migration(tmp_path: Path) -> None:
    """An article cached by format 3 (blocks inside the record) is read from the cache
    after the migration, title, blocks and all, without cleaning its file again."""
    from reader_app.core.article import Block, BlockType
    from reader_app.core.collection import Collection

    source = tmp_path / "article.txt"
    source.write_text("这个文件的内容与缓存不同。\n", encoding="utf-8")
    path = tmp_path / "library.sqlite3"
    _build(path, 3)
    st = source.stat()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "UPDATE library_files SET path = ?, size = ?, mtime_ns = ?",
        (str(source), st.st_size, st.st_mtime_ns),
    )
    conn.close()
    with open_database(path) as db:
        (article,) = Collection(db).load().articles
        assert article.title == "缓存里的标题"  # the cached record, not the file cleaned anew
        assert (article.id, article.source, article.date) == (
            CACHED_V3["id"], "人民郵電報", "2025-03-01",
        )
        assert article.path == str(source)
        assert list(article.blocks) == [
            Block(BlockType.HEADING, "小標題"),
            Block(BlockType.PARAGRAPH, "村裡通了光纖，孩子們上網課。"),
        ]


def test_new_file_gets_latest_format_without_backup(tmp_path: Path) -> None:
    """A brand-new library is built by the same migrations, and needs no backup."""
    with open_database(tmp_path / "library.sqlite3") as db:
        assert db.schema_version == LATEST_VERSION
        assert db.backup_path is None and db.notices == ()
    assert [p.name for p in tmp_path.iterdir() if ".backup-" in p.name] == []


def test_fresh_and_migrated_schemas_are_identical(tmp_path: Path) -> None:
    """Building from version 1 up and building in one go give the same tables."""

    def schema(path: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT name, sql FROM sqlite_schema ORDER BY name").fetchall()
        conn.close()
        return rows

    _build(tmp_path / "old.sqlite3", 1)
    open_database(tmp_path / "old.sqlite3").close()
    open_database(tmp_path / "new.sqlite3").close()
    assert schema(tmp_path / "old.sqlite3") == schema(tmp_path / "new.sqlite3")


def test_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A migration that fails half-way rolls back entirely: old version, old data, no
    new columns; the backup was written first; a clear StorageError is raised."""
    path = tmp_path / "library.sqlite3"
    _build(path, 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE reading_state (x)")  # makes format 2's CREATE TABLE fail
    conn.close()
    with pytest.raises(StorageError, match="could not be opened"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert user_version(conn) == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(notes)")]
    assert "prefix" not in columns and "deleted_at" not in columns
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
    conn.close()
    assert len(list(tmp_path.glob("library.sqlite3.backup-v1-*"))) == 1


def test_newer_format_is_not_touched(tmp_path: Path) -> None:
    """A file from a newer app raises DatabaseTooNew saying to update, and not one byte
    of it changes; no WAL, backup or new file appears beside it."""
    path = tmp_path / "library.sqlite3"
    _build(path, 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(DatabaseTooNew) as caught:
            open_database(path, read_only=read_only)
        assert "newer version" in str(caught.value) and "Update Reader" in str(caught.value)
        assert (caught.value.found, caught.value.known) == (LATEST_VERSION + 5, LATEST_VERSION)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite3"]


def test_statement_splitter_keeps_semicolons_in_comments_and_strings() -> None:
    """The migration runner splits on statement ends only."""
    sql = (
        "-- a; comment\nCREATE TABLE t (x TEXT DEFAULT 'a;b'); -- tail\n\n"
        "INSERT INTO t VALUES (';');\n"
    )
    assert len(list(statements(sql))) == 2
    with pytest.raises(ValueError):
        list(statements("CREATE TABLE t (x"))
