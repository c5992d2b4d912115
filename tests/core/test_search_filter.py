"""Narrowing a search by source, date range and a set of articles (the bookmarked ones),
with the limit counted after the filter; and a search being a read that never holds up
a write. Real Markdown files imported into a real library file in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader_app.core.article import Article
from reader_app.core.collection import Collection, open_library
from reader_app.core.resources import seeds_dir
from reader_app.core.search import SearchFilter, date_bound, source_counts
from reader_app.core.storage import open_database


def post(title: str, body: str, date: str | None, source: str | None) -> str:
    meta = [f"title: {title}"]
    if date:
        meta.append(f"date: {date}")
    if source:
        meta.append(f"source: {source}")
    return "---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n"


# Every article mentions 光纤. The 人民邮电报 ones say it most (and in the title), so they
# rank first: a filter applied after the limit would lose the others.
POSTS = {
    "trad.md": post("山村网课", "今年村里通了光纤，孩子们上了网课。", "2021-03-10", "通信信息報"),
    "simp.md": post("乡村直播", "光纤到户以后，村民开始直播卖货。", "2021-01-05", "通信信息报"),
    "old.md": post("光纤光纤进山", "光纤光纤光纤，光纤进山。", "2019-10-22", "人民邮电报"),
    "undated.md": post("光纤光纤到乡", "光纤光纤光纤，光纤到乡。", None, "人民邮电报"),
    "nosource.md": post("基站上山", "基站和光纤一起上了山。", "2020-06-01", None),
}


@pytest.fixture
def library(tmp_path: Path) -> tuple[Collection, dict[str, Article]]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    collection = Collection(open_database(tmp_path / "data" / "library.sqlite3"))
    report = collection.import_paths([folder])
    assert len(report.added) == len(POSTS), report.refused
    articles = {a.id: a for a in collection.load().articles}
    collection.ensure_index(articles.values())
    return collection, articles


def found(library, search_filter: SearchFilter = SearchFilter(), limit: int = 200) -> list[str]:  # type: ignore[no-untyped-def]  # noqa: B008
    collection, articles = library
    return [h.title for h in collection.search("光纤", articles, limit, search_filter)]


ALL = {"山村网课", "乡村直播", "光纤光纤进山", "光纤光纤到乡", "基站上山"}


def test_no_filter_finds_every_article(library) -> None:  # type: ignore[no-untyped-def]
    assert set(found(library)) == ALL
    assert not SearchFilter().active


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ({"通信信息报"}, {"山村网课", "乡村直播"}),  # Simplified name finds both spellings
        ({"通信信息報"}, {"山村网课", "乡村直播"}),  # and so does the Traditional one
        ({"人民郵電報"}, {"光纤光纤进山", "光纤光纤到乡"}),  # a spelling no article uses
        ({"人民邮电报", "通信信息报"}, ALL - {"基站上山"}),  # any of several
        ({"新华社"}, set()),
    ],
)
def test_source_filter_ignores_script(library, sources, expected) -> None:  # type: ignore[no-untyped-def]
    """A source matches whichever script it is written in; no source never matches."""
    assert set(found(library, SearchFilter(sources=frozenset(sources)))) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2021-01-05", None, {"山村网课", "乡村直播"}),  # inclusive lower bound
        ("2021-01-06", None, {"山村网课"}),
        (None, "2020-06-01", {"光纤光纤进山", "基站上山"}),  # inclusive upper bound
        ("2020-01-01", "2021-01-31", {"基站上山", "乡村直播"}),
        ("2022-01-01", None, set()),
    ],
)
def test_date_range_leaves_out_undated_articles(library, date_from, date_to, expected) -> None:  # type: ignore[no-untyped-def]
    """Bounds are inclusive; the article with no date is never in a range."""
    result = set(found(library, SearchFilter(date_from=date_from, date_to=date_to)))
    assert result == expected
    assert "光纤光纤到乡" not in result


def test_article_ids_filter(library) -> None:  # type: ignore[no-untyped-def]
    """Only the given articles (the bookmarked ones, say); an empty set lets none through."""
    _collection, articles = library
    chosen = {a.id for a in articles.values() if a.title in {"基站上山", "光纤光纤到乡"}}
    assert set(found(library, SearchFilter(article_ids=frozenset(chosen)))) == {
        "基站上山",
        "光纤光纤到乡",
    }
    assert found(library, SearchFilter(article_ids=frozenset())) == []


def test_filters_combine(library) -> None:  # type: ignore[no-untyped-def]
    """Every part must hold: source AND dates AND ids."""
    _collection, articles = library
    by_title = {a.title: a.id for a in articles.values()}
    f = SearchFilter(sources=frozenset({"通信信息报"}), date_from="2021-02-01")
    assert found(library, f) == ["山村网课"]
    both = SearchFilter(
        sources=frozenset({"通信信息报", "人民邮电报"}),
        date_to="2021-01-31",
        article_ids=frozenset({by_title["乡村直播"], by_title["光纤光纤到乡"]}),
    )
    assert found(library, both) == ["乡村直播"]  # 光纤光纤到乡 has no date


def test_limit_counts_only_results_that_pass(library) -> None:  # type: ignore[no-untyped-def]
    """The two best-ranked articles are 人民邮电报's; filtered to 通信信息报 with a limit
    of 2, both of its articles still come back."""
    assert set(found(library, limit=2)) == {"光纤光纤进山", "光纤光纤到乡"}
    only = SearchFilter(sources=frozenset({"通信信息报"}))
    assert set(found(library, only, limit=2)) == {"山村网课", "乡村直播"}
    assert len(found(library, only, limit=1)) == 1


@pytest.mark.parametrize("query", ["电信", "村", "移動", "扶贫 电信"])
def test_a_filter_keeps_the_ranking(tmp_path, query: str) -> None:  # type: ignore[no-untyped-def]
    """A filter that lets every article through gives the unfiltered order, best first
    (the filtered search reads its rows in rank order another way)."""
    lib = open_library(open_database(tmp_path / "library.sqlite3"), [seeds_dir()])
    everyone = SearchFilter(article_ids=frozenset(lib.by_id()))
    plain = lib.collection.search(query, lib.by_id())
    assert plain
    assert lib.collection.search(query, lib.by_id(), 200, everyone) == plain
    assert lib.collection.search(query, lib.by_id(), 2, everyone) == plain[:2]


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2021-01-05", False, "2021-01-05"),
        (" 2021-01-05 ", True, "2021-01-05"),
        ("2021-02", False, "2021-02-01"),
        ("2020-02", True, "2020-02-29"),  # a leap year's February
        ("2021", False, "2021-01-01"),
        ("2021", True, "2021-12-31"),
        ("", True, None),
    ],
)
def test_date_bounds_widen_a_month_or_year(text: str, end: bool, expected: str | None) -> None:
    assert date_bound(text, end=end) == expected


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "21-01-01", "2021/01/05", "yesterday"])
def test_bad_dates_are_refused_with_the_forms_said(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD, YYYY-MM or YYYY"):
        date_bound(text)


def test_a_filter_takes_only_whole_dates_in_order() -> None:
    with pytest.raises(ValueError, match="after the end date"):
        SearchFilter(date_from="2021-02-01", date_to="2021-01-31")
    with pytest.raises(ValueError, match="not a YYYY-MM-DD date"):
        SearchFilter(date_from="2021-02")  # widen it with date_bound first


def test_source_counts_group_the_spellings_of_one_source(library) -> None:  # type: ignore[no-untyped-def]
    _collection, articles = library
    assert source_counts(articles.values()) == [("人民邮电报", 2), ("通信信息報", 2)]


def test_a_damaged_index_is_rebuilt_and_the_filter_still_applies(library) -> None:  # type: ignore[no-untyped-def]
    collection, articles = library
    with collection.db.transaction("test") as conn:
        conn.execute("UPDATE search_index_data SET block = randomblob(length(block)) WHERE id > 1")
    only = SearchFilter(sources=frozenset({"通信信息报"}))
    assert set(found(library, only, limit=2)) == {"山村网课", "乡村直播"}
    assert collection.search("光纤", articles, 200, only)  # a third search: whole again
    with collection.db.transaction("test") as conn:
        conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")


# -- a search is a read --------------------------------------------------------------


def test_search_answers_while_another_window_is_saving_a_note(library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A second connection (another window, the CLI) is in the middle of a note save,
    holding the write lock: the search still answers at once, it does not wait for
    the lock (which used to take the busy timeout and then fail)."""
    collection, articles = library
    other = open_database(tmp_path / "data" / "library.sqlite3")
    some_id = next(iter(articles))
    with other.transaction("test: a note being saved"):
        other.notes.add(some_id, "half-typed note")
        # taking the write lock here would wait out the busy timeout and then fail
        hits = collection.search("光纤", articles)
    assert {h.title for h in hits} == ALL
    assert [n.body for n in collection.db.notes.for_article(some_id)] == ["half-typed note"]
    other.close()


