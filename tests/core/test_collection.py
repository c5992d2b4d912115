"""The reader's own library: import, duplicates, edits, missing files, cancel, remove and
undo, and full-text search that ignores script, with real SQLite files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader_app.core.collection import Collection, open_library
from reader_app.core.resources import seeds_dir
from reader_app.core.search import Query
from reader_app.core.storage import open_database

ARTICLE = "羊肚菌走出大山\n\n木里的羊肚菌通过直播卖到了上海，电信公司帮忙打开了销路。\n"
OTHER = "光纤进村\n\n今年村里通了光纤，孩子们第一次上了网课。\n"


@pytest.fixture
def collection(tmp_path: Path) -> Collection:
    return Collection(open_database(tmp_path / "data" / "library.sqlite3"))


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_import_reads_every_encoding(collection: Collection, tmp_path: Path, encoding: str) -> None:
    """A file in any promised encoding is added and loads back the same."""
    path = write(tmp_path / "in", "a.txt", ARTICLE, encoding)
    report = collection.import_paths([path])
    assert [a.title for a in report.added] == ["羊肚菌走出大山"]
    assert [a.title for a in collection.load().articles] == ["羊肚菌走出大山"]


def test_big5_import(collection: Collection, tmp_path: Path) -> None:
    """Traditional text in Big5 is added and found by a Simplified query."""
    path = write(
        tmp_path / "in", "b.txt", "光纖進村\n\n今年村裡通了光纖，孩子們第一次上了網課。\n", "big5"
    )
    collection.import_paths([path])
    articles = {a.id: a for a in collection.load().articles}
    collection.ensure_index(articles.values())
    assert [h.title for h in collection.search("光纤", articles)] == ["光纖進村"]


def test_same_content_twice_is_one_article(collection: Collection, tmp_path: Path) -> None:
    """The same article at two paths, or imported twice, is one article."""
    a = write(tmp_path / "in", "a.txt", ARTICLE)
    b = write(tmp_path / "elsewhere", "copy.md", ARTICLE)
    first = collection.import_paths([a])
    second = collection.import_paths([a, b])
    assert len(first.added) == 1 and second.added == []
    assert [why for _p, why in second.skipped] == [
        "already in the library",
        f"the same article as {a}",
    ]
    assert len(collection.load().articles) == 1


def test_bad_files_are_refused_with_reasons_and_the_rest_imported(
    collection: Collection, tmp_path: Path
) -> None:
    """One clear reason per refused file; the good ones go in."""
    good = write(tmp_path / "in", "good.txt", ARTICLE)
    empty = write(tmp_path / "in", "empty.txt", "")
    report = collection.import_paths([good, empty])
    assert [a.title for a in report.added] == ["羊肚菌走出大山"]
    assert [(p.path, p.reason) for p in report.refused] == [
        (str(empty.absolute()), "the file is empty")
    ]


def test_edited_file_is_cleaned_again_and_keeps_its_id(
    collection: Collection, tmp_path: Path
) -> None:
    """Edit the source: the next start shows the new text under the same article id."""
    path = write(tmp_path / "in", "a.txt", ARTICLE)
    (added,) = collection.import_paths([path]).added
    path.write_text(ARTICLE + "\n又补充了一段。\n", encoding="utf-8")
    (reloaded,) = collection.load().articles
    assert reloaded.id == added.id
    assert reloaded.blocks[-1].text == "又补充了一段。"


def test_missing_file_is_listed_not_dropped(collection: Collection, tmp_path: Path) -> None:
    """A moved or deleted source is reported missing; its record (and notes) stay."""
    path = write(tmp_path / "in", "a.txt", ARTICLE)
    (added,) = collection.import_paths([path]).added
    collection.db.notes.add(added.id, body="我的笔记")
    path.unlink()
    state = collection.load()
    assert state.articles == [] and state.missing == [(added.id, str(path.absolute()))]
    assert [n.body for n in collection.db.notes.for_article(added.id)] == ["我的笔记"]
    path.write_text(ARTICLE, encoding="utf-8")  # put back: it is there again
    assert [a.id for a in collection.load().articles] == [added.id]


def test_cancel_leaves_every_file_wholly_in_or_out(collection: Collection, tmp_path: Path) -> None:
    """Cancelling midway: the files done are complete (indexed too), the rest absent."""
    folder = tmp_path / "many"
    for i in range(6):
        write(folder, f"{i}.txt", f"第{i}篇文章\n\n正文{i}号，讲的是光纤进村。\n")
    calls = []
    report = collection.import_paths(
        [folder], progress=lambda d, t, p: calls.append(d), cancelled=lambda: len(calls) >= 3
    )
    assert report.cancelled and len(report.added) == 3
    articles = {a.id: a for a in collection.load().articles}
    assert len(articles) == 3
    assert not collection.ensure_index(articles.values()), "the index was already in step"
    assert len(collection.search("光纤", articles)) == 3
    again = collection.import_paths([folder])  # finishing the import later adds the rest
    assert len(again.added) == 3 and len(again.skipped) == 3


def test_remove_and_undo(collection: Collection, tmp_path: Path) -> None:
    """Removing takes the article out of the library and the search, not off the disk."""
    path = write(tmp_path / "in", "a.txt", ARTICLE)
    (added,) = collection.import_paths([path]).added
    articles = {added.id: added}
    collection.remove(added.id)
    assert collection.load().articles == [] and path.exists()
    assert collection.search("羊肚菌", articles) == []
    collection.restore(added.id)
    assert [a.id for a in collection.load().articles] == [added.id]
    assert [h.article_id for h in collection.search("羊肚菌", articles)] == [added.id]


@pytest.fixture
def seeded(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "library.sqlite3")
    return open_library(db, [seeds_dir()])


def titles(lib, query: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.title[:4] for h in lib.collection.search(query, lib.by_id())}


def test_search_ignores_script(seeded) -> None:  # type: ignore[no-untyped-def]
    """電信 and 电信 find the same articles, in Simplified and Traditional sources alike."""
    simp, trad = titles(seeded, "电信"), titles(seeded, "電信")
    assert simp == trad
    assert {"吹响“集", "精準扶貧"} <= simp


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("羊", {"吹响“集"}),  # one character
        ("藏祥阁", {"吹响“集"}),
        ("移動", {"中國移動"}),  # two characters, Traditional typed
        ("葉菁", {"精準扶貧"}),
        ("iptv", {"吹响“集"}),  # Latin, any case
        ("格桑拉姆 燕门乡", {"守初心担"}),  # AND
        ("格桑拉姆 木里", set()),  # AND with no article having both
        ('"云领时代 数创未来"', {"吹响“集"}),  # exact phrase across the headline's space
        ('"数创未来 云领时代"', set()),  # the phrase in the wrong order
    ],
)
def test_search_queries(seeded, query: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Short substrings, AND, exact phrases: each query finds exactly the articles with it."""
    assert titles(seeded, query) == expected


