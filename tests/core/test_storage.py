"""Notes, bookmarks, reading state and the trash, on real SQLite files in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_app.core.article import Article, Block, BlockType, Script
from reader_app.core.paths import AppPaths
from reader_app.core.script import fold
from reader_app.core.storage import (
    LATEST_VERSION,
    Anchor,
    Database,
    NotFound,
    make_anchor,
    open_database,
    reattach,
)

TRADITIONAL_BLOCKS = (
    "鄉村網絡",
    "今年以來，村裡通了光纖，孩子們第一次上了網課。",
    "老師說，網課讓山裡的學生看到了更大的世界。村裡通了光纖以後，生活也變了。",
)


def article(*texts: str, article_id: str = "0123456789abcdef") -> Article:
    blocks = tuple(Block(BlockType.PARAGRAPH, t) for t in texts)
    return Article(
        id=article_id,
        path="x.txt",
        format="text",
        title=texts[0] if texts else "",
        subtitle=None,
        date=None,
        source=None,
        script=Script.TRADITIONAL,
        blocks=blocks,
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(AppPaths.resolve(tmp_path).database)
    yield database
    database.close()


EXACT_TEXTS = [
    "",
    "😀👍🏽👨‍👩‍👧‍👦 emoji, skin tones and a family",
    "\u202bمرحبا\u202c RTL embedding and \u200f marks \u200e",
    "'); DROP TABLE notes;--",
    "<script>alert(1)</script>",
    "line one\r\nline two\rline three\n\n\ttabbed  ",
    "\x00 a NUL in the middle \x00",
    "𠀀𪚥 characters beyond U+FFFF",
    "字" * 100_000,
]


@pytest.mark.parametrize("text", EXACT_TEXTS, ids=range(len(EXACT_TEXTS)))
def test_note_text_round_trips_exactly(tmp_path: Path, text: str) -> None:
    """Emoji, RTL marks, NUL, SQL- and HTML-looking text and 100,000 chars come back
    exactly, also after closing and reopening the file."""
    path = tmp_path / "library.sqlite3"
    with open_database(path) as db:
        note = db.notes.add("a" * 16, text)
        assert db.notes.get(note.id) == note
        edited = db.notes.update_body(note.id, text + text[:10])
        assert edited.body == text + text[:10]
    with open_database(path) as db:
        assert db.notes.get(note.id) == edited
        assert db.notes.all() == [edited]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.text(), label=st.text())
def test_any_text_round_trips(db: Database, body: str, label: str) -> None:
    """Any surrogate-free text is stored and returned exactly, as note body and label."""
    note = db.notes.add("b" * 16, body)
    assert db.notes.get(note.id) is not None
    assert db.notes.get(note.id).body == body  # type: ignore[union-attr]
    mark = db.bookmarks.add("c" * 16, 3, label)
    assert db.bookmarks.get(mark.id).label == label  # type: ignore[union-attr]


def test_timestamps_are_utc_iso_8601(db: Database) -> None:
    """created/modified parse as ISO 8601 in UTC, and an edit moves only modified."""
    note = db.notes.add("a" * 16, "x")
    edited = db.notes.update_body(note.id, "xy")
    for stamp in (note.created, edited.modified):
        assert datetime.fromisoformat(stamp).utcoffset() == timedelta(0)
    assert edited.created == note.created
    assert edited.modified >= note.modified


def test_passage_note_stores_folded_quote_and_context(db: Database) -> None:
    """A passage note keeps the quote and ~20 chars either side in Simplified-folded text."""
    art = article(*TRADITIONAL_BLOCKS)
    text = TRADITIONAL_BLOCKS[2]
    start = text.index("網課")
    note = db.notes.add_passage(art, 2, start, start + 2, "网课的好处")
    stored = db.notes.get(note.id)
    assert stored is not None and stored.anchor is not None
    assert stored.anchor == Anchor(
        2,
        start,
        start + 2,
        "网课",
        fold(text[max(0, start - 20) : start]),
        fold(text[start + 2 :][:20]),
    )
    assert stored.is_passage and not stored.detached


def test_reattach_keeps_a_passage_that_did_not_move(db: Database) -> None:
    """Same text: same place, in either script."""
    art = article(*TRADITIONAL_BLOCKS)
    note = db.notes.add_passage(art, 1, 5, 9, "光纤")
    simplified = article(*(fold(t) for t in TRADITIONAL_BLOCKS))
    assert reattach(note, art) == note.anchor
    assert reattach(note, simplified) == note.anchor


def test_reattach_finds_a_moved_passage_and_uses_context_to_choose(db: Database) -> None:
    """The quote occurs twice; after an edit shifts every block, the context picks the
    occurrence the note was made on."""
    art = article(*TRADITIONAL_BLOCKS)
    second = TRADITIONAL_BLOCKS[2]
    start = second.index("村裡通了光纖")
    note = db.notes.add_passage(art, 2, start, start + 6, "second mention")
    changed = article("新的標題", "插入的一段。", *TRADITIONAL_BLOCKS[1:])
    found = reattach(note, changed)
    assert found is not None
    assert (found.block_index, found.start, found.quote) == (3, start, "村里通了光纤")
    first = article(*TRADITIONAL_BLOCKS)
    note1 = db.notes.add_passage(first, 1, 4, 10, "first mention")
    found1 = reattach(note1, changed)
    assert found1 is not None and (found1.block_index, found1.start) == (2, 4)


def test_passage_that_is_gone_detaches_the_note_but_keeps_it(db: Database) -> None:
    """reattach_all marks a note whose quote vanished as detached, keeps it, and
    re-attaches it when the passage comes back; a moved one gets its new place."""
    art = article(*TRADITIONAL_BLOCKS)
    kids = TRADITIONAL_BLOCKS[1].index("孩子們")
    gone = db.notes.add_passage(art, 1, kids, kids + 6, "will vanish")
    moves = db.notes.add_passage(art, 2, 0, 4, "will move")
    whole = db.notes.add(art.id, "on the whole article")
    edited = article(TRADITIONAL_BLOCKS[0], "全新的內容。", "前言。" + TRADITIONAL_BLOCKS[2])
    notes = {n.id: n for n in db.notes.reattach_all(edited)}
    assert set(notes) == {gone.id, moves.id, whole.id}
    assert notes[gone.id].detached and notes[gone.id].anchor == gone.anchor
    assert notes[gone.id].body == "will vanish"
    assert not notes[moves.id].detached
    assert notes[moves.id].anchor.start == 3  # type: ignore[union-attr]
    assert notes[whole.id] == whole
    again = {n.id: n for n in db.notes.reattach_all(art)}
    assert not again[gone.id].detached


def test_make_anchor_refuses_empty_or_out_of_range_passages() -> None:
    """A passage is non-empty and inside one block."""
    art = article("abc")
    for block, start, end in [(1, 0, 1), (0, 1, 1), (0, 2, 9), (-1, 0, 1)]:
        with pytest.raises(ValueError):
            make_anchor(art, block, start, end)


def test_delete_goes_to_the_trash_and_restore_undoes_it(db: Database) -> None:
    """Deleting hides a note but keeps it; restore brings it back unchanged."""
    note = db.notes.add("a" * 16, "keep me")
    deleted = db.notes.delete(note.id)
    assert deleted.in_trash and db.notes.all() == [] and db.notes.for_article("a" * 16) == []
    assert [n.id for n in db.notes.trash()] == [note.id]
    restored = db.notes.restore(note.id)
    assert restored == note
    assert db.notes.trash() == []


def test_empty_trash_is_the_only_hard_delete(db: Database) -> None:
    """Only empty_trash removes rows, and only those in the trash."""
    keep = db.notes.add("a" * 16, "keep")
    drop = db.notes.add("a" * 16, "drop")
    mark = db.bookmarks.add("a" * 16, 2)
    db.notes.delete(drop.id)
    db.bookmarks.remove(mark.id)
    assert db.empty_trash() == (1, 1)
    assert db.notes.get(drop.id) is None and db.bookmarks.get(mark.id) is None
    assert db.notes.all() == [keep]


def test_saving_a_note_removed_for_good_says_so(db: Database) -> None:
    """An autosave after the trash was emptied raises NotFound, with the editor hint."""
    note = db.notes.add("a" * 16, "x")
    db.notes.delete(note.id)
    db.empty_trash()
    with pytest.raises(NotFound, match="still in the editor"):
        db.notes.update_body(note.id, "xy")


def test_bookmarks_of_articles_and_places(db: Database) -> None:
    """Article and block bookmarks coexist, labels update, the list of bookmarked
    articles has each article once."""
    a, b = "a" * 16, "b" * 16
    whole = db.bookmarks.add(a)
    place = db.bookmarks.add(a, 4, "the quote")
    db.bookmarks.add(b, 1)
    assert db.bookmarks.is_bookmarked(a) and not db.bookmarks.is_bookmarked(b)
    assert [m.id for m in db.bookmarks.for_article(a)] == [whole.id, place.id]
    relabelled = db.bookmarks.add(a, 4, "better label")
    assert relabelled.id == place.id and relabelled.label == "better label"
    assert sorted(db.bookmarks.bookmarked_article_ids()) == [a, b]


def test_toggle_article_bookmark_uses_the_trash(db: Database) -> None:
    """Toggling off moves the bookmark to the trash; toggling on brings back the same one."""
    a = "a" * 16
    assert db.bookmarks.toggle_article(a) is True
    first = db.bookmarks.at(a)
    assert db.bookmarks.toggle_article(a) is False
    assert db.bookmarks.at(a) is None and db.bookmarks.bookmarked_article_ids() == []
    assert [m.id for m in db.bookmarks.trash()] == [first.id]  # type: ignore[union-attr]
    assert db.bookmarks.toggle_article(a) is True
    assert db.bookmarks.at(a).id == first.id  # type: ignore[union-attr]


def test_reading_state_per_article(tmp_path: Path) -> None:
    """Position, read flag and last-opened time are kept per article id across restarts."""
    path = tmp_path / "library.sqlite3"
    a = "a" * 16
    with open_database(path) as db:
        assert db.reading_state.get(a).last_opened is None
        db.reading_state.mark_opened(a)
        db.reading_state.save_position(a, 7)
        db.reading_state.mark_read(a)
    with open_database(path) as db:
        state = db.reading_state.get(a)
        assert (state.block_index, state.is_read) == (7, True)
        assert state.last_opened is not None
        assert db.reading_state.mark_read(a, read=False).is_read is False
        assert set(db.reading_state.all()) == {a}


def test_a_failed_write_changes_nothing(db: Database) -> None:
    """An error inside a transaction rolls back everything written in it."""
    with pytest.raises(RuntimeError), db.transaction("test"):
        db.notes.add("a" * 16, "half")
        raise RuntimeError("boom")
    assert db.notes.all() == []


def test_connection_settings(db: Database) -> None:
    """WAL, foreign keys on, a busy timeout of 5 s, and the latest format."""
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    assert db.query("PRAGMA foreign_keys")[0][0] == 1
    assert db.query("PRAGMA busy_timeout")[0][0] == 5000
    assert db.schema_version == LATEST_VERSION