class WritesMidSearch(dict):  # type: ignore[type-arg]
    """The articles, by id; the first time the search looks one up (its read of the
    index under way), another connection saves a note."""

    def __init__(self, articles: dict[str, Article], path: Path) -> None:
        super().__init__(articles)
        self.other = open_database(path)
        self.saved: list[str] = []
        self.errors: list[Exception] = []

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        if not self.saved and not self.errors:
            try:
                self.saved.append(self.other.notes.add(key, "written mid-search").id)
            except Exception as e:  # recorded, so the test says what went wrong
                self.errors.append(e)
        return super().get(key, default)


def test_another_connection_can_write_while_a_search_is_reading(library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """While the search is reading the index, another connection takes the write lock
    and commits; afterwards this connection writes too (no stale read left open)."""
    collection, articles = library
    probe = WritesMidSearch(articles, tmp_path / "data" / "library.sqlite3")
    hits = collection.search("光纤", probe)
    assert probe.errors == [] and len(probe.saved) == 1
    assert {h.title for h in hits} == ALL
    note = collection.db.notes.add(next(iter(articles)), "written after")
    bodies = {n.body for n in collection.db.notes.all()}
    assert bodies == {"written mid-search", "written after"} and note.body == "written after"
    probe.other.close()


def test_a_read_only_library_can_be_searched(library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Searching needs no write access at all."""
    collection, _articles = library
    collection.db.close()
    read_only = open_database(tmp_path / "data" / "library.sqlite3", read_only=True)
    with read_only:
        # articles read through the read-only file (their text is read through it too)
        articles = {a.id: a for a in Collection(read_only).load().articles}
        hits = Collection(read_only).search(
            "光纤", articles, 200, SearchFilter(date_to="2019-12-31")
        )
    assert [h.title for h in hits] == ["光纤光纤进山"]
