"""Keywords as a reader meets them: the names an article is about, no junk, the same in
either script, highlighted where they occur, cached, and jieba kept out of the way.

Articles are hand-written from the seed stories; expected keywords are what a reader
of each paragraph would pick, never output copied from the code under test.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_app.core.article import Article, Block, BlockType, Script
from reader_app.core.convert import convert_text
from reader_app.core.keyword_cache import KeywordCache
from reader_app.core.keywords import (
    JIEBA_CACHE_NAME,
    KEYWORD_CACHE_NAME,
    KeywordExtractor,
    KeywordIndex,
    Span,
    highlight_spans,
    keywords_for_display,
    keywords_for_export,
)
from reader_app.core.paths import AppPaths
from reader_app.core.resources import resource
from reader_app.core.script import fold


def make_article(title: str, *paragraphs: str, script: Script = Script.SIMPLIFIED) -> Article:
    return Article(
        id=f"test-{abs(hash((title, paragraphs))):x}",
        path=f"/library/{title}.txt",
        format="text",
        title=title,
        subtitle=None,
        date=None,
        source=None,
        script=script,
        blocks=tuple(Block(BlockType.PARAGRAPH, p) for p in paragraphs),
    )


MULI = make_article(
    "羊肚菌走出大山",
    "木里县是四川省唯一的藏族自治县，羊肚菌是木里县的特产。过去，羊肚菌运不出大山，"
    "农民的收入上不去。中国电信上海公司把消费扶贫作为帮扶木里县的重点。",
    "中国电信上海公司向员工发出倡议，员工认购木里县的羊肚菌。中国电信旗下的电商平台"
    "天虎云商开设精准扶贫专馆，帮助羊肚菌和核桃油上网销售。",
    "藏祥阁是木里县一家农特产品公司。中国电信引入的合作企业为藏祥阁送来热泵烘干设备，"
    "羊肚菌的品相好了，销量也高了。藏祥阁的负责人说，消费扶贫让大山里的好东西走进了城市。",
    "中国电信上海公司表示，将继续开展消费扶贫。",
)

XINJIANG = make_article(
    "5G云广播“千里传音”暖民心",
    "“这样方便多了，我们可以随时通知社区居民做核酸检测。”胡杨河市的社区书记用5G云广播"
    "向辖区居民通知防疫事宜。新疆电信协助胡杨河市政府落地5G云广播系统。",
    "社区人员只需通过小程序录制通知内容，5G云广播就能把通知及时播放给居民。目前，"
    "胡杨河市所有社区都已用上5G云广播，它成了社区工作人员的好帮手。",
    "新疆电信还在营业厅开设“爱心翼站”，为户外工作者提供热水和休息的地方。中国电信"
    "表示，“爱心翼站”将惠及更多居民。",
)

YUNNAN = make_article(
    "守初心担使命",
    "云南电信总经理王宏来到燕门乡看望贫困户，了解驻村工作队的工作。燕门乡位于"
    "德钦县，是云南电信挂钩帮扶的乡。",
    "藏族女孩格桑拉姆从燕门乡考上大学，因家境贫寒，学费没有着落。得知消息后，"
    "云南电信为格桑拉姆提供了部分学费。如今格桑拉姆已是燕门乡政府的一名公务员。",
    "云南电信驻村工作队组织燕门乡茨中村群众植树造林。中国电信云南公司表示，"
    "驻村工作队将继续扎根燕门乡。",
)

VOICE = make_article(
    "智能语音服务　占比超过50%",
    "“您好，我是智能机器人小知，请问有什么可以帮您？”这是中国电信10000热线的"
    "智能语音导航服务。用户只需说出诉求，客服机器人就能理解意图，直达相应服务。",
    "2020年6月，中国电信10000号在全国31省开放智能语音导航，月均服务量超过6500万通。"
    "智能语音导航采取“去菜单化”，不用再听完一长串语音播报。",
    "中国电信结合语音识别、语义理解等人工智能技术，构建智能客服云，让客服机器人与用户自然交流。",
)

CORPUS = [MULI, XINJIANG, YUNNAN, VOICE]

# What a reader would pick out of each article above.
EXPECTED = {
    MULI.title: {"羊肚菌", "木里县", "藏祥阁", "消费扶贫", "上海公司"},
    XINJIANG.title: {"5G云广播", "胡杨河市", "爱心翼站", "社区", "居民"},
    YUNNAN.title: {"云南电信", "燕门乡", "格桑拉姆", "驻村工作队"},
    VOICE.title: {"智能语音导航", "客服", "机器人"},
}


def stopwords() -> set[str]:
    lines = resource("dict", "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> KeywordExtractor:
    """One warmed-up extractor for the module: a cold jieba start is a second."""
    ex = KeywordExtractor(tmp_path_factory.mktemp("cache"))
    ex.warm_up()
    return ex


@pytest.fixture(scope="module")
def index(extractor: KeywordExtractor) -> KeywordIndex:
    return KeywordIndex.build(CORPUS, extractor)


def count_calls(monkeypatch: pytest.MonkeyPatch, extractor: KeywordExtractor) -> list[int]:
    """Count jieba runs (article_terms calls) on this extractor."""
    calls = [0]
    real: Callable[[Article], object] = extractor.article_terms

    def counting(article: Article) -> object:
        calls[0] += 1
        return real(article)

    monkeypatch.setattr(extractor, "article_terms", counting)
    return calls


# --- what a reader would pick ----------------------------------------------------------


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: a.title)
def test_distinctive_names_are_in_the_top_ten(index: KeywordIndex, article: Article) -> None:
    """Each article's own places, people, products and campaigns make its top 10."""
    top = index.keywords(article, top=10)
    assert EXPECTED[article.title] <= set(top), top


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: a.title)
def test_no_junk_in_keywords(index: KeywordIndex, article: Article) -> None:
    """No single characters, numbers, stop words or markup among the top 20."""
    stop = stopwords()
    for word in index.keywords(article, top=20):
        assert len(word) >= 2, word
        assert word not in stop, word
        assert not any(ch.isdigit() for ch in word) or word in {"5G", "5G云广播"}, word
        assert not word.isascii() or word.isupper() or word[0].isdigit(), word


