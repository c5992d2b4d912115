"""Never lose a word: kills mid-save, concurrent writers, damaged files, read-only
folders and a full disk, each with real files and, where the point is a crash or a
second process, real subprocesses."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from reader_app.core.storage import (
    DatabaseReadOnly,
    DiskFull,
    StorageError,
    open_database,
)

HELPERS = Path(__file__).parent / "storage_helpers"
TYPED_PER_SECOND = 50  # typing_child.py types one character every 20 ms


def _lines(path: Path) -> list[tuple[str, int]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, _, number = line.partition(" ")
        if number.isdigit():
            out.append((kind, int(number)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("run", range(3))
def test_sigkill_during_autosave_keeps_the_last_committed_text(tmp_path: Path, run: int) -> None:
    """A writer killed at a random moment leaves a file that opens cleanly, passes
    integrity_check, and holds exactly a prefix of the typed text that includes
    everything the writer reported committed; what is missing is under a second of
    typing (counted in keystrokes from the child's own log, not by the clock)."""
    db_path = tmp_path / "library.sqlite3"
    log_path = tmp_path / "progress.log"
    text_path = tmp_path / "text.txt"
    # A long note (several pages per commit) so a kill often lands inside a commit.
    preamble = "開頭的文字，" * 4000
    text = preamble + "".join(chr(0x4E00 + (i * 37) % 20000) for i in range(3000))
    text_path.write_text(text, encoding="utf-8")
    with open_database(db_path) as db:
        note = db.notes.add("0123456789abcdef", preamble)
    child = subprocess.Popen(
        [
            sys.executable,
            str(HELPERS / "typing_child.py"),
            str(db_path),
            str(log_path),
            note.id,
            str(text_path),
            str(len(preamble)),
        ],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(kind == "s" for kind, _ in _lines(log_path)):
            assert child.poll() is None, child.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the child never saved"
            time.sleep(0.01)
        delay = random.uniform(0.05, 1.5)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL
    log = _lines(log_path)
    typed = max(n for kind, n in log if kind == "k")
    reported_saved = max(n for kind, n in log if kind == "s")
    with open_database(db_path) as db:
        assert db.notices == () and db.recovered_from is None
        assert db.integrity_ok()
        stored = db.notes.get(note.id)
    assert stored is not None
    body = stored.body
    context = f"killed {delay:.2f}s after the first save; typed {typed}, saved {len(body)}"
    assert text.startswith(body), context
    assert len(body) >= reported_saved, context
    assert typed - len(body) <= TYPED_PER_SECOND, context


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes create, migrate and write the same new file at the same moment;
    every note and bookmark of both is there afterwards and the file is sound."""
    db_path = tmp_path / "library.sqlite3"
    go = tmp_path / "go"
    count = 150
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(HELPERS / "concurrent_writer.py"),
                str(db_path),
                tag,
                str(count),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("A", "B")
    ]
    time.sleep(0.5)  # let both interpreters start and wait on the go file
    go.touch()
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    with open_database(db_path) as db:
        assert db.integrity_ok()
        bodies = sorted(n.body for n in db.notes.all())
        expected = sorted(f"{tag} {i} 筆記 ✓" for tag in ("A", "B") for i in range(count))
        assert bodies == expected
        assert len(db.bookmarks.for_article("shared-article")) == count
        assert db.reading_state.get("shared-article").block_index == count - 1
        assert db.notices == ()
    assert list(tmp_path.glob("library.sqlite3.*")) == []  # nothing was moved aside


def _assert_kept_aside(db_path: Path, original: bytes) -> None:
    with open_database(db_path) as db:
        assert db.recovered_from is not None and db.recovered_from.exists()
        assert db.recovered_from.parent == db_path.parent
        assert db.recovered_from.name.startswith("library.sqlite3.damaged-")
        assert db.recovered_from.read_bytes() == original
        assert len(db.notices) == 1 and str(db.recovered_from) in db.notices[0]
        assert "started a new" in db.notices[0]
        assert db.notes.all() == [] and db.integrity_ok()
        db.notes.add("a" * 16, "works again")
    with open_database(db_path) as db:
        assert [n.body for n in db.notes.all()] == ["works again"]
        assert db.recovered_from is None


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    """Text where the library should be: kept byte for byte beside it, new library
    started, a sentence says where the old file is."""
    db_path = tmp_path / "library.sqlite3"
    original = ("這不是數據庫，只是一段文字。\n" * 500).encode()
    db_path.write_bytes(original)
    _assert_kept_aside(db_path, original)


def test_a_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    """A library with garbage over some pages fails the check at opening; it is kept
    beside the new one, byte for byte, never deleted."""
    db_path = tmp_path / "library.sqlite3"
    with open_database(db_path) as db:
        for i in range(200):
            db.notes.add("a" * 16, f"note {i} " + "字" * 500)
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[2 * page : 6 * page] = bytes(random.Random(1).randrange(256) for _ in range(4 * page))
    db_path.write_bytes(bytes(data))
    _assert_kept_aside(db_path, bytes(data))


def test_another_programs_database_is_moved_aside(tmp_path: Path) -> None:
    """An SQLite file with someone else's tables is not migrated into ours."""
    db_path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE notes (other TEXT)")
    conn.execute("INSERT INTO notes VALUES ('theirs')")
    conn.commit()
    conn.close()
    original = db_path.read_bytes()
    _assert_kept_aside(db_path, original)


def test_an_empty_file_is_simply_a_new_library(tmp_path: Path) -> None:
    """A zero-byte file is an empty database to SQLite: used as is, nothing moved."""
    db_path = tmp_path / "library.sqlite3"
    db_path.touch()
    with open_database(db_path) as db:
        assert db.recovered_from is None and db.notices == ()
        db.notes.add("a" * 16, "x")


def test_read_only_open_does_not_recover_a_damaged_file(tmp_path: Path) -> None:
    """Opened read-only, a damaged file is reported, not moved."""
    db_path = tmp_path / "library.sqlite3"
    db_path.write_bytes(b"not a database" * 100)
    with pytest.raises(StorageError, match="damaged or not a database"):
        open_database(db_path, read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite3"]


def test_a_read_only_connection_refuses_writes_with_a_sentence(tmp_path: Path) -> None:
    """SQLite's SQLITE_READONLY (from a mode=ro connection) becomes DatabaseReadOnly
    whose text says what happened, where, and that the text is still in the editor;
    reading still works and the stored notes are unchanged."""
    db_path = tmp_path / "library.sqlite3"
    with open_database(db_path) as db:
        note = db.notes.add("a" * 16, "saved before")
    with open_database(db_path, read_only=True) as db:
        assert db.notes.all() == [note]
        with pytest.raises(DatabaseReadOnly) as caught:
            db.notes.update_body(note.id, "saved before, and more")
        assert str(caught.value) == (
            f"Your note could not be saved: the data folder is read-only ({tmp_path}). "
            "Your text is still in the editor."
        )
        with pytest.raises(DatabaseReadOnly, match="The bookmark could not be saved"):
            db.bookmarks.toggle_article("a" * 16)
    with open_database(db_path) as db:
        assert db.notes.all() == [note]


def test_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    """With real permissions (folder 0555, file 0444) the library cannot be written and
    the error says the data folder is read-only. Root ignores permissions, so as root the
    check runs in a child process as user 'nobody' in a world-readable temp folder, and
    is skipped when that user cannot run this interpreter (the mode=ro test above still
    covers the sentence, but not the permission path)."""
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="reader-ro-")) if as_root else tmp_path
    data = base / "data"
    db_path = data / "library.sqlite3"
    try:
        with open_database(db_path) as db:
            db.notes.add("a" * 16, "before")
        db_path.chmod(0o444)
        data.chmod(0o555)
        if not as_root:
            with pytest.raises(DatabaseReadOnly, match="read-only"), open_database(db_path) as db:
                db.notes.add("a" * 16, "after")
        else:
            base.chmod(0o755)
            try:
                result = subprocess.run(
                    [sys.executable, str(HELPERS / "readonly_child.py"), str(db_path)],
                    user=65534,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
            except PermissionError as e:
                pytest.skip(f"as root, and user 'nobody' cannot run {sys.executable}: {e}")
            if result.returncode != 0:
                pytest.skip(
                    f"as root, and user 'nobody' cannot run the app: {result.stderr[-300:]}"
                )
            assert result.stdout.startswith("DatabaseReadOnly: "), result.stdout + result.stderr
            assert "read-only" in result.stdout
        data.chmod(0o755)
        db_path.chmod(0o644)
        with open_database(db_path) as db:
            assert [n.body for n in db.notes.all()] == ["before"]
    finally:
        data.chmod(0o755)
        if db_path.exists():
            db_path.chmod(0o644)
        if as_root:
            shutil.rmtree(base)


def test_a_full_disk_refuses_the_write_and_keeps_what_was_saved(tmp_path: Path) -> None:
    """SQLITE_FULL (produced for real by capping the file's page count) becomes DiskFull
    with a sentence; the earlier save is intact and the file stays sound."""
    db_path = tmp_path / "library.sqlite3"
    with open_database(db_path) as db:
        note = db.notes.add("a" * 16, "short")
        pages = db.query("PRAGMA page_count")[0][0]
        db.query(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull) as caught:
            db.notes.update_body(note.id, "字" * 100_000)
        assert str(caught.value) == (
            f"Your note could not be saved: the disk is full ({tmp_path}). "
            "Your text is still in the editor."
        )
        assert db.notes.get(note.id) == note
        assert db.integrity_ok()
    with open_database(db_path) as db:
        assert db.notes.get(note.id) == note
