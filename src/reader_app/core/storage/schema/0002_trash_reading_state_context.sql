-- Library format 2: a trash for notes and bookmarks, the context around a quoted
-- passage (so a note can find its passage again after the article changes), notes
-- whose passage was not found (detached, kept), and the reading state of each article.
-- Historical DDL: never edit a migration that has shipped; add a new numbered file.

ALTER TABLE notes ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notes ADD COLUMN deleted_at TEXT;          -- NULL: not in the trash

ALTER TABLE bookmarks ADD COLUMN modified TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN deleted_at TEXT;
UPDATE bookmarks SET modified = created;

CREATE INDEX notes_deleted ON notes (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX bookmarks_deleted ON bookmarks (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE reading_state (
    article_id  TEXT PRIMARY KEY,
    block_index INTEGER NOT NULL DEFAULT 0,   -- the first block in view
    is_read     INTEGER NOT NULL DEFAULT 0,
    last_opened TEXT                          -- UTC ISO 8601; NULL: never opened
);