def test_hits_and_snippets_show_the_match(seeded) -> None:  # type: ignore[no-untyped-def]
    """Each result counts its hits and shows them marked in its own script."""
    (hit,) = seeded.collection.search("葉菁", seeded.by_id())
    assert hit.hits == 1 and "[葉菁]" in hit.snippet
    text = seeded.by_id()[hit.article_id].all_text()
    assert [text[s:e] for s, e in hit.spans] == ["葉菁"]


def test_empty_query_finds_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    """A query of only punctuation or spaces is no query."""
    assert not Query.parse("  ，。 ")
    assert seeded.collection.search("，。", seeded.by_id()) == []


def test_damaged_or_missing_index_is_rebuilt(tmp_path: Path) -> None:
    """Drop or empty the index behind the app's back: the next open rebuilds it."""
    db = open_database(tmp_path / "library.sqlite3")
    lib = open_library(db, [seeds_dir()])
    with db.transaction("test") as conn:
        conn.execute("DELETE FROM search_index")
    assert lib.collection.search("羊肚菌", lib.by_id()) == []
    lib = open_library(db, [seeds_dir()])
    assert len(lib.collection.search("羊肚菌", lib.by_id())) == 1
    with db.transaction("test") as conn:
        conn.execute("DROP TABLE search_index")
    lib = open_library(db, [seeds_dir()])
    assert len(lib.collection.search("羊肚菌", lib.by_id())) == 1