def test_markup_numbers_and_filler_never_become_keywords(extractor: KeywordExtractor) -> None:
    """A page full of leftover markup, dates, counts and filler still yields only words."""
    junk = make_article(
        "p strong html",
        "<p><strong>2019年4月10日</strong></p> http://www.example.com/index.html "
        "我们表示，我们进行了工作，开展了工作，提供了工作，实现了工作。",
        "10000号 10000号 10000号 3000名 80余万元 2019年 2019年 2020年 E站 E站 a b c "
        "一个 一个 三年 三年 第十一 第十一",
        "羊肚菌 羊肚菌 羊肚菌",
    )
    assert extractor.keywords(junk, top=10) == ["羊肚菌"]


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        ("5G", True),
        ("IPTV", True),
        ("VPN", True),
        ("5G云广播", True),
        ("羊肚菌", True),
        ("p", False),
        ("strong", False),
        ("html", False),
        ("http", False),
        ("com", False),
        ("E", False),
        ("ms", False),
        ("2019年", False),
        ("10000号", False),
        ("80余万元", False),
        ("一个", False),
        ("第十一", False),
        ("万元", False),
        ("个省", False),
        ("我们", False),
        ("表示", False),
        ("进行", False),
        ("开展", False),
        ("工作", False),
        ("提供", False),
        ("实现", False),
        ("扶贫", True),
        ("电信", True),
        ("教育", True),
    ],
)
def test_what_may_be_a_keyword(extractor: KeywordExtractor, word: str, kept: bool) -> None:
    """Acronyms like 5G and IPTV stay; markup, numbers and filler words go; topics stay."""
    assert extractor.is_candidate(word) is kept


def test_user_dictionary_keeps_names_whole(extractor: KeywordExtractor) -> None:
    """Names the reader sees as one word are cut as one word."""
    text = "天虎云商上架了木里县的羊肚菌，新疆电信推出5G云广播和翼联爱心卡，格桑拉姆在燕门乡。"
    terms = extractor.terms(text)
    for name in ("天虎云商", "木里县", "羊肚菌", "5G云广播", "翼联爱心卡", "格桑拉姆", "燕门乡"):
        assert name in terms, sorted(terms)


