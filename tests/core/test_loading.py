"""Reading files: every encoding we promise, and a clear reason for every file we
cannot read, while the other files still load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader_app.core.library import load_file, load_library

SIMPLIFIED = "乡村网络\n\n今年以来，村里通了光纤，孩子们第一次上了网课。\n"
TRADITIONAL = "鄉村網絡\n\n今年以來，村裡通了光纖，孩子們第一次上了網課。\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "utf-16"),  # with BOM
        (SIMPLIFIED, "utf-16-le"),  # without BOM
        (SIMPLIFIED, "utf-16-be"),
        (SIMPLIFIED, "gb18030"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "gb18030"),
    ],
)
def test_every_promised_encoding_reads_as_the_same_article(
    tmp_path: Path, text: str, encoding: str
) -> None:
    """Same words in another byte encoding: same article, same id."""
    reference = tmp_path / "ref.txt"
    reference.write_text(text, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(text.encode(encoding))
    a, b = load_file(reference), load_file(other)
    assert (b.id, b.title, b.blocks) == (a.id, a.title, a.blocks)


def problems_for(paths: list[Path]) -> dict[str, str]:
    return {p.path: p.reason for p in load_library(paths).problems}


def test_bad_files_are_named_with_a_reason_and_the_rest_still_loads(tmp_path: Path) -> None:
    """Empty, binary, huge, blank, unknown-encoding files and an empty folder: one clear
    reason each, and the good file beside them still loads."""
    good = tmp_path / "good.txt"
    good.write_text(SIMPLIFIED, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    unknown = tmp_path / "unknown.txt"
    unknown.write_bytes(b"abc \x80\x80\xff\xfe\x80 def \xff\xff\x80" * 20)
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    missing = tmp_path / "missing.txt"

    paths = [good, empty, blank, binary, huge, unknown, folder, missing]
    report = load_library(paths)
    assert [a.path for a in report.articles] == [str(good)]
    reasons = problems_for(paths)
    assert reasons[str(empty)] == "the file is empty"
    assert "only blank space" in reasons[str(blank)]
    assert "binary file" in reasons[str(binary)]
    assert "20 MB" in reasons[str(huge)]
    assert "encoding" in reasons[str(unknown)] and "GB18030" in reasons[str(unknown)]
    assert "no text files" in reasons[str(folder)]
    assert "no such file" in reasons[str(missing)]
    assert len(report.problems) == len(paths) - 1


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="root (or Windows) reads files whatever their mode"
)
def test_unreadable_file_gets_a_reason(tmp_path: Path) -> None:
    """A file without read permission is named, not a crash."""
    locked = tmp_path / "locked.txt"
    locked.write_text(SIMPLIFIED, encoding="utf-8")
    locked.chmod(0)
    try:
        assert "permission denied" in problems_for([locked])[str(locked)]
    finally:
        locked.chmod(0o644)


def test_folders_are_walked_for_text_files_only(tmp_path: Path) -> None:
    """A folder loads its .txt/.md/.html files, nested too, and ignores the rest."""
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(TRADITIONAL, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    report = load_library([tmp_path])
    assert report.problems == []
    assert sorted(Path(a.path).name for a in report.articles) == ["a.txt", "b.md"]


def test_article_id_is_stable_across_runs_and_paths(tmp_path: Path) -> None:
    """The id depends on the content, not on where the file is or when it was read."""
    one = tmp_path / "one.txt"
    two = tmp_path / "elsewhere.md"
    one.write_text(SIMPLIFIED, encoding="utf-8")
    two.write_text(SIMPLIFIED, encoding="utf-8")
    assert load_file(one).id == load_file(two).id == load_file(one).id
    two.write_text(SIMPLIFIED + "又一段。\n", encoding="utf-8")
    assert load_file(two).id != load_file(one).id
