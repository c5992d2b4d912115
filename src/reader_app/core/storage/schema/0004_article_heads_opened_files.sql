-- Library format 4: a start reads only what the article list shows; the seeds (and
-- any files the app is started on) are cached like imported files; a seed the reader
-- removed stays removed.
-- Historical DDL: never edit a migration that has shipped; add a new numbered file.

-- Every start reads the cleaned-article cache of the whole library. The list needs
-- only the head (title, date, source, script), so the blocks move to a column of their
-- own, read when an article is opened. article_json keeps the rest of the record.
-- (json_extract/json_remove: SQLite's JSON functions, built in since 3.38.)
ALTER TABLE cleaned_articles ADD COLUMN blocks_json TEXT NOT NULL DEFAULT '[]';
UPDATE cleaned_articles
   SET blocks_json = coalesce(json_extract(article_json, '$.blocks'), '[]'),
       article_json = json_remove(article_json, '$.blocks');

-- Files the app is started on (the bundled seeds, or --open paths): their cleaned
-- article sits in cleaned_articles like an imported one, so an unchanged file is not
-- cleaned again at the next start. A derived cache: losing it costs one re-clean.
CREATE TABLE opened_files (
    path       TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    size       INTEGER NOT NULL,
    mtime_ns   INTEGER NOT NULL
);

-- Articles of opened files (a seed) that the reader removed from the library: hidden
-- at every start until put back (undo) or imported again. Imported files keep using
-- library_files.removed_at. The files themselves are never touched.
CREATE TABLE removed_articles (
    article_id TEXT PRIMARY KEY,
    removed_at TEXT NOT NULL              -- UTC ISO 8601
);
