-- Library format 3: the reader's own imported articles and the full-text index.
-- Historical DDL: never edit a migration that has shipped; add a new numbered file.

-- One row per imported file. article_id is fixed at the first import, so notes stay
-- with the article when its file is edited; removed_at marks an article taken out of
-- the library (the file on disk is never touched), NULL while it is in.
CREATE TABLE library_files (
    path         TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    content_hash TEXT NOT NULL,            -- sha256 of the file's bytes
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    added_at     TEXT NOT NULL,            -- UTC ISO 8601
    removed_at   TEXT
);
CREATE INDEX library_files_article ON library_files (article_id);

-- The cleaned article, so a start does not clean unchanged files again.
CREATE TABLE cleaned_articles (
    article_id      TEXT PRIMARY KEY,
    cleaner_version INTEGER NOT NULL,
    article_json    TEXT NOT NULL
);

-- Every Chinese character one token, Simplified-folded (see reader_app.core.search).
CREATE VIRTUAL TABLE search_index USING fts5(
    article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0'
);