def test_damaged_index_is_rebuilt_by_the_search_that_finds_it(tmp_path: Path) -> None:
    """Garbage in the index's pages: the search still answers, and the index is whole."""
    db = open_database(tmp_path / "library.sqlite3")
    lib = open_library(db, [seeds_dir()])
    with db.transaction("test") as conn:
        # Torn pages (cut in half), which SQLite reports as damage. Not random bytes:
        # garbage that happens to decode as an empty list (zeros always do) is read
        # without an error as "no hits", and made this test fail one run in forty.
        conn.execute(
            "UPDATE search_index_data SET block = substr(block, 1, length(block) / 2) "
            "WHERE id > 10"
        )
    assert len(lib.collection.search("羊肚菌", lib.by_id())) == 1
    with db.transaction("test") as conn:
        conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")


# -- the files the app is started on (the seeds, --open) --------------------------------


def test_opened_files_read_back_from_the_cache_equal_a_fresh_clean(tmp_path: Path) -> None:
    """The second start reads the seeds from the library file; every article, blocks
    included, is the same as cleaning the files again."""
    from reader_app.core.library import load_library

    fresh = load_library([seeds_dir()]).articles
    path = tmp_path / "library.sqlite3"
    with open_database(path) as db:
        assert open_library(db, [seeds_dir()]).articles == fresh
    with open_database(path) as db:
        again = open_library(db, [seeds_dir()]).articles
        assert [a.id for a in again] == [a.id for a in fresh]
        assert again == fresh


def test_warm_start_does_not_need_the_cleaners(tmp_path: Path) -> None:
    """With every seed unchanged since the last start, opening the library imports no
    cleaner (they are a good part of start-up time), yet the articles are all there
    and their text reads."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from reader_app.core.collection import open_library\n"
        "from reader_app.core.resources import seeds_dir\n"
        "from reader_app.core.storage import open_database\n"
        "db = open_database(sys.argv[1])\n"
        "articles = open_library(db, [seeds_dir()]).articles\n"
        "print(len(articles), 'reader_app.core.sources' in sys.modules)\n"
        "print(sum(len(a.blocks) for a in articles) > 0)\n"
    )
    db = str(tmp_path / "library.sqlite3")

    def run() -> list[str]:
        out = subprocess.run([sys.executable, "-c", script, db], capture_output=True,
                             text=True, check=True)
        return out.stdout.split()

    assert run() == ["5", "True", "True"]  # the first start cleans
    assert run() == ["5", "False", "True"]  # the next one reads the cache


def test_edited_opened_file_is_cleaned_again(tmp_path: Path) -> None:
    folder = tmp_path / "opened"
    path = write(folder, "a.txt", ARTICLE)
    db = open_database(tmp_path / "library.sqlite3")
    assert [a.title for a in open_library(db, [folder]).articles] == ["羊肚菌走出大山"]
    path.write_text(OTHER + "\n补记。\n", encoding="utf-8")
    (article,) = open_library(db, [folder]).articles
    assert article.title == "光纤进村"
    assert article.blocks[-1].text == "补记。"


def test_removed_seed_stays_removed_until_put_back(tmp_path: Path) -> None:
    """Removing a seed lasts beyond the session; undo (restore) brings it back."""
    path = tmp_path / "library.sqlite3"
    with open_database(path) as db:
        opened = open_library(db, [seeds_dir()])
        gone = opened.articles[1]
        opened.collection.remove(gone.id)
    with open_database(path) as db:
        opened = open_library(db, [seeds_dir()])
        assert gone.id not in {a.id for a in opened.articles}
        assert len(opened.articles) == 4
        assert all(h.article_id != gone.id for h in opened.collection.search(
            gone.title[:4], opened.by_id()))
        opened.collection.restore(gone.id)
    with open_database(path) as db:
        opened = open_library(db, [seeds_dir()])
        assert gone.id in {a.id for a in opened.articles}
        hits = opened.collection.search(gone.title[:4], opened.by_id())
        assert gone.id in {h.article_id for h in hits}


def test_removed_seed_comes_back_when_its_file_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with open_database(path) as db:
        opened = open_library(db, [seeds_dir()])
        gone = opened.articles[0]
        opened.collection.remove(gone.id)
        report = opened.collection.import_paths([gone.path])
        assert [a.id for a in report.added] == [gone.id]
    with open_database(path) as db:
        ids = [a.id for a in open_library(db, [seeds_dir()]).articles]
        assert ids.count(gone.id) == 1
