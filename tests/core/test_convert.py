"""Simplified/Traditional conversion as a reader meets it: names, modes, phrase files,
the article cache, laziness, threads and the `convert` CLI body.

Expected strings are hand-checked Chinese (or OpenCC's own answers), never output
copied from the code under test.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader_app.core.article import Article, Block, BlockType, Script
from reader_app.core.convert import (
    Converter,
    DisplayMode,
    convert_article,
    convert_text,
    run_convert,
)
from reader_app.core.errors import ConversionError
from reader_app.core.opencc_engine import Engine
from reader_app.core.paths import AppPaths

# Names from the corpus: (Simplified, Traditional). Same in every Traditional variant.
NAMES = [
    ("木里", "木里"),
    ("木里县", "木里縣"),
    ("盐源", "鹽源"),
    ("天虎云商", "天虎雲商"),
    ("凉山", "涼山"),
    ("燕门乡", "燕門鄉"),
    ("茨中村", "茨中村"),
    ("格桑拉姆", "格桑拉姆"),
    ("哈巴河", "哈巴河"),
    ("克拉玛依", "克拉瑪依"),
    ("胡杨河", "胡楊河"),
    ("柯瑞文", "柯瑞文"),
    ("王宏", "王宏"),
    ("藏祥阁", "藏祥閣"),
    ("西秋乡", "西秋鄉"),
    ("天翼", "天翼"),
    ("翼联爱心卡", "翼聯愛心卡"),
]


def _article(script: Script, title: str, body: str, subtitle: str | None = None) -> Article:
    return Article(
        id="a1",
        path="/tmp/a1.txt",
        format="plain",
        title=title,
        subtitle=subtitle,
        date=None,
        source=None,
        script=script,
        blocks=(Block(BlockType.PARAGRAPH, body),),
    )


@pytest.mark.parametrize(("simplified", "traditional"), NAMES)
@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2twp", "s2hk"])
def test_names_to_traditional(config: str, simplified: str, traditional: str) -> None:
    """A corpus name comes out in its proper Traditional form."""
    assert convert_text(simplified, config) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), NAMES)
@pytest.mark.parametrize("config", ["t2s", "tw2s", "tw2sp", "hk2s"])
def test_names_to_simplified(config: str, simplified: str, traditional: str) -> None:
    """A corpus name comes back to its Simplified form."""
    assert convert_text(traditional, config) == simplified


def test_muli_in_a_sentence() -> None:
    """木里 keeps its 里 while the 里 of 这里 still becomes 裏."""
    assert convert_text("这里是木里县森林", "s2t") == "這裏是木里縣森林"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (DisplayMode.TRADITIONAL, "木里縣"),
        (DisplayMode.TAIWAN, "木里縣"),
        (DisplayMode.HONG_KONG, "木里縣"),
        (DisplayMode.SIMPLIFIED, "木里县"),
    ],
)
def test_muli_in_every_mode(mode: DisplayMode, expected: str) -> None:
    """The county name survives every display mode from either script."""
    converter = Converter()
    for script, text in ((Script.SIMPLIFIED, "木里县"), (Script.TRADITIONAL, "木里縣")):
        assert converter.to_mode(text, script, mode) == expected


def test_unknown_config_lists_valid_names() -> None:
    """An unknown config name is a ConversionError that tells the valid names."""
    with pytest.raises(ConversionError) as raised:
        convert_text("汉字", "s2x")
    message = str(raised.value)
    assert "s2x" in message
    for name in ("s2t", "t2s", "s2twp", "hk2s"):
        assert name in message


def test_unknown_config_raises_even_for_empty_text() -> None:
    """Validation does not depend on there being text to convert."""
    with pytest.raises(ConversionError):
        convert_text("", "nope")


# -- display modes --------------------------------------------------------------


def test_original_is_unchanged() -> None:
    """ORIGINAL returns the article itself, stray characters and all."""
    article = _article(Script.SIMPLIFIED, "这裏", "發展")
    assert convert_article(article, DisplayMode.ORIGINAL) is article


def test_simplified_article_in_each_mode() -> None:
    """A Simplified article reads right in every mode (hand-checked Chinese)."""
    converter = Converter()
    s = Script.SIMPLIFIED
    assert converter.to_mode("软件和鼠标", s, DisplayMode.TRADITIONAL) == "軟件和鼠標"
    assert converter.to_mode("软件和鼠标", s, DisplayMode.TAIWAN) == "軟體和滑鼠"
    # OpenCC's standard writes 爲; Taiwan and Hong Kong write 為.
    assert converter.to_mode("为了", s, DisplayMode.TRADITIONAL) == "爲了"
    assert converter.to_mode("为了", s, DisplayMode.TAIWAN) == "為了"
    assert converter.to_mode("为了", s, DisplayMode.HONG_KONG) == "為了"


def test_traditional_article_in_each_mode() -> None:
    """A Traditional article reads right in every mode (hand-checked Chinese)."""
    converter = Converter()
    t = Script.TRADITIONAL
    assert converter.to_mode("這裏的發展很快", t, DisplayMode.SIMPLIFIED) == "这里的发展很快"
    # Taiwan's words, not only its character forms.
    assert converter.to_mode("軟件和鼠標", t, DisplayMode.TAIWAN) == "軟體和滑鼠"
    assert converter.to_mode("爲了", t, DisplayMode.HONG_KONG) == "為了"


def test_simplified_article_as_simplified_cleans_strays() -> None:
    """Traditional characters left in a Simplified article become Simplified."""
    converter = Converter()
    text = "这裏的發展很快"
    assert converter.to_mode(text, Script.SIMPLIFIED, DisplayMode.SIMPLIFIED) == "这里的发展很快"


def test_simplified_article_keeps_shared_characters() -> None:
    """Characters valid in Simplified (著名, 乾隆) are left alone when cleaning."""
    converter = Converter()
    text = "著名的乾隆皇帝"
    assert converter.to_mode(text, Script.SIMPLIFIED, DisplayMode.SIMPLIFIED) == text


def test_traditional_article_as_traditional_cleans_strays() -> None:
    """Simplified characters left in a Traditional article become Traditional."""
    converter = Converter()
    text = "多措并舉，谶語"
    assert converter.to_mode(text, Script.TRADITIONAL, DisplayMode.TRADITIONAL) == "多措並舉，讖語"


@pytest.mark.parametrize(
    "text",
    [
        "龍應台的書",  # a name; OpenCC's s2t would write 龍應臺
        "燕燕于飛",  # the Book of Songs; s2t would write 於
        "去干擾他",  # Taiwan's usual 干擾; s2t would write 幹擾
        "族群和山峰",  # Taiwan's 群 and 峰; OpenCC's standard writes 羣 and 峯
        "木里縣",
    ],
)
def test_traditional_article_keeps_valid_traditional(text: str) -> None:
    """Cleaning a Traditional article never rewrites valid Traditional text."""
    converter = Converter()
    assert converter.to_mode(text, Script.TRADITIONAL, DisplayMode.TRADITIONAL) == text


def test_convert_article_converts_title_subtitle_and_blocks() -> None:
    """Every text field is converted; identity and metadata are kept."""
    article = _article(Script.SIMPLIFIED, "凉山新闻", "木里县的软件", subtitle="天翼公司")
    shown = Converter().convert_article(article, DisplayMode.TAIWAN)
    assert shown.title == "涼山新聞"
    assert shown.subtitle == "天翼公司"
    assert [b.text for b in shown.blocks] == ["木里縣的軟體"]
    assert (shown.id, shown.path, shown.script) == (article.id, article.path, article.script)
    assert shown.blocks[0].type is BlockType.PARAGRAPH


def test_convert_article_without_subtitle() -> None:
    """A missing subtitle stays missing."""
    article = _article(Script.TRADITIONAL, "標題", "內容")
    assert Converter().convert_article(article, DisplayMode.SIMPLIFIED).subtitle is None


# -- the cache --------------------------------------------------------------------


def test_second_conversion_is_a_cache_hit() -> None:
    """Toggling back to a mode already shown does not convert again."""
    converter = Converter()
    article = _article(Script.SIMPLIFIED, "标题", "内容")
    assert not converter.is_cached(article, DisplayMode.TRADITIONAL)
    first = converter.convert_article(article, DisplayMode.TRADITIONAL)
    assert converter.is_cached(article, DisplayMode.TRADITIONAL)
    assert converter.convert_article(article, DisplayMode.TRADITIONAL) == first


def test_cache_is_keyed_by_content_not_id() -> None:
    """Changed text under the same id is converted afresh, not served stale."""
    converter = Converter()
    before = _article(Script.SIMPLIFIED, "标题", "旧的")
    after = _article(Script.SIMPLIFIED, "标题", "新的")
    converter.convert_article(before, DisplayMode.TRADITIONAL)
    shown = converter.convert_article(after, DisplayMode.TRADITIONAL)
    assert shown.blocks[0].text == "新的"


def test_duplicate_content_keeps_its_own_identity() -> None:
    """Same text at another path shares the conversion but keeps its id and path."""
    converter = Converter()
    one = _article(Script.SIMPLIFIED, "标题", "内容")
    two = one.with_changes(id="a2", path="/tmp/a2.txt")
    converter.convert_article(one, DisplayMode.TRADITIONAL)
    shown = converter.convert_article(two, DisplayMode.TRADITIONAL)
    assert (shown.id, shown.path, shown.title) == ("a2", "/tmp/a2.txt", "標題")


def test_cache_evicts_least_recently_used() -> None:
    """The cache is bounded: the oldest conversion is dropped first."""
    converter = Converter(cache_size=2)
    a, b, c = (_article(Script.SIMPLIFIED, t, "内容") for t in ("一", "二", "三"))
    for article in (a, b, c):
        converter.convert_article(article, DisplayMode.TRADITIONAL)
    assert not converter.is_cached(a, DisplayMode.TRADITIONAL)
    assert converter.is_cached(c, DisplayMode.TRADITIONAL)


# -- phrase files ---------------------------------------------------------------


def _paths(tmp_path: Path, phrases: str | None) -> AppPaths:
    paths = AppPaths.resolve(tmp_path).ensure()
    if phrases is not None:
        (paths.config_dir / "phrases.txt").write_text(phrases, encoding="utf-8")
    return paths


def test_user_phrase_fixes_a_conversion(tmp_path: Path) -> None:
    """A reader's phrase gives Taiwan's everyday 台灣 (OpenCC writes 臺灣), both ways."""
    paths = _paths(tmp_path, "# my fixes\n台湾\t台灣\n")
    converter = Converter.for_paths(paths)
    assert Converter().convert_text("台湾的山", "s2t") == "臺灣的山"
    assert converter.convert_text("台湾的山", "s2t") == "台灣的山"
    assert converter.convert_text("台灣的山", "t2s") == "台湾的山"


def test_user_phrase_wins_over_shipped(tmp_path: Path) -> None:
    """A reader's entry replaces the shipped entry for the same name."""
    converter = Converter.for_paths(_paths(tmp_path, "木里\t木裡\n"))
    assert converter.convert_text("木里", "s2t") == "木裡"


