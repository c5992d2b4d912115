"""The article list model and its filter/sort proxy, checked without any view."""

from __future__ import annotations

import pytest

from reader_app.core.article import Script
from reader_app.core.library import load_library
from reader_app.core.resources import seeds_dir
from reader_app.core.script import fold
from reader_app.ui.article_filter import ArticleFilterModel, SortKey
from reader_app.ui.article_list_model import ArticleListModel, Role


@pytest.fixture(scope="module")
def articles():  # type: ignore[no-untyped-def]
    return load_library([seeds_dir()]).articles


@pytest.fixture
def model(qapp, articles):  # type: ignore[no-untyped-def]
    return ArticleListModel(articles)


@pytest.fixture
def proxy(model):  # type: ignore[no-untyped-def]
    p = ArticleFilterModel()
    p.setSourceModel(model)
    return p


def test_model_passes_modeltester(qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    """The list model keeps Qt's model contract."""
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_modeltester_while_filtering(qtmodeltester, proxy) -> None:  # type: ignore[no-untyped-def]
    """The proxy keeps the contract through filtering and sorting."""
    proxy.set_filter_text("扶貧")
    proxy.set_sort_key(SortKey.TITLE)
    qtmodeltester.check(proxy, force_py=True)


def test_roles_describe_each_article(model, articles) -> None:  # type: ignore[no-untyped-def]
    """Every row exposes title, date, source and the script mark by name."""
    names = {bytes(v) for v in model.roleNames().values()}
    assert {b"title", b"date", b"source", b"script", b"bookmarked"} <= names
    for row, article in enumerate(articles):
        index = model.index(row)
        assert index.data(Role.TITLE) == article.title
        assert index.data(Role.DATE) == (article.date or "")
        mark = index.data(Role.SCRIPT)
        assert mark == ("繁" if article.script is Script.TRADITIONAL else "简")
        assert index.data(Role.BOOKMARKED) is False


def test_shown_title_changes_one_row(qtbot, model, articles) -> None:  # type: ignore[no-untyped-def]
    """Showing a converted title announces exactly that row."""
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_shown_title(articles[1].id, "新标题")
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() == bottom.row() == 1
    assert model.index(1).data(Role.TITLE) == "新标题"


def test_traditional_filter_finds_simplified_titles(proxy, articles) -> None:  # type: ignore[no-untyped-def]
    """Typing 郵電 (Traditional) keeps the articles from 人民邮电报 and 人民郵電報 alike."""
    expected = {a.id for a in articles if "邮电" in fold(f"{a.title} {a.source or ''}")}
    proxy.set_filter_text("郵電")
    shown = {proxy.index(r, 0).data(Role.ARTICLE_ID) for r in range(proxy.rowCount())}
    assert shown == expected
    scripts = {a.script for a in articles if a.id in shown}
    assert scripts == {Script.SIMPLIFIED, Script.TRADITIONAL}
    assert proxy.rowCount() < len(articles)
    proxy.set_filter_text("")
    assert proxy.rowCount() == len(articles)


def test_sort_by_date_puts_newest_first(proxy) -> None:  # type: ignore[no-untyped-def]
    """Newest first; undated articles at the end."""
    proxy.set_sort_key(SortKey.DATE)
    dates = [proxy.index(r, 0).data(Role.DATE) for r in range(proxy.rowCount())]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated


def test_sort_by_source_groups_sources(proxy) -> None:  # type: ignore[no-untyped-def]
    """Same source next to each other."""
    proxy.set_sort_key(SortKey.SOURCE)
    sources = [proxy.index(r, 0).data(Role.SOURCE) for r in range(proxy.rowCount())]
    seen: list[str] = []
    for s in sources:
        if not seen or seen[-1] != s:
            assert s not in seen
            seen.append(s)


def shown_ids(proxy) -> list[str]:  # type: ignore[no-untyped-def]
    return [proxy.index(r, 0).data(Role.ARTICLE_ID) for r in range(proxy.rowCount())]


def matching(model, text: str, bookmarked_only: bool = False) -> set[str]:  # type: ignore[no-untyped-def]
    """The ids the filter should keep, worked out from the articles themselves."""
    words = [fold(w).casefold() for w in text.split()]
    keep = set()
    for row in range(model.rowCount()):
        index = model.index(row)
        article = index.data(Role.ARTICLE)
        shown = index.data(Role.TITLE)
        haystack = fold(f"{article.title} {shown} {article.source or ''}").casefold()
        if all(w in haystack for w in words) and (
            not bookmarked_only or index.data(Role.BOOKMARKED)
        ):
            keep.add(article.id)
    return keep


def test_filter_follows_titles_rows_and_bookmarks_that_change(proxy, model, articles) -> None:  # type: ignore[no-untyped-def]
    """While a filter is on, the rows shown follow what changes under it: a title shown
    in another script, rows added and removed, bookmarks, a new sort order."""
    proxy.set_filter_text("扶贫")
    assert set(shown_ids(proxy)) == matching(model, "扶贫") != set()
    hidden = next(a for a in articles if a.id not in matching(model, "扶贫"))
    model.set_shown_title(hidden.id, "扶貧新標題")
    assert hidden.id in shown_ids(proxy)
    model.set_shown_title(hidden.id, None)
    assert hidden.id not in shown_ids(proxy)

    extra = [articles[0].with_changes(id=f"extra-{i}", title=title)
             for i, title in enumerate(["東方扶貧記", "无关的标题", "扶贫路上"])]
    model.add_articles(extra)
    assert set(shown_ids(proxy)) == matching(model, "扶贫")
    assert {"extra-0", "extra-2"} <= set(shown_ids(proxy))
    model.remove_article("extra-0")
    assert set(shown_ids(proxy)) == matching(model, "扶贫")

    proxy.set_sort_key(SortKey.TITLE)
    assert set(shown_ids(proxy)) == matching(model, "扶贫")
    titles = [proxy.index(r, 0).data(Role.TITLE) for r in range(proxy.rowCount())]
    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)

    proxy.set_bookmarked_only(True)
    assert shown_ids(proxy) == []
    marked = next(iter(matching(model, "扶贫")))
    model.set_bookmarked(marked, True)
    assert shown_ids(proxy) == [marked]
    proxy.set_filter_text("")
    assert set(shown_ids(proxy)) == matching(model, "", bookmarked_only=True) == {marked}
    proxy.set_bookmarked_only(False)
    assert proxy.rowCount() == model.rowCount()