def test_word_in_every_article_ranks_below_a_distinctive_one(
    extractor: KeywordExtractor, index: KeywordIndex
) -> None:
    """中国电信 is in every article and said more often than 藏祥阁, yet ranks below it."""
    text = MULI.all_text()
    assert text.count("中国电信") > text.count("藏祥阁")
    assert all("中国电信" in a.all_text() for a in CORPUS)
    alone = extractor.keywords(MULI, top=30)
    assert alone.index("中国电信") < alone.index("藏祥阁")  # on its own, frequency wins
    in_library = index.keywords(MULI, top=10)
    assert "中国电信" in in_library  # still findable ...
    assert in_library.index("藏祥阁") < in_library.index("中国电信")  # ... but below


def test_corpus_idf_is_lower_for_a_word_everyone_uses(index: KeywordIndex) -> None:
    """The library's document frequencies lower the weight of words every article has."""
    assert index.document_frequency("中国电信") == len(CORPUS)
    assert index.document_frequency("羊肚菌") == 1
    assert index.idf("中国电信") < index.idf("羊肚菌")
    assert index.idf("中国电信") > 0


# --- scripts ------------------------------------------------------------------------------


def traditional_twin(article: Article) -> Article:
    s2t = lambda text: convert_text(text, "s2t")  # noqa: E731
    return article.with_changes(
        id=article.id + "-t",
        title=s2t(article.title),
        blocks=tuple(Block(b.type, s2t(b.text)) for b in article.blocks),
        script=Script.TRADITIONAL,
    )


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: a.title)
def test_traditional_article_gets_the_keywords_of_its_simplified_twin(
    extractor: KeywordExtractor, index: KeywordIndex, article: Article
) -> None:
    """Shown in Traditional, an article is about the same things, named in Simplified."""
    twin = traditional_twin(article)
    assert twin.all_text() != article.all_text()
    others = [a for a in CORPUS if a is not article]
    twin_index = KeywordIndex.build([twin, *others], extractor)
    assert twin_index.keywords(twin) == index.keywords(article)


def test_keywords_for_display_follow_the_displayed_script(index: KeywordIndex) -> None:
    """Keywords of a Traditional article are shown as the article writes them."""
    twin = traditional_twin(MULI)
    shown = keywords_for_display(index.keywords(MULI), twin.all_text())
    for word in ("木里縣", "藏祥閣", "消費扶貧", "中國電信", "羊肚菌"):
        assert word in shown, shown
    assert keywords_for_display(["木里县", "羊肚菌"], MULI.all_text()) == ["木里县", "羊肚菌"]


def test_export_fills_keywords_in_the_shown_script(tmp_path: Path) -> None:
    """`reader-app export --script traditional` writes Traditional keywords."""
    shown = [traditional_twin(a) for a in CORPUS]
    exported = keywords_for_export(shown, CORPUS, AppPaths.resolve(tmp_path))
    assert [a.id for a in exported] == [a.id for a in shown]
    assert {"木里縣", "藏祥閣", "羊肚菌"} <= set(exported[0].keywords)
    assert {"燕門鄉", "格桑拉姆", "雲南電信"} <= set(exported[2].keywords)
    assert (AppPaths.resolve(tmp_path).cache_dir / KEYWORD_CACHE_NAME).is_file()


def test_keyword_missing_from_display_text_is_kept_as_is() -> None:
    """A word the displayed text renders differently (Taiwan's 資訊 for 信息) is not lost."""
    assert keywords_for_display(["信息", "網絡"], "資訊網絡") == ["信息", "網絡"]


# --- highlight spans ----------------------------------------------------------------------


def test_simplified_term_is_highlighted_in_traditional_text() -> None:
    """A keyword found in Simplified marks the same words in Traditional text."""
    text = "消費扶貧是社會力量參與脫貧攻堅的重要途徑，木里縣的羊肚菌成了網紅。"
    spans = highlight_spans(text, ["消费扶贫", "木里县", "羊肚菌"])
    assert [text[s.start : s.end] for s in spans] == ["消費扶貧", "木里縣", "羊肚菌"]
    assert [s.term for s in spans] == ["消费扶贫", "木里县", "羊肚菌"]