def test_longest_phrase_wins(tmp_path: Path) -> None:
    """Of two overlapping entries the longer one applies."""
    shipped = tmp_path / "shipped.txt"
    shipped.write_text("木里\t木里\n木里乡\t木裡鄉\n", encoding="utf-8")
    converter = Converter(shipped_phrases=shipped)
    assert converter.convert_text("木里乡和木里", "s2t") == "木裡鄉和木里"


def test_bad_phrase_lines_are_ignored(tmp_path: Path) -> None:
    """Comments, blank lines and lines without a tab do not break conversion."""
    text = "\ufeff# comment\n\nno tab here\n\t空\n台湾\t台灣  # trailing\n"
    converter = Converter.for_paths(_paths(tmp_path, text))
    assert converter.convert_text("台湾", "s2t") == "台灣"


def test_missing_user_phrase_file_is_fine(tmp_path: Path) -> None:
    """No phrases.txt in the config dir means shipped phrases only."""
    converter = Converter.for_paths(_paths(tmp_path, None))
    assert converter.convert_text("木里县", "s2t") == "木里縣"


def test_reload_picks_up_edited_phrases(tmp_path: Path) -> None:
    """After the reader edits phrases.txt, reload applies it (and drops stale cache)."""
    paths = _paths(tmp_path, "")
    converter = Converter.for_paths(paths)
    article = _article(Script.SIMPLIFIED, "标题", "台湾")
    assert converter.convert_article(article, DisplayMode.TRADITIONAL).blocks[0].text == ("臺灣")
    (paths.config_dir / "phrases.txt").write_text("台湾\t台灣\n", encoding="utf-8")
    converter.reload_phrases()
    assert converter.convert_article(article, DisplayMode.TRADITIONAL).blocks[0].text == ("台灣")


