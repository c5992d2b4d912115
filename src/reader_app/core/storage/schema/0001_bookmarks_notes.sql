-- Library format 1: bookmarks and notes.
-- Historical DDL: never edit a migration that has shipped; add a new numbered file.
-- Every user row has a uuid (its stable id in exports) and is keyed to an article by the
-- article's stable id, never by a position in a list.

CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    article_id  TEXT NOT NULL,
    block_index INTEGER,                    -- NULL: the whole article
    label       TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL               -- UTC ISO 8601
);

CREATE UNIQUE INDEX bookmarks_place ON bookmarks (article_id, ifnull(block_index, -1));

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    article_id   TEXT NOT NULL,
    body         TEXT NOT NULL,
    quote        TEXT,                      -- NULL: a note on the whole article
    block_index  INTEGER,
    start_offset INTEGER,
    end_offset   INTEGER,
    created      TEXT NOT NULL,             -- UTC ISO 8601
    modified     TEXT NOT NULL
);

CREATE INDEX notes_article ON notes (article_id);