def test_traditional_term_is_highlighted_in_simplified_text() -> None:
    """A term the reader types in Traditional finds the Simplified words too."""
    text = "中国电信上海公司向员工发出倡议，鼓励大家认购木里县的羊肚菌。"
    spans = highlight_spans(text, ["中國電信", "木里縣"])
    assert spans == [Span(0, 4, "中國電信"), Span(22, 25, "木里縣")]
    assert text[22:25] == "木里县"


def test_longest_match_wins_and_spans_never_overlap() -> None:
    """木里县 is one mark, not 木里 plus a stray 县; the other 木里 is its own mark."""
    text = "木里县的孩子，木里的山。"
    spans = highlight_spans(text, ["木里", "木里县", "县的"])
    assert spans == [Span(0, 3, "木里县"), Span(7, 9, "木里")]


def test_every_occurrence_is_marked_and_latin_ignores_case() -> None:
    """All occurrences are found; iptv typed in lower case marks IPTV."""
    text = "IPTV专区上线，孩子们在IPTV上学儿歌。"
    assert highlight_spans(text, ["iptv"]) == [Span(0, 4, "iptv"), Span(13, 17, "iptv")]


def test_indices_count_code_points_beyond_the_bmp() -> None:
    """Rare characters outside the BMP count as one index, like Python strings do."""
    text = "𠮷野家的羊肚菌"  # 𠮷 is U+20BB7: one code point, two UTF-16 units
    assert highlight_spans(text, ["羊肚菌"]) == [Span(4, 7, "羊肚菌")]


def test_empty_and_blank_terms_mark_nothing() -> None:
    assert highlight_spans("羊肚菌", ["", "  "]) == []
    assert highlight_spans("", ["羊肚菌"]) == []


_CHARS = "木里县羊肚菌縣電信电中國国扶貧贫aAbB 。"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_CHARS, max_size=40),
    st.lists(st.text(alphabet=_CHARS, min_size=1, max_size=4), max_size=6),
)
def test_spans_are_sorted_disjoint_and_fold_to_their_term(text: str, terms: list[str]) -> None:
    """Whatever the text and terms, each span's text folds to its term, in order, apart."""
    spans = highlight_spans(text, terms)
    assert spans == sorted(spans)
    for before, after in itertools.pairwise(spans):
        assert before.end <= after.start
    for span in spans:
        assert fold(text[span.start : span.end]).lower() == fold(span.term).lower()
        assert span.term in [t.strip() for t in terms]


# --- the SQLite cache -------------------------------------------------------------------