# -- the CLI body -------------------------------------------------------------------


def test_run_convert_writes_converted_text(tmp_path: Path) -> None:
    """stdin → stdout through the named config, reader phrases included; exit 0."""
    paths = _paths(tmp_path, "台湾\t台灣\n")
    out = io.StringIO()
    status = run_convert("s2twp", io.StringIO("木里县的软件\n台湾\n"), out, paths)
    assert status == 0
    assert out.getvalue() == "木里縣的軟體\n台灣\n"


def test_run_convert_unknown_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown config exits 2 with the valid names on stderr and nothing on stdout."""
    out = io.StringIO()
    status = run_convert("zz", io.StringIO("汉字"), out, _paths(tmp_path, None))
    assert status == 2
    assert out.getvalue() == ""
    assert "s2twp" in capsys.readouterr().err


# -- laziness, threads, robustness -------------------------------------------------


def test_import_loads_no_dictionary_and_no_qt() -> None:
    """Importing the module reads no dictionary and pulls in no Qt."""
    code = (
        "import sys\n"
        "import reader_app.core.convert as c, reader_app.core.opencc_engine as e\n"
        "assert e._default_engine is None and c._default is None\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_concurrent_first_use_agrees() -> None:
    """Many threads converting on a cold engine all get the same, right answer."""
    converter = Converter(engine=Engine())
    results: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        text = converter.convert_text("木里县的软件和鼠标", "s2twp")
        with lock:
            results.append(text)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["木里縣的軟體和滑鼠"] * 8


@given(st.text())
def test_any_text_converts_in_every_mode(text: str) -> None:
    """Conversion never raises, and text with no Chinese passes through unchanged."""
    converter = Converter()
    for script in Script:
        for mode in DisplayMode:
            out = converter.to_mode(text, script, mode)
            if not any("\u3400" <= ch <= "\u9fff" or ch > "\uf8ff" for ch in text):
                assert out == text


@given(st.text(alphabet="这里的发展很快木里县软件為爲著干后面", max_size=40))
def test_simplified_to_traditional_keeps_length(text: str) -> None:
    """s2t replaces characters one for one on ordinary text: nothing lost or doubled."""
    assert len(convert_text(text, "s2t")) == len(text)