def test_cached_keywords_come_back_without_running_jieba(
    tmp_path: Path, extractor: KeywordExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Second time round, even after reopening the file, no article is cut again."""
    path = tmp_path / KEYWORD_CACHE_NAME
    calls = count_calls(monkeypatch, extractor)
    with KeywordCache(path) as cache:
        first = {a.id: KeywordIndex.build(CORPUS, extractor, cache).keywords(a) for a in CORPUS}
    assert calls[0] == len(CORPUS)  # each article cut exactly once

    with KeywordCache(path) as reopened:
        again = KeywordIndex.build(CORPUS, extractor, reopened)
        assert {a.id: again.keywords(a) for a in CORPUS} == first
    assert calls[0] == len(CORPUS)  # nothing was cut the second time


def test_changed_article_is_recomputed(
    tmp_path: Path, extractor: KeywordExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited text under the same id misses the cache and gets its own keywords."""
    with KeywordCache(tmp_path / KEYWORD_CACHE_NAME) as cache:
        index = KeywordIndex.build(CORPUS, extractor, cache)
        before = index.keywords(MULI)
        edited = MULI.with_changes(
            blocks=(
                *MULI.blocks,
                Block(BlockType.PARAGRAPH, "牦牛肉酱、牦牛肉酱、牦牛肉酱也上了直播。"),
            )
        )
        calls = count_calls(monkeypatch, extractor)
        after = index.keywords(edited)
    assert calls[0] == 1
    assert "牦牛肉酱" in after and "牦牛肉酱" not in before


def test_cache_serves_a_shorter_list_but_not_a_longer_one(tmp_path: Path) -> None:
    """Top 10 cached answers top 3; a request for top 20 is recomputed."""
    with KeywordCache(tmp_path / "k.sqlite3") as cache:
        words = [f"词{i}" for i in range(10)]
        cache.put_keywords("a", "h", "v1", 10, words)
        assert cache.get_keywords("a", "h", "v1", 3) == words[:3]
        assert cache.get_keywords("a", "h", "v1", 20) is None
        assert cache.get_keywords("a", "other-hash", "v1", 3) is None
        assert cache.get_keywords("a", "h", "v2", 3) is None
        cache.put_keywords("b", "h", "v1", 10, ["羊肚菌"])  # the article had only one
        assert cache.get_keywords("b", "h", "v1", 20) == ["羊肚菌"]


def test_cache_file_is_wal_and_survives_reopening(tmp_path: Path) -> None:
    """The cache is a real SQLite file in WAL mode whose rows outlive the connection."""
    path = tmp_path / "k.sqlite3"
    with KeywordCache(path) as cache:
        cache.put_keywords("a", "h", "v", 10, ["木里县", "羊肚菌"])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with KeywordCache(path) as cache:
        assert cache.get_keywords("a", "h", "v", 10) == ["木里县", "羊肚菌"]


def test_damaged_cache_file_is_replaced(tmp_path: Path) -> None:
    """A cache file that is not a database is started afresh instead of failing."""
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with KeywordCache(path) as cache:
        cache.put_keywords("a", "h", "v", 10, ["羊肚菌"])
        assert cache.get_keywords("a", "h", "v", 10) == ["羊肚菌"]


# --- jieba: where it writes, what it prints, when it loads ---------------------------------


def test_jieba_cache_lands_in_the_given_dir_not_tmp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A cold start writes jieba's cache under the app's cache dir, fixed name, silently."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    cache_dir = tmp_path / "cache"
    ex = KeywordExtractor(cache_dir)
    assert not ex.ready
    ex.warm_up()
    assert ex.ready
    assert (cache_dir / JIEBA_CACHE_NAME).is_file()
    assert list(system_tmp.iterdir()) == []
    out, err = capfd.readouterr()
    assert "prefix dict" not in out + err
    assert "Loading model" not in out + err

    files_after_cold_start = sorted(p.name for p in cache_dir.iterdir())
    again = KeywordExtractor(cache_dir)  # a warm start reuses the same files
    again.warm_up()
    assert sorted(p.name for p in cache_dir.iterdir()) == files_after_cold_start
    assert list(system_tmp.iterdir()) == []
    assert again.terms(MULI.all_text()) == ex.terms(MULI.all_text())


def test_damaged_jieba_cache_is_rebuilt(tmp_path: Path) -> None:
    """A truncated or foreign jieba cache file does not stop keywords: it is rebuilt."""
    (tmp_path / JIEBA_CACHE_NAME).write_bytes(b"\x00garbage")
    ex = KeywordExtractor(tmp_path)
    assert "羊肚菌" in ex.keywords(MULI)
    assert (tmp_path / JIEBA_CACHE_NAME).stat().st_size > 1_000_000


def test_importing_keywords_does_not_load_jieba(tmp_path: Path) -> None:
    """Importing the module and creating an extractor leaves jieba unloaded."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import reader_app.core.keywords as k\n"
        f"ex = k.KeywordExtractor(Path({str(tmp_path)!r}))\n"
        "k.highlight_spans('木里县', ['木里县'])\n"
        "k.keywords_for_display(['木里县'], '木里縣')\n"
        "sys.exit(1 if 'jieba' in sys.modules or ex.ready else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written either


def test_first_calls_from_many_threads_load_jieba_once(tmp_path: Path) -> None:
    """Workers asking for keywords at once all get the answer a single thread gets."""
    ex = KeywordExtractor(tmp_path)
    barrier = threading.Barrier(4)

    def work(article: Article) -> list[str]:
        barrier.wait()
        return ex.keywords(article)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, CORPUS))
    assert results == [ex.keywords(a) for a in CORPUS]
    assert ex.ready
